import { and, desc, eq, sql } from 'drizzle-orm'
import { parse as parseCsv } from 'csv-parse/sync'
import { addresses, alertDeliveries, noticeReactions, planNotices, publications, users, type PlanNotice } from '~db/schema'
import { geometryAsGeoJson } from '~db/schema/geo'
import type { Database, Queryable, Transaction } from '~db/client'
import { getDatabase } from '~db/runtime'
import { findAddress, formatAddress, rowsOf } from '~/modules/areas/queries.server'
import { follow, recordPublication, unfollow } from '~/modules/engagement/engagement.server'
import { registerItem, saveDeclaration, setItemStatus } from '~/modules/participation/queries.server'
import { audit } from '~/utils/audit.server'
import type { DeclarationFields } from '~/modules/participation/declaration'
import { translate, type Locale, type MessageKey, type Params } from '~/utils/i18n'
import { zodErrors } from '~/utils/forms'
import { cancelUnsentEmails, queueEmail } from '~/utils/mail.server'
import { checkUpload } from '~/utils/uploads.server'
import { absoluteUrl } from '~/utils/url.server'
import { isoDay, reactionDeadline, TERMS, todayInAmsterdam, TOPIC_OF_KIND, type NoticeKind } from './deadline'
import { checkGeometry, parseGeoJson, pointGeoJson, shapeOf } from '~/modules/areas/geometry.server'
import { ALERT_LIMITS, noticeSchema, type FormalKind, type NoticeInput } from './validation'
import { caseWebhook, queueHandoff } from './handoff.server'
import { refuse, type Outcome } from '~/utils/result'
import { endOfAmsterdamDay, formatInstant } from '~/utils/time'

export const NOTICE_ITEM_KIND = 'plan_notice'
export const noticeHref = (id: number) => `/bekendmakingen/${id}`

/** Where the notice applies, from an address, a point or GeoJSON; or a reason per field. */
export async function resolveLocation(
  db: Queryable,
  input: Pick<NoticeInput, 'locationMode' | 'postcode' | 'houseNumber' | 'addition' | 'lat' | 'lon' | 'geojson' | 'locationLabel'>,
): Promise<Outcome<{ geometry: object; label: string }>> {
  if (input.locationMode === 'address') {
    const address = await findAddress(input.postcode.toUpperCase().replace(/\s+/g, ''), Number(input.houseNumber), input.addition, db)
    if (!address) return refuse('alerts.error_unknown_address', 'postcode')
    const [row] = await db
      .select({ g: geometryAsGeoJson(addresses.location, 7) })
      .from(addresses)
      .where(eq(addresses.id, address.id))
    return { ok: true, geometry: JSON.parse(row!.g!) as object, label: input.locationLabel || formatAddress(address) }
  }
  if (input.locationMode === 'point') {
    const point = pointGeoJson(Number(input.lon), Number(input.lat))
    const checked = await checkGeometry(db, point)
    if (!checked.ok) return refuse(checked.reason, 'lat')
    return { ok: true, geometry: point, label: input.locationLabel || `${Number(input.lat).toFixed(5)}, ${Number(input.lon).toFixed(5)}` }
  }
  const parsed = parseGeoJson(input.geojson, ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'])
  if (!parsed.ok) return refuse(parsed.reason, 'geojson')
  const checked = await checkGeometry(db, parsed.geometry)
  if (!checked.ok) return refuse(checked.reason, 'geojson')
  if (!input.locationLabel) return refuse('alerts.error_location_label', 'locationLabel')
  return { ok: true, geometry: parsed.geometry, label: input.locationLabel }
}

const USED_FOR: Record<NoticeKind, string> = {
  permit_application:
    'De gemeente leest elke reactie voordat zij beslist over de aanvraag. Reacties die gaan over de regels van het omgevingsplan wegen mee; het besluit noemt wat er met de reacties is gedaan.',
  draft_decision:
    'Elke zienswijze wordt gelezen en beantwoord. Het college weegt de zienswijzen mee in het definitieve besluit en legt in dat besluit uit wat ermee is gedaan.',
  decision: 'Een bezwaar wordt behandeld door de bezwaarcommissie. Die hoort je en adviseert het college, dat het besluit opnieuw bekijkt.',
  traffic_decision:
    'Een bezwaar wordt behandeld door de bezwaarcommissie. Die hoort je en adviseert het college, dat het verkeersbesluit opnieuw bekijkt.',
  event_permit:
    'Een bezwaar wordt behandeld door de bezwaarcommissie. Die hoort je en adviseert de burgemeester, die de vergunning opnieuw bekijkt.',
  other: 'De gemeente leest elke reactie en neemt die mee in haar afweging. In de terugkoppeling staat wat ermee is gedaan.',
}

function declarationFor(kind: NoticeKind, deadline: string | null, today: string): DeclarationFields {
  const base = deadline ?? today
  const plusDays = (iso: string, days: number) => isoDay(new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000))
  return {
    level: 'raadplegen',
    decidedBy: kind === 'event_permit' ? 'burgemeester' : 'college',
    decisionExpectedOn: kind === 'permit_application' ? base : null,
    usedFor: USED_FOR[kind],
    bindingRule: null,
    reportBackBy: plusDays(base, kind === 'draft_decision' || kind === 'permit_application' ? 56 : 84),
  }
}

/**
 * Publishes a notice: the notice, its participation item with a weighing declaration, and the
 * publication the alerts worker matches — all in one transaction.
 */
export async function publishNotice(
  db: Queryable,
  actorId: string | null,
  input: {
    kind: NoticeKind
    title: string
    description: string
    locationLabel: string
    geometry: object
    startsOn: string
    reference?: string
  },
  today = todayInAmsterdam(),
): Promise<PlanNotice> {
  const deadline = reactionDeadline(input.kind, input.startsOn)
  const topic = TOPIC_OF_KIND[input.kind]
  const run = async (tx: Queryable) => {
    const [notice] = await tx
      .insert(planNotices)
      .values({
        kind: input.kind,
        title: input.title,
        description: input.description,
        locationLabel: input.locationLabel,
        geom: sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(input.geometry)}), 4326)` as unknown as string,
        topic,
        reference: input.reference || null,
        startsOn: input.startsOn,
        publishedOn: today,
        reactionDeadline: deadline,
        createdBy: actorId,
      })
      .returning()
    const closesAt = deadline ? endOfAmsterdamDay(deadline) : null
    const item = await registerItem(tx, {
      kind: NOTICE_ITEM_KIND,
      itemId: String(notice!.id),
      title: notice!.title,
      href: noticeHref(notice!.id),
      ownerId: actorId,
      status: 'open',
      opensAt: new Date(),
      closesAt,
    })
    await saveDeclaration(tx, item.id, declarationFor(input.kind, deadline, today), actorId)
    await recordPublication(tx, {
      itemKind: NOTICE_ITEM_KIND,
      itemId: String(notice!.id),
      title: notice!.title,
      href: noticeHref(notice!.id),
      topic,
      geometry: input.geometry,
      deadline: closesAt,
    })
    return notice!
  }
  return 'transaction' in db ? db.transaction(run) : run(db)
}

/** The staff form: resolve the location, then publish. */
export async function publishFromForm(actorId: string, input: NoticeInput): Promise<Outcome<{ id: number }>> {
  const { db } = getDatabase()
  const location = await resolveLocation(db, input)
  if (!location.ok) return location
  const notice = await publishNotice(db, actorId, {
    kind: input.kind,
    title: input.title,
    description: input.description,
    locationLabel: location.label,
    geometry: location.geometry,
    startsOn: input.startsOn,
    reference: input.reference,
  })
  return { ok: true, id: notice.id }
}

export async function listNotices(options: { limit?: number; offset?: number } = {}) {
  const { db } = getDatabase()
  return db
    .select({
      id: planNotices.id,
      kind: planNotices.kind,
      title: planNotices.title,
      locationLabel: planNotices.locationLabel,
      startsOn: planNotices.startsOn,
      publishedOn: planNotices.publishedOn,
      reactionDeadline: planNotices.reactionDeadline,
      geometry: geometryAsGeoJson(planNotices.geom, 6),
    })
    .from(planNotices)
    .where(eq(planNotices.status, 'published'))
    .orderBy(desc(planNotices.publishedOn), desc(planNotices.id))
    .limit(Math.min(options.limit ?? 100, 500))
    .offset(options.offset ?? 0)
}

/** A notice, published or withdrawn (a withdrawn notice stays readable with its reason). */
export async function getNotice(id: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [row] = await db
    .select({
      id: planNotices.id,
      kind: planNotices.kind,
      title: planNotices.title,
      description: planNotices.description,
      locationLabel: planNotices.locationLabel,
      topic: planNotices.topic,
      reference: planNotices.reference,
      startsOn: planNotices.startsOn,
      publishedOn: planNotices.publishedOn,
      reactionDeadline: planNotices.reactionDeadline,
      status: planNotices.status,
      withdrawnAt: planNotices.withdrawnAt,
      withdrawnReason: planNotices.withdrawnReason,
      createdBy: planNotices.createdBy,
      geometry: geometryAsGeoJson(planNotices.geom, 6),
    })
    .from(planNotices)
    .where(eq(planNotices.id, id))
  return row ? { ...row, geometry: JSON.parse(row.geometry!) as object } : null
}

export type NoticeDetail = NonNullable<Awaited<ReturnType<typeof getNotice>>>

/** Whether reactions are still accepted: not withdrawn, and until the end of the deadline day in the Netherlands. */
export function isOpenForReactions(notice: Pick<NoticeDetail, 'reactionDeadline' | 'status'>, now = new Date()): boolean {
  if (notice.status === 'withdrawn') return false
  return !notice.reactionDeadline || now <= endOfAmsterdamDay(notice.reactionDeadline)
}

/**
 * Staff withdraw a published notice with a public reason. In one transaction: the notice shows as
 * withdrawn, reactions close, its participation item is archived (no report-back is owed), its publication
 * is marked processed and closed (not matched any more, not shown as open nearby), and every alert still
 * pending (digests, or not yet rendered) is skipped, so nobody gets mail about it any more. The row locks
 * make this safe against a worker in the middle of a batch: what it already claimed goes, nothing after.
 */
export async function withdrawNotice(
  actorId: string,
  noticeId: number,
  reason: string,
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  if (!Number.isSafeInteger(noticeId) || noticeId <= 0) return refuse('alerts.error_not_found', 'form')
  return db.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(planNotices)
      .set({ status: 'withdrawn', withdrawnAt: sql`now()`, withdrawnReason: reason, withdrawnBy: actorId })
      .where(and(eq(planNotices.id, noticeId), eq(planNotices.status, 'published')))
      .returning({ id: planNotices.id, title: planNotices.title })
    if (!withdrawn) {
      const [exists] = await tx.select({ id: planNotices.id }).from(planNotices).where(eq(planNotices.id, noticeId))
      return refuse(exists ? 'alerts.error_already_withdrawn' : 'alerts.error_not_found', 'form')
    }
    const ref = { kind: NOTICE_ITEM_KIND, itemId: String(noticeId) }
    await setItemStatus(tx, ref, 'archived')
    await tx
      .update(publications)
      .set({ processedAt: sql`coalesce(${publications.processedAt}, now())`, deadline: sql`now()` })
      .where(and(eq(publications.itemKind, ref.kind), eq(publications.itemId, ref.itemId)))
    const skipped = await tx
      .update(alertDeliveries)
      .set({ status: 'skipped', sentAt: sql`now()` })
      .where(and(eq(alertDeliveries.itemKind, ref.kind), eq(alertDeliveries.itemId, ref.itemId), eq(alertDeliveries.status, 'pending')))
      .returning({ id: alertDeliveries.id })
    // Alert e-mails already rendered but not sent yet are taken back as well.
    const mailsCancelled = await cancelUnsentEmails(tx, `${ref.kind}:${ref.itemId}`)
    await audit(tx, {
      actorId,
      action: 'alerts.withdraw_notice',
      reason,
      detail: { noticeId, title: withdrawn.title, pendingAlertsSkipped: skipped.length, mailsCancelled },
    })
    return { ok: true }
  })
}

const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp']

/** What a reaction on a notice of this kind is in law. */
export function reactionKindOf(kind: NoticeKind): FormalKind {
  const term = TERMS[kind]
  return term?.reaction === 'zienswijze' ? 'zienswijze' : term?.reaction === 'bezwaar' ? 'bezwaar' : 'comment'
}

/**
 * Whether a reaction can still be given, and whether it is late: a bezwaar after its term is accepted
 * and marked late (the municipality decides whether it is admissible, Awb 6:11); other reactions close.
 */
export function reactionWindow(
  notice: Pick<NoticeDetail, 'reactionDeadline' | 'status' | 'kind'>,
  now = new Date(),
): 'open' | 'late' | 'closed' | 'withdrawn' {
  if (notice.status === 'withdrawn') return 'withdrawn'
  if (isOpenForReactions(notice, now)) return 'open'
  return reactionKindOf(notice.kind) === 'bezwaar' ? 'late' : 'closed'
}

export interface ReactionInput {
  body: string
  /** For a zienswijze or bezwaar: who sends it and where they live (Awb 6:5). */
  authorName?: string
  authorAddress?: string
}

type Attachment = { name: string; type: string; bytes: Buffer }

/** A reaction as it is written: who sends what about which notice. */
interface NewReaction {
  noticeId: number
  userId: string
  kind: FormalKind
  body: string
  authorName?: string
  authorAddress?: string
  late: boolean
  attachment: Attachment | null
}

/**
 * A reaction with an optional attachment (PDF or image, checked by its bytes), and its receipt: on the
 * page and by e-mail, with a full copy of what was sent. With a configured case system the reaction is
 * queued for hand-over in the same transaction: the reaction, its hand-over and the receipt with the full
 * copy are written in that one transaction.
 */
export async function react(
  userId: string,
  noticeId: number,
  input: string | ReactionInput,
  file: File | null,
  now = new Date(),
  // A helper entering it for a resident passes the transaction that also writes the dossier line.
  db: Database = getDatabase().db,
): Promise<Outcome<{ receiptNumber: string; receivedAt: Date; id: number; late: boolean }>> {
  const { body, authorName, authorAddress } = typeof input === 'string' ? { body: input } : input
  // Every read through `db`: inside a transaction on the embedded database, another connection waits forever.
  const notice = await getNotice(noticeId, db)
  if (!notice) return refuse('alerts.error_not_found', 'form')
  const window = reactionWindow(notice, now)
  if (window === 'withdrawn') return refuse('alerts.error_withdrawn', 'form')
  if (window === 'closed') return refuse('alerts.error_closed', 'form')
  const kind = reactionKindOf(notice.kind)
  const checked = await checkAttachment(file)
  if (!checked.ok) return checked
  const late = window === 'late'
  const reaction: NewReaction = { noticeId, userId, kind, body, authorName, authorAddress, late, attachment: checked.attachment }
  const webhook = caseWebhook()
  const result = await db.transaction(async (tx) => {
    const row = await insertReaction(tx, reaction, now)
    if (webhook) await queueHandoff(tx, row.id)
    await emailReceipt(tx, notice, reaction, row)
    return row
  })
  return { ok: true, ...result, late }
}

/** The reaction's attachment, checked by its bytes; none when no file was sent. */
async function checkAttachment(file: File | null): Promise<Outcome<{ attachment: Attachment | null }>> {
  if (!file || file.size === 0) return { ok: true, attachment: null }
  const checked = await checkUpload(file, { maxBytes: ALERT_LIMITS.attachmentBytes, types: ATTACHMENT_TYPES, fallbackName: 'bijlage' })
  if (!checked.ok)
    return refuse(checked.reason === 'too_large' ? 'alerts.error_attachment_size' : 'alerts.error_attachment_type', 'attachment')
  return { ok: true, attachment: { name: checked.filename, type: checked.mime, bytes: checked.content } }
}

/** Writes the reaction with its receipt number (the year and the reaction's id). */
async function insertReaction(tx: Transaction, reaction: NewReaction, now: Date) {
  const [{ id }] = rowsOf<{ id: number }>(
    await tx.execute(sql`select nextval(pg_get_serial_sequence('notice_reactions', 'id'))::int as id`),
  ) as [{ id: number }]
  const receiptNumber = `STEM-${now.getFullYear()}-${String(id).padStart(6, '0')}`
  const { attachment } = reaction
  const [row] = await tx
    .insert(noticeReactions)
    .values({
      id,
      noticeId: reaction.noticeId,
      userId: reaction.userId,
      body: reaction.body,
      kind: reaction.kind,
      authorName: reaction.authorName || null,
      authorAddress: reaction.authorAddress || null,
      late: reaction.late,
      attachmentName: attachment?.name ?? null,
      attachmentType: attachment?.type ?? null,
      attachment: attachment?.bytes ?? null,
      receiptNumber,
      receivedAt: now,
    })
    .returning({ id: noticeReactions.id, receiptNumber: noticeReactions.receiptNumber, receivedAt: noticeReactions.receivedAt })
  return row!
}

/** The receipt also goes by e-mail, so the resident keeps proof of the date and of what was sent. */
async function emailReceipt(
  tx: Transaction,
  notice: Pick<NoticeDetail, 'title' | 'reference'>,
  reaction: NewReaction,
  row: { receiptNumber: string; receivedAt: Date },
): Promise<void> {
  const [user] = await tx
    .select({ email: users.email, confirmed: users.emailConfirmedAt, locale: users.locale })
    .from(users)
    .where(eq(users.id, reaction.userId))
  if (!user?.confirmed) return
  // In the resident's language, with the time in the Netherlands.
  const locale: Locale = user.locale === 'en' ? 'en' : 'nl'
  const tr = (key: string, params?: Params) => translate(locale, key as MessageKey, params)
  const { kind, authorName, authorAddress, attachment } = reaction
  const when = formatInstant(row.receivedAt, locale, 'datetime-long')
  const copy = [
    tr('alerts.receipt_text', { date: when, number: row.receiptNumber }),
    ...(reaction.late ? ['', tr('alerts.receipt_late')] : []),
    '',
    tr('alerts.receipt_copy_intro'),
    '',
    `${tr('alerts.receipt_copy_kind')}: ${tr(`alerts.reaction_kind.${kind}`)}`,
    `${tr('alerts.receipt_copy_about')}: ${notice.title}${notice.reference ? ` (${notice.reference})` : ''}`,
    absoluteUrl(noticeHref(reaction.noticeId)),
    ...(authorName ? [`${tr('alerts.author_name')}: ${authorName}`] : []),
    ...(authorAddress ? [`${tr('alerts.author_address')}: ${authorAddress}`] : []),
    '',
    `${tr(kind === 'comment' ? 'alerts.react_body' : 'alerts.react_grounds')}:`,
    reaction.body,
    '',
    `${tr('alerts.receipt_copy_attachments')}: ${attachment ? attachment.name : tr('alerts.receipt_copy_none')}`,
    '',
    tr('alerts.receipt_copy_status', { url: absoluteUrl('/mijn/reacties') }),
  ].join('\n')
  await queueEmail(tx, {
    to: user.email,
    subject: `${tr('alerts.receipt_title')} ${row.receiptNumber}: ${notice.title}`,
    kind: 'alert_receipt',
    text: copy,
  })
}

/** A person's own receipt. */
export async function receiptOf(userId: string, reactionId: number) {
  const { db } = getDatabase()
  const [row] = await db
    .select({
      id: noticeReactions.id,
      noticeId: noticeReactions.noticeId,
      receiptNumber: noticeReactions.receiptNumber,
      receivedAt: noticeReactions.receivedAt,
      body: noticeReactions.body,
      attachmentName: noticeReactions.attachmentName,
      late: noticeReactions.late,
    })
    .from(noticeReactions)
    .where(and(eq(noticeReactions.id, reactionId), eq(noticeReactions.userId, userId)))
  return row ?? null
}

export async function reactionsOf(userId: string, noticeId: number) {
  const { db } = getDatabase()
  return db
    .select({
      id: noticeReactions.id,
      receiptNumber: noticeReactions.receiptNumber,
      receivedAt: noticeReactions.receivedAt,
      status: noticeReactions.status,
    })
    .from(noticeReactions)
    .where(and(eq(noticeReactions.userId, userId), eq(noticeReactions.noticeId, noticeId)))
    .orderBy(desc(noticeReactions.id))
}

export interface ImportReport {
  imported: number
  errors: { row: number; reason: string }[]
}

const nl = (key: string) => translate('nl', key as MessageKey)

type ImportRow = { raw: Record<string, string>; geometry: unknown }

/**
 * Bulk import from GeoJSON (a FeatureCollection) or CSV; every row stands alone, broken rows are reported.
 * Both formats are read into one row shape, then each row is checked the way the form does.
 */
export async function importNotices(actorId: string, text: string, format: 'geojson' | 'csv'): Promise<ImportReport> {
  const { db } = getDatabase()
  const report: ImportReport = { imported: 0, errors: [] }
  const rows = readImportRows(text, format)
  if (!rows) {
    report.errors.push({ row: 0, reason: nl(format === 'geojson' ? 'alerts.import_bad_geojson' : 'alerts.import_bad_csv') })
    return report
  }
  if (rows.length > ALERT_LIMITS.importRows) {
    report.errors.push({ row: 0, reason: nl('alerts.import_too_many') })
    return report
  }
  for (const [index, row] of rows.entries()) {
    const error = await importNotice(db, actorId, row)
    if (error) report.errors.push({ row: index + 1, reason: error })
    else report.imported++
  }
  return report
}

/** The rows of a GeoJSON FeatureCollection or a CSV file, or undefined when the text is neither. */
function readImportRows(text: string, format: 'geojson' | 'csv'): ImportRow[] | undefined {
  try {
    if (format === 'geojson') {
      const doc = JSON.parse(text) as { type?: string; features?: { properties?: Record<string, unknown>; geometry?: unknown }[] }
      if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new Error('not a FeatureCollection')
      return doc.features.map((f) => ({
        raw: Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, v == null ? '' : String(v)])),
        geometry: f.geometry,
      }))
    }
    const records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<
      string,
      string
    >[]
    return records.map((r) => ({ raw: r, geometry: null }))
  } catch {
    return undefined
  }
}

/** The notice form's fields from an import row (English or Dutch column names). */
function noticeFields({ raw, geometry }: ImportRow) {
  const postcode = raw.postcode ?? ''
  return {
    kind: raw.kind ?? raw.soort,
    title: raw.title ?? raw.titel,
    description: raw.description ?? raw.omschrijving,
    locationLabel: raw.location ?? raw.locatie ?? '',
    locationMode: geometry ? 'geojson' : postcode ? 'address' : 'point',
    postcode,
    houseNumber: raw.house_number ?? raw.huisnummer ?? '',
    addition: raw.addition ?? raw.toevoeging ?? '',
    lat: raw.lat ?? raw.latitude ?? '',
    lon: raw.lon ?? raw.longitude ?? '',
    geojson: geometry ? JSON.stringify(geometry) : '',
    startsOn: raw.starts_on ?? raw.startdatum,
    reference: raw.reference ?? raw.kenmerk ?? '',
  }
}

/** Checks one import row as the form does and publishes it; returns why not, if it was not imported. */
async function importNotice(db: Database, actorId: string, row: ImportRow): Promise<string | undefined> {
  const { geometry } = row
  const parsed = noticeSchema.safeParse(noticeFields(row))
  if (!parsed.success) {
    const [field, key] = Object.entries(zodErrors(parsed.error))[0]!
    return `${field}: ${nl(key)}`
  }
  if (geometry && !shapeOf(geometry, ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon']).ok)
    return `geometry: ${nl('alerts.error_geojson')}`
  const location = await resolveLocation(db, {
    ...parsed.data,
    locationLabel: parsed.data.locationLabel || (geometry ? parsed.data.title : ''),
  })
  if (!location.ok) return `${location.field ?? 'form'}: ${nl(location.reason as MessageKey)}`
  if (parsed.data.reference) {
    const [dup] = await db.select({ id: planNotices.id }).from(planNotices).where(eq(planNotices.reference, parsed.data.reference))
    if (dup) return `reference: ${nl('alerts.import_duplicate')}`
  }
  await publishNotice(db, actorId, {
    kind: parsed.data.kind,
    title: parsed.data.title,
    description: parsed.data.description,
    locationLabel: location.label,
    geometry: location.geometry,
    startsOn: parsed.data.startsOn,
    reference: parsed.data.reference,
  })
  return undefined
}

export function termOf(kind: NoticeKind) {
  return TERMS[kind]
}

/** Following a notice: the follower hears when its decision is published. */
export async function followNotice(userId: string, noticeId: number, on: boolean): Promise<void> {
  const { db } = getDatabase()
  if (on) await follow(db, userId, NOTICE_ITEM_KIND, String(noticeId))
  else await unfollow(db, userId, NOTICE_ITEM_KIND, String(noticeId))
}
