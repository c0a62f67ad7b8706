import { moderationActions, type FlagReason } from '~db/schema'
import type { Queryable } from '~db/client'
import type { Actor } from '~/auth/permissions'
import { refuse, type Outcome } from '~/utils/result'
import { notify, type NoticeInput } from '~/modules/engagement/engagement.server'
import { serverModules } from '~/modules/registry.server'
import type { ModeratableKind } from '~/modules/types'
import { audit } from '~/utils/audit.server'
import { moderationPermissions } from './permissions'

/*
 * What the moderation commands and queries share. A module lists its flaggable kinds in its server manifest
 * (`moderation: [{ kind, describe, listByAuthor? }]`); every function of this module takes that list as a
 * parameter, the registry being the default, so tests pass a kind of their own. Commands take the acting
 * person first, then their input, the kinds and the database last (a transaction of the caller, or the
 * process's handle), and answer the one result shape of app/utils/result.ts.
 */

export type Kinds = ModeratableKind[]

export type Content = NonNullable<Awaited<ReturnType<ModeratableKind['describe']>>>

export function registeredKinds(): Kinds {
  return serverModules.flatMap((m) => m.moderation ?? [])
}

export async function describeContent(kind: string, id: string, kinds: Kinds = registeredKinds()) {
  const k = kinds.find((x) => x.kind === kind)
  if (!k) return null
  return k.describe(id)
}

/** A moderation decision about one piece of content: done, or refused because it is gone or not the actor's to judge. */
export type ModerationOutcome = Outcome<object, 'missing' | 'refused'>

/** The content a moderator means to judge, if it exists and is theirs to judge. */
export async function decide(
  actor: Actor,
  kind: string,
  id: string,
  kinds: Kinds,
): Promise<Outcome<{ content: Content }, 'missing' | 'refused'>> {
  const content = await describeContent(kind, id, kinds)
  if (!content) return refuse('missing')
  if (!moderationPermissions.moderate(actor, content).ok) return refuse('refused')
  return { ok: true, content }
}

export interface ActionEntry {
  action: 'hide' | 'restore' | 'dismiss' | 'block' | 'unblock' | 'objection'
  kind: string | null
  id: string | null
  targetUserId: string | null
  category?: FlagReason | null
  reason: string
  wijkCode: string | null
}

/** Every moderation action is logged (the public summary counts these) and audited. */
export async function logAction(tx: Queryable, actor: Actor, entry: ActionEntry) {
  const [row] = await tx
    .insert(moderationActions)
    .values({
      action: entry.action,
      contentKind: entry.kind,
      contentId: entry.id,
      targetUserId: entry.targetUserId,
      actorId: actor.id,
      category: entry.category ?? null,
      reason: entry.reason,
      wijkCode: entry.wijkCode,
    })
    .returning({ id: moderationActions.id })
  await audit(tx, {
    actorId: actor.id,
    action: `moderation.${entry.action}`,
    subjectUserId: entry.targetUserId,
    reason: entry.reason,
    detail: { contentKind: entry.kind, contentId: entry.id, category: entry.category ?? null, moderationActionId: row!.id },
  })
  return row!.id
}

export type Notice = Omit<NoticeInput, 'userIds' | 'dedupeKey'>

/**
 * The tail of hiding and restoring: log the decision about the content, then tell its author (if any),
 * once per action.
 */
export async function logAndTellAuthor(
  tx: Queryable,
  actor: Actor,
  entry: Omit<ActionEntry, 'targetUserId' | 'wijkCode'> & { content: Content },
  notice: Notice,
) {
  const { content, ...rest } = entry
  const actionId = await logAction(tx, actor, { ...rest, targetUserId: content.authorId, wijkCode: content.wijkCode })
  if (!content.authorId) return
  await notify(tx, { userIds: [content.authorId], ...notice, dedupeKey: `moderation:${actionId}` })
}

export function objectionHref(kind: string, id: string) {
  return `/moderatie/bezwaar?kind=${encodeURIComponent(kind)}&id=${encodeURIComponent(id)}`
}
