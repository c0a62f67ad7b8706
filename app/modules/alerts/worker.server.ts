import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { alertDeliveries, alertPlaces, planNotices, publications, users } from '~db/schema'
import { geometryAsGeoJson } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { notify } from '~/modules/engagement/engagement.server'
import { findItem, declarationOf } from '~/modules/participation/queries.server'
import { describeDeclaration } from '~/modules/participation/declaration'
import { queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { translate, type MessageKey } from '~/utils/i18n'
import { digestCutoff } from '~/utils/digest-time'
import { formatDay, TERMS, type NoticeKind } from './deadline'
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

const t = (key: string, params?: Record<string, string | number>) => translate('nl', key as MessageKey, params)

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

interface ItemInfo {
  title: string
  href: string
  what: string
  where: string
  deadline: string | null
  howToReact: string
  declaration: string[]
  geometry: { type: string; coordinates: unknown } | null
}

/**
 * The name of an item's kind, as the module that publishes it gives it in its manifest (`publications`).
 * Imported when first needed: the registry imports this module's manifest, which imports this file.
 */
async function kindLabel(itemKind: string): Promise<string> {
  const { serverModules } = await import('~/modules/registry.server')
  const label = serverModules.flatMap((m) => m.publications ?? []).find((p) => p.itemKind === itemKind)?.label
  return label ? t(label) : itemKind
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
    where: t('alerts.mail_where_map'),
    deadline: pub.deadline ? formatDay(amsterdamDay(pub.deadline)) : null,
    howToReact: t('alerts.mail_how_generic', { url: absoluteUrl(pub.href) }),
    declaration: declaration ? describeDeclaration(declaration, (k, p) => translate('nl', k, p), 'nl') : [],
    geometry: pub.geometry ? (JSON.parse(pub.geometry) as ItemInfo['geometry']) : null,
  }
  if (pub.itemKind === 'plan_notice') {
    const [notice] = await db
      .select({
        kind: planNotices.kind,
        locationLabel: planNotices.locationLabel,
        deadline: planNotices.reactionDeadline,
        status: planNotices.status,
      })
      .from(planNotices)
      .where(eq(planNotices.id, Number(pub.itemId)))
    // Withdrawn: no mail about it any more (withdrawNotice also skips what is pending).
    if (notice?.status === 'withdrawn') return null
    if (notice) {
      info.what = t(`alerts.kind.${notice.kind}`)
      info.where = notice.locationLabel
      info.deadline = notice.deadline ? formatDay(notice.deadline) : null
      const term = TERMS[notice.kind as NoticeKind]
      info.howToReact = t(`alerts.mail_how_${term?.reaction ?? 'reactie'}`, { url: absoluteUrl(`${pub.href}#reageren`) })
    }
  }
  return info
}

function alertText(name: string, place: string, distanceM: number, info: ItemInfo): string {
  return [
    t('alerts.mail_hello', { name }),
    '',
    t('alerts.mail_intro', { place }),
    '',
    info.title,
    `${t('alerts.mail_what')}: ${info.what}`,
    `${t('alerts.mail_where')}: ${info.where} — ${t('alerts.mail_distance', { m: distanceM, place })}`,
    info.deadline
      ? `${t('alerts.mail_deadline')}: ${t('alerts.mail_deadline_text', { date: info.deadline })}`
      : t('alerts.mail_no_deadline'),
    `${t('alerts.mail_how')}: ${info.howToReact}`,
    ...(info.declaration.length ? ['', t('alerts.mail_declaration'), ...info.declaration.map((l) => `- ${l}`)] : []),
  ].join('\n')
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

function footer(unsubscribeUrl: string) {
  return `\n\n--\n${t('alerts.mail_footer')}\n${t('alerts.mail_unsubscribe')}: ${unsubscribeUrl}\n${t('alerts.mail_manage')}: ${absoluteUrl('/mijn/plekken')}`
}

function unsubscribeHeaders(url: string) {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

/**
 * Renders and queues pending immediate and in-app deliveries. Returns how many were handled. One function
 * because the claim (SKIP LOCKED), the rendering and the marking as sent must share one transaction.
 */
export async function deliverPending(batchSize = 200, db: Queryable = getDatabase().db): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .select({ id: alertDeliveries.id })
      .from(alertDeliveries)
      .where(and(eq(alertDeliveries.status, 'pending'), inArray(alertDeliveries.channel, ['immediate', 'in_app'])))
      .orderBy(alertDeliveries.id)
      .limit(batchSize)
      .for('update', { skipLocked: true })
    if (!claimed.length) return 0
    const rows = await tx
      .select({
        id: alertDeliveries.id,
        userId: alertDeliveries.userId,
        itemKind: alertDeliveries.itemKind,
        itemId: alertDeliveries.itemId,
        publicationId: alertDeliveries.publicationId,
        placeId: alertDeliveries.placeId,
        placeLabel: alertDeliveries.placeLabel,
        distanceM: alertDeliveries.distanceM,
        channel: alertDeliveries.channel,
        email: users.email,
        name: users.displayName,
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
    const infos = new Map<number, ItemInfo | null>()
    const sent: number[] = []
    const skipped: number[] = []
    for (const row of rows) {
      if (!infos.has(row.publicationId)) infos.set(row.publicationId, await itemInfo(tx, row.publicationId))
      const info = infos.get(row.publicationId)
      if (!info || row.blocked) {
        skipped.push(row.id)
        continue
      }
      const dedupeKey = `alert:${row.itemKind}:${row.itemId}`
      const body = alertText(row.name, row.placeLabel, row.distanceM, info)
      if (row.channel === 'in_app') {
        await notify(tx, { userIds: [row.userId], kind: 'alert', title: info.title, body, href: info.href, dedupeKey })
        sent.push(row.id)
        continue
      }
      if (!row.confirmed) {
        skipped.push(row.id)
        continue
      }
      const unsubscribeUrl = absoluteUrl(`/afmelden/${unsubscribeToken(row.userId, row.placeId)}`)
      const map =
        info.geometry &&
        svgMap({
          item: info.geometry,
          place: row.placeGeometry ? (JSON.parse(row.placeGeometry) as ItemInfo['geometry']) : null,
          radiusM: row.radiusM,
          title: t('alerts.map_label'),
        })
      const text = body + footer(unsubscribeUrl)
      await queueEmail(tx, {
        to: row.email,
        subject: t('alerts.mail_subject', { place: row.placeLabel, title: info.title }),
        text,
        html: `<div style="font-family:sans-serif;max-width:40em">${map ? `<p>${map}</p>` : ''}<pre style="white-space:pre-wrap;font-family:inherit">${escapeHtml(text)}</pre></div>`,
        kind: 'alert',
        headers: unsubscribeHeaders(unsubscribeUrl),
        about: `${row.itemKind}:${row.itemId}`,
      })
      // Also in /mijn/meldingen, as that page promises; the e-mail above is the only mail.
      await notify(tx, { userIds: [row.userId], kind: 'alert', title: info.title, body, href: info.href, dedupeKey })
      sent.push(row.id)
    }
    if (sent.length)
      await tx
        .update(alertDeliveries)
        .set({ status: 'sent', sentAt: sql`now()` })
        .where(inArray(alertDeliveries.id, sent))
    if (skipped.length)
      await tx
        .update(alertDeliveries)
        .set({ status: 'skipped', sentAt: sql`now()` })
        .where(inArray(alertDeliveries.id, skipped))
    return rows.length
  })
}

export { digestCutoff }

/**
 * Sends due digests: one e-mail per person with every pending alert of that channel, grouped per place.
 * Long for the same reason as deliverPending: claim, render and mark in one transaction per person.
 */
export async function sendDigests(channel: 'daily' | 'weekly', now = new Date(), db: Queryable = getDatabase().db): Promise<number> {
  const cutoff = digestCutoff(channel, now)
  const due = rowsOf<{ user_id: string }>(
    await db.execute(sql`
      select distinct user_id from alert_deliveries
      where status = 'pending' and channel = ${channel} and created_at < ${cutoff.toISOString()}
      limit 100`),
  )
  let mails = 0
  for (const { user_id: userId } of due) {
    mails += await db.transaction(async (tx) => {
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
      if (!claimed.length) return 0
      const ids = claimed.map((c) => c.id)
      const rows = await tx
        .select({
          id: alertDeliveries.id,
          itemKind: alertDeliveries.itemKind,
          itemId: alertDeliveries.itemId,
          publicationId: alertDeliveries.publicationId,
          placeId: alertDeliveries.placeId,
          placeLabel: alertDeliveries.placeLabel,
          distanceM: alertDeliveries.distanceM,
        })
        .from(alertDeliveries)
        .where(inArray(alertDeliveries.id, ids))
        .orderBy(alertDeliveries.placeLabel, alertDeliveries.distanceM)
      const [user] = await tx.select().from(users).where(eq(users.id, userId))
      if (!user || user.blockedAt || !user.emailConfirmedAt) {
        await tx
          .update(alertDeliveries)
          .set({ status: 'skipped', sentAt: sql`now()` })
          .where(inArray(alertDeliveries.id, ids))
        return 0
      }
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
          body: `${info.what} — ${t('alerts.mail_distance', { m: row.distanceM, place: row.placeLabel })}`,
          href: info.href,
          dedupeKey: `alert:${row.itemKind}:${row.itemId}`,
        })
        const section = byPlace.get(row.placeLabel) ?? []
        section.push(
          [
            `* ${info.title}`,
            `  ${t('alerts.mail_what')}: ${info.what}`,
            `  ${t('alerts.mail_where')}: ${info.where} — ${t('alerts.mail_distance', { m: row.distanceM, place: row.placeLabel })}`,
            `  ${info.deadline ? `${t('alerts.mail_deadline')}: ${t('alerts.mail_deadline_text', { date: info.deadline })}` : t('alerts.mail_no_deadline')}`,
            `  ${t('alerts.mail_how')}: ${info.howToReact}`,
            ...(info.declaration.length ? [`  ${t('alerts.mail_declaration')} ${info.declaration.join(' ')}`] : []),
          ].join('\n'),
        )
        byPlace.set(row.placeLabel, section)
      }
      // Items gone or withdrawn since they matched are skipped; nothing left, no digest.
      if (left.length)
        await tx
          .update(alertDeliveries)
          .set({ status: 'skipped', sentAt: sql`now()` })
          .where(inArray(alertDeliveries.id, left))
      if (!included.length) return 0
      const unsubscribeUrl = absoluteUrl(`/afmelden/${unsubscribeToken(userId, null)}`)
      const text =
        [
          t('alerts.mail_hello', { name: user.displayName }),
          '',
          t(channel === 'daily' ? 'alerts.digest_intro_daily' : 'alerts.digest_intro_weekly', { n: included.length }),
          ...[...byPlace].flatMap(([place, items]) => ['', t('alerts.digest_place', { place }), ...items]),
        ].join('\n') + footer(unsubscribeUrl)
      await queueEmail(tx, {
        to: user.email,
        subject: t(channel === 'daily' ? 'alerts.digest_subject_daily' : 'alerts.digest_subject_weekly', { n: included.length }),
        text,
        kind: 'alert_digest',
        headers: unsubscribeHeaders(unsubscribeUrl),
      })
      await tx
        .update(alertDeliveries)
        .set({ status: 'sent', sentAt: sql`now()` })
        .where(inArray(alertDeliveries.id, included))
      return 1
    })
  }
  return mails
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
