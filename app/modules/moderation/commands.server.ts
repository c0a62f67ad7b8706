import { and, eq, isNull, sql } from 'drizzle-orm'
import { contentFlags, hiddenContent, moderationObjections, type FlagReason } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { Actor } from '~/auth/permissions'
import { consumeDesk } from '~/auth/desk-limits.server'
import { rateLimited, refuse, type Outcome, type Refusal } from '~/utils/result'
import {
  decide,
  describeContent,
  logAction,
  logAndTellAuthor,
  objectionHref,
  registeredKinds,
  type Content,
  type Kinds,
  type ModerationOutcome,
} from './shared.server'

/*
 * What people do about content: flag it, hide it, restore it, dismiss its flags, object to hiding it.
 * Blocking a person is in blocks.server.ts, the queue and the summary in queries.server.ts.
 */

export interface FlagInput {
  kind: string
  id: string
  reason: FlagReason
  text?: string
}

/** A person flags content. Once per person per piece of content (a unique index): the second time is a no-op. */
export async function flagContent(
  userId: string,
  input: FlagInput,
  kinds: Kinds = registeredKinds(),
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ created: boolean }> | Refusal<'errors.rate_limited'>> {
  const content = await describeContent(input.kind, input.id, kinds)
  if (!content) return refuse('errors.not_found')
  const limit = await consumeDesk('flagPerUser', userId)
  if (!limit.ok) return rateLimited(limit.minutes)
  const rows = await db
    .insert(contentFlags)
    .values({
      contentKind: input.kind,
      contentId: input.id,
      userId,
      reason: input.reason,
      text: input.reason === 'other' || input.text ? (input.text ?? null) : null,
    })
    .onConflictDoNothing()
    .returning({ id: contentFlags.id })
  return { ok: true, created: rows.length > 0 }
}

function resolveFlags(tx: Queryable, kind: string, id: string) {
  return tx
    .update(contentFlags)
    .set({ resolvedAt: sql`now()` })
    .where(and(eq(contentFlags.contentKind, kind), eq(contentFlags.contentId, id), isNull(contentFlags.resolvedAt)))
}

type Judged = { kind: string; id: string; reason: string }

/**
 * A moderator's decision about one piece of content: refused when it is gone or not theirs to judge, else
 * `act` runs in one transaction with the content described; it answers a refusal or nothing (done).
 */
async function judge(
  actor: Actor,
  input: Judged,
  kinds: Kinds,
  db: Queryable,
  act: (tx: Queryable, content: Content) => Promise<ModerationOutcome | void>,
): Promise<ModerationOutcome> {
  const d = await decide(actor, input.kind, input.id, kinds)
  if (!d.ok) return refuse(d.reason)
  return db.transaction(async (tx) => (await act(tx, d.content)) ?? { ok: true })
}

/** Hides content with a public reason, closes its flags and tells the author why (they may object once). */
export async function hideContent(
  actor: Actor,
  input: Judged & { category: FlagReason },
  kinds: Kinds = registeredKinds(),
  db: Queryable = getDatabase().db,
): Promise<ModerationOutcome> {
  return judge(actor, input, kinds, db, async (tx, content) => {
    await tx
      .insert(hiddenContent)
      .values({ contentKind: input.kind, contentId: input.id, reason: input.reason, hiddenBy: actor.id })
      .onConflictDoUpdate({
        target: [hiddenContent.contentKind, hiddenContent.contentId],
        set: { reason: input.reason, hiddenBy: actor.id, hiddenAt: sql`now()` },
      })
    await resolveFlags(tx, input.kind, input.id)
    await logAndTellAuthor(
      tx,
      actor,
      { action: 'hide', kind: input.kind, id: input.id, category: input.category, reason: input.reason, content },
      {
        kind: 'moderation_hidden',
        title: { key: 'moderation.notice_hidden_title', params: { title: content.title } },
        body: { key: 'moderation.notice_hidden_body', params: { reason: input.reason } },
        href: objectionHref(input.kind, input.id),
        emailSubject: { key: 'moderation.notice_hidden_subject' },
      },
    )
  })
}

/** Shows hidden content again; an objection about it is then handled. */
export async function restoreContent(
  actor: Actor,
  input: Judged,
  kinds: Kinds = registeredKinds(),
  db: Queryable = getDatabase().db,
): Promise<ModerationOutcome> {
  return judge(actor, input, kinds, db, async (tx, content) => {
    const removed = await tx
      .delete(hiddenContent)
      .where(and(eq(hiddenContent.contentKind, input.kind), eq(hiddenContent.contentId, input.id)))
      .returning({ id: hiddenContent.contentId })
    if (!removed.length) return refuse('missing')
    await tx
      .update(moderationObjections)
      .set({ handledAt: sql`now()` })
      .where(and(eq(moderationObjections.contentKind, input.kind), eq(moderationObjections.contentId, input.id)))
    await logAndTellAuthor(
      tx,
      actor,
      { action: 'restore', kind: input.kind, id: input.id, reason: input.reason, content },
      {
        kind: 'moderation_restored',
        title: { key: 'moderation.notice_restored_title', params: { title: content.title } },
        body: { key: 'moderation.notice_restored_body', params: { reason: input.reason } },
        href: content.href,
      },
    )
  })
}

/** The flags were not justified: they leave the queue, the content stays. An objection is handled too. */
export async function dismissFlags(
  actor: Actor,
  input: Judged,
  kinds: Kinds = registeredKinds(),
  db: Queryable = getDatabase().db,
): Promise<ModerationOutcome> {
  return judge(actor, input, kinds, db, async (tx, content) => {
    await resolveFlags(tx, input.kind, input.id)
    await tx
      .update(moderationObjections)
      .set({ handledAt: sql`now()` })
      .where(
        and(
          eq(moderationObjections.contentKind, input.kind),
          eq(moderationObjections.contentId, input.id),
          isNull(moderationObjections.handledAt),
        ),
      )
    await logAction(tx, actor, {
      action: 'dismiss',
      kind: input.kind,
      id: input.id,
      targetUserId: content.authorId,
      reason: input.reason,
      wijkCode: content.wijkCode,
    })
  })
}

export type BulkOutcome = { done: number; refused: number; missing: number }

/** One action for every checked item; items the actor may not moderate (their own, another wijk) are refused. */
export async function bulkModerate(
  actor: Actor,
  input: { intent: 'hide' | 'restore' | 'dismiss'; items: { kind: string; id: string }[]; category?: FlagReason; reason: string },
  kinds: Kinds = registeredKinds(),
  db: Queryable = getDatabase().db,
): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: 0, refused: 0, missing: 0 }
  for (const item of input.items) {
    const result =
      input.intent === 'hide'
        ? await hideContent(actor, { ...item, category: input.category ?? 'other', reason: input.reason }, kinds, db)
        : input.intent === 'restore'
          ? await restoreContent(actor, { ...item, reason: input.reason }, kinds, db)
          : await dismissFlags(actor, { ...item, reason: input.reason }, kinds, db)
    outcome[result.ok ? 'done' : result.reason]++
  }
  return outcome
}

/** The author objects to hiding, once per piece of content (the primary key refuses a second time). */
export async function objectToDecision(
  actor: Actor,
  input: { kind: string; id: string; text: string },
  kinds: Kinds = registeredKinds(),
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  const content = await describeContent(input.kind, input.id, kinds)
  if (!content) return refuse('errors.not_found')
  if (content.authorId !== actor.id) return refuse('moderation.errors.not_author')
  const hidden = await db.query.hiddenContent.findFirst({
    where: (h) => and(eq(h.contentKind, input.kind), eq(h.contentId, input.id)),
  })
  if (!hidden) return refuse('moderation.errors.not_hidden')
  return db.transaction(async (tx): Promise<Outcome> => {
    const rows = await tx
      .insert(moderationObjections)
      .values({ contentKind: input.kind, contentId: input.id, authorId: actor.id, text: input.text })
      .onConflictDoNothing()
      .returning({ kind: moderationObjections.contentKind })
    if (!rows.length) return refuse('moderation.errors.already_objected', 'text')
    await logAction(tx, actor, {
      action: 'objection',
      kind: input.kind,
      id: input.id,
      targetUserId: actor.id,
      reason: input.text.slice(0, 500),
      wijkCode: content.wijkCode,
    })
    return { ok: true }
  })
}
