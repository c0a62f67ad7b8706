import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import paperStyles from '~/modules/assisted/paper-form.css'
import { assistedPermissions } from '~/modules/assisted/permissions'
import { requireConsultation } from '~/modules/consultations/loaders.server'
import { viewConsultation } from '~/modules/consultations/permissions'
import { declarationView, publicView, questionsOf } from '~/modules/consultations/queries.server'
import type { QuestionView } from '~/modules/consultations/validation'
import { WeighingDeclaration } from '~/modules/participation/components'
import { formatDate } from '~/modules/participation/declaration'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/*
 * The paper form of a consultation, for helpers to print (A4): the weighing declaration, every question
 * with boxes to tick or lines to write on, and the resident's details and consent. The returned form is
 * entered through the desk with the channel "papier", as that resident's own answer.
 */

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: paperStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, assistedPermissions.useDesk, undefined)
  const { consultation: c } = await requireConsultation(request, params.id, viewConsultation)
  const view = await publicView(c)
  return json({
    consultation: {
      id: c.id,
      title: c.title,
      intro: c.intro,
      status: c.status,
      eligibility: c.eligibility,
      minimumAge: c.minimumAge,
      closesAt: c.closesAt?.toISOString() ?? null,
      area: view.areaNames,
    },
    declaration: view.declaration.current ? declarationView(view.declaration.current) : null,
    questions: await questionsOf(c.id),
  })
}

function Boxes({ labels }: { labels: string[] }) {
  return (
    <ul className="paper-boxes">
      {labels.map((label) => (
        <li key={label}>
          <span className="paper-box" aria-hidden="true" /> {label}
        </li>
      ))}
    </ul>
  )
}

function WriteLines({ count }: { count: number }) {
  return (
    <div className="paper-lines" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <span key={i} />
      ))}
    </div>
  )
}

function PaperQuestion({ q, n }: { q: QuestionView; n: number }) {
  const t = useT()
  const options = q.config.options ?? []
  let how: string
  let body: JSX.Element
  switch (q.kind) {
    case 'single':
      how = t('assisted.paper_single')
      body = <Boxes labels={options} />
      break
    case 'multiple':
      how = t('assisted.paper_multiple', { min: q.config.minChoices ?? 0, max: q.config.maxChoices ?? options.length })
      body = <Boxes labels={options} />
      break
    case 'scale':
      how = t('assisted.paper_scale', { low: q.config.lowLabel ?? '1', high: q.config.highLabel ?? '5' })
      body = <Boxes labels={['1', '2', '3', '4', '5', ...(q.config.allowDontKnow ? [t('assisted.paper_dont_know')] : [])]} />
      break
    case 'ranking':
      how = t('assisted.paper_ranking', { count: options.length })
      body = (
        <ul className="paper-boxes">
          {options.map((o) => (
            <li key={o}>
              <span className="paper-box wide" aria-hidden="true" /> {o}
            </li>
          ))}
        </ul>
      )
      break
    case 'open':
      how = t('assisted.paper_open', { max: q.config.maxLength ?? 2000 })
      body = <WriteLines count={6} />
      break
    default:
      how = t('assisted.paper_place')
      body = <WriteLines count={2} />
  }
  return (
    <li className="paper-question">
      <h3>
        {t('assisted.paper_question', { n })} {q.prompt}
        {q.required ? '' : ` ${t('assisted.paper_optional')}`}
      </h3>
      {q.help ? <p className="hint">{q.help}</p> : null}
      <p className="paper-how">{how}</p>
      {body}
    </li>
  )
}

export default function PaperForm() {
  const t = useT()
  const locale = useLocale()
  const { consultation: c, declaration, questions } = useLoaderData<typeof loader>()
  return (
    <article className="paper-form">
      <div className="no-print notice">
        <p>{t('assisted.paper_print_hint')}</p>
        <p>{t('assisted.paper_enter_hint')}</p>
        <p>
          <Link to="/balie">{t('assisted.desk_title')}</Link> · <Link to={`/inspraak/${c.id}`}>{t('assisted.paper_online')}</Link>
        </p>
      </div>
      <p className="paper-sender">{t('assisted.paper_sender')}</p>
      <h1>{c.title}</h1>
      <p>{t('assisted.paper_lead')}</p>
      <dl className="facts">
        <dt>{t('consultations.area')}</dt>
        <dd>{c.area.length ? c.area.join(', ') : t('consultations.city')}</dd>
        <dt>{t('consultations.who_can')}</dt>
        <dd>
          {t(`consultations.eligibility.${c.eligibility}` as MessageKey)}
          {c.minimumAge ? ` ${t('consultations.eligibility.minimum_age', { age: c.minimumAge })}` : ''}
        </dd>
        {c.closesAt ? (
          <>
            <dt>{t('assisted.paper_return_by')}</dt>
            <dd>{formatDate(c.closesAt, locale)}</dd>
          </>
        ) : null}
      </dl>
      {declaration ? <WeighingDeclaration declaration={declaration} /> : null}
      {c.intro.split(/\n{2,}/).map((p) => (
        <p key={p}>{p}</p>
      ))}
      <h2>{t('assisted.paper_questions')}</h2>
      <ol className="paper-questions">
        {questions.map((q, i) => (
          <PaperQuestion key={q.id} q={q} n={i + 1} />
        ))}
      </ol>
      <section className="paper-person" aria-labelledby="paper-person-title">
        <h2 id="paper-person-title">{t('assisted.paper_person')}</h2>
        <p>{t('assisted.paper_person_lead')}</p>
        <dl className="paper-fill">
          <dt>{t('fields.legal_name')}</dt>
          <dd />
          <dt>{t('fields.postcode')}</dt>
          <dd />
          <dt>{t('fields.house_number')}</dt>
          <dd />
          <dt>{t('fields.birth_date')}</dt>
          <dd />
        </dl>
        <h3>{t('assisted.paper_consent_title')}</h3>
        <p>
          <span className="paper-box" aria-hidden="true" /> {t('assisted.paper_consent')}
        </p>
        <dl className="paper-fill">
          <dt>{t('assisted.paper_date')}</dt>
          <dd />
          <dt>{t('assisted.paper_signature')}</dt>
          <dd className="tall" />
        </dl>
        <p className="hint">{t('assisted.paper_privacy')}</p>
      </section>
    </article>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'assisted.paper_title')
