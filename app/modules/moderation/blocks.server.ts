import { eq, inArray, sql } from 'drizzle-orm'
import { contentFlags, hiddenContent, users } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { Actor } from '~/auth/permissions'
import { isAdministrator } from '~/auth/accounts.server'
import { notify } from '~/modules/engagement/engagement.server'
import { refuse, type Outcome, type Refusal } from '~/utils/result'
import { translate } from '~/utils/i18n'
import { moderationPermissions } from './permissions'
import { describeContent, logAction, registeredKinds, type Kinds } from './shared.server'

/*
 * Staff block a person and lift the block. Blocking hides what they wrote and records each hidden piece
 * with `blockOf`, so lifting the block shows exactly that again (a reference, not the wording of a reason).
 */

export interface BlockInput {
  userId: string
  reason: string
}

type Target = typeof users.$inferSelect

/** The person to block or unblock, if the actor is staff and the person exists. */
async function blockTarget(actor: Actor, userId: string, db: Queryable): Promise<Refusal | Target> {
  if (!moderationPermissions.blockUsers(actor, undefined).ok) return refuse('moderation.errors.not_allowed')
  const target = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
  return target ?? refuse('errors.not_found')
}

/** Everything of one author a block hides: what modules list with `listByAuthor`, and all flagged content they wrote. */
async function contentBy(userId: string, kinds: Kinds, db: Queryable) {
  const toHide: { kind: string; id: string }[] = []
  for (const k of kinds) {
    if (k.listByAuthor) for (const id of await k.listByAuthor(userId)) toHide.push({ kind: k.kind, id })
  }
  const flagged = await db
    .selectDistinct({ kind: contentFlags.contentKind, id: contentFlags.contentId })
    .from(contentFlags)
    .where(inArray(contentFlags.contentKind, kinds.map((k) => k.kind).concat('')))
  for (const f of flagged) {
    if (toHide.some((h) => h.kind === f.kind && h.id === f.id)) continue
    const content = await describeContent(f.kind, f.id, kinds)
    if (content?.authorId === userId) toHide.push(f)
  }
  return toHide
}

const NOTICES = {
  block: { kind: 'moderation_blocked', key: 'blocked', href: '/persoonlijk-contact' },
  unblock: { kind: 'moderation_unblocked', key: 'unblocked', href: '/mijn' },
} as const

/** The tail of blocking and unblocking: set or clear the block, log it and tell the person. */
async function recordBlock(tx: Queryable, actor: Actor, action: 'block' | 'unblock', input: BlockInput) {
  const { userId, reason } = input
  const blocked = action === 'block' ? { blockedAt: sql`now()`, blockedReason: reason } : { blockedAt: null, blockedReason: null }
  await tx.update(users).set(blocked).where(eq(users.id, userId))
  await logAction(tx, actor, { action, kind: null, id: null, targetUserId: userId, reason, wijkCode: null })
  const notice = NOTICES[action]
  await notify(tx, {
    userIds: [userId],
    kind: notice.kind,
    title: { key: `moderation.notice_${notice.key}_title` },
    body: { key: `moderation.notice_${notice.key}_body`, params: { reason } },
    href: notice.href,
    dedupeKey: `moderation:${action}:${userId}:${Date.now()}`,
    emailSubject: { key: `moderation.notice_${notice.key}_title` },
  })
}

/**
 * Staff block a person: they can no longer log in or take part, and their content is hidden — everything a
 * module lists with `listByAuthor`, and at least all flagged content they wrote.
 */
export async function blockUser(
  actor: Actor,
  input: BlockInput,
  kinds: Kinds = registeredKinds(),
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ hidden: number }>> {
  const target = await blockTarget(actor, input.userId, db)
  if ('ok' in target) return target
  if (input.userId === actor.id) return refuse('moderation.errors.not_self')
  // Nobody blocks an administrator: another administrator revokes the role first (issue 14).
  if (await isAdministrator(db, input.userId)) return refuse('moderation.errors.admin_target')
  const toHide = await contentBy(input.userId, kinds, db)
  const publicReason = translate('nl', 'moderation.blocked_public_reason')
  await db.transaction(async (tx) => {
    for (const h of toHide) {
      await tx
        .insert(hiddenContent)
        .values({ contentKind: h.kind, contentId: h.id, reason: publicReason, hiddenBy: actor.id, blockOf: input.userId })
        .onConflictDoNothing()
    }
    await recordBlock(tx, actor, 'block', input)
  })
  return { ok: true, hidden: toHide.length }
}

/**
 * Staff lift a block, with a reason: the person can take part again, and what the block hid is shown again —
 * what was hidden with `blockOf` them; what a moderator hid for another reason stays hidden. Logged like
 * every moderation action; the person is told.
 */
export async function unblockUser(actor: Actor, input: BlockInput, db: Queryable = getDatabase().db): Promise<Outcome<{ restored: number }>> {
  const target = await blockTarget(actor, input.userId, db)
  if ('ok' in target) return target
  if (!target.blockedAt) return refuse('moderation.errors.not_blocked')
  const restored = await db.transaction(async (tx) => {
    const rows = await tx.delete(hiddenContent).where(eq(hiddenContent.blockOf, input.userId)).returning({ kind: hiddenContent.contentKind })
    await recordBlock(tx, actor, 'unblock', input)
    return rows
  })
  return { ok: true, restored: restored.length }
}
