import { asc, desc, eq, sql } from 'drizzle-orm'
import { contactRequests, type ContactRequest, type ContactStatus } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { audit } from '~/utils/audit.server'
import { mailName, queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { translate, type Locale } from '~/utils/i18n'
import { recordAssistedAction, type ActingFor } from '~/auth/acting.server'
import { consumeDesk } from '~/auth/desk-limits.server'
import { rateLimited, refuse, type Outcome, type Refusal } from '~/utils/result'
import { addWorkingDays } from '~/utils/time'
import { sameSecret, signed } from '~/utils/keyed-hash.server'
import type { CONTACT_STEPS } from './validation'

/** A refusal for too many requests: the minutes to wait go into the message. */
/** We promise an answer within this many working days. */
export const RESPONSE_WORKING_DAYS = 2

function signature(id: number): string {
  return signed(`contact-request:${id}`).slice(0, 32)
}

/** The token in the status link: the request id with a signature, so no one can guess another's link. */
export function statusToken(id: number): string {
  return `${id}.${signature(id)}`
}

export function idFromStatusToken(token: string): number | null {
  const [idText, sig] = token.split('.')
  const id = Number(idText)
  if (!Number.isSafeInteger(id) || id <= 0 || !sig) return null
  return sameSecret(signature(id), sig) ? id : null
}

/** Only local paths are kept as "opened from" (never a full URL someone typed in). */
export function cleanFromPath(from: string | undefined | null): string | null {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) return null
  if (from.startsWith('/persoonlijk-contact')) return null
  return from.slice(0, 300)
}

export interface ContactInput {
  name: string
  message: string
  phone?: string
  email?: string
  visitDesk: boolean
  van?: string
}

/**
 * Records a request for personal contact and queues the confirmation e-mail with the status link.
 * Rate-limited per IP address. `db` may be a transaction of a caller (a helper entering it for someone).
 */
export async function requestContact(
  input: ContactInput,
  context: { ip: string; locale: Locale; userId: string | null; assisted?: ActingFor | null },
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ id: number; token: string }> | Refusal<'errors.rate_limited'>> {
  const limit = await consumeDesk('contactPerIp', context.ip)
  if (!limit.ok) return rateLimited(limit.minutes)
  const now = new Date()
  const run = async (tx: Queryable) => {
    const [row] = await tx
      .insert(contactRequests)
      .values({
        userId: context.userId,
        name: input.name,
        message: input.message,
        fromPath: cleanFromPath(input.van),
        phone: input.phone ?? null,
        email: input.email ?? null,
        visitDesk: input.visitDesk,
        createdAt: now,
        dueAt: addWorkingDays(now, RESPONSE_WORKING_DAYS),
      })
      .returning({ id: contactRequests.id })
    const token = statusToken(row!.id)
    if (context.assisted) {
      await recordAssistedAction(tx, {
        ...context.assisted,
        action: 'contact.request',
        itemKind: 'contact_request',
        itemId: String(row!.id),
      })
    }
    if (input.email) {
      await queueEmail(tx, {
        to: input.email,
        kind: 'contact_request',
        subject: translate(context.locale, 'contact.mail_subject'),
        text: translate(context.locale, 'contact.mail_text', {
          name: mailName(input.name),
          days: RESPONSE_WORKING_DAYS,
          link: absoluteUrl(`/persoonlijk-contact/status/${token}`),
        }),
      })
    }
    return { id: row!.id, token }
  }
  const result = await db.transaction(run)
  return { ok: true, ...result }
}

export type ContactStep = (typeof CONTACT_STEPS)[number]

const NEXT: Record<ContactStep, { from: ContactStatus[]; to: ContactStatus }> = {
  pick_up: { from: ['new'], to: 'picked_up' },
  answer: { from: ['new', 'picked_up'], to: 'answered' },
  close: { from: ['new', 'picked_up', 'answered'], to: 'closed' },
}

/** Moves a request one step on (new → picked up → answered → closed). Logged in the audit log. */
export async function advanceContact(actorId: string, id: number, step: ContactStep, note?: string): Promise<Outcome> {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(contactRequests).where(eq(contactRequests.id, id)).for('update')
    if (!row) return refuse('errors.not_found')
    const next = NEXT[step]
    if (!next.from.includes(row.status)) return refuse('contact.errors.wrong_step')
    const now = new Date()
    await tx
      .update(contactRequests)
      .set({
        status: next.to,
        pickedUpAt: row.pickedUpAt ?? now,
        pickedUpBy: row.pickedUpBy ?? actorId,
        answeredAt: next.to === 'answered' || next.to === 'closed' ? (row.answeredAt ?? now) : row.answeredAt,
        closedAt: next.to === 'closed' ? now : null,
        staffNote: note ? note : row.staffNote,
      })
      .where(eq(contactRequests.id, id))
    await audit(tx, {
      actorId,
      action: `contact.${step}`,
      subjectUserId: row.userId,
      reason: note ?? null,
      detail: { contactRequestId: id },
    })
    return { ok: true }
  })
}

export interface QueueRow extends ContactRequest {
  overdue: boolean
  /** Minutes from the request to picking it up, and to the answer (null while not yet). */
  minutesToPickUp: number | null
  minutesToAnswer: number | null
}

function withTimes(r: ContactRequest, now = Date.now()): QueueRow {
  const minutes = (at: Date | null) => (at ? Math.round((at.getTime() - r.createdAt.getTime()) / 60000) : null)
  const answered = r.answeredAt ?? (r.status === 'closed' ? r.closedAt : null)
  return {
    ...r,
    overdue: answered ? answered.getTime() > r.dueAt.getTime() : now > r.dueAt.getTime(),
    minutesToPickUp: minutes(r.pickedUpAt),
    minutesToAnswer: minutes(answered),
  }
}

/** The staff queue: open requests first (oldest first), then the latest handled ones. */
export async function contactQueue(filter: { status?: ContactStatus } = {}) {
  const { db } = getDatabase()
  const open: ContactStatus[] = ['new', 'picked_up']
  const rows = await db
    .select()
    .from(contactRequests)
    .where(filter.status ? eq(contactRequests.status, filter.status) : undefined)
    .orderBy(sql`case when ${contactRequests.status} in ('new', 'picked_up') then 0 else 1 end`, asc(contactRequests.createdAt))
    .limit(200)
  const list = rows.map((r) => withTimes(r))
  const answered = list.filter((r) => r.minutesToAnswer !== null)
  return {
    rows: list,
    openCount: list.filter((r) => open.includes(r.status)).length,
    overdueCount: list.filter((r) => r.overdue && open.includes(r.status)).length,
    medianMinutesToAnswer: median(answered.map((r) => r.minutesToAnswer!)),
  }
}

function median(values: number[]): number | null {
  if (!values.length) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2)
}

export async function contactRequestById(id: number) {
  const { db } = getDatabase()
  const [row] = await db.select().from(contactRequests).where(eq(contactRequests.id, id))
  return row ? withTimes(row) : null
}

/** A person's own requests (for /mijn/dossier). */
export async function contactRequestsOf(userId: string) {
  const { db } = getDatabase()
  const rows = await db.select().from(contactRequests).where(eq(contactRequests.userId, userId)).orderBy(desc(contactRequests.createdAt))
  return rows.map((r) => ({ ...withTimes(r), token: statusToken(r.id) }))
}
