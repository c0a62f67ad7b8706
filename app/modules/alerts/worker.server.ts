import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { alertDeliveries, alertPlaces, planNotices, publications, users } from '~db/schema'
import { geometryAsGeoJson } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { asLocale, notify, renderText, type Message, type Text } from '~/modules/engagement/engagement.server'
import { findItem, declarationOf } from '~/modules/participation/queries.server'
import { declarationLines } from '~/modules/participation/declaration'
import { queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { translate, type Locale, type MessageKey, type Translate } from '~/utils/i18n'
import { digestCutoff } from '~/utils/digest-time'
import { TERMS, type NoticeKind } from './deadline'
import { svgMap } from './map.server'
import { unsubscribeToken } from './token.server'
import { amsterdamDay } from '~/utils/time'
import { log } from '~/utils/log.server'
import { describeError } from '~/utils/input-gate.server'

/*
 * The alerts pipeline, durable in PostgreSQL (or the embedded database), in two stages of outbox:
 *
 * 1. match: claim one unprocessed publication with FOR UPDATE SKIP LOCKED, insert one delivery per
 *    resident whose place it touches (the unique (user, item kind, item id) index keeps it to one per
 *    resident, whatever the number of places or repeated runs), mark the publication processed — one
 *    transaction, so a crash leaves either everything or nothing;
 * 2. deliver: claim pending deliveries with SKIP LOCKED, render them, queue the e-mail in the mail outbox
 *    (or an in-app notification) and mark them sent — again one transaction per batch.
 * Digests (daily, weekly) wait in stage 2 until their moment and go as one e-mail per person, grouped per
 * place. The mail outbox worker then sends over SMTP with a stable Message-ID.
 */

/** Matches one publication. Returns its id and how many residents got a delivery, or null when none is due. */
export async function matchNextPublication(
  db: Queryable = getDatabase().db,
): Promise<{ publicationId: number; deliveries: number } | null> {
  return db.transaction(async (tx) => {
    const [pub] = await tx
      .select({ id: publications.id, geometry: publications.geometry, areaCodes: publications.areaCodes })
      .from(publications)
      .where(isNull(publications.processedAt))
      .orderBy(publications.id)
      .limit(1)
      .for('update', { skipLocked: true })
    if (!pub) return null
    const deliveries = await matchPublication(tx, pub.id, !pub.geometry && pub.areaCodes.length === 0)
    await tx
      .update(publications)
      .set({ processedAt: sql`now()` })
      .where(eq(publications.id, pub.id))
    return { publicationId: pub.id, deliveries }
  })
}

/**
 * The residents an item concerns, one row each (their nearest matching place), from the slim
 * `alert_place_match` table in the Dutch grid: places whose radius-expanded box touches the item (GIST
 * index), with the topic bit, and within the radius (planar metres; areas: touching). City-wide items
 * (no geometry, no areas) go to everyone with the topic. Blocked residents are left to the second stage,
 * which skips them at sending time.
 */
function matchingResidents(publicationId: number, cityWide: boolean) {
  if (cityWide)
    return sql`
      select distinct on (m.user_id) m.user_id, m.place_id, m.label, m.channel, 0 as distance_m
      from publications pub
      join alert_place_match m on (m.topics & alert_topic_bits(array[pub.topic])) <> 0
      where pub.id = ${publicationId}
      order by m.user_id, m.place_id`
  return sql`
    with item as materialized (
      select alert_topic_bits(array[pub.topic]) as bit,
             ST_Transform(coalesce(pub.geometry, (select ST_Union(a.geom) from areas a where a.code = any(pub.area_codes))), 28992) as g
      from publications pub where pub.id = ${publicationId}
    )
    select distinct on (m.user_id) m.user_id, m.place_id, m.label, m.channel, round(ST_Distance(m.geom, item.g))::int as distance_m
    from item
    join alert_place_match m on ST_Expand(m.geom, m.radius_m::float8) && item.g
    where (m.topics & item.bit) <> 0 and ST_DWithin(m.geom, item.g, m.radius_m)
    order by m.user_id, distance_m, m.place_id`
}

/**
 * The planner cannot estimate how many places a parameterised item touches (for a point it guesses one)
 * and picks a plain index scan, which visits the heap once per candidate; a bitmap scan reads each page of
 * the clustered table once, in order, and is about twice as fast here (docs/performance.md). So matching
 * turns plain index scans off for its own transaction.
 */
const preferBitmapScan = (db: Queryable) => db.execute(sql`set local enable_indexscan = off`)

/** Inside the caller's transaction when there is one (no savepoint round trips), else in a new one. */
const inTransaction = <T>(db: Queryable, run: (tx: Queryable) => Promise<T>): Promise<T> =>
  'rollback' in db ? run(db) : db.transaction(run)

/** How many residents an item concerns (the matching alone, without queueing anything). */
export async function countMatchingResidents(db: Queryable, publicationId: number, cityWide = false): Promise<number> {
  return inTransaction(db, async (tx) => {
    await preferBitmapScan(tx)
    const rows = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from (${matchingResidents(publicationId, cityWide)}) r`),
    )
    return Number(rows[0]?.n ?? 0)
  })
}

/** Matches one item and queues one delivery per resident (at most one per resident and item, ever). */
export async function matchPublication(db: Queryable, publicationId: number, cityWide = false): Promise<number> {
  return inTransaction(db, (tx) => queueMatches(tx, publicationId, cityWide))
}

async function queueMatches(db: Queryable, publicationId: number, cityWide: boolean): Promise<number> {
  const [pub] = await db
    .select({ itemKind: publications.itemKind, itemId: publications.itemId })
    .from(publications)
    .where(eq(publications.id, publicationId))
  if (!pub) return 0
  await preferBitmapScan(db)
  const result = await db.execute(sql`
    insert into alert_deliveries (user_id, item_kind, item_id, publication_id, place_id, place_label, distance_m, channel)
    select r.user_id, ${pub.itemKind}, ${pub.itemId}, ${publicationId}::bigint, r.place_id, r.label, r.distance_m, r.channel
    from (${matchingResidents(publicationId, cityWide)}) r
    on conflict (user_id, item_kind, item_id) do nothing`)
  const r = result as unknown as { count?: number; affectedRows?: number }
  return Number(r.count ?? r.affectedRows ?? 0)
}

/**
 * What an alert says about an item, in no language yet: a title someone typed stays as typed, the rest are
 * messages rendered in each recipient's language (the e-mail in `users.locale`, the in-app notification in
 * the language its page is read in).
 */
interface ItemInfo {
  title: string
  href: string
  what: string | Message
  where: string | Message
  /** The last day to react (ISO day), or null when no term applies. */
  deadline: string | null
  howToReact: Message
  declaration: Message[]
  geometry: { type: string; coordinates: unknown } | null
}

/**
 * The name of an item's kind, as the module that publishes it gives it in its manifest (`publications`).
 * Imported when first needed: the registry imports this module's manifest, which imports this file.
 */
async function kindLabel(itemKind: string): Promise<string | Message> {
  const { serverModules } = await import('~/modules/registry.server')
  const label = serverModules.flatMap((m) => m.publications ?? []).find((p) => p.itemKind === itemKind)?.label
  return label ? { key: label } : itemKind
}

async function itemInfo(db: Queryable, publicationId: number): Promise<ItemInfo | null> {
  const [pub] = await db
    .select({
      itemKind: publications.itemKind,
      itemId: publications.itemId,
      title: publications.title,
      href: publications.href,
      deadline: publications.deadline,
      geometry: geometryAsGeoJson(publications.geometry, 6),
      event: publications.event,
    })
    .from(publications)
    .where(eq(publications.id, publicationId))
  if (!pub) return null
  const item = await findItem({ kind: pub.itemKind, itemId: pub.itemId }, db)
  const declaration = item ? (await declarationOf(item.id, db)).current : null
  const info: ItemInfo = {
    title: pub.title,
    href: pub.href,
    what: await kindLabel(pub.itemKind),
    where: { key: 'alerts.mail_where_map' },
    deadline: pub.deadline ? amsterdamDay(pub.deadline) : null,
    howToReact: { key: 'alerts.mail_how_generic', params: { url: absoluteUrl(pub.href) } },
    declaration: declaration ? declarationLines(declaration) : [],
    geometry: pub.geometry ? (JSON.parse(pub.geometry) as ItemInfo['geometry']) : null,
  }
  if (pub.itemKind !== 'plan_notice') return info
  return withNoticeDetails(db, info, Number(pub.itemId))
}

/** A plan notice says more than its publication: its kind, its location, its legal term. */
async function withNoticeDetails(db: Queryable, info: ItemInfo, noticeId: number): Promise<ItemInfo | null> {
  const [notice] = await db
    .select({
      kind: planNotices.kind,
      locationLabel: planNotices.locationLabel,
      deadline: planNotices.reactionDeadline,
      status: planNotices.status,
    })
    .from(planNotices)
    .where(eq(planNotices.id, noticeId))
  // Withdrawn: no mail about it any more (withdrawNotice also skips what is pending).
  if (notice?.status === 'withdrawn') return null
  if (!notice) return info
  const term = TERMS[notice.kind as NoticeKind]
  return {
    ...info,
    what: { key: `alerts.kind.${notice.kind}` as MessageKey },
    where: notice.locationLabel,
    deadline: notice.deadline || null,
    howToReact: {
      key: `alerts.mail_how_${term?.reaction ?? 'reactie'}` as MessageKey,
      params: { url: absoluteUrl(`${info.href}#reageren`) },
    },
  }
}

const distance = (m: number, place: string): Message => ({ key: 'alerts.mail_distance', params: { m, place } })

/** What, where, until when and how to react: the lines about one item, in the alert and in a digest. */
function itemLines(info: ItemInfo, place: string, distanceM: number): Message[] {
  return [
    { key: 'alerts.mail_what_line', params: { what: info.what } },
    { key: 'alerts.mail_where_line', params: { where: info.where, distance: distance(distanceM, place) } },
    info.deadline ? { key: 'alerts.mail_deadline_line', params: { date: { date: info.deadline } } } : { key: 'alerts.mail_no_deadline' },
    { key: 'alerts.mail_how_line', params: { how: info.howToReact } },
  ]
}

/** The alert about one item: the in-app notification's body and, with a footer, the e-mail. */
function alertText(name: string, place: string, distanceM: number, info: ItemInfo): Text {
  return {
    lines: [
      { key: 'alerts.mail_hello', params: { name } },
      '',
      { key: 'alerts.mail_intro', params: { place } },
      '',
      info.title,
      ...itemLines(info, place, distanceM),
      ...(info.declaration.length
        ? [
            '',
            { key: 'alerts.mail_declaration' as const },
            ...info.declaration.map((line) => ({ key: 'alerts.mail_declaration_item' as const, params: { line } })),
          ]
        : []),
    ],
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** Translates into one recipient's language. */
const translator =
  (locale: Locale): Translate =>
  (key, params) =>
    translate(locale, key, params)

function footer(unsubscribeUrl: string, locale: Locale) {
  const t = translator(locale)
  return `\n\n--\n${t('alerts.mail_footer')}\n${t('alerts.mail_unsubscribe')}: ${unsubscribeUrl}\n${t('alerts.mail_manage')}: ${absoluteUrl('/mijn/plekken')}`
}

function unsubscribeHeaders(url: string) {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

const markDeliveries = async (tx: Queryable, ids: number[], status: 'sent' | 'skipped') => {
  if (ids.length)
    await tx
      .update(alertDeliveries)
      .set({ status, sentAt: sql`now()` })
      .where(inArray(alertDeliveries.id, ids))
}

/**
 * Renders and queues pending immediate and in-app deliveries. Returns how many were handled. The claim
 * (SKIP LOCKED), the rendering and the marking as sent share one transaction.
 */
export async function deliverPending(batchSize = 200, db: Queryable = getDatabase().db): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await claimPendingDeliveries(tx, batchSize)
    const infos = new Map<number, ItemInfo | null>()
    const handled = { sent: [] as number[], skipped: [] as number[] }
    for (const row of rows) {
      if (!infos.has(row.publicationId)) infos.set(row.publicationId, await itemInfo(tx, row.publicationId))
      handled[await deliver(tx, row, infos.get(row.publicationId) ?? null)].push(row.id)
    }
    await markDeliveries(tx, handled.sent, 'sent')
    await markDeliveries(tx, handled.skipped, 'skipped')
    return rows.length
  })
}

type PendingDelivery = Awaited<ReturnType<typeof claimPendingDeliveries>>[number]

/** What every delivery is read with: the item it is about and the place it was matched for. */
const deliveryColumns = {
  itemKind: alertDeliveries.itemKind,
  itemId: alertDeliveries.itemId,
  publicationId: alertDeliveries.publicationId,
  placeId: alertDeliveries.placeId,
  placeLabel: alertDeliveries.placeLabel,
  distanceM: alertDeliveries.distanceM,
}

/** Locks a batch of pending immediate and in-app deliveries (others' locked rows are skipped), with their recipients. */
async function claimPendingDeliveries(tx: Queryable, batchSize: number) {
  const claimed = await tx
    .select({ id: alertDeliveries.id })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.status, 'pending'), inArray(alertDeliveries.channel, ['immediate', 'in_app'])))
    .orderBy(alertDeliveries.id)
    .limit(batchSize)
    .for('update', { skipLocked: true })
  if (!claimed.length) return []
  return tx
    .select({
      id: alertDeliveries.id,
      userId: alertDeliveries.userId,
      ...deliveryColumns,
      channel: alertDeliveries.channel,
      email: users.email,
      name: users.displayName,
      locale: users.locale,
      confirmed: users.emailConfirmedAt,
      blocked: users.blockedAt,
      placeGeometry: geometryAsGeoJson(alertPlaces.geom, 6),
      radiusM: alertPlaces.radiusM,
    })
    .from(alertDeliveries)
    .innerJoin(users, eq(users.id, alertDeliveries.userId))
    .leftJoin(alertPlaces, eq(alertPlaces.id, alertDeliveries.placeId))
    .where(
      inArray(
        alertDeliveries.id,
        claimed.map((c) => c.id),
      ),
    )
}

/** One delivery: in-app only, or an e-mail and the same text in-app. Skipped for a gone item or a blocked or unconfirmed person. */
async function deliver(tx: Queryable, row: PendingDelivery, info: ItemInfo | null): Promise<'sent' | 'skipped'> {
  if (!info || row.blocked) return 'skipped'
  const body = alertText(row.name, row.placeLabel, row.distanceM, info)
  const notice = {
    userIds: [row.userId],
    kind: 'alert',
    title: info.title,
    body,
    href: info.href,
    dedupeKey: `alert:${row.itemKind}:${row.itemId}`,
  }
  if (row.channel === 'in_app') {
    await notify(tx, notice)
    return 'sent'
  }
  if (!row.confirmed) return 'skipped'
  await queueAlertMail(tx, row, info, body)
  // Also in /mijn/meldingen, as that page promises; the e-mail above is the only mail.
  await notify(tx, notice)
  return 'sent'
}

/** The alert e-mail, in the recipient's language, with a map of their place and the item. */
async function queueAlertMail(tx: Queryable, row: PendingDelivery, info: ItemInfo, body: Text) {
  const locale = asLocale(row.locale)
  const unsubscribeUrl = absoluteUrl(`/afmelden/${unsubscribeToken(row.userId, row.placeId)}`)
  const map =
    info.geometry &&
    svgMap({
      item: info.geometry,
      place: row.placeGeometry ? (JSON.parse(row.placeGeometry) as ItemInfo['geometry']) : null,
      radiusM: row.radiusM,
      title: translate(locale, 'alerts.map_label'),
    })
  const text = renderText(body, locale) + footer(unsubscribeUrl, locale)
  await queueEmail(tx, {
    to: row.email,
    subject: translate(locale, 'alerts.mail_subject', { place: row.placeLabel, title: info.title }),
    text,
    html: `<div style="font-family:sans-serif;max-width:40em">${map ? `<p>${map}</p>` : ''}<pre style="white-space:pre-wrap;font-family:inherit">${escapeHtml(text)}</pre></div>`,
    kind: 'alert',
    headers: unsubscribeHeaders(unsubscribeUrl),
    about: `${row.itemKind}:${row.itemId}`,
  })
}

export { digestCutoff }

/**
 * Sends due digests: one e-mail per person with every pending alert of that channel, grouped per place.
 * Claim, render and mark happen in one transaction per person.
 */
export async function sendDigests(channel: DigestChannel, now = new Date(), db: Queryable = getDatabase().db): Promise<number> {
  const cutoff = digestCutoff(channel, now)
  const due = rowsOf<{ user_id: string }>(
    await db.execute(sql`
      select distinct user_id from alert_deliveries
      where status = 'pending' and channel = ${channel} and created_at < ${cutoff.toISOString()}
      limit 100`),
  )
  let mails = 0
  for (const { user_id: userId } of due) mails += await db.transaction((tx) => sendDigest(tx, userId, channel, cutoff))
  return mails
}

type DigestChannel = 'daily' | 'weekly'
type DigestDelivery = Awaited<ReturnType<typeof claimDigestDeliveries>>[number]

/** One person's digest; returns 1 when an e-mail was queued. */
async function sendDigest(tx: Queryable, userId: string, channel: DigestChannel, cutoff: Date): Promise<number> {
  const rows = await claimDigestDeliveries(tx, userId, channel, cutoff)
  if (!rows.length) return 0
  const [user] = await tx.select().from(users).where(eq(users.id, userId))
  if (!user || user.blockedAt || !user.emailConfirmedAt) {
    await markDeliveries(
      tx,
      rows.map((r) => r.id),
      'skipped',
    )
    return 0
  }
  const locale = asLocale(user.locale)
  const byPlace = new Map<string, string[]>()
  const included: number[] = []
  const left: number[] = []
  for (const row of rows) {
    const info = await itemInfo(tx, row.publicationId)
    if (!info) {
      left.push(row.id)
      continue
    }
    included.push(row.id)
    // Each item of the digest is also in /mijn/meldingen (no mail of its own: the digest is the mail).
    await notify(tx, {
      userIds: [userId],
      kind: 'alert',
      title: info.title,
      body: { key: 'alerts.digest_notification', params: { what: info.what, distance: distance(row.distanceM, row.placeLabel) } },
      href: info.href,
      dedupeKey: `alert:${row.itemKind}:${row.itemId}`,
    })
    byPlace.set(row.placeLabel, [...(byPlace.get(row.placeLabel) ?? []), digestItem(info, row, locale)])
  }
  // Items gone or withdrawn since they matched are skipped; nothing left, no digest.
  await markDeliveries(tx, left, 'skipped')
  if (!included.length) return 0
  await queueDigestMail(tx, { userId, email: user.email, name: user.displayName, locale }, channel, byPlace, included.length)
  await markDeliveries(tx, included, 'sent')
  return 1
}

/** Locks one person's pending deliveries of a digest channel from before its moment, ordered by place and distance. */
async function claimDigestDeliveries(tx: Queryable, userId: string, channel: DigestChannel, cutoff: Date) {
  const claimed = await tx
    .select({ id: alertDeliveries.id })
    .from(alertDeliveries)
    .where(
      and(
        eq(alertDeliveries.userId, userId),
        eq(alertDeliveries.status, 'pending'),
        eq(alertDeliveries.channel, channel),
        sql`${alertDeliveries.createdAt} < ${cutoff.toISOString()}`,
      ),
    )
    .orderBy(alertDeliveries.id)
    .for('update', { skipLocked: true })
  if (!claimed.length) return []
  return tx
    .select({
      id: alertDeliveries.id,
      ...deliveryColumns,
    })
    .from(alertDeliveries)
    .where(
      inArray(
        alertDeliveries.id,
        claimed.map((c) => c.id),
      ),
    )
    .orderBy(alertDeliveries.placeLabel, alertDeliveries.distanceM)
}

/** One item of a digest, indented under its place. */
function digestItem(info: ItemInfo, row: DigestDelivery, locale: Locale): string {
  const declaration = info.declaration.map((line) => renderText(line, locale)).join(' ')
  return [
    `* ${info.title}`,
    ...itemLines(info, row.placeLabel, row.distanceM).map((line) => `  ${renderText(line, locale)}`),
    ...(info.declaration.length ? [`  ${translate(locale, 'alerts.mail_declaration')} ${declaration}`] : []),
  ].join('\n')
}

async function queueDigestMail(
  tx: Queryable,
  to: { userId: string; email: string; name: string; locale: Locale },
  channel: DigestChannel,
  byPlace: Map<string, string[]>,
  n: number,
) {
  const t = translator(to.locale)
  const unsubscribeUrl = absoluteUrl(`/afmelden/${unsubscribeToken(to.userId, null)}`)
  const text =
    [
      t('alerts.mail_hello', { name: to.name }),
      '',
      t(channel === 'daily' ? 'alerts.digest_intro_daily' : 'alerts.digest_intro_weekly', { n }),
      ...[...byPlace].flatMap(([place, items]) => ['', t('alerts.digest_place', { place }), ...items]),
    ].join('\n') + footer(unsubscribeUrl, to.locale)
  await queueEmail(tx, {
    to: to.email,
    subject: t(channel === 'daily' ? 'alerts.digest_subject_daily' : 'alerts.digest_subject_weekly', { n }),
    text,
    kind: 'alert_digest',
    headers: unsubscribeHeaders(unsubscribeUrl),
  })
}

/** One pass of the whole pipeline; returns whether anything was done. */
export async function runAlertsOnce(now = new Date()): Promise<boolean> {
  let worked = false
  for (let i = 0; i < 20; i++) {
    const matched = await matchNextPublication()
    if (!matched) break
    worked = true
  }
  while ((await deliverPending()) > 0) worked = true
  if ((await sendDigests('daily', now)) + (await sendDigests('weekly', now)) > 0) worked = true
  return worked
}

let timer: NodeJS.Timeout | undefined
/** Runs the alerts pipeline in this process, next to the mail worker; claims keep several processes apart. */
export function startAlertsWorker(intervalMs = 2000): void {
  if (timer) return
  let busy = false
  timer = setInterval(() => {
    if (busy) return
    busy = true
    runAlertsOnce()
      .catch((error) => log().error({ err: describeError(error) }, 'alerts worker failed'))
      .finally(() => (busy = false))
  }, intervalMs)
  timer.unref()
}

export function stopAlertsWorker(): void {
  if (timer) clearInterval(timer)
  timer = undefined
}
