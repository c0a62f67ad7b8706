import { describe, expect, it } from 'vitest'
import { eq, inArray, sql } from 'drizzle-orm'
import { createUser } from '~db/factories/users'
import { alertDeliveries, outboundEmails } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { recentNotifications } from '~/modules/engagement/engagement.server'
import { createPlace } from './places.server'
import { publishNotice } from './notices.server'
import { placeSchema } from './validation'
import { runAlertsOnce, sendDigests } from './worker.server'

// Issue 13: an alert is mailed and shown in the recipient's language (users.locale), Dutch by default.

// Martinikerkhof 3 (a real sample address) is at 6.568567, 53.21927; the notice is 300 m east of it.
const NEAR = { type: 'Point', coordinates: [6.568567 + 300 / (111_320 * Math.cos((53.21927 * Math.PI) / 180)), 53.21927] }

const place = (channel: string) =>
  placeSchema.parse({
    mode: 'address',
    postcode: '9712 JG',
    houseNumber: '3',
    radius: '500',
    topics: 'building',
    channel,
    consent: 'yes',
  })

async function resident(locale: 'nl' | 'en', channel: 'immediate' | 'daily') {
  const { db } = getDatabase()
  const user = await createUser(db, { displayName: locale === 'en' ? 'Emma English' : 'Daan Dutch' })
  await db.execute(sql`update users set locale = ${locale} where id = ${user.id}`)
  expect((await createPlace(user.id, place(channel))).ok).toBe(true)
  return user
}

async function publish(title: string) {
  const { db } = getDatabase()
  const staff = await createUser(db, { roles: [{ role: 'staff' }] })
  return publishNotice(db, staff.id, {
    kind: 'permit_application',
    title,
    description: 'Aanvraag voor een extra verdieping.',
    locationLabel: 'Martinikerkhof 12',
    geometry: NEAR,
    startsOn: '2027-03-01',
  })
}

const mailsTo = (email: string) => getDatabase().db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, email))

describe('alerts in the recipient’s language', () => {
  it('mails and shows an alert in English to an English-speaking resident, and in Dutch to a Dutch one', async () => {
    const [english, dutch] = [await resident('en', 'immediate'), await resident('nl', 'immediate')]
    await publish('Dakopbouw Martinikerkhof (fictief)')
    await runAlertsOnce()

    const [en] = await mailsTo(english.email)
    expect(en!.subject).toBe('Near Martinikerkhof 3, 9712 JG Groningen: Dakopbouw Martinikerkhof (fictief)')
    expect(en!.textBody).toContain('Hello Emma English,')
    expect(en!.textBody).toContain('What: Permit application')
    expect(en!.textBody).toMatch(/Where: Martinikerkhof 12 — \d{3} metres from Martinikerkhof 3/)
    expect(en!.textBody).toContain('Term: you can react until and including 26 April 2027')
    expect(en!.textBody).toContain('How to react: react in Stem: ')
    expect(en!.textBody).toContain('How does your reaction count?\n- Consulting: we ask your opinion.')
    expect(en!.textBody).toContain('Who decides: the mayor and aldermen, expected on 26 April 2027.')
    expect(en!.textBody).toContain('Unsubscribe with one click: ')
    expect(en!.textBody).not.toMatch(/Hallo|Termijn|meter van|Raadplegen|Afmelden/)
    expect(en!.htmlBody).toContain('Map with your place and the place of the plan')

    const [nl] = await mailsTo(dutch.email)
    expect(nl!.subject).toBe('Bij Martinikerkhof 3, 9712 JG Groningen: Dakopbouw Martinikerkhof (fictief)')
    expect(nl!.textBody).toContain('Hallo Daan Dutch,')
    expect(nl!.textBody).toContain('Wat: Aanvraag omgevingsvergunning')
    expect(nl!.textBody).toContain('Termijn: reageren kan tot en met 26 april 2027')
    expect(nl!.textBody).toContain('Hoe telt je reactie?\n- Raadplegen: we vragen je mening.')
    expect(nl!.textBody).not.toMatch(/Hello|metres|Consulting/)

    // In /mijn/meldingen, in the language the page is read in.
    const [shownEn] = await recentNotifications(english.id, 'en')
    expect(shownEn!.title).toBe('Dakopbouw Martinikerkhof (fictief)')
    expect(shownEn!.body).toContain('Hello Emma English,')
    expect(shownEn!.body).toContain('What: Permit application')
    expect(shownEn!.body).toContain('Who decides: the mayor and aldermen, expected on 26 April 2027.')
    expect(shownEn!.body).not.toMatch(/Hallo|Termijn|meter van|Raadplegen/)
    const [shownNl] = await recentNotifications(dutch.id, 'nl')
    expect(shownNl!.body).toContain('Hallo Daan Dutch,')
    expect(shownNl!.body).toContain('Wat: Aanvraag omgevingsvergunning')
  })

  it('mails a digest in English to an English-speaking resident, and in Dutch to a Dutch one', async () => {
    const { db } = getDatabase()
    const [english, dutch] = [await resident('en', 'daily'), await resident('nl', 'daily')]
    await publish('Uitbouw Martinikerkhof (fictief)')
    await runAlertsOnce()
    await db
      .update(alertDeliveries)
      .set({ createdAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(inArray(alertDeliveries.userId, [english.id, dutch.id]))
    expect(await sendDigests('daily')).toBe(2)

    const [en] = await mailsTo(english.email)
    expect(en!.subject).toBe('Stem: 1 new messages about your places today')
    expect(en!.textBody).toContain('Hello Emma English,')
    expect(en!.textBody).toContain('New near your places in the past day (1).')
    expect(en!.textBody).toContain(
      'Near Martinikerkhof 3, 9712 JG Groningen:\n* Uitbouw Martinikerkhof (fictief)\n  What: Permit application',
    )
    expect(en!.textBody).toContain('  How does your reaction count? Consulting: we ask your opinion.')
    expect(en!.textBody).toContain('Manage your places: ')
    expect(en!.textBody).not.toMatch(/Hallo|Termijn|meter van|Raadplegen|Afmelden/)

    const [nl] = await mailsTo(dutch.email)
    expect(nl!.subject).toBe('Stem: 1 nieuwe berichten over je plekken vandaag')
    expect(nl!.textBody).toContain(
      'Bij Martinikerkhof 3, 9712 JG Groningen:\n* Uitbouw Martinikerkhof (fictief)\n  Wat: Aanvraag omgevingsvergunning',
    )

    const [shownEn] = await recentNotifications(english.id, 'en')
    expect(shownEn!.body).toMatch(/^Permit application — \d{3} metres from Martinikerkhof 3/)
    const [shownNl] = await recentNotifications(dutch.id, 'nl')
    expect(shownNl!.body).toMatch(/^Aanvraag omgevingsvergunning — \d{3} meter van Martinikerkhof 3/)
  })
})
