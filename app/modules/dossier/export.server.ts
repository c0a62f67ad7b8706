import { and, asc, desc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { strToU8, zipSync } from 'fflate'
import { dataExports, users } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { hashToken, newToken } from '~/auth/tokens.server'
import { formatDate } from '~/utils/time'
import { translate, type Locale } from '~/utils/i18n'
import { queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { dossierLines, type RenderedLine } from './dossier.server'
import { DAY_MS, dossierSettings } from './settings.server'

/*
 * "Take my data": everything in the dossier as one ZIP (dossier.json, and a CSV per kind), prepared in
 * the background. A request is a row; the clock's worker claims it with SKIP LOCKED and a lease (like the
 * mail outbox, decision 0005): a worker that dies mid-way leaves a lease that runs out and another one
 * takes over; finishing is conditional on the row still pending, so it is finished once. The e-mail with
 * the link is queued in the transaction that stores the archive. Expired archives are deleted.
 */

const LEASE_SECONDS = 300
const MAX_ATTEMPTS = 5

/** Asks for an export; an export still being prepared is not asked for twice. */
export async function requestExport(userId: string, now = new Date()): Promise<void> {
  const { db } = getDatabase()
  await db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ id: dataExports.id })
      .from(dataExports)
      .where(and(eq(dataExports.userId, userId), eq(dataExports.status, 'pending')))
    if (!pending) await tx.insert(dataExports).values({ userId, requestedAt: now })
  })
}

/** The person's newest export, for the page. */
export async function latestExport(userId: string, now = new Date()) {
  const { db } = getDatabase()
  const [row] = await db
    .select({ status: dataExports.status, requestedAt: dataExports.requestedAt, expiresAt: dataExports.expiresAt })
    .from(dataExports)
    .where(eq(dataExports.userId, userId))
    .orderBy(desc(dataExports.requestedAt))
    .limit(1)
  if (!row || (row.expiresAt && row.expiresAt <= now)) return null
  return row
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  // A leading = + - @ would be a formula in a spreadsheet: quoted with an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The archive's files: dossier.json with every line, and `<kind>.csv` with the rows of each kind. */
export function archiveFiles(lines: RenderedLine[], generatedAt: Date): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {
    'dossier.json': strToU8(
      JSON.stringify(
        {
          generatedAt: generatedAt.toISOString(),
          lines: lines.map((l) => ({ kind: l.kind, at: l.at, text: l.text, link: l.href, data: l.row })),
        },
        null,
        2,
      ),
    ),
  }
  const kinds = [...new Set(lines.map((l) => l.kind))]
  for (const kind of kinds) {
    const rows = lines.filter((l) => l.kind === kind).map((l) => ({ sentence: l.text, ...l.row }))
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
    const csv = [
      columns.join(','),
      ...rows.map((r) => columns.map((c) => csvCell((r as Record<string, string | number | boolean | null>)[c])).join(',')),
    ]
    // A byte-order mark, so that spreadsheet programs read the accents right.
    files[`${kind}.csv`] = strToU8(`\uFEFF${csv.join('\r\n')}\r\n`)
  }
  return files
}

/** Claims one pending export, or null. */
async function claim(now: Date) {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select({ id: dataExports.id })
      .from(dataExports)
      .where(
        and(
          eq(dataExports.status, 'pending'),
          lte(dataExports.attempts, MAX_ATTEMPTS),
          or(isNull(dataExports.lockedUntil), lte(dataExports.lockedUntil, now)),
        ),
      )
      .orderBy(asc(dataExports.requestedAt))
      .limit(1)
      .for('update', { skipLocked: true })
    if (!due) return null
    const [claimed] = await tx
      .update(dataExports)
      .set({ lockedUntil: new Date(now.getTime() + LEASE_SECONDS * 1000), attempts: sql`${dataExports.attempts} + 1` })
      .where(eq(dataExports.id, due.id))
      .returning({ id: dataExports.id, userId: dataExports.userId, lockedUntil: dataExports.lockedUntil })
    return claimed ?? null
  })
}

/** Builds and stores one claimed export, and queues the e-mail; false when another worker finished it. */
async function prepare(job: { id: number; userId: string; lockedUntil: Date | null }, now: Date): Promise<boolean> {
  const { db } = getDatabase()
  const [user] = await db
    .select({ email: users.email, name: users.displayName, locale: users.locale })
    .from(users)
    .where(eq(users.id, job.userId))
  if (!user) return false
  const locale: Locale = user.locale === 'en' ? 'en' : 'nl'
  const archive = Buffer.from(zipSync(archiveFiles(await dossierLines(job.userId, locale), now)))
  const token = newToken()
  const expiresAt = new Date(now.getTime() + dossierSettings().STEM_EXPORT_VALID_DAYS * DAY_MS)
  return db.transaction(async (tx) => {
    const done = await tx
      .update(dataExports)
      .set({ status: 'ready', archive, tokenHash: hashToken(token), readyAt: now, expiresAt, lockedUntil: null })
      .where(and(eq(dataExports.id, job.id), eq(dataExports.status, 'pending')))
      .returning({ id: dataExports.id })
    if (!done.length) return false
    await queueEmail(tx, {
      to: user.email,
      kind: 'data_export',
      about: `data_export:${job.id}`,
      subject: translate(locale, 'dossier.export_mail_subject'),
      text: translate(locale, 'dossier.export_mail_text', {
        name: user.name,
        link: absoluteUrl(`/mijn/gegevens/download/${token}`),
        date: formatDate(expiresAt, locale),
      }),
    })
    return true
  })
}

/** The clock: prepares pending exports (a few per run) and deletes expired archives. */
export async function runExports(now = new Date(), batch = 5): Promise<number> {
  const { db } = getDatabase()
  await db.delete(dataExports).where(and(eq(dataExports.status, 'ready'), lt(dataExports.expiresAt, now)))
  let prepared = 0
  for (let i = 0; i < batch; i++) {
    const job = await claim(now)
    if (!job) break
    if (await prepare(job, now)) prepared += 1
  }
  return prepared
}

/** Exposed for the durability test: claim without finishing, as a worker that dies would. */
export const claimExportForTest = claim

/** The archive behind a link, for its owner only, while it has not expired. */
export async function downloadExport(userId: string, token: string, now = new Date()): Promise<Buffer | null> {
  const { db } = getDatabase()
  const [row] = await db
    .select({ archive: dataExports.archive, userId: dataExports.userId, expiresAt: dataExports.expiresAt })
    .from(dataExports)
    .where(and(eq(dataExports.tokenHash, hashToken(token)), eq(dataExports.status, 'ready')))
  if (!row || row.userId !== userId || !row.archive || !row.expiresAt || row.expiresAt <= now) return null
  return row.archive
}
