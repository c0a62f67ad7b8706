import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { Field, FormError, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { ReactionStatusBadge } from '~/modules/alerts/components'
import { decisionOf, publishDecision } from '~/modules/alerts/decisions.server'
import { getNotice } from '~/modules/alerts/notices.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { listReactions } from '~/modules/alerts/reactions.server'
import { ALERT_LIMITS, decisionSchema, notaThemesOf } from '~/modules/alerts/validation'
import { parseForm, refusalFailure, typedInput } from '~/utils/forms'
import { readUploadForm } from '~/utils/uploads.server'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

async function requireNotice(request: Request, id: string | undefined) {
  const notice = await getNotice(Number(id))
  if (!notice) throw new Response('Not found', { status: 404 })
  const actor = (await requirePermission(request, alertsPermissions.handleReactions, { createdBy: notice.createdBy }))!
  return { actor, notice }
}

/**
 * Staff publish the decision that follows a notice with its nota van beantwoording: the reactions grouped
 * by theme, each referred to by receipt number (never by name), with the answer. This is the report-back.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { notice } = await requireNotice(request, params.id)
  const [decision, reactions] = await Promise.all([decisionOf(notice.id), listReactions({ noticeId: notice.id })])
  return json({
    notice: { id: notice.id, title: notice.title, kind: notice.kind },
    published: decision ? decision.publishedAt.toISOString() : null,
    reactions: reactions.map((r) => ({ id: r.id, receiptNumber: r.receiptNumber, status: r.status, excerpt: r.excerpt, kind: r.kind })),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, notice } = await requireNotice(request, params.id)
  const read = await readUploadForm(
    request,
    { document: { maxBytes: ALERT_LIMITS.attachmentBytes, maxCount: 1 } },
    ALERT_LIMITS.attachmentBytes + 200_000,
  )
  if (!read) return json({ errors: { document: 'alerts.error_attachment_size' as MessageKey }, values: {} }, { status: 413 })
  const { formData } = read
  if (read.refused.document)
    return json({ errors: { document: 'alerts.error_attachment_size' as MessageKey }, ...typedInput(formData) }, { status: 400 })
  const parsed = parseForm(decisionSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const values = parsed.data as Record<string, string>
  const document = formData.get('document')
  const result = await publishDecision(actor.id, notice.id, {
    text: values.text!,
    nota: notaThemesOf(values),
    document: document instanceof File ? document : null,
  })
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, `/bekendmakingen/${notice.id}#besluit`, 'alerts.decision_flash')
}

function DecisionForm() {
  const t = useT()
  const form = useStemForm(decisionSchema)
  const documentError = form.errorFor('document')
  return (
    <StemFormElement form={form} encType="multipart/form-data" aria-labelledby="decision-title">
      <FormError form={form} />
      <TextAreaField
        form={form}
        name="text"
        label="alerts.decision_text"
        hint="alerts.decision_text_hint"
        maxLength={ALERT_LIMITS.decisionText}
        rows={8}
        required
      />
      <div className="field">
        <label htmlFor="document">{t('alerts.decision_document')}</label>
        <p className="hint" id="document-hint">
          {t('alerts.decision_document_hint')}
        </p>
        {documentError ? (
          <p className="error" id="document-error">
            <span className="visually-hidden">{t('forms.error_prefix')} </span>
            {t(documentError)}
          </p>
        ) : null}
        <input
          type="file"
          id="document"
          name="document"
          accept="application/pdf"
          aria-describedby={documentError ? 'document-hint document-error' : 'document-hint'}
          aria-invalid={documentError ? true : undefined}
        />
      </div>
      <h2>{t('alerts.nota_title')}</h2>
      <p>{t('alerts.nota_lead')}</p>
      {Array.from({ length: ALERT_LIMITS.notaThemes }, (_, i) => (
        <fieldset key={i} className="field">
          <legend>{t('alerts.nota_theme_n', { n: i + 1 })}</legend>
          <Field form={form} name={`theme${i}`} label="alerts.nota_theme" maxLength={200} />
          <Field form={form} name={`receipts${i}`} label="alerts.nota_receipts" hint="alerts.nota_receipts_hint" maxLength={2000} />
          <TextAreaField form={form} name={`answer${i}`} label="alerts.nota_answer" maxLength={5000} rows={4} />
        </fieldset>
      ))}
      <SubmitButton form={form} label="alerts.decision_submit" />
    </StemFormElement>
  )
}

export default function DecisionPage() {
  const t = useT()
  const locale = useLocale()
  const { notice, published, reactions } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to={`/beheer/reacties?bekendmaking=${notice.id}`}>{t('alerts.inbox_title')}</Link>
      </p>
      <h1 id="decision-title">{t('alerts.decision_title')}</h1>
      <p>
        <Link to={`/bekendmakingen/${notice.id}`}>{notice.title}</Link>
      </p>
      {published ? (
        <p className="notice">
          {t('alerts.decision_already', {
            date: formatInstant(published, locale, 'date'),
          })}
        </p>
      ) : (
        <>
          <p>{t('alerts.decision_lead')}</p>
          <h2>{t('alerts.decision_reactions', { n: reactions.length })}</h2>
          {reactions.length ? (
            <ul>
              {reactions.map((r) => (
                <li key={r.id}>
                  <strong>{r.receiptNumber}</strong> ({t(`alerts.reaction_kind.${r.kind}` as MessageKey)},{' '}
                  <ReactionStatusBadge status={r.status} />
                  ): {r.excerpt}
                </li>
              ))}
            </ul>
          ) : null}
          <DecisionForm />
        </>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.decision_title')
