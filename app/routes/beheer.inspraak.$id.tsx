import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { DetailsForm, QuestionForm, TextArea, withDefaults } from '~/modules/consultations/admin-forms'
import { StatusBadge } from '~/modules/consultations/components'
import { requireConsultation } from '~/modules/consultations/loaders.server'
import { manageConsultation, mayPublishIn, publishableWijken, publishCityWide } from '~/modules/consultations/permissions'
import {
  addDocument,
  addQuestion,
  moveQuestion,
  publishConsultationReport,
  removeDocument,
  removeQuestion,
  saveConsultationDeclaration,
  transition,
  updateDetails,
} from '~/modules/consultations/commands.server'
import {
  areaOptions,
  declarationView,
  documentsOf,
  drawnAreaOf,
  publicView,
  questionsOf,
  responseCount,
  resolveArea,
} from '~/modules/consultations/queries.server'
import { canTransition, EDITABLE, TRANSITIONS, type Transition } from '~/modules/consultations/lifecycle'
import { detailsSchema, LIMITS, questionSchema, reportBackSchema, toQuestionConfig } from '~/modules/consultations/validation'
import { DeclarationFormFields, WeighingDeclaration } from '~/modules/participation/components'
import { declarationSchema, toDeclarationFields } from '~/modules/participation/declaration'
import { failure, parseForm, typedInput, typedValues, type FormFailure } from '~/utils/forms'
import { readUploadForm } from '~/utils/uploads.server'
import { formatFileSize } from '~/utils/file-size'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { fieldMessages, refuse, type Refusal } from '~/utils/result'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { toAmsterdamLocal } from '~/utils/time'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c, actor } = await requireConsultation(request, params.id, manageConsultation)
  const view = await publicView(c)
  const cityAllowed = publishCityWide(actor, undefined).ok
  const current = view.declaration.current
  return json({
    consultation: {
      id: c.id,
      title: c.title,
      status: c.status,
      kind: c.kind,
      editable: EDITABLE.includes(c.status),
    },
    defaults: {
      title: c.title,
      intro: c.intro,
      kind: c.kind,
      goals: c.goals.join('\n'),
      areaScope: c.areaScope,
      areaCodes: c.areaCodes,
      eligibility: c.eligibility,
      minimumAge: c.minimumAge ? String(c.minimumAge) : '',
      opensAt: toAmsterdamLocal(c.opensAt),
      closesAt: toAmsterdamLocal(c.closesAt),
      results: c.results,
      areaGeometry: c.areaScope === 'drawn' ? JSON.stringify(await drawnAreaOf(c.id)) : '',
    },
    declaration: current ? declarationView(current) : null,
    history: view.declaration.history.map(declarationView),
    reportBack: view.reportBack ? { summary: view.reportBack.summary, decision: view.reportBack.decision } : null,
    questions: await questionsOf(c.id),
    documents: await documentsOf(c.id),
    responses: await responseCount(c.id),
    transitions: (Object.keys(TRANSITIONS) as Transition[]).filter((a) => canTransition(c.status, a)),
    areas: await areaOptions(publishableWijken(actor)),
    cityAllowed,
  })
}

type ActionData = FormFailure & { intent?: string }

type Guarded = Awaited<ReturnType<typeof requireConsultation>>
/** What each intent of the action works with: the request, its form, the consultation and who acts. */
type IntentArgs = {
  request: Request
  formData: FormData
  intent: string
  c: Guarded['consultation']
  actor: NonNullable<Guarded['actor']>
  back: string
}

/** The refusal of a command, at its field, with the typed values. */
function bad({ intent, formData }: IntentArgs, refusal: Refusal) {
  return json<ActionData>(
    { intent, ...failure({ errors: fieldMessages(refusal) as Record<string, MessageKey> }, formData) },
    { status: 400 },
  )
}

async function saveDetails(args: IntentArgs) {
  const { request, formData, intent, c, actor, back } = args
  const parsed = parseForm(detailsSchema, formData)
  if (!parsed.ok) return json<ActionData>({ intent, ...parsed }, { status: 400 })
  const area = await resolveArea(parsed.data)
  if (!area.ok) return bad(args, refuse(area.reason, area.field))
  await requirePermission(request, mayPublishIn, area.wijkCodes)
  const result = await updateDetails(actor, c.id, { ...parsed.data, kind: c.kind })
  if (!result.ok) return bad(args, result)
  return redirectWithFlash(request, back, 'consultations.admin_saved')
}

async function saveDeclaration(args: IntentArgs) {
  const { request, formData, intent, c, actor, back } = args
  const parsed = parseForm(declarationSchema, formData)
  if (!parsed.ok) return json<ActionData>({ intent, ...parsed }, { status: 400 })
  const result = await saveConsultationDeclaration(actor, c.id, toDeclarationFields(parsed.data), parsed.data.changeNote)
  if (!result.ok) return bad(args, result)
  return redirectWithFlash(request, back, 'consultations.declaration_saved')
}

async function addQuestionFromForm(args: IntentArgs) {
  const { request, formData, intent, c, back } = args
  const parsed = parseForm(questionSchema, formData)
  if (!parsed.ok) return json<ActionData>({ intent, ...parsed }, { status: 400 })
  const { kind, config } = toQuestionConfig(parsed.data)
  const result = await addQuestion(c.id, {
    kind,
    config,
    prompt: parsed.data.prompt,
    help: parsed.data.help,
    required: parsed.data.required,
  })
  if (!result.ok) return bad(args, result)
  return redirectWithFlash(request, `${back}#vragen`, 'consultations.question_added')
}

/** Remove a question, or move it one place up or down. */
async function changeQuestion(args: IntentArgs) {
  const { request, formData, intent, c, back } = args
  const questionId = Number(formData.get('questionId'))
  if (!Number.isSafeInteger(questionId)) return bad(args, refuse('errors.not_found', 'form'))
  const result =
    intent === 'question_remove'
      ? await removeQuestion(c.id, questionId)
      : await moveQuestion(c.id, questionId, intent === 'question_up' ? 'up' : 'down')
  if (!result.ok) return bad(args, result)
  return redirectWithFlash(
    request,
    `${back}#vragen`,
    intent === 'question_remove' ? 'consultations.question_removed' : 'consultations.admin_saved',
  )
}

async function addDocumentFromForm(args: IntentArgs) {
  const { request, formData, c, actor, back } = args
  const title = String(formData.get('documentTitle') ?? '')
    .trim()
    .slice(0, LIMITS.documentTitle)
  const result = await addDocument(actor, c.id, title, formData.get('file') as File)
  if (!result.ok) return bad(args, result)
  return redirectWithFlash(request, `${back}#documenten`, 'consultations.document_added')
}

async function publishReport(args: IntentArgs) {
  const { request, formData, intent, c, actor } = args
  const parsed = parseForm(reportBackSchema, formData)
  if (!parsed.ok) return json<ActionData>({ intent, ...parsed }, { status: 400 })
  const result = await publishConsultationReport(actor, c.id, parsed.data)
  if (!result.ok) return bad(args, result)
  return redirectWithFlash(request, `/inspraak/${c.id}`, 'consultations.reported')
}

/** A lifecycle step (open, close, …): any intent that is none of the forms above. */
async function transitionFromForm(args: IntentArgs) {
  const { request, formData, intent, c, actor, back } = args
  if (!Object.hasOwn(TRANSITIONS, intent))
    return json<ActionData>(
      { intent, errors: { form: 'consultations.error.transition_invalid' }, values: typedValues(formData) },
      { status: 400 },
    )
  const result = await transition(actor, c.id, intent as Transition)
  if (!result.ok) return bad(args, result)
  return redirectWithFlash(request, back, 'consultations.transitioned')
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { consultation: c, actor } = await requireConsultation(request, params.id, manageConsultation)
  const back = `/beheer/inspraak/${c.id}`
  // Read as it comes in: a file over its limit is dropped and named at its field, the typed title kept.
  const read = await readUploadForm(request, { file: { maxBytes: LIMITS.documentBytes, maxCount: 1 } }, LIMITS.documentBytes + 200_000)
  if (!read)
    return json<ActionData>({ intent: 'document_add', errors: { file: 'consultations.error.file_too_large' }, values: {} }, { status: 413 })
  const { formData } = read
  if (read.refused.file)
    return json<ActionData>(
      { intent: 'document_add', errors: { file: 'consultations.error.file_too_large' }, ...typedInput(formData) },
      { status: 400 },
    )
  const intent = String(formData.get('intent') ?? '')
  const args: IntentArgs = { request, formData, intent, c, actor: actor!, back }
  switch (intent) {
    case 'details':
      return saveDetails(args)
    case 'declaration':
      return saveDeclaration(args)
    case 'question_add':
      return addQuestionFromForm(args)
    case 'question_remove':
    case 'question_up':
    case 'question_down':
      return changeQuestion(args)
    case 'document_add':
      return addDocumentFromForm(args)
    case 'document_remove': {
      await removeDocument(c.id, Number(formData.get('documentId')))
      return redirectWithFlash(request, `${back}#documenten`, 'consultations.document_removed')
    }
    case 'report':
      return publishReport(args)
    default:
      return transitionFromForm(args)
  }
}

/** A form-level message only at the form that was sent (several forms share this page). */
function IntentError({ intent }: { intent: string }) {
  const t = useT()
  const failed = useActionData<ActionData>()
  if (failed?.intent !== intent || !failed.errors.form) return null
  return (
    <div className="form-error" role="alert">
      {t(failed.errors.form)}
    </div>
  )
}

function DeclarationForm({ defaults, afterOpening }: { defaults: Record<string, string | undefined>; afterOpening: boolean }) {
  const form = withDefaults(useStemForm(declarationSchema), defaults)
  return (
    <StemFormElement form={form}>
      <IntentError intent="declaration" />
      <DeclarationFormFields form={form} showChangeNote={afterOpening} />
      <SubmitButton form={form} label="consultations.declaration_save" name="intent" value="declaration" />
    </StemFormElement>
  )
}

function ReportForm({ defaults }: { defaults: Record<string, string | undefined> }) {
  const form = withDefaults(useStemForm(reportBackSchema), defaults)
  return (
    <StemFormElement form={form}>
      <IntentError intent="report" />
      <TextArea form={form} name="summary" label="consultations.report_summary" maxLength={LIMITS.summary} rows={8} />
      <TextArea form={form} name="decision" label="consultations.report_decision_field" maxLength={LIMITS.decision} rows={4} />
      <SubmitButton form={form} label="consultations.report_submit" name="intent" value="report" />
    </StemFormElement>
  )
}

function DocumentForm() {
  const t = useT()
  const failed = useActionData<ActionData>()
  const mine = failed?.intent === 'document_add' ? failed : undefined
  const error = mine?.errors.file
  return (
    <Form method="post" encType="multipart/form-data">
      <div className="field">
        <label htmlFor="documentTitle">{t('consultations.document_title')}</label>
        <input id="documentTitle" name="documentTitle" maxLength={LIMITS.documentTitle} defaultValue={mine?.values.documentTitle ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="file">{t('consultations.document_file')}</label>
        {error ? (
          <p className="error" id="file-error">
            <span className="visually-hidden">{t('forms.error_prefix')} </span>
            {t(error)}
          </p>
        ) : null}
        <input
          id="file"
          name="file"
          type="file"
          accept="application/pdf,.pdf"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'file-error' : undefined}
        />
      </div>
      <button type="submit" name="intent" value="document_add">
        {t('consultations.documents_add')}
      </button>
    </Form>
  )
}

/** Where the consultation stands, and the lifecycle steps open from here. */
function LifecycleSection() {
  const t = useT()
  const { consultation: c, declaration: d, transitions } = useLoaderData<typeof loader>()
  const failed = useActionData<ActionData>()
  const lifecycleError = failed && failed.intent && Object.hasOwn(TRANSITIONS, failed.intent) ? failed.errors.form : undefined
  return (
    <section aria-labelledby="stand">
      <h2 id="stand">{t('consultations.lifecycle')}</h2>
      <p>{t('consultations.lifecycle_now', { status: t(`consultations.status.${c.status}` as MessageKey) })}</p>
      {lifecycleError ? (
        <div className="form-error" role="alert">
          {t(lifecycleError)}
        </div>
      ) : null}
      {!d ? <p className="notice">{t('consultations.declaration_missing')}</p> : null}
      {transitions.length ? (
        <Form method="post">
          {transitions.map((a) => (
            <button
              key={a}
              type="submit"
              name="intent"
              value={a}
              className={a === 'back_to_draft' ? 'secondary' : undefined}
              style={{ marginRight: '0.5rem' }}
            >
              {t(`consultations.action.${a}` as MessageKey)}
            </button>
          ))}
        </Form>
      ) : null}
    </section>
  )
}

/** The weighing declaration with its history, and its form until the report-back is out. */
function DeclarationSection() {
  const t = useT()
  const { consultation: c, declaration: d, history } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="weging">
      <h2 id="weging">{t('consultations.declaration')}</h2>
      {d ? <WeighingDeclaration declaration={d} history={history} /> : null}
      {c.status !== 'reported' ? (
        <DeclarationForm
          afterOpening={!c.editable}
          defaults={
            d
              ? {
                  level: d.level,
                  decidedBy: d.decidedBy,
                  decisionExpectedOn: d.decisionExpectedOn ?? '',
                  usedFor: d.usedFor,
                  minimumParticipants: d.bindingRule?.kind === 'most_votes' ? String(d.bindingRule.minimumParticipants) : '',
                  reportBackBy: d.reportBackBy,
                }
              : {}
          }
        />
      ) : null}
    </section>
  )
}

/** One of a question's buttons; its accessible name says which question it moves or removes. */
function QuestionButton({ intent, prompt }: { intent: 'question_up' | 'question_down' | 'question_remove'; prompt: string }) {
  const t = useT()
  const label = t(`consultations.${intent}`)
  return (
    <button type="submit" name="intent" value={intent} className="secondary" aria-label={`${label}: ${prompt}`}>
      {label}
    </button>
  )
}

/** Move a question up or down, or remove it (while the consultation can be edited). */
function QuestionControls({ question: q, index: i, count }: { question: { id: number; prompt: string }; index: number; count: number }) {
  return (
    <Form method="post" style={{ display: 'inline', marginLeft: '0.5rem' }}>
      <input type="hidden" name="questionId" value={q.id} />
      {i > 0 ? <QuestionButton intent="question_up" prompt={q.prompt} /> : null}{' '}
      {i < count - 1 ? <QuestionButton intent="question_down" prompt={q.prompt} /> : null}{' '}
      <QuestionButton intent="question_remove" prompt={q.prompt} />
    </Form>
  )
}

function QuestionsSection() {
  const t = useT()
  const { consultation: c, questions } = useLoaderData<typeof loader>()
  const failed = useActionData<ActionData>()
  const questionError = failed?.intent?.startsWith('question_') ? failed.errors.form : undefined
  return (
    <section aria-labelledby="vragen">
      <h2 id="vragen">{t('consultations.questions')}</h2>
      {questionError ? (
        <div className="form-error" role="alert">
          {t(questionError)}
        </div>
      ) : null}
      {questions.length === 0 ? (
        <p>{t('consultations.questions_none')}</p>
      ) : (
        <ol data-testid="question-list">
          {questions.map((q, i) => (
            <li key={q.id}>
              <strong>{q.prompt}</strong> — {t(`consultations.qkind.${q.kind}` as MessageKey)}
              {q.required ? ` ${t('consultations.required')}` : ''}
              {q.config.options ? ` (${q.config.options.join(', ')})` : ''}
              {c.editable ? <QuestionControls question={q} index={i} count={questions.length} /> : null}
            </li>
          ))}
        </ol>
      )}
      {c.editable ? (
        <>
          <h3>{t('consultations.question_add')}</h3>
          <QuestionForm />
        </>
      ) : null}
    </section>
  )
}

function DocumentsSection() {
  const t = useT()
  const locale = useLocale()
  const { consultation: c, documents } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="documenten">
      <h2 id="documenten">{t('consultations.documents')}</h2>
      {documents.length ? (
        <ul>
          {documents.map((doc) => (
            <li key={doc.id}>
              <a href={`/inspraak/${c.id}/documenten/${doc.id}`}>{doc.title}</a> ({formatFileSize(doc.size, locale)})
              <Form method="post" style={{ display: 'inline', marginLeft: '0.5rem' }}>
                <input type="hidden" name="documentId" value={doc.id} />
                <button
                  type="submit"
                  name="intent"
                  value="document_remove"
                  className="secondary"
                  aria-label={`${t('consultations.document_remove')}: ${doc.title}`}
                >
                  {t('consultations.document_remove')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <DocumentForm />
    </section>
  )
}

export default function AdminConsultation() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  const { consultation: c } = data
  return (
    <>
      <p>
        <Link to="/beheer/inspraak">{t('consultations.admin')}</Link> ·{' '}
        {c.status !== 'draft' && c.status !== 'review' ? <Link to={`/inspraak/${c.id}`}>{t('consultations.admin_view')}</Link> : null}
      </p>
      <h1>{c.title}</h1>
      <p>
        <StatusBadge status={c.status} /> · {t('consultations.responses_count', { n: data.responses })}
        {data.responses > 0 ? (
          <>
            {' '}
            · <a href={`/beheer/inspraak/${c.id}/csv`}>{t('consultations.export_csv')}</a>
          </>
        ) : null}
      </p>

      <LifecycleSection />
      <DeclarationSection />

      <section aria-labelledby="gegevens">
        <h2 id="gegevens">{t('consultations.admin_details')}</h2>
        <IntentError intent="details" />
        {c.editable ? (
          <DetailsForm
            areas={data.areas}
            defaults={data.defaults}
            intent="details"
            submitLabel="consultations.admin_save"
            cityAllowed={data.cityAllowed}
            kindFixed
            formError={false}
          />
        ) : (
          <p className="notice">{t('consultations.admin_locked')}</p>
        )}
      </section>

      <QuestionsSection />
      <DocumentsSection />

      {c.status === 'closed' || c.status === 'reported' ? (
        <section aria-labelledby="terugkoppelen">
          <h2 id="terugkoppelen">{t('consultations.report_form')}</h2>
          <p>{t('consultations.report_form_lead')}</p>
          <ReportForm defaults={data.reportBack ?? {}} />
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'consultations.admin')
