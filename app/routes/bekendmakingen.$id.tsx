import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { participant, withAssistedRecord } from '~/auth/acting.server'
import { Field, FormError, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { Deadline, ReactionStatusBadge, SvgMap } from '~/modules/alerts/components'
import { decisionOf } from '~/modules/alerts/decisions.server'
import { isFollowing } from '~/modules/engagement/engagement.server'
import { formatDay, TERMS } from '~/modules/alerts/deadline'
import { svgMap } from '~/modules/alerts/map.server'
import {
  followNotice,
  getNotice,
  NOTICE_ITEM_KIND,
  react,
  reactionKindOf,
  reactionsOf,
  reactionWindow,
  receiptOf,
} from '~/modules/alerts/notices.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { ALERT_LIMITS, reactionSchemaFor, type FormalKind } from '~/modules/alerts/validation'
import { WeighingDeclaration } from '~/modules/participation/components'
import { declarationOf, findItem } from '~/modules/participation/queries.server'
import { parseForm, refusalFailure, typedInput } from '~/utils/forms'
import { readUploadForm } from '~/utils/uploads.server'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { ServedPromises } from '~/modules/promises/components'
import { promisesServedBy } from '~/modules/promises/queries.server'
import { formatInstant } from '~/utils/time'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const notice = await getNotice(Number(params.id))
  if (!notice) throw new Response('Not found', { status: 404 })
  // While a helper acts for a resident, the page is the resident's: their reactions and receipts.
  const actor = await participant(request)
  const item = await findItem({ kind: NOTICE_ITEM_KIND, itemId: String(notice.id) })
  const declaration = item ? (await declarationOf(item.id)).current : null
  const receiptId = Number(new URL(request.url).searchParams.get('ontvangst'))
  const receipt = actor && Number.isSafeInteger(receiptId) && receiptId > 0 ? await receiptOf(actor.id, receiptId) : null
  const decision = await decisionOf(notice.id)
  const { createdBy: _owner, ...shown } = notice
  return json({
    servedPromises: await promisesServedBy(NOTICE_ITEM_KIND, String(notice.id)),
    notice: { ...shown, withdrawnAt: notice.withdrawnAt?.toISOString() ?? null },
    map: svgMap({ item: notice.geometry as { type: string; coordinates: unknown }, title: notice.locationLabel }),
    declaration: declaration ? { ...declaration, createdAt: declaration.createdAt.toISOString() } : null,
    window: reactionWindow(notice),
    reactionKind: reactionKindOf(notice.kind),
    loggedIn: !!actor,
    defaultName: actor?.displayName ?? '',
    canReact: alertsPermissions.react(actor, undefined).ok,
    following: actor ? await isFollowing(actor.id, NOTICE_ITEM_KIND, String(notice.id)) : false,
    receipt: receipt && receipt.noticeId === notice.id ? { ...receipt, receivedAt: receipt.receivedAt.toISOString() } : null,
    reactions: actor ? (await reactionsOf(actor.id, notice.id)).map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })) : [],
    decision: decision
      ? { text: decision.text, nota: decision.nota, documentName: decision.documentName, publishedAt: decision.publishedAt.toISOString() }
      : null,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = Number(params.id)
  const notice = await getNotice(id)
  if (!notice) throw new Response('Not found', { status: 404 })
  const intent = new URL(request.url).searchParams.get('volgen')
  if (intent === 'aan' || intent === 'uit') {
    const follower = (await requirePermission(request, alertsPermissions.readReceipt, undefined))!
    await followNotice(follower.id, id, intent === 'aan')
    return redirectWithFlash(request, `/bekendmakingen/${id}`, intent === 'aan' ? 'alerts.followed_flash' : 'alerts.unfollowed_flash')
  }
  // A reaction a resident gives at the desk or on the phone is theirs, with a line in their dossier.
  const actor = (await requirePermission(request, alertsPermissions.react, undefined))!
  const assisted = actor.actingFor
  // Read as it comes in: an attachment over its limit is named at its field, and the typed text stays.
  const read = await readUploadForm(
    request,
    { attachment: { maxBytes: ALERT_LIMITS.attachmentBytes, maxCount: 1 } },
    ALERT_LIMITS.attachmentBytes + ALERT_LIMITS.reaction * 4 + 10_000,
  )
  if (!read) return json({ errors: { attachment: 'alerts.error_attachment_size' as MessageKey }, values: {} }, { status: 413 })
  const { formData } = read
  if (read.refused.attachment)
    return json({ errors: { attachment: 'alerts.error_attachment_size' as MessageKey }, ...typedInput(formData) }, { status: 400 })
  // A zienswijze or bezwaar asks what the law needs; each missing part is named at its field.
  const parsed = parseForm(reactionSchemaFor(reactionKindOf(notice.kind)), formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const file = formData.get('attachment')
  const result = await withAssistedRecord(
    assisted,
    (tx) => react(actor.id, id, parsed.data, file instanceof File ? file : null, new Date(), tx),
    (r) => (r.ok ? { action: 'alert.reaction', itemKind: NOTICE_ITEM_KIND, itemId: String(id) } : null),
  )
  if (!result.ok) {
    if (result.reason === 'alerts.error_not_found') throw new Response('Not found', { status: 404 })
    return json(refusalFailure(result, formData), { status: 400 })
  }
  return redirectWithFlash(request, `/bekendmakingen/${id}?ontvangst=${result.id}#ontvangst`, 'alerts.reaction_received')
}

function ReactionForm({ kind, defaultName }: { kind: FormalKind; defaultName: string }) {
  const t = useT()
  const form = useStemForm(reactionSchemaFor(kind))
  const attachmentError = form.errorFor('attachment')
  return (
    <StemFormElement form={form} encType="multipart/form-data" aria-labelledby="reageren">
      <FormError form={form} />
      {kind === 'comment' ? null : (
        <>
          <p>{t(`alerts.formal_lead.${kind}`)}</p>
          <Field
            form={form}
            name="authorName"
            label="alerts.author_name"
            autoComplete="name"
            defaultValue={defaultName}
            maxLength={ALERT_LIMITS.authorName}
            required
          />
          <Field
            form={form}
            name="authorAddress"
            label="alerts.author_address"
            hint="alerts.author_address_hint"
            autoComplete="street-address"
            maxLength={ALERT_LIMITS.authorAddress}
            required
          />
        </>
      )}
      <TextAreaField
        form={form}
        name="body"
        label={kind === 'comment' ? 'alerts.react_body' : 'alerts.react_grounds'}
        hint={kind === 'comment' ? 'alerts.react_hint' : `alerts.react_grounds_hint.${kind}`}
        maxLength={ALERT_LIMITS.reaction}
        rows={8}
        required
      />
      <div className="field">
        <label htmlFor="attachment">{t('alerts.attachment')}</label>
        <p className="hint" id="attachment-hint">
          {t('alerts.attachment_hint')}
        </p>
        {attachmentError ? (
          <p className="error" id="attachment-error">
            <span className="visually-hidden">{t('forms.error_prefix')} </span>
            {t(attachmentError)}
          </p>
        ) : null}
        <input
          type="file"
          id="attachment"
          name="attachment"
          accept="application/pdf,image/png,image/jpeg,image/webp"
          aria-describedby={attachmentError ? 'attachment-hint attachment-error' : 'attachment-hint'}
          aria-invalid={attachmentError ? true : undefined}
        />
      </div>
      <SubmitButton form={form} label={kind === 'comment' ? 'alerts.react_submit' : `alerts.react_submit.${kind}`} />
    </StemFormElement>
  )
}

function Decision({
  noticeId,
  decision,
}: {
  noticeId: number
  decision: {
    text: string
    nota: { theme: string; answer: string; receipts: string[] }[]
    documentName: string | null
    publishedAt: string
  }
}) {
  const t = useT()
  const locale = useLocale()
  return (
    <section aria-labelledby="besluit" data-testid="decision">
      <h2 id="besluit">{t('alerts.decision_public_title')}</h2>
      <p className="hint">
        {t('alerts.decision_published_on', {
          date: formatInstant(decision.publishedAt, locale, 'date'),
        })}
      </p>
      <p style={{ whiteSpace: 'pre-wrap' }}>{decision.text}</p>
      {decision.documentName ? (
        <p>
          <a href={`/bekendmakingen/${noticeId}/besluit`}>{t('alerts.decision_document_link', { name: decision.documentName })}</a>
        </p>
      ) : null}
      {decision.nota.length ? (
        <>
          <h3>{t('alerts.nota_title')}</h3>
          {decision.nota.map((theme) => (
            <article key={theme.theme}>
              <h4>{theme.theme}</h4>
              {theme.receipts.length ? (
                <p className="hint">
                  {t('alerts.nota_receipts')}: {theme.receipts.join(', ')}
                </p>
              ) : null}
              <p style={{ whiteSpace: 'pre-wrap' }}>{theme.answer}</p>
            </article>
          ))}
        </>
      ) : null}
    </section>
  )
}

function Withdrawn() {
  const t = useT()
  const locale = useLocale()
  const { notice } = useLoaderData<typeof loader>()
  return (
    <section className="notice" aria-labelledby="withdrawn-title" data-testid="withdrawn">
      <h2 id="withdrawn-title">{t('alerts.withdrawn_title')}</h2>
      <p>
        {t('alerts.withdrawn_text', {
          date: formatInstant(notice.withdrawnAt!, locale, 'date'),
        })}
      </p>
      <p style={{ whiteSpace: 'pre-wrap' }}>{t('alerts.withdrawn_reason', { reason: notice.withdrawnReason ?? '' })}</p>
    </section>
  )
}

function Receipt({ receipt }: { receipt: NonNullable<SerializeFrom<typeof loader>['receipt']> }) {
  const t = useT()
  const locale = useLocale()
  return (
    <section className="notice" id="ontvangst" aria-labelledby="receipt-title" data-testid="receipt">
      <h2 id="receipt-title">{t('alerts.receipt_title')}</h2>
      <p>
        {t('alerts.receipt_text', {
          date: formatInstant(receipt.receivedAt, locale, 'datetime-long'),
          number: receipt.receiptNumber,
        })}
      </p>
      {receipt.late ? <p>{t('alerts.receipt_late')}</p> : null}
      <p>
        <Link to="/mijn/reacties">{t('alerts.my_reactions_link')}</Link>
      </p>
    </section>
  )
}

function Reacting() {
  const t = useT()
  const locale = useLocale()
  const { notice, window, reactionKind, loggedIn, defaultName, canReact, receipt, reactions } = useLoaderData<typeof loader>()
  return (
    <>
      <h2 id="reageren">{t('alerts.react_title')}</h2>
      {reactions.length > 0 ? (
        <>
          <h3>{t('alerts.your_reactions')}</h3>
          <ul>
            {reactions.map((r) => (
              <li key={r.id}>
                {r.receiptNumber} — {formatInstant(r.receivedAt, locale, 'datetime-long')} — <ReactionStatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {window === 'withdrawn' ? (
        <p>{t('alerts.withdrawn_react_closed')}</p>
      ) : window === 'closed' ? (
        <p>{t('alerts.react_closed')}</p>
      ) : canReact ? (
        <>
          {window === 'late' ? (
            <p className="notice" data-testid="late-notice">
              {t('alerts.react_late')}
            </p>
          ) : null}
          {/* A new form after each receipt: what was sent is not left in the field, inviting a duplicate. */}
          <ReactionForm key={receipt?.id ?? 'new'} kind={reactionKind} defaultName={defaultName} />
        </>
      ) : (
        <p>
          <Link to={`/inloggen?redirectTo=${encodeURIComponent(`/bekendmakingen/${notice.id}#reageren`)}`}>{t('alerts.react_login')}</Link>
          {loggedIn ? null : ''}
        </p>
      )}
    </>
  )
}

export default function NoticePage() {
  const t = useT()
  const { notice, map, declaration, loggedIn, following, receipt, decision, servedPromises } = useLoaderData<typeof loader>()
  const term = TERMS[notice.kind]
  return (
    <>
      <p>
        <Link to="/bekendmakingen">{t('alerts.notices_title')}</Link>
      </p>
      <h1>{notice.title}</h1>
      {receipt ? <Receipt receipt={receipt} /> : null}
      {notice.status === 'withdrawn' ? <Withdrawn /> : null}
      <dl className="facts">
        <dt>{t('alerts.kind')}</dt>
        <dd>{t(`alerts.kind.${notice.kind}` as MessageKey)}</dd>
        <dt>{t('alerts.where')}</dt>
        <dd>{notice.locationLabel}</dd>
        <dt>{t(`alerts.starts_on.${notice.kind}` as MessageKey)}</dt>
        <dd>{formatDay(notice.startsOn)}</dd>
        <dt>{t('alerts.published_on')}</dt>
        <dd>{formatDay(notice.publishedOn)}</dd>
        <dt>{t('alerts.mail_deadline')}</dt>
        <dd data-testid="deadline">
          <Deadline deadline={notice.reactionDeadline} />
        </dd>
      </dl>
      {term ? <p>{t(`alerts.term.${term.reaction}` as MessageKey)}</p> : null}
      <SvgMap svg={map} />
      <p style={{ whiteSpace: 'pre-wrap' }}>{notice.description}</p>
      {decision ? <Decision noticeId={notice.id} decision={decision} /> : null}
      {declaration ? <WeighingDeclaration declaration={declaration} /> : null}
      <ServedPromises promises={servedPromises} />
      {loggedIn ? (
        <Form method="post" action={`?volgen=${following ? 'uit' : 'aan'}`}>
          <p>
            {following ? t('alerts.following') : t('alerts.follow_lead')}{' '}
            <button type="submit" className="secondary">
              {t(following ? 'alerts.unfollow' : 'alerts.follow')}
            </button>
          </p>
        </Form>
      ) : null}
      <Reacting />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'alerts.notice_page_title', { name: args.data?.notice.title ?? '' })
