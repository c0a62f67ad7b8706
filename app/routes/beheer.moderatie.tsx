import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, useStemForm, type StemForm } from '~/components/forms'
import { blockUser, unblockUser } from '~/modules/moderation/blocks.server'
import { bulkModerate } from '~/modules/moderation/commands.server'
import { blockedUsers, moderationQueue } from '~/modules/moderation/queries.server'
import { moderationPermissions } from '~/modules/moderation/permissions'
import { blockSchema, bulkSchema, FLAG_REASONS, MODERATION_LIMITS, parseItemRef, unblockSchema } from '~/modules/moderation/validation'
import { type FormFailure, parseForm, refusalFailure } from '~/utils/forms'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, moderationPermissions.openQueue, undefined))!
  const items = await moderationQueue(actor)
  const canBlock = moderationPermissions.blockUsers(actor, undefined).ok
  const blocked = canBlock ? (await blockedUsers()).map((u) => ({ ...u, blockedAt: u.blockedAt?.toISOString() ?? null })) : []
  return json({ items, canBlock, blocked })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, moderationPermissions.openQueue, undefined))!
  const formData = await request.formData()
  if (formData.get('intent') === 'block') {
    await requirePermission(request, moderationPermissions.blockUsers, undefined)
    const parsed = parseForm(blockSchema, formData)
    if (!parsed.ok) return json(parsed, { status: 400 })
    const result = await blockUser(actor, { userId: parsed.data.userId, reason: parsed.data.reason })
    if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
    return json({ done: 'moderation.blocked' as MessageKey })
  }
  if (formData.get('intent') === 'unblock') {
    await requirePermission(request, moderationPermissions.blockUsers, undefined)
    const parsed = parseForm(unblockSchema, formData)
    // Under its own key, so the queue's form does not show this form's messages.
    const userId = String(formData.get('userId') ?? '')
    if (!parsed.ok) return json({ unblock: { ...parsed, userId } }, { status: 400 })
    const result = await unblockUser(actor, { userId: parsed.data.userId, reason: parsed.data.reason })
    if (!result.ok) return json({ unblock: { ...refusalFailure(result, formData), userId } }, { status: 400 })
    return json({ done: 'moderation.unblocked' as MessageKey })
  }
  const parsed = parseForm(bulkSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const outcome = await bulkModerate(actor, {
    intent: parsed.data.intent,
    items: parsed.data.item.map(parseItemRef),
    category: parsed.data.category,
    reason: parsed.data.reason,
  })
  return json({ outcome })
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>['items'][number]

function QueueItem({ item, form }: { item: Item; form: ReturnType<typeof useStemForm> }) {
  const t = useT()
  const id = `item-${item.kind}-${item.id}`
  return (
    <li data-testid={`moderation-${item.kind}-${item.id}`}>
      <h2 id={`${id}-title`}>
        {item.canModerate ? (
          <input
            type="checkbox"
            value={`${item.kind}:${item.id}`}
            aria-label={t('moderation.select', { title: item.title })}
            {...form.register('item')}
          />
        ) : null}{' '}
        <Link to={item.href}>{item.title}</Link>
      </h2>
      <p>{item.excerpt}</p>
      <p>
        {item.authorName ? t('moderation.by', { name: item.authorName }) : null} · {item.wijkCode ?? t('moderation.city_wide')}
      </p>
      {item.flags.length ? (
        <p>
          {t('moderation.flags')}: {item.flags.map((f) => `${t(`moderation.reason_${f.reason}` as MessageKey)} (${f.count})`).join(', ')}
        </p>
      ) : null}
      {item.flagTexts.length ? (
        <ul>
          {item.flagTexts.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      ) : null}
      {item.hiddenReason ? <p className="badge">{t('moderation.hidden_now', { reason: item.hiddenReason })}</p> : null}
      {item.objection ? <p className="notice">{t('moderation.objection', { text: item.objection })}</p> : null}
      {item.own ? <p className="notice">{t('moderation.own')}</p> : null}
    </li>
  )
}

function BlockForm() {
  const form = useStemForm(blockSchema)
  return (
    <StemFormElement form={form}>
      <FormError form={form} />
      <Field form={form} name="userId" label="moderation.field_user" required maxLength={100} narrow />
      <Field form={form} name="reason" label="moderation.field_decision_reason" required maxLength={MODERATION_LIMITS.reason} />
      <SubmitButton form={form} label="moderation.block_submit" name="intent" value="block" />
    </StemFormElement>
  )
}

type Blocked = ReturnType<typeof useLoaderData<typeof loader>>['blocked'][number]

function UnblockForm({ person, failed }: { person: Blocked; failed?: FormFailure }) {
  const t = useT()
  const reasonId = `unblock-reason-${person.id}`
  const error = failed?.errors.reason
  const formError = failed?.errors.form ?? failed?.errors.userId
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="unblock" />
      <input type="hidden" name="userId" value={person.id} />
      {formError ? (
        <p className="error" role="alert">
          {t(formError)}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={reasonId}>{t('moderation.unblock_reason', { name: person.displayName })}</label>
        {error ? (
          <p className="error" id={`${reasonId}-error`}>
            <span className="visually-hidden">{t('forms.error_prefix')} </span>
            {t(error)}
          </p>
        ) : null}
        <input
          id={reasonId}
          name="reason"
          required
          maxLength={MODERATION_LIMITS.reason}
          defaultValue={failed?.values.reason ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${reasonId}-error` : undefined}
        />
      </div>
      <button type="submit" className="secondary">
        {t('moderation.unblock_submit', { name: person.displayName })}
      </button>
    </Form>
  )
}

type QueueResult = {
  outcome?: { done: number; refused: number; missing: number }
  done?: MessageKey
  unblock?: FormFailure & { userId: string }
}

/** What to do with the ticked items: the decision, its category and the reason given. */
function BulkFields({ form }: { form: StemForm }) {
  const t = useT()
  return (
    <fieldset>
      <legend>{t('moderation.bulk_legend')}</legend>
      <SelectField
        form={form}
        name="intent"
        label="moderation.bulk_legend"
        options={(['hide', 'restore', 'dismiss'] as const).map((i) => ({ value: i, label: t(`moderation.intent_${i}`) }))}
      />
      <SelectField
        form={form}
        name="category"
        label="moderation.field_category"
        options={FLAG_REASONS.map((r) => ({ value: r, label: t(`moderation.reason_${r}` as MessageKey) }))}
      />
      <Field
        form={form}
        name="reason"
        label="moderation.field_decision_reason"
        hint="moderation.decision_reason_hint"
        required
        maxLength={MODERATION_LIMITS.reason}
      />
      <SubmitButton form={form} label="moderation.bulk_submit" />
    </fieldset>
  )
}

/** The people blocked now, each with the form that lifts the block. */
function BlockedUsers() {
  const t = useT()
  const locale = useLocale()
  const { blocked } = useLoaderData<typeof loader>()
  const result = useActionData<QueueResult>()
  return (
    <section aria-labelledby="unblock-title" data-testid="blocked-users">
      <h2 id="unblock-title">{t('moderation.unblock_title')}</h2>
      <p>{t('moderation.unblock_lead')}</p>
      {blocked.length ? (
        <ul className="queue">
          {blocked.map((person) => (
            <li key={person.id}>
              <h3>{person.displayName}</h3>
              <p>
                {t('moderation.blocked_since', {
                  date: person.blockedAt ? formatInstant(person.blockedAt, locale, 'date') : '',
                  reason: person.blockedReason ?? '',
                })}
              </p>
              <UnblockForm person={person} failed={result?.unblock?.userId === person.id ? result.unblock : undefined} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('moderation.unblock_none')}</p>
      )}
    </section>
  )
}

export default function ModerationQueue() {
  const t = useT()
  const { items, canBlock } = useLoaderData<typeof loader>()
  const result = useActionData<QueueResult>()
  const form = useStemForm(bulkSchema)
  return (
    <>
      <h1>{t('moderation.queue_title')}</h1>
      <p className="lead">{t('moderation.queue_lead')}</p>
      {result?.outcome ? (
        <p className="flash" role="status">
          {t('moderation.bulk_done', result.outcome)}
        </p>
      ) : null}
      {result?.done ? (
        <p className="flash" role="status">
          {t(result.done)}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('moderation.queue_empty')}</p>
      ) : (
        <StemFormElement form={form}>
          <FormError form={form} />
          {form.errorFor('item') ? (
            <p className="error" role="alert">
              {t(form.errorFor('item')!)}
            </p>
          ) : null}
          <ol className="queue">
            {items.map((item) => (
              <QueueItem key={`${item.kind}:${item.id}`} item={item} form={form} />
            ))}
          </ol>
          <BulkFields form={form} />
        </StemFormElement>
      )}
      {canBlock ? (
        <section aria-labelledby="block-title">
          <h2 id="block-title">{t('moderation.block_title')}</h2>
          <p>{t('moderation.block_lead')}</p>
          <BlockForm />
        </section>
      ) : null}
      {canBlock ? <BlockedUsers /> : null}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'moderation.queue_title')
