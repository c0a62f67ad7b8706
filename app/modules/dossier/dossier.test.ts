import { describe, expect, it } from 'vitest'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { ACTIVITY_TITLES, giveActivityEverywhere } from '~db/factories/activity'
import { createSessionCookie } from '~/auth/session.server'
import { loader as dossierLoader } from '~/routes/mijn.dossier'
import { placesForStaff } from '~/modules/alerts/places.server'
import { action as consentsAction, loader as consentsLoader } from '~/routes/mijn.toestemmingen'
import { dossierLines } from './dossier.server'

async function resident() {
  const { db } = getDatabase()
  const user = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
  const made = await giveActivityEverywhere(db, user.id, user.email)
  const cookie = (await createSessionCookie(user.id)).split(';')[0]!
  return { user, made, cookie }
}

async function openDossier(cookie: string, query = '') {
  const response = (await dossierLoader({
    request: new Request(`http://stem.test/mijn/dossier${query}`, { headers: { Cookie: cookie } }),
    params: {},
    context: { clientIp: '1' },
  })) as Response
  return {
    status: response.status,
    body: (await response.json()) as { lines: { kind: string; text: string; href: string | null }[]; total: number; pages: number },
  }
}

describe('the dossier', () => {
  it('names every item of every module in a sentence, and never how the person voted or a staff id', async () => {
    const { user, made } = await resident()
    const lines = await dossierLines(user.id, 'nl')
    const text = lines.map((l) => l.text).join('\n')
    for (const title of Object.values(ACTIVITY_TITLES).filter((t) => t !== ACTIVITY_TITLES.contact)) expect(text).toContain(title)
    expect(text).toContain('Ik wil graag iemand spreken')
    const kinds = new Set(lines.map((l) => l.kind))
    for (const kind of [
      'account',
      'follow',
      'access',
      'proposal',
      'support',
      'comment',
      'consultation_answer',
      'budget_vote',
      'budget_idea',
      'place',
      'alert',
      'reaction',
      'contact',
      'assisted',
    ])
      expect(kinds, kind).toContain(kind)
    // The staff member is a role, with the reason; the helper a role with the channel.
    expect(text).toContain(`Een medewerker van de gemeente: bekeek je plekken voor meldingen. Reden: ${ACTIVITY_TITLES.staffReason}`)
    expect(text).toContain(
      `Een medewerker van de balie deed dit voor je, aan de telefoon: Antwoord op een inspraak „${ACTIVITY_TITLES.consultation}”.`,
    )
    expect(text).toContain('Ontvangstbewijs STEM-DOSSIER-')
    expect(text).not.toMatch(/assisted\.|alerts\.|dossier\./)
    expect(text).not.toContain(made.staff.id)
    expect(text).not.toContain(made.helper.id)
    expect(text).not.toContain('Project A')
  })

  it('shows staff names only when the setting says so', async () => {
    const { user, made } = await resident()
    process.env.STEM_DOSSIER_STAFF_NAMES = 'true'
    try {
      const text = (await dossierLines(user.id, 'nl')).map((l) => l.text).join('\n')
      expect(text).toContain(`Een medewerker van de gemeente (${made.staff.displayName}): bekeek je plekken`)
    } finally {
      delete process.env.STEM_DOSSIER_STAFF_NAMES
    }
  })

  it('filters by kind and date and pages, and keeps a wrong date with a message', async () => {
    const { cookie } = await resident()
    const all = await openDossier(cookie)
    expect(all.status).toBe(200)
    expect(all.body.total).toBeGreaterThanOrEqual(15)
    const supports = await openDossier(cookie, '?soort=support')
    expect(supports.body.lines.map((l) => l.text)).toEqual([`Je steunde het initiatief „${ACTIVITY_TITLES.supportedProposal}”.`])
    const january = await openDossier(cookie, '?van=2026-01-05&tot=2026-01-06')
    expect(january.body.lines.map((l) => l.kind).sort()).toEqual(['budget_idea', 'budget_vote', 'consultation_answer'])
    const wrong = await openDossier(cookie, '?van=gisteren')
    expect(wrong.status).toBe(400)
    expect(wrong.body.total).toBe(all.body.total)
  })

  it('shows a staff member who looked at my places with their role, reason and time', async () => {
    const { db } = getDatabase()
    const user = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const before = Date.now()
    await placesForStaff(staff.id, user.id, 'Bewoner vroeg waarom er geen meldingen kwamen')
    const [line] = (await dossierLines(user.id, 'nl')).filter((l) => l.kind === 'access')
    expect(line!.text).toBe(
      'Een medewerker van de gemeente: bekeek je plekken voor meldingen. Reden: Bewoner vroeg waarom er geen meldingen kwamen',
    )
    expect(Date.parse(line!.at)).toBeGreaterThanOrEqual(before - 1000)
  })

  it('lists every consent with version and date, and withdraws one in one step', async () => {
    const { cookie } = await resident()
    const request = (body?: Record<string, string>) =>
      new Request('http://stem.test/mijn/toestemmingen', {
        method: body ? 'POST' : 'GET',
        body: body ? new URLSearchParams(body) : undefined,
        headers: { Cookie: cookie, Origin: 'http://stem.test' },
      })
    const list = async () =>
      (
        (await ((await consentsLoader({ request: request(), params: {}, context: { clientIp: '1' } })) as Response).json()) as {
          consents: { id: string; text: string; version: string; effect: string }[]
        }
      ).consents
    const before = await list()
    expect(before.map((c) => c.text)).toEqual(
      expect.arrayContaining([
        'Meldingen over de plek „Centrum”: Stem bewaart deze plek en zoekt er nieuws bij.',
        'Een medewerker mag voor je invoeren, aan de telefoon.',
        'E-mail over wat je volgt, meteen als er iets gebeurt.',
      ]),
    )
    const place = before.find((c) => c.id.startsWith('place:'))!
    expect(place.version).toMatch(/\S/)
    const done = (await consentsAction({ request: request({ consent: place.id }), params: {}, context: { clientIp: '1' } })) as Response
    expect(done.status).toBe(302)
    expect((await list()).map((c) => c.id)).not.toContain(place.id)
    const again = (await consentsAction({ request: request({ consent: place.id }), params: {}, context: { clientIp: '1' } })) as Response
    expect(again.status).toBe(400)
    const helper = (await consentsAction({
      request: request({ consent: 'channel:phone' }),
      params: {},
      context: { clientIp: '1' },
    })) as Response
    expect(helper.status).toBe(302)
    expect((await list()).map((c) => c.id)).toEqual(['email:notifications'])
  })
})
