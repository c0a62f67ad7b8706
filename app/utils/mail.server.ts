import nodemailer, { type Transporter } from 'nodemailer'
import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm'
import { outboundEmails } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { env } from './env.server'
import { backoffSeconds, claimDue, type LeasedOutbox } from './outbox.server'
import { log } from './log.server'
import { describeError } from './input-gate.server'

export interface EmailMessage {
  to: string
  subject: string
  text: string
  html?: string
  /** What the message is for, e.g. `confirm_email`, `letter`; the development mailbox groups by it. */
  kind: string
  headers?: Record<string, string>
  /** The one item the message is about (`kind:id`), so that withdrawing it can take the message back. */
  about?: string
}

/**
 * Queues an e-mail in the outbox. Call it inside the transaction of the change that causes it: the
 * message exists exactly when the change does, and the worker delivers it even after a restart.
 */
export async function queueEmail(db: Queryable, message: EmailMessage): Promise<number | null> {
  // Accounts started by DigiD or eHerkenning have no e-mail address until the person adds one; their
  // placeholder is under the reserved `.invalid` domain (RFC 2606), which no mail server accepts.
  if (undeliverable(message.to)) return null
  const [row] = await db
    .insert(outboundEmails)
    .values({
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
      kind: message.kind,
      headers: JSON.stringify(message.headers ?? {}),
      about: message.about ?? null,
    })
    .returning({ id: outboundEmails.id })
  return row!.id
}

/** An address that can never receive mail: the reserved `.invalid` top-level domain. */
export function undeliverable(address: string): boolean {
  return /\.invalid$/i.test(address.trim())
}

/**
 * Takes back the messages about an item that have not gone out: call it in the transaction that
 * withdraws the item. A message a worker is sending at this moment (its lease runs) cannot be stopped
 * and goes; every other one is deleted. Returns how many were taken back.
 */
export async function cancelUnsentEmails(db: Queryable, about: string): Promise<number> {
  const cancelled = await db
    .delete(outboundEmails)
    .where(
      and(
        eq(outboundEmails.about, about),
        isNull(outboundEmails.sentAt),
        or(isNull(outboundEmails.lockedUntil), lte(outboundEmails.lockedUntil, sql`now()`)),
      ),
    )
    .returning({ id: outboundEmails.id })
  return cancelled.length
}

let transport: Transporter | undefined
function smtpTransport(): Transporter | undefined {
  const url = env().SMTP_URL
  if (!url) return undefined
  transport ??= nodemailer.createTransport(url)
  return transport
}

const LOCK_SECONDS = 120
const MAIL_OUTBOX: LeasedOutbox = {
  table: outboundEmails,
  id: outboundEmails.id,
  doneAt: outboundEmails.sentAt,
  sendAfter: outboundEmails.sendAfter,
  lockedUntil: outboundEmails.lockedUntil,
  attempts: outboundEmails.attempts,
}
const MAX_ATTEMPTS = 8

/**
 * Delivers due messages. Each is claimed with SKIP LOCKED and a lease (outbox.server.ts), so several
 * workers never send the same message; a worker that dies mid-send leaves a lease that expires and the
 * message is retried.
 * Returns how many were sent.
 */
export async function deliverDueEmails(batchSize = 20, mailer: Transporter | undefined = smtpTransport()): Promise<number> {
  if (!mailer) return 0
  const { db } = getDatabase()
  const ids = await claimDue(db, MAIL_OUTBOX, {
    batchSize,
    leaseSeconds: LOCK_SECONDS,
    maxAttempts: MAX_ATTEMPTS,
    // Letters go to a print service, not over SMTP.
    where: ne(outboundEmails.kind, 'letter'),
  })
  const claimed = ids.length
    ? await db.select().from(outboundEmails).where(inArray(outboundEmails.id, ids)).orderBy(asc(outboundEmails.id))
    : []
  let sent = 0
  for (const message of claimed) {
    try {
      await mailer.sendMail({
        from: env().MAIL_FROM,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody ?? undefined,
        headers: JSON.parse(message.headers) as Record<string, string>,
        // A stable Message-ID lets receiving servers drop a duplicate after a crash between send and mark.
        messageId: `<stem-${message.id}-${message.createdAt.getTime()}@${new URL(env().PUBLIC_URL ?? 'http://stem.local').hostname}>`,
      })
      await db
        .update(outboundEmails)
        .set({ sentAt: sql`now()`, lockedUntil: null, lastError: null })
        .where(eq(outboundEmails.id, message.id))
      sent++
    } catch (error) {
      await db
        .update(outboundEmails)
        .set({
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
          lockedUntil: null,
          sendAfter: sql`now() + make_interval(secs => ${backoffSeconds(message.attempts)})`,
        })
        .where(eq(outboundEmails.id, message.id))
    }
  }
  return sent
}

let timer: NodeJS.Timeout | undefined
/** Runs the delivery loop in this process (every app process may run one; claims keep them apart). */
export function startMailWorker(intervalMs = 2000): void {
  if (timer || !env().SMTP_URL) return
  let busy = false
  timer = setInterval(() => {
    if (busy) return
    busy = true
    deliverDueEmails()
      .catch((error) => log().error({ err: describeError(error) }, 'mail worker failed'))
      .finally(() => (busy = false))
  }, intervalMs)
  timer.unref()
}

export function stopMailWorker(): void {
  if (timer) clearInterval(timer)
  timer = undefined
}

/**
 * A name someone typed, as it may appear in an e-mail the municipality sends (to any address): between
 * quotes, on one line, at most 60 characters, and without links or web addresses, so a "name" such as
 * "Uw DigiD verloopt: log in op http://…" cannot make our mail a phishing mail.
 */
export function mailName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters and line breaks are the point
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, '…')
    .replace(/\b(?:mailto|javascript|data|tel|sms):\S*/gi, '…')
    .replace(/\bwww\.\S*/gi, '…')
    .replace(/\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b\S*/gi, '…')
    .replace(/[<>"“”„]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60)
  return `“${cleaned || '…'}”`
}
