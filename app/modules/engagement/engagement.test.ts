import { describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { notifications, outboundEmails, publications } from '~db/schema'
import {
  follow,
  followerIds,
  markAllRead,
  notify,
  recentNotifications,
  recordPublication,
  renderText,
  saveEmailSetting,
  sendNotificationDigests,
  unfollow,
  unreadCount,
  type Text,
} from './engagement.server'

describe('e-mail about notifications: immediately, a daily digest, or none', () => {
  const event = (userIds: string[], n: number, kind: string) => ({
    userIds,
    kind,
    title: `Nieuw antwoord ${n}`,
    body: `Er is iets veranderd (${n}).`,
    href: `/initiatieven/${n}`,
    dedupeKey: `${kind}:${n}`,
    emailSubject: `Onderwerp ${n}`,
  })
  const mailsOf = async (kind: string) => {
    const { db } = getDatabase()
    return db.select().from(outboundEmails).where(eq(outboundEmails.kind, kind))
  }

  it('mails at once by default, waits for 07:00 with a digest, and sends nothing when switched off', async () => {
    const { db } = getDatabase()
    const [now, daily, off] = [await createUser(db), await createUser(db), await createUser(db)]
    await saveEmailSetting(daily.id, 'daily')
    await saveEmailSetting(off.id, 'off')
    // Two events in the evening of 2 March 2027 (Amsterdam), one the next morning after seven.
    await notify(db, event([now.id, daily.id, off.id], 1, 'digest_test'))
    await notify(db, event([now.id, daily.id, off.id], 2, 'digest_test'))
    await db
      .update(notifications)
      .set({ createdAt: new Date('2027-03-02T19:00:00Z') })
      .where(eq(notifications.kind, 'digest_test'))
    await notify(db, event([daily.id], 3, 'digest_test'))
    await db
      .update(notifications)
      .set({ createdAt: new Date('2027-03-03T06:30:00Z') })
      .where(and(eq(notifications.kind, 'digest_test'), eq(notifications.dedupeKey, 'digest_test:3')))
    expect((await mailsOf('digest_test')).map((m) => m.toAddress)).toEqual([now.email, now.email])

    // 06:59 in Groningen: not yet.
    expect(await sendNotificationDigests(new Date('2027-03-03T05:59:00Z'))).toBe(0)
    // Two servers run the clock at 07:01 at the same moment: one digest with both evening events.
    const [a, b] = await Promise.all([
      sendNotificationDigests(new Date('2027-03-03T06:01:00Z')),
      sendNotificationDigests(new Date('2027-03-03T06:01:00Z')),
    ])
    expect(a + b).toBe(1)
    const digests = (await mailsOf('notification_digest')).filter((m) => m.toAddress === daily.email)
    expect(digests).toHaveLength(1)
    expect(digests[0]!.subject).toBe('Stem van Groningen: 2 nieuwe meldingen')
    expect(digests[0]!.textBody).toContain('Nieuw antwoord 1')
    expect(digests[0]!.textBody).toContain('http://stem.test/initiatieven/2')
    expect(digests[0]!.textBody).not.toContain('Nieuw antwoord 3')
    // The morning's event goes the next day; nobody who switched off ever gets one.
    expect(await sendNotificationDigests(new Date('2027-03-03T12:00:00Z'))).toBe(0)
    expect(await sendNotificationDigests(new Date('2027-03-04T06:05:00Z'))).toBe(1)
    const all = await mailsOf('notification_digest')
    expect(all.filter((m) => m.toAddress === daily.email).map((m) => m.subject)).toEqual([
      'Stem van Groningen: 2 nieuwe meldingen',
      'Stem van Groningen: 1 nieuwe melding',
    ])
    expect(all.some((m) => m.toAddress === off.email || m.toAddress === now.email)).toBe(false)
  })
})

describe('notifications', () => {
  it('notifies each person once per event, e-mails only confirmed addresses, and counts unread', async () => {
    const { db } = getDatabase()
    const a = await createUser(db)
    const b = await createUser(db, { confirmed: false })
    const input = {
      userIds: [a.id, b.id, a.id],
      kind: 'test_event',
      title: 'Je voorstel is beantwoord',
      body: 'Het college heeft geantwoord.',
      href: '/initiatieven/1',
      dedupeKey: 'proposal:1:answered',
      emailSubject: 'Antwoord op je voorstel',
    }
    expect(await notify(db, input)).toBe(2)
    expect(await notify(db, input)).toBe(0)
    const mails = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'test_event'))
    expect(mails.map((m) => m.toAddress)).toEqual([a.email])
    expect(mails[0]!.textBody).toContain('http://stem.test/initiatieven/1')
    expect(await unreadCount(a.id)).toBe(1)
    await markAllRead(a.id)
    expect(await unreadCount(a.id)).toBe(0)
    expect((await recentNotifications(a.id)).map((n) => n.title)).toEqual(['Je voorstel is beantwoord'])
  })
})

describe('follows', () => {
  it('follows an item once and unfollows it', async () => {
    const { db } = getDatabase()
    const a = await createUser(db)
    await follow(db, a.id, 'proposal', '7')
    await follow(db, a.id, 'proposal', '7')
    expect(await followerIds(db, 'proposal', '7')).toEqual([a.id])
    await unfollow(db, a.id, 'proposal', '7')
    expect(await followerIds(db, 'proposal', '7')).toEqual([])
  })
})

describe('publications', () => {
  it('records an item with its geometry once per event', async () => {
    const { db } = getDatabase()
    const input = {
      itemKind: 'notice',
      itemId: '3',
      title: 'Bouwplan Vismarkt',
      href: '/bekendmakingen/3',
      topic: 'building' as const,
      geometry: { type: 'Point', coordinates: [6.5665, 53.2194] },
    }
    await recordPublication(db, input)
    await recordPublication(db, input)
    const rows = await db
      .select({ id: publications.id, geojson: sql<string>`ST_AsGeoJSON(${publications.geometry})` })
      .from(publications)
      .where(and(eq(publications.itemKind, 'notice'), eq(publications.itemId, '3')))
    expect(rows).toHaveLength(1)
    expect(JSON.parse(rows[0]!.geojson)).toEqual({ type: 'Point', coordinates: [6.5665, 53.2194] })
  })
})

describe('notifications in the reader’s language', () => {
  it('renders a message whose values are messages with values of their own, and lines one under the other', () => {
    const text: Text = {
      lines: [
        { key: 'alerts.mail_hello', params: { name: 'Ria' } },
        '',
        {
          key: 'alerts.mail_where_line',
          params: { where: { key: 'alerts.mail_where_map' }, distance: { key: 'alerts.mail_distance', params: { m: 80, place: 'Thuis' } } },
        },
        { key: 'alerts.mail_deadline_line', params: { date: { date: '2027-04-26' } } },
      ],
    }
    expect(renderText(text, 'nl')).toBe(
      'Hallo Ria,\n\nWaar: zie de kaart op de pagina — 80 meter van Thuis\nTermijn: reageren kan tot en met 26 april 2027',
    )
    expect(renderText(text, 'en')).toBe(
      'Hello Ria,\n\nWhere: see the map on the page — 80 metres from Thuis\nTerm: you can react until and including 26 April 2027',
    )
  })

  it('shows and mails a notification to an English-speaking resident in English, and in Dutch to a Dutch one', async () => {
    const { db } = getDatabase()
    const [english, dutch] = [await createUser(db), await createUser(db)]
    await db.execute(sql`update users set locale = 'en' where id = ${english.id}`)
    await notify(db, {
      userIds: [english.id, dutch.id],
      kind: 'language_test',
      title: { key: 'proposals.notice.threshold_title', params: { title: 'Bankjes op de Vismarkt' } },
      body: { key: 'proposals.notice.threshold_body', params: { n: 250, date: { date: '2027-03-01' } } },
      href: '/initiatieven/1',
      dedupeKey: 'language_test:1',
      emailSubject: { key: 'proposals.notice.threshold_subject' },
    })
    const [shownEn] = await recentNotifications(english.id, 'en')
    const [shownNl] = await recentNotifications(dutch.id, 'nl')
    expect(shownEn!.body).toBe('The proposal has 250 supporters. The executive answers by 1 March 2027.')
    expect(shownNl!.body).toBe('Het initiatief heeft 250 steunbetuigingen. Het college antwoordt uiterlijk 1 maart 2027.')
    const mails = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'language_test'))
    const mailTo = (email: string) => mails.find((m) => m.toAddress === email)!
    expect(mailTo(english.email).textBody).toContain('The proposal has 250 supporters. The executive answers by 1 March 2027.')
    expect(mailTo(english.email).textBody).not.toContain('steunbetuigingen')
    expect(mailTo(dutch.email).textBody).toContain('Het college antwoordt uiterlijk 1 maart 2027.')
    expect(mailTo(english.email).subject).not.toBe(mailTo(dutch.email).subject)
  })
})
