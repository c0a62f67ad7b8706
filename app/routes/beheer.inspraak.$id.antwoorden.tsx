import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { redirectWithFlash } from '~/auth/session.server'
import { StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { TextArea, withDefaults } from '~/modules/consultations/admin-forms'
import { requireConsultation } from '~/modules/consultations/loaders.server'
import { openTextsOf, setAnswerHidden, setMaskTerms } from '~/modules/consultations/open-answers.server'
import { manageConsultation } from '~/modules/consultations/permissions'
import { MASK_LIMITS } from '~/modules/consultations/personal-data'
import { questionsOf } from '~/modules/consultations/queries.server'
import { hideAnswerSchema, maskTermsSchema, showAnswerSchema } from '~/modules/consultations/validation'
import { parseForm, type FormFailure } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/** The owner checks the open-text answers as the public sees them, hides one with a reason, marks names. */

const SHOWN = 500

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireConsultation(request, params.id, manageConsultation)
  const questions = (await questionsOf(c.id)).filter((q) => q.kind === 'open')
  const texts = await openTextsOf(c.id)
  return json({
    consultation: { id: c.id, title: c.title },
    terms: c.maskTerms.join('\n'),
    questions: questions.map((q) => ({
      id: q.id,
      prompt: q.prompt,
      texts: texts.filter((x) => x.questionId === q.id).slice(0, SHOWN),
      total: texts.filter((x) => x.questionId === q.id).length,
    })),
  })
}

type ActionData = FormFailure & { intent?: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const { consultation: c, actor } = await requireConsultation(request, params.id, manageConsultation)
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const back = `/beheer/inspraak/${c.id}/antwoorden`
  if (intent === 'terms') {
    const parsed = parseForm(maskTermsSchema, formData)
    if (!parsed.ok) return json<ActionData>({ intent, ...parsed }, { status: 400 })
    await setMaskTerms(actor!, c.id, parsed.data.terms)
    return redirectWithFlash(request, back, 'consultations.answers_terms_saved')
  }
  if (intent === 'hide' || intent === 'show') {
    const parsed = parseForm(intent === 'hide' ? hideAnswerSchema : showAnswerSchema, formData)
    if (!parsed.ok) return json<ActionData>({ intent, ...parsed }, { status: 400 })
    const data: { answerId: string; reason?: string } = parsed.data
    const reason = intent === 'hide' ? (data.reason ?? null) : null
    if (!(await setAnswerHidden(actor!, c.id, data.answerId, reason))) throw new Response('Not found', { status: 404 })
    return redirectWithFlash(request, back, reason ? 'consultations.answers_hidden_done' : 'consultations.answers_shown_done')
  }
  return json<ActionData>({ intent, errors: { form: 'errors.not_found' }, values: {} }, { status: 400 })
}

function HideForm({ answerId }: { answerId: string }) {
  const t = useT()
  const failed = useActionData<ActionData>()
  const mine = failed?.intent === 'hide' && failed.values.answerId === answerId
  const error = mine ? failed.errors.reason : undefined
  const id = `reason-${answerId}`
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="answerId" value={answerId} />
      <div className="field">
        <label htmlFor={id}>{t('consultations.answers_hide_reason')}</label>
        {error ? (
          <p className="error" id={`${id}-error`}>
            <span className="visually-hidden">{t('forms.error_prefix')} </span>
            {t(error)}
          </p>
        ) : null}
        <input
          id={id}
          name="reason"
          maxLength={300}
          defaultValue={mine ? failed.values.reason : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      <button type="submit" name="intent" value="hide">
        {t('consultations.answers_hide')}
      </button>
    </Form>
  )
}

function TermsForm({ terms }: { terms: string }) {
  const form = withDefaults(useStemForm(maskTermsSchema), { terms })
  return (
    <StemFormElement form={form}>
      <TextArea
        form={form}
        name="terms"
        label="consultations.answers_terms"
        hint="consultations.answers_terms_hint"
        maxLength={MASK_LIMITS.terms * (MASK_LIMITS.termMax + 2)}
        rows={4}
      />
      <SubmitButton form={form} label="consultations.answers_terms_save" name="intent" value="terms" />
    </StemFormElement>
  )
}

export default function OpenAnswers() {
  const t = useT()
  const { consultation: c, terms, questions } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to={`/beheer/inspraak/${c.id}`}>{c.title}</Link>
      </p>
      <h1>{t('consultations.answers_title')}</h1>
      <p className="lead">{t('consultations.answers_lead')}</p>
      <TermsForm terms={terms} />
      {questions.every((q) => q.total === 0) ? <p>{t('consultations.answers_none')}</p> : null}
      {questions.map((q) => (
        <section key={q.id} aria-labelledby={`q${q.id}`}>
          <h2 id={`q${q.id}`}>{q.prompt}</h2>
          {q.total > q.texts.length ? <p className="hint">{t('consultations.answers_limit', { n: q.texts.length })}</p> : null}
          <ul className="card-list" data-testid={`answers-${q.id}`}>
            {q.texts.map((x) => (
              <li key={x.id}>
                <p>{x.text}</p>
                {x.masked ? <p className="hint">{t('consultations.answers_masked', { n: x.masked })}</p> : null}
                {x.hidden ? (
                  <>
                    <p>
                      <strong>{t('consultations.answers_hidden', { reason: x.hidden })}</strong>
                    </p>
                    {x.moderated ? (
                      <p className="hint">{t('consultations.answers_moderated')}</p>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="answerId" value={x.id} />
                        <button type="submit" name="intent" value="show">
                          {t('consultations.answers_show')}
                        </button>
                      </Form>
                    )}
                  </>
                ) : (
                  <HideForm answerId={x.id} />
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'consultations.answers_title')
