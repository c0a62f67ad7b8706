import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { FormError, SelectField, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { HandoffBadge, ReactionStatusBadge } from '~/modules/alerts/components'
import { alertsPermissions } from '~/modules/alerts/permissions'
import {
  addNote,
  assignReaction,
  auditReactionRead,
  colleagues,
  reactionDetail,
  setReactionStatus,
} from '~/modules/alerts/reactions.server'
import {
  ALERT_LIMITS,
  REACTION_STATUSES,
  reactionAssignSchema,
  reactionNoteSchema,
  reactionStatusSchema,
} from '~/modules/alerts/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

async function requireReaction(request: Request, id: string | undefined) {
  const reaction = await reactionDetail(Number(id))
  if (!reaction) throw new Response('Not found', { status: 404 })
  const actor = (await requirePermission(request, alertsPermissions.handleReactions, { createdBy: reaction.noticeOwner }))!
  return { actor, reaction }
}

/** One reaction for staff: full text, sender, attachment, notes, status, assignment, hand-over. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, reaction } = await requireReaction(request, params.id)
  // The resident sees in their dossier that staff read their reaction.
  await auditReactionRead(actor.id, reaction)
  const { userId: _u, ...shown } = reaction
  return json({
    reaction: {
      ...shown,
      receivedAt: reaction.receivedAt.toISOString(),
      statusChangedAt: reaction.statusChangedAt?.toISOString() ?? null,
      notes: reaction.notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    },
    colleagues: await colleagues(),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, reaction } = await requireReaction(request, params.id)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const here = `/beheer/reacties/${reaction.id}`
  if (intent === 'assign') {
    const parsed = parseForm(reactionAssignSchema, formData)
    if (!parsed.ok) return json(parsed, { status: 400 })
    const result = await assignReaction(actor.id, reaction.id, parsed.data.assignee || null)
    if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
    return redirectWithFlash(request, here, 'alerts.assigned_flash')
  }
  if (intent === 'note') {
    const parsed = parseForm(reactionNoteSchema, formData)
    if (!parsed.ok) return json(parsed, { status: 400 })
    const result = await addNote(actor.id, reaction.id, parsed.data.note)
    if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
    return redirectWithFlash(request, here, 'alerts.note_flash')
  }
  const parsed = parseForm(reactionStatusSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await setReactionStatus(actor.id, reaction.id, parsed.data.status, parsed.data.reason)
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, here, 'alerts.status_flash')
}

function StatusForm({ current, reason }: { current: string; reason: string | null }) {
  const t = useT()
  const form = useStemForm(reactionStatusSchema)
  return (
    <StemFormElement form={form} method="post" aria-labelledby="status-title">
      <FormError form={form} />
      <SelectField
        form={form}
        name="status"
        label="alerts.inbox_status"
        defaultValue={current}
        options={REACTION_STATUSES.map((s) => ({ value: s, label: t(`alerts.reaction_status.${s}` as MessageKey) }))}
      />
      <TextAreaField
        form={form}
        name="reason"
        label="alerts.inadmissible_reason"
        hint="alerts.inadmissible_reason_hint"
        maxLength={ALERT_LIMITS.withdrawReason.max}
        rows={3}
      />
      {reason ? <p className="hint">{reason}</p> : null}
      <SubmitButton form={form} label="alerts.status_submit" name="intent" value="status" />
    </StemFormElement>
  )
}

function AssignForm({ current, people }: { current: string | null; people: { id: string; name: string }[] }) {
  const t = useT()
  const form = useStemForm(reactionAssignSchema)
  return (
    <StemFormElement form={form} method="post" aria-labelledby="assign-title">
      <FormError form={form} />
      <SelectField
        form={form}
        name="assignee"
        label="alerts.inbox_assignee"
        defaultValue={current ?? ''}
        options={[{ value: '', label: t('alerts.nobody') }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
      />
      <SubmitButton form={form} label="alerts.assign_submit" name="intent" value="assign" />
    </StemFormElement>
  )
}

function NoteForm() {
  const form = useStemForm(reactionNoteSchema)
  return (
    <StemFormElement form={form} method="post" aria-labelledby="notes-title">
      <FormError form={form} />
      <TextAreaField form={form} name="note" label="alerts.note" hint="alerts.note_hint" maxLength={ALERT_LIMITS.note} rows={3} required />
      <SubmitButton form={form} label="alerts.note_submit" name="intent" value="note" />
    </StemFormElement>
  )
}

export default function ReactionPage() {
  const t = useT()
  const locale = useLocale()
  const { reaction: r, colleagues } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to={`/beheer/reacties?bekendmaking=${r.noticeId}`}>{t('alerts.inbox_title')}</Link>
      </p>
      <h1>{t('alerts.reaction_title', { number: r.receiptNumber })}</h1>
      <dl className="facts">
        <dt>{t('alerts.inbox_notice')}</dt>
        <dd>
          <Link to={`/bekendmakingen/${r.noticeId}`}>{r.noticeTitle}</Link>
        </dd>
        <dt>{t('alerts.inbox_kind')}</dt>
        <dd>
          {t(`alerts.reaction_kind.${r.kind}` as MessageKey)}
          {r.late ? <strong> · {t('alerts.reaction_late')}</strong> : null}
        </dd>
        <dt>{t('alerts.inbox_received')}</dt>
        <dd>{formatInstant(r.receivedAt, locale, 'datetime-long')}</dd>
        <dt>{t('alerts.inbox_from_whom')}</dt>
        <dd>
          {r.authorName ?? r.displayName}
          {r.authorAddress ? <>, {r.authorAddress}</> : null} — {r.email}
        </dd>
        <dt>{t('alerts.inbox_status')}</dt>
        <dd data-testid="reaction-status">
          <ReactionStatusBadge status={r.status} />
          {r.overdue ? <strong className="badge warning"> {t('alerts.inbox_overdue')}</strong> : null}
          {r.statusReason ? <> — {r.statusReason}</> : null}
        </dd>
        <dt>{t('alerts.inbox_handoff')}</dt>
        <dd>
          <HandoffBadge handoff={r.handoff} />
        </dd>
      </dl>
      <h2>{t(r.kind === 'comment' ? 'alerts.react_body' : 'alerts.react_grounds')}</h2>
      <p style={{ whiteSpace: 'pre-wrap' }} data-testid="reaction-body">
        {r.body}
      </p>
      {r.attachmentName ? (
        <p>
          <a href={`/beheer/reacties/${r.id}/bijlage`}>{t('alerts.attachment_download', { name: r.attachmentName })}</a>
        </p>
      ) : null}
      <h2 id="status-title">{t('alerts.status_title')}</h2>
      <StatusForm current={r.status} reason={null} />
      <h2 id="assign-title">{t('alerts.assign_title')}</h2>
      <AssignForm current={r.assignedTo} people={colleagues} />
      <h2 id="notes-title">{t('alerts.notes_title')}</h2>
      <p className="hint">{t('alerts.notes_private')}</p>
      {r.notes.length ? (
        <ul>
          {r.notes.map((n) => (
            <li key={n.id}>
              <strong>{n.author ?? '—'}</strong>, {formatInstant(n.createdAt, locale, 'datetime')}:{' '}
              <span style={{ whiteSpace: 'pre-wrap' }}>{n.body}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <NoteForm />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'alerts.reaction_title', { number: args.data?.reaction.receiptNumber ?? '' })
