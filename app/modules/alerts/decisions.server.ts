import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { zipSync, strToU8 } from 'fflate'
import { noticeDecisions, noticeReactions, planNotices, users, type NotaTheme } from '~db/schema'
import type { Queryable, Transaction } from '~db/client'
import { getDatabase } from '~db/runtime'
import { followerIds, notify } from '~/modules/engagement/engagement.server'
import { findItem, publishReportBack } from '~/modules/participation/queries.server'
import { audit } from '~/utils/audit.server'
import { translate, type MessageKey } from '~/utils/i18n'
import { checkUpload } from '~/utils/uploads.server'
import { NOTICE_ITEM_KIND, noticeHref } from './notices.server'
import { refuse, type Outcome, type Refusal } from '~/utils/result'
import { ALERT_LIMITS } from './validation'

/*
 * The decision that follows a notice, with its nota van beantwoording, is the notice's report-back: it is
 * written to the participation core (so /verantwoording counts it on time, late or overdue), the reactions
 * it answers are marked answered, and everyone who reacted or follows the notice is told.
 */

const nl = (key: string, params?: Record<string, string | number>) => translate('nl', key as MessageKey, params)

type DecisionDocument = { name: string; type: string; bytes: Buffer }

/**
 * The decision on a notice with its nota of answers per theme: the report-back, the notices to everyone
 * who reacted or follows, the audit line. All of it is one transaction; the steps take its handle.
 */
export async function publishDecision(
  actorId: string,
  noticeId: number,
  input: { text: string; nota: NotaTheme[]; document: File | null },
  now = new Date(),
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  const checked = await checkDecisionDocument(input.document)
  if (!checked.ok) return checked
  const { document } = checked
  return db.transaction(async (tx) => {
    const [notice] = await tx.select().from(planNotices).where(eq(planNotices.id, noticeId)).for('update')
    if (!notice) return refuse('alerts.error_not_found', 'form')
    if (notice.status === 'withdrawn') return refuse('alerts.error_withdrawn', 'form')
    const [existing] = await tx.select({ id: noticeDecisions.id }).from(noticeDecisions).where(eq(noticeDecisions.noticeId, noticeId))
    if (existing) return refuse('alerts.error_decision_exists', 'form')
    const reactions = await reactionsOf(tx, noticeId)
    const byReceipt = new Map(reactions.map((r) => [r.receipt, r]))
    const unknownReceipts = checkNotaReceipts(input.nota, byReceipt)
    if (unknownReceipts) return unknownReceipts
    await tx.insert(noticeDecisions).values({
      noticeId,
      text: input.text,
      nota: input.nota,
      documentName: document?.name ?? null,
      documentType: document?.type ?? null,
      document: document?.bytes ?? null,
      publishedBy: actorId,
      publishedAt: now,
    })
    const answered = await markAnswered(tx, input.nota, byReceipt, now)
    await writeReportBack(tx, actorId, noticeId, input, reactions.length)
    await notifyDecision(tx, noticeId, notice.title, reactions)
    await audit(tx, {
      actorId,
      action: 'alerts.publish_decision',
      detail: { noticeId, themes: input.nota.length, answered },
    })
    return { ok: true }
  })
}

/** The decision's PDF, checked before the transaction starts; none when no file was sent. */
async function checkDecisionDocument(file: File | null): Promise<Outcome<{ document: DecisionDocument | null }>> {
  if (!file || file.size === 0) return { ok: true, document: null }
  const checked = await checkUpload(file, {
    maxBytes: ALERT_LIMITS.attachmentBytes,
    types: ['application/pdf'],
    fallbackName: 'besluit.pdf',
  })
  if (!checked.ok)
    return refuse(checked.reason === 'too_large' ? 'alerts.error_attachment_size' : 'alerts.error_decision_document', 'document')
  return { ok: true, document: { name: checked.filename, type: checked.mime, bytes: checked.content } }
}

async function reactionsOf(tx: Transaction, noticeId: number) {
  return tx
    .select({
      id: noticeReactions.id,
      receipt: noticeReactions.receiptNumber,
      userId: noticeReactions.userId,
      status: noticeReactions.status,
    })
    .from(noticeReactions)
    .where(eq(noticeReactions.noticeId, noticeId))
}

type NoticeReaction = Awaited<ReturnType<typeof reactionsOf>>[number]

/** The refusal for the first theme that names a receipt number this notice never gave out, if any. */
function checkNotaReceipts(nota: NotaTheme[], byReceipt: Map<string, NoticeReaction>): Refusal | undefined {
  for (const [i, theme] of nota.entries()) {
    const unknown = theme.receipts.filter((r) => !byReceipt.has(r))
    if (unknown.length) return { ...refuse('alerts.error_nota_unknown', `receipts${i}`), params: { numbers: unknown.join(', ') } }
  }
  return undefined
}

/** Marks the open reactions the nota answers as answered; returns how many. */
async function markAnswered(tx: Transaction, nota: NotaTheme[], byReceipt: Map<string, NoticeReaction>, now: Date): Promise<number> {
  const answered = [...new Set(nota.flatMap((t) => t.receipts))]
    .map((r) => byReceipt.get(r)!)
    .filter((r) => r.status === 'received' || r.status === 'in_progress')
  if (answered.length)
    await tx
      .update(noticeReactions)
      .set({ status: 'answered', statusChangedAt: now })
      .where(
        inArray(
          noticeReactions.id,
          answered.map((r) => r.id),
        ),
      )
  return answered.length
}

/** The decision as the notice's report-back in the participation core, with the nota as its details. */
async function writeReportBack(
  tx: Transaction,
  actorId: string,
  noticeId: number,
  input: { text: string; nota: NotaTheme[] },
  reactionCount: number,
): Promise<void> {
  const item = await findItem({ kind: NOTICE_ITEM_KIND, itemId: String(noticeId) }, tx)
  if (!item) return
  await publishReportBack(
    tx,
    item.id,
    {
      summary: nl('alerts.decision_summary', { n: reactionCount, themes: input.nota.length }),
      decision: input.text,
      details: input.nota.map((t) => ({
        heading: t.theme,
        text: t.receipts.length ? `${t.answer}\n\n${nl('alerts.nota_receipts')}: ${t.receipts.join(', ')}` : t.answer,
      })),
    },
    actorId,
  )
}

/** Tells everyone who reacted to or follows the notice. */
async function notifyDecision(tx: Transaction, noticeId: number, title: string, reactions: NoticeReaction[]): Promise<void> {
  const recipients = [...reactions.map((r) => r.userId), ...(await followerIds(tx, NOTICE_ITEM_KIND, String(noticeId)))]
  await notify(tx, {
    userIds: recipients,
    kind: 'notice_decision',
    title: { key: 'alerts.decision_notice_title', params: { title } },
    body: { key: 'alerts.decision_notice_body' },
    href: `${noticeHref(noticeId)}#besluit`,
    dedupeKey: `${NOTICE_ITEM_KIND}:${noticeId}:decision`,
    emailSubject: { key: 'alerts.decision_notice_subject', params: { title } },
  })
}

/** The published decision of a notice, for its public page: no names, receipt numbers only. */
export async function decisionOf(noticeId: number, db: Queryable = getDatabase().db) {
  const [row] = await db
    .select({
      id: noticeDecisions.id,
      text: noticeDecisions.text,
      nota: noticeDecisions.nota,
      documentName: noticeDecisions.documentName,
      publishedAt: noticeDecisions.publishedAt,
    })
    .from(noticeDecisions)
    .where(eq(noticeDecisions.noticeId, noticeId))
  return row ?? null
}

export async function decisionDocument(noticeId: number, db: Queryable = getDatabase().db) {
  const [row] = await db
    .select({ name: noticeDecisions.documentName, type: noticeDecisions.documentType, bytes: noticeDecisions.document })
    .from(noticeDecisions)
    .where(eq(noticeDecisions.noticeId, noticeId))
  return row?.bytes ? { name: row.name ?? 'besluit.pdf', type: row.type ?? 'application/pdf', bytes: Buffer.from(row.bytes) } : null
}

const csvCell = (v: string | number | boolean | null) => {
  const s = v === null ? '' : String(v)
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

async function exportRows(noticeId: number, db: Queryable) {
  return db
    .select({
      id: noticeReactions.id,
      receiptNumber: noticeReactions.receiptNumber,
      receivedAt: noticeReactions.receivedAt,
      kind: noticeReactions.kind,
      status: noticeReactions.status,
      statusReason: noticeReactions.statusReason,
      late: noticeReactions.late,
      authorName: sql<string>`coalesce(${noticeReactions.authorName}, ${users.displayName})`,
      authorAddress: noticeReactions.authorAddress,
      email: users.email,
      body: noticeReactions.body,
      attachmentName: noticeReactions.attachmentName,
      attachment: noticeReactions.attachment,
    })
    .from(noticeReactions)
    .innerJoin(users, eq(users.id, noticeReactions.userId))
    .where(eq(noticeReactions.noticeId, noticeId))
    .orderBy(asc(noticeReactions.id))
}

type ExportRow = Awaited<ReturnType<typeof exportRows>>[number]

const attachmentPath = (r: Pick<ExportRow, 'receiptNumber' | 'attachmentName'>) =>
  `bijlagen/${r.receiptNumber}-${(r.attachmentName ?? 'bijlage').replace(/[^\w.\- ]+/g, '_')}`

function csvOf(rows: ExportRow[]) {
  const header = ['kenmerk', 'ontvangen', 'soort', 'status', 'reden', 'te_laat', 'naam', 'adres', 'email', 'tekst', 'bijlage']
  const lines = rows.map((r) =>
    [
      r.receiptNumber,
      r.receivedAt.toISOString(),
      r.kind,
      r.status,
      r.statusReason,
      r.late,
      r.authorName,
      r.authorAddress,
      r.email,
      r.body,
      r.attachment ? attachmentPath(r) : '',
    ]
      .map(csvCell)
      .join(','),
  )
  // A byte-order mark, so a spreadsheet opens the accents right.
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`
}

/**
 * The export of a notice's reactions for staff: the CSV, or a ZIP with the CSV and every attachment.
 * Holds names and addresses, so it is audited.
 */
export async function exportReactions(actorId: string, noticeId: number, format: 'csv' | 'zip', db: Queryable = getDatabase().db) {
  const rows = await exportRows(noticeId, db)
  await audit(db, { actorId, action: 'alerts.export_reactions', detail: { noticeId, format, reactions: rows.length } })
  const csv = csvOf(rows)
  if (format === 'csv')
    return { body: Buffer.from(csv, 'utf8'), type: 'text/csv; charset=utf-8', name: `bekendmaking-${noticeId}-reacties.csv` }
  const files: Record<string, Uint8Array> = { 'reacties.csv': strToU8(csv) }
  for (const r of rows) if (r.attachment) files[attachmentPath(r)] = new Uint8Array(r.attachment)
  return { body: Buffer.from(zipSync(files, { level: 6 })), type: 'application/zip', name: `bekendmaking-${noticeId}-reacties.zip` }
}

/** Reactions of a notice by status, for its staff page. */
export async function statusCounts(noticeId: number, db: Queryable = getDatabase().db) {
  const rows = await db
    .select({ status: noticeReactions.status, n: sql<number>`count(*)::int` })
    .from(noticeReactions)
    .where(and(eq(noticeReactions.noticeId, noticeId)))
    .groupBy(noticeReactions.status)
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>
}
