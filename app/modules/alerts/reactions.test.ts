import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { createUser } from '~db/factories/users'
import { alertPlaces, auditLog, caseHandoffs, noticeReactions, notifications, outboundEmails, reportBacks } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { keyedHash, sameSecret } from '~/utils/keyed-hash.server'
import { accountability } from '~/modules/participation/queries.server'
import { follow, recentNotifications } from '~/modules/engagement/engagement.server'
import { exportReactions, publishDecision, decisionOf } from './decisions.server'
import { deliverHandoffs, EVENT_TYPE, queueHandoff, SIGNATURE_PURPOSE } from './handoff.server'
import { NOTICE_ITEM_KIND, publishNotice, react } from './notices.server'
import {
  addNote,
  assignReaction,
  listReactions,
  myReactions,
  reactionAttachment,
  reactionCounts,
  reactionDetail,
  setReactionStatus,
} from './reactions.server'
import { formalReactionSchema, reactionStatusSchema } from './validation'
import { nearbyQuery } from './nearby.server'
import { runAlertsOnce } from './worker.server'
import { loader as feedLoader } from '~/routes/bekendmakingen.feed'

const point = { type: 'Point', coordinates: [6.5686, 53.2193] }
const today = () => new Date().toISOString().slice(0, 10)
const pdf = () =>
  new File([Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')], 'zienswijze bomen.pdf', { type: 'application/pdf' })

async function draft(title: string, actorId: string | null = null) {
  const { db } = getDatabase()
  return publishNotice(db, actorId, {
    kind: 'draft_decision',
    title,
    description: 'Een verzonnen ontwerpbesluit voor de test.',
    locationLabel: 'Martinikerkhof',
    geometry: point,
    startsOn: today(),
  })
}

describe('formal reactions', () => {
  it('asks a zienswijze for name, address and grounds, naming each missing part; sends a full copy by e-mail', async () => {
    const refused = formalReactionSchema('zienswijze').safeParse({
      authorName: 'Anna de Vries',
      authorAddress: 'Vismarkt 1, 9712 CA Groningen',
      body: '',
    })
    expect(refused.success).toBe(false)
    expect(refused.error!.issues.map((i) => [i.path[0], i.message])).toEqual([['body', 'alerts.error_grounds_zienswijze']])
    const { db } = getDatabase()
    const resident = await createUser(db)
    const notice = await draft('Ontwerpbesluit voor de kopie-test')
    const sent = await react(
      resident.id,
      notice.id,
      { body: 'De bomen zijn gezond; kap is niet nodig.', authorName: 'Anna de Vries', authorAddress: 'Vismarkt 1, 9712 CA Groningen' },
      pdf(),
    )
    if (!sent.ok) throw new Error(JSON.stringify(sent))
    expect(sent.late).toBe(false)
    const [row] = await db.select().from(noticeReactions).where(eq(noticeReactions.id, sent.id))
    expect(row).toMatchObject({ kind: 'zienswijze', status: 'received', authorName: 'Anna de Vries' })
    const [mail] = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, resident.email))
    expect(mail!.textBody).toContain('De bomen zijn gezond; kap is niet nodig.')
    expect(mail!.textBody).toContain('Anna de Vries')
    expect(mail!.textBody).toContain('Vismarkt 1, 9712 CA Groningen')
    expect(mail!.textBody).toContain('Bijlagen: zienswijze bomen.pdf')
    expect(mail!.textBody).toContain('Zienswijze')
  })

  it('accepts a late bezwaar, marked late, and refuses a late zienswijze', async () => {
    const { db } = getDatabase()
    const resident = await createUser(db)
    const decision = await publishNotice(db, null, {
      kind: 'decision',
      title: 'Besluit voor de te-laat-test',
      description: 'Verzonnen besluit.',
      locationLabel: 'Vismarkt',
      geometry: point,
      startsOn: '2027-03-01',
    })
    const late = await react(
      resident.id,
      decision.id,
      { body: 'Ik maak toch bezwaar, ik was op reis.', authorName: 'B', authorAddress: 'Vismarkt 2' },
      null,
      new Date('2027-06-01T10:00:00Z'),
    )
    expect(late).toMatchObject({ ok: true, late: true })
    const [mail] = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, resident.email))
    expect(mail!.textBody).toContain('na het einde van de termijn')
    const draftNotice = await publishNotice(db, null, {
      kind: 'draft_decision',
      title: 'Ontwerp voor de te-laat-test',
      description: 'Verzonnen ontwerp.',
      locationLabel: 'Vismarkt',
      geometry: point,
      startsOn: '2027-03-01',
    })
    expect(await react(resident.id, draftNotice.id, 'Te laat voor een zienswijze.', null, new Date('2027-06-01T10:00:00Z'))).toEqual({
      ok: false,
      reason: 'alerts.error_closed',
      field: 'form',
    })
  })
})

describe('the reaction inbox', () => {
  it('sends the receipt and tells of a new status in English to an English-speaking resident', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const resident = await createUser(db)
    await db.execute(sql`update users set locale = 'en' where id = ${resident.id}`)
    const notice = await draft('Ontwerpbesluit voor de taaltest', staff.id)
    const sent = await react(
      resident.id,
      notice.id,
      { body: 'De bomen blijven staan.', authorName: 'Ann Smith', authorAddress: 'Vismarkt 1, 9712 CA Groningen' },
      null,
      new Date('2026-07-01T10:30:00Z'),
    )
    if (!sent.ok) throw new Error('reaction refused')
    const [receipt] = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, resident.email))
    expect(receipt!.subject).toBe(`Receipt ${sent.receiptNumber}: Ontwerpbesluit voor de taaltest`)
    // The time in the Netherlands (summer time), written the English way.
    expect(receipt!.textBody).toContain('1 July 2026 at 12:30')
    expect(receipt!.textBody).not.toContain('Bijlagen')
    expect(await setReactionStatus(staff.id, sent.id, 'inadmissible', 'Deze reactie gaat over een ander plan.')).toEqual({ ok: true })
    const [shown] = await recentNotifications(resident.id, 'en')
    expect(shown!.title).toContain(sent.receiptNumber)
    expect(shown!.body).toBe(
      'The municipality does not handle your reaction (inadmissible).\n\nThe reason: Deze reactie gaat over een ander plan.',
    )
    const [shownNl] = await recentNotifications(resident.id, 'nl')
    expect(shownNl!.body).toContain('De reden: Deze reactie gaat over een ander plan.')
  })

  it('lists, filters, assigns, notes, moves status (the resident is told), audits the attachment and exports CSV and ZIP', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }], displayName: 'Medewerker Inbox' })
    const resident = await createUser(db, { displayName: 'Inwoner Inbox' })
    const notice = await draft('Ontwerpbesluit voor de inbox-test', staff.id)
    const other = await draft('Ander ontwerpbesluit voor de inbox-test')
    const first = await react(
      resident.id,
      notice.id,
      { body: 'Parkeren wordt een probleem in de straat.', authorName: 'Inwoner Inbox', authorAddress: 'Martinikerkhof 3' },
      pdf(),
    )
    const second = await react(
      resident.id,
      other.id,
      { body: 'Te veel verkeer, denk aan de kinderen.', authorName: 'Inwoner Inbox', authorAddress: 'Martinikerkhof 3' },
      null,
    )
    if (!first.ok || !second.ok) throw new Error('reaction refused')

    expect((await listReactions({ noticeId: notice.id })).map((r) => r.receiptNumber)).toEqual([first.receiptNumber])
    expect((await listReactions({ q: 'kinderen' })).map((r) => r.id)).toEqual([second.id])
    expect((await listReactions({ noticeId: notice.id, kind: 'bezwaar' })).length).toBe(0)
    // Martinikerkhof lies in the Binnenstad (WK001400), not in Oosterparkwijk (WK001404... any other wijk).
    expect((await listReactions({ noticeId: notice.id, wijk: 'WK001400' })).length).toBe(1)
    expect((await listReactions({ noticeId: notice.id, from: '2000-01-01', to: '2000-01-02' })).length).toBe(0)
    expect((await listReactions({ noticeId: notice.id }))[0]!.handoff).toEqual({ state: 'off' })

    expect(await assignReaction(staff.id, first.id, resident.id)).toEqual({ ok: false, reason: 'alerts.error_assignee', field: 'assignee' })
    expect(await assignReaction(staff.id, first.id, staff.id)).toEqual({ ok: true })
    expect(await addNote(staff.id, first.id, 'Bellen met de wijkwethouder.')).toEqual({ ok: true })
    expect(reactionStatusSchema.safeParse({ status: 'inadmissible', reason: '' }).success).toBe(false)
    expect(await setReactionStatus(staff.id, first.id, 'in_progress', '')).toEqual({ ok: true })
    // The same status again is no change: no second message.
    expect(await setReactionStatus(staff.id, first.id, 'in_progress', '')).toEqual({ ok: true })
    const detail = (await reactionDetail(first.id))!
    expect(detail).toMatchObject({
      status: 'in_progress',
      assignedTo: staff.id,
      notes: [{ body: 'Bellen met de wijkwethouder.', author: 'Medewerker Inbox' }],
    })
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, resident.id), eq(notifications.kind, 'notice_reaction_status')))
    expect(told).toHaveLength(1)
    expect(told[0]!.title).toContain(first.receiptNumber)
    expect(told[0]!.title).toContain('In behandeling')
    expect((await myReactions(resident.id)).find((r) => r.id === first.id)).toMatchObject({ status: 'in_progress' })

    expect(await setReactionStatus(staff.id, second.id, 'inadmissible', 'Deze reactie gaat over een ander plan.')).toEqual({ ok: true })
    expect((await reactionCounts()).inProgress).toBeGreaterThanOrEqual(1)
    // Twelve weeks later an unanswered reaction is overdue.
    const later = new Date(Date.now() + 13 * 7 * 86_400_000)
    expect((await listReactions({ status: 'overdue' }, later)).map((r) => r.id)).toContain(first.id)
    expect((await listReactions({ status: 'overdue' }, later)).map((r) => r.id)).not.toContain(second.id)

    const file = (await reactionAttachment(staff.id, first.id))!
    expect(file.name).toBe('zienswijze bomen.pdf')
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'alerts.read_reaction_attachment'), eq(auditLog.subjectUserId, resident.id)))
    expect(audited).toHaveLength(1)

    const csv = await exportReactions(staff.id, notice.id, 'csv')
    const csvText = csv.body.toString('utf8')
    expect(csvText).toContain(first.receiptNumber)
    expect(csvText).toContain('Parkeren wordt een probleem in de straat.')
    expect(csvText).not.toContain('kinderen')
    const zip = unzipSync(new Uint8Array((await exportReactions(staff.id, notice.id, 'zip')).body))
    expect(Object.keys(zip).sort()).toEqual([`bijlagen/${first.receiptNumber}-zienswijze bomen.pdf`, 'reacties.csv'])
    expect(strFromU8(zip['reacties.csv']!)).toContain(first.receiptNumber)
    expect(strFromU8(zip[`bijlagen/${first.receiptNumber}-zienswijze bomen.pdf`]!)).toContain('%PDF-1.4')
  })
})

describe('the decision on a notice', () => {
  it('is the report-back: the nota answers by receipt number, reactors and followers are told, accountability says on time', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const resident = await createUser(db)
    const follower = await createUser(db)
    const notice = await draft('Ontwerpbesluit voor de besluit-test', staff.id)
    await follow(db, follower.id, NOTICE_ITEM_KIND, String(notice.id))
    const r = await react(
      resident.id,
      notice.id,
      { body: 'Te weinig groen in het plan.', authorName: 'Anna', authorAddress: 'Vismarkt 1' },
      null,
    )
    if (!r.ok) throw new Error('refused')
    const unknown = await publishDecision(staff.id, notice.id, {
      text: 'Het college stelt het besluit vast met meer groen.',
      nota: [{ theme: 'Groen', answer: 'Er komen vier bomen bij.', receipts: ['STEM-1999-000001'] }],
      document: null,
    })
    expect(unknown).toMatchObject({ ok: false, reason: 'alerts.error_nota_unknown', field: 'receipts0' })
    expect(
      await publishDecision(staff.id, notice.id, {
        text: 'Het college stelt het besluit vast met meer groen.',
        nota: [{ theme: 'Groen', answer: 'Er komen vier bomen bij.', receipts: [r.receiptNumber] }],
        document: null,
      }),
    ).toEqual({ ok: true })
    const decision = (await decisionOf(notice.id))!
    expect(decision.nota).toEqual([{ theme: 'Groen', answer: 'Er komen vier bomen bij.', receipts: [r.receiptNumber] }])
    expect(JSON.stringify(decision)).not.toContain('Anna')
    expect((await reactionDetail(r.id))!.status).toBe('answered')
    const told = await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'notice_decision'))
    expect(told.map((t) => t.userId).sort()).toEqual([resident.id, follower.id].sort())
    const [rb] = await db
      .select()
      .from(reportBacks)
      .where(
        sql`${reportBacks.participationItemId} in (select id from participation_items where kind = 'plan_notice' and item_id = ${String(notice.id)})`,
      )
    expect(rb!.details[0]!.text).toContain(r.receiptNumber)
    // Shown on /verantwoording once the item is due: move its closing to the past.
    await db.execute(
      sql`update participation_items set closes_at = now() - interval '1 day' where kind = 'plan_notice' and item_id = ${String(notice.id)}`,
    )
    const row = (await accountability()).find((a) => a.href === `/bekendmakingen/${notice.id}`)
    expect(row?.status).toBe('on_time')
    expect(await publishDecision(staff.id, notice.id, { text: 'Nog een keer hetzelfde besluit.', nota: [], document: null })).toEqual({
      ok: false,
      reason: 'alerts.error_decision_exists',
      field: 'form',
    })
  })
})

describe('handing reactions to the case system', () => {
  it('survives a receiver that is down and delivers exactly once, signed, as a CloudEvent, when it is back', async () => {
    const { db } = getDatabase()
    const resident = await createUser(db)
    const notice = await draft('Ontwerpbesluit voor de webhook-test')
    const r = await react(
      resident.id,
      notice.id,
      { body: 'Graag in het zaaksysteem.', authorName: 'C', authorAddress: 'Vismarkt 3' },
      pdf(),
    )
    if (!r.ok) throw new Error('refused')
    // The deployment in this test has no webhook in its environment: queue by hand as react() does with one.
    await queueHandoff(db, r.id)
    await queueHandoff(db, r.id)

    // Find a free port, then leave it closed: the receiver is down.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const secret = 'een-gedeeld-geheim-voor-de-test'
    const config = { url: `http://127.0.0.1:${port}/zaken`, secret }

    expect(await deliverHandoffs(config)).toBe(0)
    let [row] = await db.select().from(caseHandoffs).where(eq(caseHandoffs.reactionId, r.id))
    expect(row).toMatchObject({ attempts: 1, deliveredAt: null })
    expect(row!.lastError).toBeTruthy()
    expect(row!.sendAfter.getTime()).toBeGreaterThan(Date.now())
    // Not due yet: nothing is tried.
    expect(await deliverHandoffs(config)).toBe(0)
    expect((await db.select().from(caseHandoffs).where(eq(caseHandoffs.reactionId, r.id)))[0]!.attempts).toBe(1)
    expect((await listReactions({ noticeId: notice.id }))[0]!.handoff).toMatchObject({ state: 'waiting', attempts: 1 })

    // The receiver comes back, on the same port.
    const received: { headers: IncomingMessage['headers']; body: string }[] = []
    const receiver: Server = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString('utf8')))
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        res.writeHead(202).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve))
    try {
      // The backoff has run out (the clock moved).
      await db
        .update(caseHandoffs)
        .set({ sendAfter: sql`now() - interval '1 second'` })
        .where(eq(caseHandoffs.reactionId, r.id))
      expect(await deliverHandoffs(config)).toBe(1)
      await db
        .update(caseHandoffs)
        .set({ sendAfter: sql`now() - interval '1 second'` })
        .where(eq(caseHandoffs.reactionId, r.id))
      expect(await deliverHandoffs(config)).toBe(0)
      expect(received).toHaveLength(1)
      const [{ headers, body }] = received as [(typeof received)[number]]
      expect(headers['content-type']).toBe('application/cloudevents+json; charset=utf-8')
      const [, t, v1] = /^t=(\d+),v1=(.+)$/.exec(String(headers['stem-signature']))!
      expect(sameSecret(v1!, keyedHash(SIGNATURE_PURPOSE, `${t}.${body}`, secret))).toBe(true)
      const event = JSON.parse(body) as Record<string, unknown> & {
        data: Record<string, unknown> & { attachment: { name: string; base64: string } }
      }
      ;[row] = await db.select().from(caseHandoffs).where(eq(caseHandoffs.reactionId, r.id))
      expect(event).toMatchObject({
        specversion: '1.0',
        type: EVENT_TYPE,
        id: row!.eventId,
        subject: r.receiptNumber,
        datacontenttype: 'application/json',
      })
      expect(event.data).toMatchObject({ receiptNumber: r.receiptNumber, kind: 'zienswijze', text: 'Graag in het zaaksysteem.' })
      expect(Buffer.from(event.data.attachment.base64, 'base64').toString('utf8')).toContain('%PDF-1.4')
      expect(row).toMatchObject({ attempts: 2, lastStatus: 202, lastError: null })
      expect((await listReactions({ noticeId: notice.id }))[0]!.handoff).toMatchObject({ state: 'delivered' })

      // Two workers at once (two app processes): the lease gives the next hand-over to one of them.
      const next = await react(
        resident.id,
        notice.id,
        { body: 'Nog een, voor twee werkers tegelijk.', authorName: 'C', authorAddress: 'Vismarkt 3' },
        null,
      )
      if (!next.ok) throw new Error('refused')
      await queueHandoff(db, next.id)
      const delivered = await Promise.all([deliverHandoffs(config), deliverHandoffs(config)])
      expect(delivered[0] + delivered[1]).toBe(1)
      expect(received.filter((r) => r.body.includes(next.receiptNumber))).toHaveLength(1)
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()))
    }
  })
})

describe('plans near an address', () => {
  it('lists published notices within the distance, nearest first, and serves the same as an Atom feed', async () => {
    const { db } = getDatabase()
    const near = await publishNotice(db, null, {
      kind: 'permit_application',
      title: 'Aanvraag vlak bij het adres (test)',
      description: 'Verzonnen.',
      locationLabel: 'Martinikerkhof',
      geometry: { type: 'Point', coordinates: [6.5686, 53.2193] },
      startsOn: today(),
    })
    const further = await publishNotice(db, null, {
      kind: 'permit_application',
      title: 'Aanvraag iets verder weg (test)',
      description: 'Verzonnen.',
      locationLabel: 'Vismarkt',
      geometry: { type: 'Point', coordinates: [6.5645, 53.2175] },
      startsOn: today(),
    })
    const far = await publishNotice(db, null, {
      kind: 'permit_application',
      title: 'Aanvraag ver weg (test)',
      description: 'Verzonnen.',
      locationLabel: 'Stadspark',
      geometry: { type: 'Point', coordinates: [6.5415, 53.2025] },
      startsOn: today(),
    })
    const result = await nearbyQuery(new URLSearchParams({ lat: '53.2193', lon: '6.5686', afstand: '500' }))
    if (!result.ok) throw new Error(JSON.stringify(result))
    const ids = result.notices.map((n) => n.id)
    expect(ids).toContain(near.id)
    expect(ids).toContain(further.id)
    expect(ids).not.toContain(far.id)
    expect(ids.indexOf(near.id)).toBeLessThan(ids.indexOf(further.id))
    expect(result.notices.map((n) => n.distanceM)).toEqual([...result.notices.map((n) => n.distanceM)].sort((a, b) => a - b))
    expect(await nearbyQuery(new URLSearchParams({ postcode: '9999ZZ', huisnummer: '1' }))).toMatchObject({
      ok: false,
      errors: { postcode: 'alerts.error_unknown_address' },
    })
    const response = (await feedLoader({
      request: new Request('http://stem.test/bekendmakingen/feed?lat=53.2193&lon=6.5686&afstand=500'),
      params: {},
      context: { clientIp: '198.51.100.7' },
    })) as Response
    expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
    const xml = await response.text()
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"')
    expect(xml).toContain('Aanvraag vlak bij het adres (test)')
    expect(xml).not.toContain('Aanvraag ver weg (test)')
  })
})

describe('alerts in /mijn/meldingen', () => {
  it('puts an alert sent by e-mail in the notifications too', async () => {
    const { db } = getDatabase()
    const resident = await createUser(db)
    await db.insert(alertPlaces).values({
      userId: resident.id,
      kind: 'area',
      label: 'Binnenstad-Noord',
      areaCode: 'BU00140000',
      geom: sql`(select geom from areas where code = 'BU00140000')` as unknown as string,
      matchGeom: sql`(select geom from areas where code = 'BU00140000')` as unknown as string,
      topics: ['building'],
      channel: 'immediate',
      consentVersion: 'test',
      consentedAt: new Date(),
    })
    const notice = await draft('Ontwerpbesluit voor de meldingen-test')
    while (await runAlertsOnce()) {
      /* until the pipeline is empty */
    }
    const inApp = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, resident.id), eq(notifications.kind, 'alert')))
    expect(inApp.map((n) => n.href)).toContain(`/bekendmakingen/${notice.id}`)
    const mails = await db
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.toAddress, resident.email), eq(outboundEmails.about, `plan_notice:${notice.id}`)))
    expect(mails).toHaveLength(1)
  })
})
