import { randomUUID } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import { caseHandoffs, noticeReactions, planNotices, users } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { env } from '~/utils/env.server'
import { keyedHash } from '~/utils/keyed-hash.server'
import { backoffSeconds, claimDue, type LeasedOutbox } from '~/utils/outbox.server'
import { absoluteUrl } from '~/utils/url.server'

/*
 * Handing reactions to the municipality's case system: one CloudEvents 1.0 event per reaction, in
 * structured JSON mode, POSTed to the webhook of this deployment and signed with its shared secret. The
 * outbox row is written in the reaction's transaction; a worker delivers it with retries and backoff.
 * "Exactly once" as far as HTTP allows: a row is marked delivered on the first 2xx and never sent again,
 * no two workers hold it at once, and every attempt carries the same event id, so a receiver that
 * answered 2xx but whose answer was lost (the only way a repeat can happen) can drop it.
 *
 * Signature header: `Stem-Signature: t=<unix seconds>,v1=<base64url HMAC-SHA256 of "case-webhook" NUL
 * "<t>.<body>" with the shared secret>` (see keyedHash).
 */

export const EVENT_TYPE = 'nl.stem.notice-reaction.received'
export const SIGNATURE_PURPOSE = 'case-webhook'
const LEASE_SECONDS = 60
const MAX_ATTEMPTS = 12
const TIMEOUT_MS = 10_000

export interface WebhookConfig {
  url: string
  secret: string
}

/** The webhook of this deployment, or null when none is configured (hand-over off). */
export function caseWebhook(): WebhookConfig | null {
  const { CASE_WEBHOOK_URL: url, CASE_WEBHOOK_SECRET: secret } = env()
  if (!url) return null
  if (!secret) throw new Error('CASE_WEBHOOK_SECRET must be set with CASE_WEBHOOK_URL')
  return { url, secret }
}

/** Queues the hand-over of one reaction; call it in the reaction's transaction. Idempotent. */
export async function queueHandoff(db: Queryable, reactionId: number): Promise<void> {
  await db.insert(caseHandoffs).values({ reactionId, eventId: randomUUID() }).onConflictDoNothing()
}

export function signature(body: string, secret: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000)
  return `t=${t},v1=${keyedHash(SIGNATURE_PURPOSE, `${t}.${body}`, secret)}`
}

/** The event, built when it is sent: what the resident sent, and the notice it is about. */
async function eventFor(db: Queryable, handoff: { eventId: string; reactionId: number }) {
  const [row] = await db
    .select({
      reaction: noticeReactions,
      email: users.email,
      notice: { id: planNotices.id, title: planNotices.title, kind: planNotices.kind, reference: planNotices.reference },
    })
    .from(noticeReactions)
    .innerJoin(planNotices, eq(planNotices.id, noticeReactions.noticeId))
    .innerJoin(users, eq(users.id, noticeReactions.userId))
    .where(eq(noticeReactions.id, handoff.reactionId))
  if (!row) return null
  const r = row.reaction
  return {
    specversion: '1.0',
    id: handoff.eventId,
    source: absoluteUrl('/'),
    type: EVENT_TYPE,
    subject: r.receiptNumber,
    time: r.receivedAt.toISOString(),
    datacontenttype: 'application/json',
    data: {
      receiptNumber: r.receiptNumber,
      kind: r.kind,
      receivedAt: r.receivedAt.toISOString(),
      late: r.late,
      author: { name: r.authorName, address: r.authorAddress, email: row.email },
      text: r.body,
      attachment: r.attachment
        ? { name: r.attachmentName, mediaType: r.attachmentType, base64: Buffer.from(r.attachment).toString('base64') }
        : null,
      notice: { ...row.notice, url: absoluteUrl(`/bekendmakingen/${row.notice.id}`) },
    },
  }
}

const OUTBOX: LeasedOutbox = {
  table: caseHandoffs,
  id: caseHandoffs.id,
  doneAt: caseHandoffs.deliveredAt,
  sendAfter: caseHandoffs.sendAfter,
  lockedUntil: caseHandoffs.lockedUntil,
  attempts: caseHandoffs.attempts,
}

/** Delivers due hand-overs; returns how many were delivered. Without a configured webhook, nothing. */
export async function deliverHandoffs(
  config: WebhookConfig | null = caseWebhook(),
  options: { batchSize?: number; db?: Queryable } = {},
): Promise<number> {
  if (!config) return 0
  const db = options.db ?? getDatabase().db
  const ids = await claimDue(db, OUTBOX, { batchSize: options.batchSize ?? 20, leaseSeconds: LEASE_SECONDS, maxAttempts: MAX_ATTEMPTS })
  if (!ids.length) return 0
  const claimed = await db.select().from(caseHandoffs).where(inArray(caseHandoffs.id, ids))
  let delivered = 0
  for (const handoff of claimed) {
    const event = await eventFor(db, handoff)
    if (!event) {
      // The reaction is gone (its author's account was removed): nothing to hand over.
      await db
        .update(caseHandoffs)
        .set({ deliveredAt: sql`now()`, lockedUntil: null, lastError: 'reaction removed' })
        .where(eq(caseHandoffs.id, handoff.id))
      continue
    }
    const body = JSON.stringify(event)
    let status: number | null = null
    let error: string | null = null
    try {
      const response = await fetch(config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', 'stem-signature': signature(body, config.secret) },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
      status = response.status
      await response.body?.cancel()
      if (!response.ok) error = `HTTP ${response.status}`
    } catch (e) {
      error = String(e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : e).slice(0, 500)
    }
    if (error === null) {
      await db
        .update(caseHandoffs)
        .set({ deliveredAt: sql`now()`, lockedUntil: null, lastStatus: status, lastError: null })
        .where(eq(caseHandoffs.id, handoff.id))
      delivered++
    } else {
      await db
        .update(caseHandoffs)
        .set({
          lockedUntil: null,
          lastStatus: status,
          lastError: error,
          sendAfter: sql`now() + make_interval(secs => ${backoffSeconds(handoff.attempts)})`,
        })
        .where(eq(caseHandoffs.id, handoff.id))
    }
  }
  return delivered
}

export type HandoffState =
  | { state: 'off' }
  | { state: 'delivered'; at: string }
  | { state: 'waiting'; attempts: number; lastError: string | null; nextAt: string }
  | { state: 'failed'; attempts: number; lastError: string | null }

/** What the inbox shows about a reaction's hand-over. */
export async function handoffStates(reactionIds: number[], db: Queryable = getDatabase().db): Promise<Map<number, HandoffState>> {
  const states = new Map<number, HandoffState>()
  if (!reactionIds.length) return states
  const rows = await db.select().from(caseHandoffs).where(inArray(caseHandoffs.reactionId, reactionIds))
  for (const r of rows) {
    states.set(
      r.reactionId,
      r.deliveredAt
        ? { state: 'delivered', at: r.deliveredAt.toISOString() }
        : r.attempts > MAX_ATTEMPTS
          ? { state: 'failed', attempts: r.attempts, lastError: r.lastError }
          : { state: 'waiting', attempts: r.attempts, lastError: r.lastError, nextAt: r.sendAfter.toISOString() },
    )
  }
  return states
}
