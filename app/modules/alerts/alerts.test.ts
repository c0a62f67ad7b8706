import { beforeAll, describe, expect, it } from 'vitest'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { createUser } from '~db/factories/users'
import { alertDeliveries, alertPlaces, auditLog, notifications, outboundEmails, publications } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { recordPublication } from '~/modules/engagement/engagement.server'
import { reactionDeadline } from './deadline'
import { createPlace, openNearPlace } from './places.server'
import { getNotice, publishNotice, react, withdrawNotice } from './notices.server'
import { findResource } from '~/modules/api.server'
import { deliverPending, digestCutoff, matchNextPublication, runAlertsOnce, sendDigests } from './worker.server'
import { placeSchema } from './validation'
import { readUnsubscribeToken, unsubscribeToken } from './token.server'

// Martinikerkhof 3 (a real sample address) is at 6.568567, 53.21927.
const HOME = { lon: 6.568567, lat: 53.21927 }
/** A point `metres` east of home. */
const east = (metres: number) => ({
  type: 'Point',
  coordinates: [HOME.lon + metres / (111_320 * Math.cos((HOME.lat * Math.PI) / 180)), HOME.lat],
})

const placeInput = (over: Record<string, unknown>) => {
  const parsed = placeSchema.safeParse({
    mode: 'address',
    postcode: '9712 JG',
    houseNumber: '3',
    radius: '500',
    topics: 'building',
    channel: 'immediate',
    consent: 'yes',
    ...over,
  })
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues))
  return parsed.data
}

async function publish(geometry: object | null, topic: 'building' | 'traffic' = 'building', itemId = String(Math.random())) {
  const { db } = getDatabase()
  await recordPublication(db, { itemKind: 'test_item', itemId, title: `Plan ${itemId}`, href: `/test/${itemId}`, topic, geometry })
  return itemId
}

async function deliveriesFor(itemId: string) {
  const { db } = getDatabase()
  return db.select().from(alertDeliveries).where(eq(alertDeliveries.itemId, itemId))
}

async function drain() {
  while (await matchNextPublication()) {
    /* next */
  }
}

let resident = ''

beforeAll(async () => {
  const { db } = getDatabase()
  resident = (await createUser(db, { displayName: 'Ria Rand' })).id
  const created = await createPlace(resident, placeInput({}))
  expect(created.ok).toBe(true)
})

describe('reaction deadlines', () => {
  it('zienswijze: six weeks from the day the draft is made available, including that day', () => {
    // Monday 1 March 2027 → the term ends Sunday 11 April, which runs on to Monday 12 April.
    expect(reactionDeadline('draft_decision', '2027-03-01')).toBe('2027-04-12')
    // Wednesday 3 March 2027 → Tuesday 13 April 2027.
    expect(reactionDeadline('draft_decision', '2027-03-03')).toBe('2027-04-13')
  })

  it('bezwaar: six weeks from the day after publication, moved past weekends and holidays', () => {
    // Published Wednesday 3 March 2027 → the term starts Thursday 4 March and ends Wednesday 14 April.
    expect(reactionDeadline('decision', '2027-03-03')).toBe('2027-04-14')
    // Published Tuesday 16 November 2027 → ends Tuesday 28 December.
    expect(reactionDeadline('traffic_decision', '2027-11-16')).toBe('2027-12-28')
    // Ends on Christmas Day (Saturday 25 December 2027); Sunday 26th is a holiday too → Monday 27 December.
    expect(reactionDeadline('event_permit', '2027-11-13')).toBe('2027-12-27')
    // Koningsdag 2027 is Tuesday 27 April: a term ending then runs to the 28th.
    expect(reactionDeadline('decision', '2027-03-16')).toBe('2027-04-28')
    expect(reactionDeadline('other', '2027-03-03')).toBeNull()
  })
})

describe('matching', () => {
  it('alerts a resident about an item within the radius with the topic, not about far ones or other topics', async () => {
    const near = await publish(east(300))
    const far = await publish(east(2000))
    const otherTopic = await publish(east(200), 'traffic')
    await drain()
    const [d] = await deliveriesFor(near)
    expect(d).toMatchObject({ userId: resident, channel: 'immediate', status: 'pending' })
    expect(d!.distanceM).toBeGreaterThan(290)
    expect(d!.distanceM).toBeLessThan(310)
    expect(await deliveriesFor(far)).toEqual([])
    expect(await deliveriesFor(otherTopic)).toEqual([])
  })

  it('matches just inside the radius and not just outside it', async () => {
    const inside = await publish(east(495))
    const outside = await publish(east(510))
    await drain()
    expect(await deliveriesFor(inside)).toHaveLength(1)
    expect(await deliveriesFor(outside)).toHaveLength(0)
  })

  it('matches an area place by intersection, and a line or polygon item that crosses the circle', async () => {
    const { db } = getDatabase()
    const other = (await createUser(db)).id
    const area = await createPlace(other, placeInput({ mode: 'area', areaCode: 'BU00140000', topics: ['traffic'] }))
    expect(area.ok).toBe(true)
    const inArea = await publish(east(50), 'traffic')
    const line = await publish({ type: 'LineString', coordinates: [east(-3000).coordinates, east(3000).coordinates] })
    await drain()
    expect((await deliveriesFor(inArea)).map((d) => d.userId)).toEqual([other])
    expect((await deliveriesFor(line)).map((d) => d.userId)).toEqual([resident])
    // The great circle between the ends bends a metre north of the parallel.
    expect((await deliveriesFor(line))[0]!.distanceM).toBeLessThanOrEqual(2)
  })

  it('alerts a resident once per item, even with several matching places, at the nearest place', async () => {
    const { db } = getDatabase()
    const many = (await createUser(db)).id
    await createPlace(many, placeInput({ radius: '1000' }))
    await createPlace(many, placeInput({ mode: 'point', lat: String(HOME.lat), lon: String(east(250).coordinates[0]), radius: '300' }))
    await createPlace(many, placeInput({ mode: 'area', areaCode: 'WK001400' }))
    const item = await publish(east(300))
    await drain()
    const rows = (await deliveriesFor(item)).filter((d) => d.userId === many)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.distanceM).toBe(0)
    // Matching the same publication again adds nothing.
    await db.update(publications).set({ processedAt: null }).where(eq(publications.itemId, item))
    await drain()
    expect((await deliveriesFor(item)).filter((d) => d.userId === many)).toHaveLength(1)
  })

  it('shows items already open near a new place', async () => {
    const { db } = getDatabase()
    const newcomer = (await createUser(db)).id
    await publish(east(100), 'building', 'open-before')
    const created = await createPlace(newcomer, placeInput({}))
    if (!created.ok) throw new Error('place')
    const open = await openNearPlace(newcomer, created.id)
    expect(open.map((o) => o.href)).toContain('/test/open-before')
    // Only the owner asks about their own place.
    expect(await openNearPlace(resident, created.id)).toEqual([])
  })
})

describe('delivery', () => {
  it('queues one e-mail per delivery exactly once, with List-Unsubscribe, distance, deadline and declaration', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const notice = await publishNotice(db, staff.id, {
      kind: 'permit_application',
      title: 'Dakopbouw Martinikerkhof (fictief)',
      description: 'Aanvraag voor een extra verdieping.',
      locationLabel: 'Martinikerkhof 12',
      geometry: east(300),
      startsOn: '2027-03-01',
    })
    await runAlertsOnce()
    await runAlertsOnce()
    const mails = await db
      .select()
      .from(outboundEmails)
      .where(
        sql`${outboundEmails.kind} = 'alert' and ${outboundEmails.subject} like ${'%Dakopbouw%'} and ${outboundEmails.toAddress} = ${`persoon-${resident}@example.test`}`,
      )
    expect(mails).toHaveLength(1)
    const mail = mails[0]!
    expect(mail.textBody).toContain('Martinikerkhof 12')
    expect(mail.textBody).toMatch(/\d{3} meter van Martinikerkhof 3/)
    expect(mail.textBody).toContain('reageren kan tot en met 26 april 2027')
    expect(mail.textBody).toContain(`/bekendmakingen/${notice.id}#reageren`)
    expect(mail.textBody).toContain('Hoe telt je reactie?')
    expect(mail.htmlBody).toContain('<svg')
    const headers = JSON.parse(mail.headers) as Record<string, string>
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const token = /\/afmelden\/([^>]+)>/.exec(headers['List-Unsubscribe']!)![1]!
    expect(readUnsubscribeToken(token)?.userId).toBe(resident)
    expect(readUnsubscribeToken(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull()
    expect(readUnsubscribeToken(unsubscribeToken('someone-else', 1).replace('someone-else', resident))).toBeNull()
  })

  it('sends in-app alerts as notifications and digests as one mail per person grouped per place', async () => {
    const { db } = getDatabase()
    const inApp = (await createUser(db)).id
    const digest = (await createUser(db, { displayName: 'Dirk Digest' })).id
    await createPlace(inApp, placeInput({ channel: 'in_app' }))
    await createPlace(digest, placeInput({ channel: 'daily' }))
    await createPlace(digest, placeInput({ mode: 'area', areaCode: 'BU00140000', channel: 'daily' }))
    const a = await publish(east(100))
    const b = await publish(east(200))
    await drain()
    await deliverPending()
    const notes = await db.select().from(notifications).where(eq(notifications.userId, inApp))
    expect(notes.map((n) => n.dedupeKey).sort()).toEqual([`alert:test_item:${a}`, `alert:test_item:${b}`].sort())
    // Not yet: the digest waits for 07:00.
    await db
      .update(alertDeliveries)
      .set({ createdAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(alertDeliveries.userId, digest))
    expect(await sendDigests('daily')).toBe(1)
    expect(await sendDigests('daily')).toBe(0)
    const [mail] = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'alert_digest'))
    expect(mail!.textBody).toContain('Bij Martinikerkhof 3')
    expect(mail!.textBody).toContain(`Plan ${a}`)
    expect(mail!.textBody).toContain(`Plan ${b}`)
  })

  it('computes digest moments at 07:00 Amsterdam time', () => {
    expect(digestCutoff('daily', new Date('2027-03-03T05:30:00Z')).toISOString()).toBe('2027-03-02T06:00:00.000Z')
    expect(digestCutoff('daily', new Date('2027-03-03T06:30:00Z')).toISOString()).toBe('2027-03-03T06:00:00.000Z')
    expect(digestCutoff('weekly', new Date('2027-07-08T12:00:00Z')).toISOString()).toBe('2027-07-05T05:00:00.000Z')
  })

  it('refuses bad places with a reason', async () => {
    const { db } = getDatabase()
    const someone = (await createUser(db)).id
    expect(await createPlace(someone, placeInput({ postcode: '9999ZZ' }))).toEqual({
      ok: false,
      reason: 'alerts.error_unknown_address',
      field: 'postcode',
    })
    const bowtie = JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [6.55, 53.21],
          [6.57, 53.23],
          [6.57, 53.21],
          [6.55, 53.23],
          [6.55, 53.21],
        ],
      ],
    })
    expect(await createPlace(someone, placeInput({ mode: 'drawn', geojson: bowtie }))).toEqual({
      ok: false,
      reason: 'alerts.error_self_intersecting',
      field: 'geojson',
    })
    const huge = JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [6.4, 53.1],
          [6.9, 53.1],
          [6.9, 53.4],
          [6.4, 53.4],
          [6.4, 53.1],
        ],
      ],
    })
    expect(await createPlace(someone, placeInput({ mode: 'drawn', geojson: huge }))).toEqual({
      ok: false,
      reason: 'alerts.error_area_too_large',
      field: 'geojson',
    })
    const small = JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [6.56, 53.215],
          [6.57, 53.215],
          [6.57, 53.22],
          [6.56, 53.22],
          [6.56, 53.215],
        ],
      ],
    })
    expect((await createPlace(someone, placeInput({ mode: 'drawn', geojson: small }))).ok).toBe(true)
    const tooFar = placeSchema.safeParse({
      mode: 'address',
      postcode: '9712JG',
      houseNumber: '3',
      radius: '6000',
      topics: 'building',
      channel: 'immediate',
      consent: 'yes',
    })
    expect(tooFar.success ? null : tooFar.error.issues[0]!.message).toBe('alerts.error_radius')
    const noConsent = placeSchema.safeParse({
      mode: 'address',
      postcode: '9712JG',
      houseNumber: '3',
      radius: '500',
      topics: 'building',
      channel: 'immediate',
    })
    expect(noConsent.success ? null : noConsent.error.issues[0]!.message).toBe('alerts.error_consent')
    // The database refuses a radius out of range even past the form.
    await expect(
      db.execute(sql`insert into alert_places (user_id, kind, label, geom, match_geom, radius_m, topics, consent_version, consented_at)
        values (${someone}, 'point', 'x', ST_SetSRID(ST_MakePoint(6.56, 53.21), 4326), ST_SetSRID(ST_MakePoint(6.56, 53.21), 4326), 50, '{building}', 'v', now())`),
    ).rejects.toThrow()
    const count = await db.select().from(alertPlaces).where(eq(alertPlaces.userId, someone))
    expect(count).toHaveLength(1)
  })

  it('withdraws a notice: public with the reason, reactions closed, pending alerts skipped, no further mail', async () => {
    const { db } = getDatabase()
    const staff = (await createUser(db, { roles: [{ role: 'staff' }] })).id
    const early = await createUser(db, { displayName: 'Eva Eerder' })
    const later = await createUser(db, { displayName: 'Daan Dagelijks' })
    const queued = await createUser(db, { displayName: 'Wim Wachtrij' })
    const sending = await createUser(db, { displayName: 'Vera Verzenden' })
    for (const u of [early, queued, sending]) expect((await createPlace(u.id, placeInput({ radius: '300' }))).ok).toBe(true)
    const laterPlace = await createPlace(later.id, placeInput({ channel: 'daily' }))
    expect(laterPlace.ok).toBe(true)
    const notice = await publishNotice(db, staff, {
      kind: 'permit_application',
      title: 'Aanvraag die wordt ingetrokken',
      description: 'Een verzonnen aanvraag voor een uitbouw.',
      locationLabel: 'Martinikerkhof',
      geometry: east(100),
      startsOn: new Date().toISOString().slice(0, 10),
    })
    await drain()
    await deliverPending()
    const byUser = async () =>
      Object.fromEntries((await deliveriesFor(String(notice.id))).map((d) => [d.userId, d.status])) as Record<string, string>
    expect((await byUser())[early.id]).toBe('sent')
    expect((await byUser())[later.id]).toBe('pending')
    const mailsTo = async (email: string) => (await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, email))).length
    // Rendered for all three; one has gone out, one is being sent right now, one still waits in the outbox.
    expect(await mailsTo(queued.email)).toBe(1)
    await db.update(outboundEmails).set({ sentAt: new Date() }).where(eq(outboundEmails.toAddress, early.email))
    await db
      .update(outboundEmails)
      .set({ lockedUntil: new Date(Date.now() + 60_000) })
      .where(eq(outboundEmails.toAddress, sending.email))
    const earlyMails = await mailsTo(early.email)
    // Residents of earlier tests nearby may have one waiting too: all of those are taken back.
    const waiting = (
      await db
        .select()
        .from(outboundEmails)
        .where(and(eq(outboundEmails.about, `plan_notice:${notice.id}`), isNull(outboundEmails.sentAt), isNull(outboundEmails.lockedUntil)))
    ).length
    expect(waiting).toBeGreaterThanOrEqual(1)

    expect(await withdrawNotice(staff, notice.id, 'De aanvrager heeft de aanvraag teruggetrokken.')).toEqual({ ok: true })
    expect(await withdrawNotice(staff, notice.id, 'Nog een keer intrekken.')).toEqual({
      ok: false,
      reason: 'alerts.error_already_withdrawn',
      field: 'form',
    })
    expect(await withdrawNotice(staff, 999_999, 'Bestaat niet.')).toEqual({ ok: false, reason: 'alerts.error_not_found', field: 'form' })
    // Already alerted: nothing more; still pending (the digest): skipped, and the digest does not go.
    expect(await byUser()).toMatchObject({ [early.id]: 'sent', [later.id]: 'skipped' })
    await db
      .update(alertDeliveries)
      .set({ createdAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(alertDeliveries.userId, later.id))
    await sendDigests('daily')
    await deliverPending()
    expect(await mailsTo(later.email)).toBe(0)
    expect(await mailsTo(early.email)).toBe(earlyMails)
    // The one still waiting is taken back; the one a worker is sending cannot be stopped.
    expect(await mailsTo(queued.email)).toBe(0)
    expect(await mailsTo(sending.email)).toBe(1)

    const shown = await getNotice(notice.id)
    expect(shown).toMatchObject({ status: 'withdrawn', withdrawnReason: 'De aanvrager heeft de aanvraag teruggetrokken.' })
    expect(await react(early.id, notice.id, 'Ik wil hier toch op reageren.', null)).toEqual({
      ok: false,
      reason: 'alerts.error_withdrawn',
      field: 'form',
    })
    // Not shown as open nearby any more; the open-data detail says withdrawn, the list leaves it out.
    expect((await openNearPlace(later.id, (laterPlace as { id: number }).id)).map((o) => o.title)).not.toContain(notice.title)
    const one = findResource(`/notices/${notice.id}`)!
    const detail = await one.resource.handler({
      params: one.params,
      query: new URLSearchParams(),
      request: new Request('http://stem.test'),
    })
    expect((detail as { body: Record<string, unknown> }).body).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'De aanvrager heeft de aanvraag teruggetrokken.',
    })
    const list = findResource('/notices')!
    const listed = await list.resource.handler({
      params: list.params,
      query: new URLSearchParams(),
      request: new Request('http://stem.test'),
    })
    expect((listed as { body: { data: { id: number }[] } }).body.data.map((n) => n.id)).not.toContain(notice.id)
    const logged = await db.select().from(auditLog).where(eq(auditLog.action, 'alerts.withdraw_notice'))
    expect(logged.map((l) => l.actorId)).toContain(staff)
    expect(logged.find((l) => l.actorId === staff)?.detail).toMatchObject({ mailsCancelled: waiting })
  })
})
