import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { getActor, redirectWithFlash, requirePermission } from '~/auth/session.server'
import type { DenialReason } from '~/auth/permissions'
import { Denial } from '~/components/denial'
import { participant, withAssistedRecord } from '~/auth/acting.server'
import { QuestionInput, StatusBadge } from '~/modules/consultations/components'
import { refForPerson, requireConsultation } from '~/modules/consultations/loaders.server'
import { manageConsultation, respondToConsultation, viewConsultation, viewResults } from '~/modules/consultations/permissions'
import { declarationView, documentsOf, publicView, questionsOf, resolveAddresses, responseOf } from '~/modules/consultations/queries.server'
import { submitResponse } from '~/modules/consultations/commands.server'
import { answerToValues, formObject, formValues, validateAnswers } from '~/modules/consultations/validation'
import { WeighingDeclaration } from '~/modules/participation/components'
import { formatDate } from '~/modules/participation/declaration'
import { formatFileSize } from '~/utils/file-size'
import { useLocale, useT, type MessageKey, type Params } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { fieldMessages } from '~/utils/result'
import { ServedPromises } from '~/modules/promises/components'
import { promisesServedBy } from '~/modules/promises/queries.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

interface AnswerFailure {
  errors: Record<string, MessageKey>
  params?: Record<string, Params>
  values: Record<string, string | string[]>
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c, ref } = await requireConsultation(request, params.id, viewConsultation)
  const actor = await getActor(request)
  const questions = await questionsOf(c.id)
  const view = await publicView(c)
  // A helper acting for a resident sees the page as that resident: their eligibility, and whether they
  // answered — never what they answered (issue 14).
  const respondent = await participant(request)
  const assisted = respondent?.actingFor
  const decision = respondToConsultation(respondent, respondent?.id === actor?.id ? ref : await refForPerson(c, respondent))
  const response = respondent ? await responseOf(c.id, respondent.id) : null
  const values =
    response && !assisted ? Object.assign({}, ...questions.map((q) => answerToValues(q, response.answers[String(q.id)] as never))) : {}
  return json({
    servedPromises: await promisesServedBy('consultation', String(c.id)),
    consultation: {
      id: c.id,
      title: c.title,
      intro: c.intro,
      kind: c.kind,
      goals: c.goals,
      status: c.status,
      ownerRole: c.ownerRole,
      eligibility: c.eligibility,
      minimumAge: c.minimumAge,
      results: c.results,
      opensAt: c.opensAt?.toISOString() ?? null,
      closesAt: c.closesAt?.toISOString() ?? null,
      area: view.areaNames,
      areaDrawn: c.areaScope === 'drawn',
    },
    declaration: view.declaration.current ? declarationView(view.declaration.current) : null,
    history: view.declaration.history.map(declarationView),
    reportBack: view.reportBack
      ? { summary: view.reportBack.summary, decision: view.reportBack.decision, publishedAt: view.reportBack.publishedAt.toISOString() }
      : null,
    questions,
    documents: await documentsOf(c.id),
    canRespond: decision.ok,
    denial: decision.ok ? null : decision.reason,
    loggedIn: !!actor,
    answered: !!response,
    actingFor: !!assisted,
    values,
    resultsVisible: viewResults(actor, ref).ok,
    canManage: manageConsultation(actor, ref).ok,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { consultation: c } = await requireConsultation(request, params.id, viewConsultation)
  // The answer is the resident's own when a helper acts for them (assisted module); a drawn area is
  // checked against the resident's address.
  const actor = (await requirePermission(request, respondToConsultation, (respondent) => refForPerson(c, respondent)))!
  const assisted = actor.actingFor
  const formData = await request.formData()
  const questions = await questionsOf(c.id)
  const values = formValues(formData)
  const checked = validateAnswers(questions, formObject(formData))
  if (!checked.ok) return json<AnswerFailure>({ errors: checked.errors, params: checked.params, values }, { status: 400 })
  const { points, errors } = await resolveAddresses(checked.addresses)
  if (Object.keys(errors).length) return json<AnswerFailure>({ errors, values }, { status: 400 })
  const saved = await withAssistedRecord(
    assisted,
    (db) => submitResponse(actor, c.id, { ...checked.answers, ...points }, db),
    (r) => (r.ok ? { action: 'consultation.answer', itemKind: 'consultation', itemId: String(c.id) } : null),
  )
  if (!saved.ok) return json<AnswerFailure>({ errors: fieldMessages(saved) as Record<string, MessageKey>, values }, { status: 400 })
  return redirectWithFlash(request, `/inspraak/${c.id}`, 'consultations.submitted')
}

function ConsultationFacts() {
  const t = useT()
  const locale = useLocale()
  const { consultation: c } = useLoaderData<typeof loader>()
  return (
    <dl className="facts">
      <dt>{t('consultations.owner')}</dt>
      <dd>{t(`consultations.owner.${c.ownerRole}` as MessageKey)}</dd>
      <dt>{t('consultations.area')}</dt>
      <dd>
        {c.areaDrawn
          ? t('consultations.area_drawn_in', { names: c.area.join(', ') })
          : c.area.length
            ? c.area.join(', ')
            : t('consultations.city')}
      </dd>
      <dt>{t('consultations.who_can')}</dt>
      <dd>
        {t(`consultations.eligibility.${c.eligibility}` as MessageKey)}
        {c.minimumAge ? ` ${t('consultations.eligibility.minimum_age', { age: c.minimumAge })}` : ''}
      </dd>
      {c.opensAt && c.status === 'scheduled' ? (
        <>
          <dt>{t('consultations.field.opens_at')}</dt>
          <dd>{t('consultations.opens', { date: formatDate(c.opensAt, locale) })}</dd>
        </>
      ) : null}
      {c.closesAt ? (
        <>
          <dt>{t('consultations.field.closes_at')}</dt>
          <dd>
            {c.status === 'closed' || c.status === 'reported'
              ? t('consultations.closed_on', { date: formatDate(c.closesAt, locale) })
              : t('consultations.closes', { date: formatDate(c.closesAt, locale) })}
          </dd>
        </>
      ) : null}
    </dl>
  )
}

function ReportBack({ reportBack }: { reportBack: NonNullable<SerializeFrom<typeof loader>['reportBack']> }) {
  const t = useT()
  const locale = useLocale()
  return (
    <section aria-labelledby="terugkoppeling">
      <h2 id="terugkoppeling">{t('consultations.report_back')}</h2>
      <p className="hint">{t('consultations.report_published', { date: formatDate(reportBack.publishedAt, locale) })}</p>
      {reportBack.summary.split(/\n{2,}/).map((p) => (
        <p key={p}>{p}</p>
      ))}
      <h3>{t('consultations.report_decision')}</h3>
      <p>{reportBack.decision}</p>
    </section>
  )
}

function YourResponse() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  const failed = useActionData<AnswerFailure>()
  const navigation = useNavigation()
  const { consultation: c, declaration } = data
  const values = failed?.values ?? data.values
  return (
    <section aria-labelledby="jouw-reactie">
      <h2 id="jouw-reactie">{t('consultations.form_title')}</h2>
      {c.status === 'scheduled' ? <p>{t('consultations.not_open_yet')}</p> : null}
      {c.status === 'closed' || c.status === 'reported' ? <p>{t('consultations.is_closed')}</p> : null}
      {c.status === 'open' && !data.canRespond ? (
        data.denial === 'not_logged_in' ? (
          <p>
            <Link to={`/inloggen?redirectTo=/inspraak/${c.id}`}>{t('consultations.login_to_take_part')}</Link>
          </p>
        ) : (
          <div className="notice" data-testid="cannot-take-part">
            <p>
              <strong>{t('consultations.cannot_take_part')}</strong>
            </p>
            <Denial reason={data.denial as DenialReason} headingLevel={2} />
          </div>
        )
      ) : null}
      {c.status === 'open' && data.canRespond ? (
        <Form method="post" noValidate>
          <p data-testid={data.actingFor && data.answered ? 'resident-answered' : undefined}>
            {t(
              data.actingFor && data.answered
                ? 'assisted.resident_answered'
                : data.answered
                  ? 'consultations.form_edit'
                  : 'consultations.form_lead',
            )}
          </p>
          {failed?.errors ? (
            <div className="form-error" role="alert">
              {failed.errors.form ? t(failed.errors.form) : t('consultations.errors_summary')}
            </div>
          ) : null}
          {data.questions.map((q) => (
            <QuestionInput key={q.id} q={q} values={values} error={failed?.errors[`q${q.id}`]} errorParams={failed?.params?.[`q${q.id}`]} />
          ))}
          {declaration ? <WeighingDeclaration declaration={declaration} compact /> : null}
          <button type="submit" disabled={navigation.state === 'submitting'}>
            {t(data.answered ? 'consultations.submit_update' : 'consultations.submit')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}

export default function ConsultationPage() {
  const t = useT()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const { consultation: c, declaration, history } = data
  return (
    <>
      <p>
        <Link to="/inspraak">{t('consultations.title')}</Link>
      </p>
      <h1>{c.title}</h1>
      <p>
        <StatusBadge status={c.status} /> <span className="badge">{t(`consultations.kind.${c.kind}` as MessageKey)}</span>
      </p>
      {declaration ? <WeighingDeclaration declaration={declaration} history={history} /> : null}
      <ServedPromises promises={data.servedPromises} />
      <ConsultationFacts />
      {c.intro.split(/\n{2,}/).map((p) => (
        <p key={p}>{p}</p>
      ))}
      {c.goals.length ? (
        <>
          <h2>{t('consultations.goals')}</h2>
          <ol>
            {c.goals.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ol>
        </>
      ) : null}
      {data.documents.length ? (
        <>
          <h2>{t('consultations.documents')}</h2>
          <ul>
            {data.documents.map((d) => (
              <li key={d.id}>
                <a href={`/inspraak/${c.id}/documenten/${d.id}`}>{d.title}</a> (
                {t('consultations.document_size', { size: formatFileSize(d.size, locale) })})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.reportBack ? (
        <ReportBack reportBack={data.reportBack} />
      ) : c.status === 'closed' && declaration ? (
        <p className="notice">{t('consultations.report_pending', { date: formatDate(declaration.reportBackBy, locale) })}</p>
      ) : null}
      {data.resultsVisible && c.status !== 'scheduled' ? (
        <p>
          <Link to={`/inspraak/${c.id}/uitkomsten`}>{t('consultations.results_link')}</Link>
        </p>
      ) : c.status === 'open' ? (
        <p>{t(c.results === 'live' ? 'consultations.results_live' : 'consultations.results_after_close')}</p>
      ) : null}
      {data.canManage ? (
        <p>
          <Link to={`/beheer/inspraak/${c.id}`}>{t('consultations.admin_edit')}</Link>
        </p>
      ) : null}
      <YourResponse />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'consultations.title').map((m) => ({ title: `${args.data?.consultation.title ?? ''} — ${m.title}` }))
