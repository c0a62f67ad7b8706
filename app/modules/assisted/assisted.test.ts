import { describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { addresses, assistedActions, auditLog, outboundEmails, userRoles, users } from '~db/schema'
import { createSessionCookie } from '~/auth/session.server'
import { action as deskAction } from '~/routes/balie'
import { action as claimAction } from '~/routes/account-claimen'
import { loader as dossierLoader } from '~/routes/mijn.dossier'
import { action as contactAction } from '~/routes/persoonlijk-contact'
import type { FormFailure } from '~/utils/forms'
import { actingFor as assistedContext, recordActingPageView, recordAssistedAction } from '~/auth/acting.server'
import { auditEntries, claimWithCode, findResidents, registerResident, startActingFor } from './assisted.server'

const ADDRESS = { postcode: '9712JG', houseNumber: 3, addition: '', birthDate: '1948-10-12' }
const FORM_ADDRESS = { postcode: '9712JG', houseNumber: '3', addition: '' }
const PERSON = { ...ADDRESS, legalName: 'Aaltje Balie', identityDocument: 'id_card' as const }

async function helper() {
  const { db } = getDatabase()
  const user = await createUser(db, { roles: [{ role: 'helper' }] })
  const cookie = (await createSessionCookie(user.id)).split(';')[0]!
  return { user, cookie }
}

function request(path: string, cookie: string, body?: Record<string, string>) {
  return new Request(`http://stem.test${path}`, {
    method: body ? 'POST' : 'GET',
    body: body ? new URLSearchParams(body) : undefined,
    headers: { Origin: 'http://stem.test', Cookie: cookie },
  })
}

async function post(action: typeof deskAction, path: string, cookie: string, body: Record<string, string>) {
  const response = (await action({ request: request(path, cookie, body), params: {}, context: { clientIp: '203.0.113.50' } })) as Response
  return { response, status: response.status, data: response.status < 400 ? null : ((await response.json()) as FormFailure) }
}

describe('the helper desk', () => {
  it('refuses a search for an address that is not in the register, in Dutch', async () => {
    const h = await helper()
    const { status, data } = await post(deskAction, '/balie', h.cookie, {
      intent: 'search',
      postcode: '9999ZZ',
      houseNumber: '1',
      addition: '',
      birthDate: '01-02-1950',
    })
    expect(status).toBe(400)
    expect(data!.errors).toEqual({ houseNumber: 'errors.address_unknown' })
    expect(data!.values).toMatchObject({ postcode: '9999ZZ', birthDate: '01-02-1950' })
  })

  it('refuses to register without consent, keeping what was typed, and registers nobody', async () => {
    const h = await helper()
    const body = {
      intent: 'register',
      postcode: '9712JG',
      houseNumber: '3',
      addition: '',
      birthDate: '1931-03-03',
      legalName: 'Geert Zonder',
      identityDocument: 'passport',
      displayName: 'Geert Zonder',
      channel: 'desk',
    }
    const { status, data } = await post(deskAction, '/balie', h.cookie, body)
    expect(status).toBe(400)
    expect(data!.errors).toEqual({ consent: 'assisted.errors.consent_required' })
    expect(data!.values).toMatchObject({ displayName: 'Geert Zonder' })
    const { db } = getDatabase()
    expect(await db.select().from(users).where(eq(users.displayName, 'Geert Zonder'))).toEqual([])
    expect(await registerResident(h.user.id, { ...PERSON, displayName: 'X', channel: 'desk', consent: false }, 'nl')).toMatchObject({
      ok: false,
      reason: 'assisted.errors.consent_required',
      field: 'consent',
    })
  })

  it('registers a resident verified at the desk, starts acting for them, and marks what is entered', async () => {
    const h = await helper()
    const { db } = getDatabase()
    const { response, status } = await post(deskAction, '/balie', h.cookie, {
      intent: 'register',
      ...Object.fromEntries(Object.entries(PERSON).map(([k, v]) => [k, String(v)])),
      displayName: 'Aaltje Balie',
      phone: '050 123 4567',
      email: '',
      channel: 'phone',
      consent: 'on',
    })
    expect(status).toBe(302)
    expect(response.headers.get('Location')).toBe('/balie')
    const [resident] = await db.select().from(users).where(eq(users.displayName, 'Aaltje Balie'))
    expect(resident).toMatchObject({
      verificationMethod: 'desk',
      legalName: 'Aaltje Balie',
      birthDate: '1948-10-12',
      passwordHash: null,
      wijkCode: 'WK001400',
    })
    expect(resident!.personKey).toBeTruthy()
    const [letter] = await db
      .select()
      .from(outboundEmails)
      .where(sql`${outboundEmails.kind} = 'letter' and ${outboundEmails.textBody} like '%Aaltje Balie%'`)
    expect(letter!.toAddress).toContain('Martinikerkhof 3')

    // The helper's session now acts for the resident.
    const ctx = await assistedContext(request('/balie', h.cookie))
    expect(ctx).toEqual({ helperId: h.user.id, residentId: resident!.id, channel: 'phone' })
    // Another session of the same helper does not.
    const other = (await createSessionCookie(h.user.id)).split(';')[0]!
    expect(await assistedContext(request('/balie', other))).toBeNull()

    // A second registration of the same person at the address is refused: one resident, one account.
    expect(
      await registerResident(h.user.id, { ...PERSON, legalName: 'aaltje  balie', displayName: 'Aaltje Dubbel', channel: 'desk', consent: true }, 'nl'),
    ).toMatchObject({
      ok: false,
      reason: 'assisted.errors.already_registered',
    })
    // Searching finds her (and the view is audited).
    const found = await findResidents(h.user.id, ADDRESS)
    expect(found).toMatchObject({ ok: true, residents: [{ id: resident!.id, displayName: 'Aaltje Balie', claimed: false }] })
    // …and so does the code from her letter, before she uses it.
    const letterCode = /^\s+([A-Z0-9]{4} [A-Z0-9]{4})$/m.exec(letter!.textBody)![1]!
    expect(await findResidents(h.user.id, { claimCode: letterCode.toLowerCase() })).toMatchObject({
      ok: true,
      residents: [{ id: resident!.id }],
    })

    // Other modules: one call in their transaction.
    await db.transaction((tx) =>
      recordAssistedAction(tx, { ...ctx!, action: 'consultation.answer', itemKind: 'consultation', itemId: '7' }),
    )
    // The contact form, used by the helper, files the request for the resident.
    const contact = (await contactAction({
      request: request('/persoonlijk-contact', h.cookie, {
        name: 'Aaltje Balie',
        message: 'Wil graag een papieren formulier',
        phone: '0501234567',
      }),
      params: {},
      context: { clientIp: '203.0.113.51' },
    })) as Response
    expect(contact.status).toBe(302)
    const actions = await db.select().from(assistedActions).where(eq(assistedActions.residentId, resident!.id))
    expect(actions.map((a) => a.action).sort()).toEqual(['consultation.answer', 'contact.request'])
    const audits = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, resident!.id))
    expect(audits.find((a) => a.action === 'assisted.consultation.answer')!.reason).toBe(
      `ingevoerd door medewerker ${h.user.id} via telefoon`,
    )
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['assisted.register', 'assisted.start', 'assisted.view']))

    // The resident claims the account with the letter code, and sees what was entered for them.
    const code = /^\s+([A-Z0-9]{4} [A-Z0-9]{4})$/m.exec(letter!.textBody)![1]!
    const wrong = await post(claimAction, '/account-claimen', '', {
      code: 'AAAA BBBB',
      email: 'aaltje@example.test',
      password: 'mijn fiets is blauw',
    })
    expect(wrong.data!.errors).toEqual({ code: 'assisted.errors.claim_code_wrong' })
    const claimed = await post(claimAction, '/account-claimen', '', {
      code: code.toLowerCase(),
      email: 'aaltje@example.test',
      password: 'mijn fiets is blauw',
    })
    expect(claimed.status).toBe(302)
    expect(claimed.response.headers.get('Location')).toBe('/mijn/dossier')
    const sessionCookie = claimed.response.headers
      .getSetCookie()
      .find((c) => c.startsWith('auth_session') || !c.startsWith('stem_flash'))!
      .split(';')[0]!
    const dossier = (await dossierLoader({
      request: request('/mijn/dossier', sessionCookie),
      params: {},
      context: { clientIp: '1' },
    })) as Response
    const body = (await dossier.json()) as { lines: { kind: string; text: string }[] }
    const entered = body.lines.filter((l) => l.kind === 'assisted').map((l) => l.text)
    expect(entered).toHaveLength(2)
    for (const line of entered) expect(line).toMatch(/^Een medewerker van de balie deed dit voor je, aan de telefoon: /)
    // The helper is named by role, never by account id.
    expect(JSON.stringify(body)).not.toContain(h.user.id)
    const access = body.lines.filter((l) => l.kind === 'access').map((l) => l.text)
    expect(access).toEqual(
      expect.arrayContaining([
        expect.stringContaining('schreef je in aan de balie'),
        expect.stringContaining('bekeek je gegevens aan de balie'),
      ]),
    )
    // The code works once.
    expect(
      await claimWithCode({ code, email: 'ander@example.test', password: 'nog een wachtwoord' }, { ip: '203.0.113.52', locale: 'nl' }),
    ).toMatchObject({
      ok: false,
    })
  })

  it('refuses to act for someone without consent', async () => {
    const h = await helper()
    const { db } = getDatabase()
    const resident = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    expect(
      await startActingFor(request('/balie', h.cookie), h.user.id, {
        search: { claimCode: 'AAAA BBBB' },
        residentId: resident.id,
        channel: 'desk',
        consent: false,
      }),
    ).toMatchObject({
      ok: false,
      reason: 'assisted.errors.consent_required',
      field: 'consent',
    })
    expect(await assistedContext(request('/balie', h.cookie))).toBeNull()
  })

  it('sends a claim link by e-mail when the resident has an address', async () => {
    const h = await helper()
    const { db } = getDatabase()
    const r = await registerResident(
      h.user.id,
      {
        postcode: '9712JG',
        houseNumber: 3,
        addition: '',
        birthDate: '1960-01-01',
        legalName: 'Mail Persoon',
        identityDocument: 'driving_licence',
        displayName: 'Mail Persoon',
        email: 'mail.persoon@example.test',
        channel: 'wijkpunt',
        consent: true,
      },
      'nl',
    )
    expect(r.ok).toBe(true)
    const [mail] = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, 'mail.persoon@example.test'))
    expect(mail!.textBody).toMatch(/http:\/\/stem\.test\/wachtwoord-herstellen\/\S+/)
  })
})

describe('acting only for the person found at the desk (issue 14)', () => {
  async function verifiedResident(legalName: string, birthDate: string) {
    const { db } = getDatabase()
    const [address] = await db
      .select({ id: addresses.id })
      .from(addresses)
      .where(and(eq(addresses.postcode, '9712JG'), eq(addresses.houseNumber, 3)))
      .limit(1)
    return createUser(db, { verifiedIn: { addressId: address!.id }, legalName, birthDate })
  }

  it('cannot start from a user id: the search must find the resident again', async () => {
    const h = await helper()
    const resident = await verifiedResident('Bert Zoek', '1955-05-05')
    // A bare user id, as the old user list offered it.
    const bare = await post(deskAction, '/balie', h.cookie, { intent: 'start', residentId: resident.id, channel: 'desk', consent: 'on' })
    expect(bare.status).toBe(400)
    expect(await assistedContext(request('/balie', h.cookie))).toBeNull()
    // A search that finds someone else (another birth date) does not start acting for this resident either.
    const wrong = await post(deskAction, '/balie', h.cookie, {
      intent: 'start',
      residentId: resident.id,
      channel: 'desk',
      consent: 'on',
      ...FORM_ADDRESS,
      birthDate: '1955-05-06',
    })
    expect(wrong.data!.errors).toEqual({ form: 'assisted.errors.not_found_here' })
    // The desk's own search does, with the consent recorded with channel and time.
    const right = await post(deskAction, '/balie', h.cookie, {
      intent: 'start',
      residentId: resident.id,
      channel: 'phone',
      consent: 'on',
      ...FORM_ADDRESS,
      birthDate: '05-05-1955',
    })
    expect(right.status).toBe(302)
    expect(await assistedContext(request('/balie', h.cookie))).toEqual({ helperId: h.user.id, residentId: resident.id, channel: 'phone' })
    const { db } = getDatabase()
    const [start] = await db.select().from(auditLog).where(sql`${auditLog.action} = 'assisted.start' and ${auditLog.subjectUserId} = ${resident.id}`)
    expect(start!.detail).toMatchObject({ channel: 'phone', foundBy: 'address_birth_date', consentAt: expect.any(String) })
  })

  it('never for oneself, even when the search finds the helper', async () => {
    const { db } = getDatabase()
    const self = await verifiedResident('Hanna Zelf', '1970-07-07')
    await db.insert(userRoles).values({ userId: self.id, role: 'helper', scope: '' })
    const cookie = (await createSessionCookie(self.id)).split(';')[0]!
    expect(
      await startActingFor(request('/balie', cookie), self.id, {
        search: { ...ADDRESS, birthDate: '1970-07-07' },
        residentId: self.id,
        channel: 'desk',
        consent: true,
      }),
    ).toEqual({ ok: false, reason: 'assisted.errors.not_self' })
  })

  it('records every page viewed while acting in the resident’s dossier, once per view', async () => {
    const h = await helper()
    const resident = await verifiedResident('Cor Kijk', '1960-06-06')
    expect(
      await startActingFor(request('/balie', h.cookie), h.user.id, {
        search: { ...ADDRESS, birthDate: '1960-06-06' },
        residentId: resident.id,
        channel: 'desk',
        consent: true,
      }),
    ).toEqual({ ok: true })
    await recordActingPageView(request('/begrotingen/1/stemmen', h.cookie))
    // The same page's second loader (a data request of the same navigation) is the same view.
    await recordActingPageView(request('/begrotingen/1/stemmen?_data=routes%2Fbegrotingen.%24id.stemmen', h.cookie))
    await recordActingPageView(request('/inspraak/3', h.cookie))
    // Someone not acting (the resident, a visitor) leaves nothing.
    await recordActingPageView(request('/inspraak/4', ''))
    const { db } = getDatabase()
    const views = await db.select().from(assistedActions).where(sql`${assistedActions.residentId} = ${resident.id} and ${assistedActions.action} = 'page.view'`)
    expect(views.map((v) => v.itemId).sort()).toEqual(['/begrotingen/1/stemmen', '/inspraak/3'])
    expect(views[0]).toMatchObject({ helperId: h.user.id, channel: 'desk', itemKind: 'page' })
  })

  it('registers nobody without an identity document seen', async () => {
    const h = await helper()
    const { status, data } = await post(deskAction, '/balie', h.cookie, {
      intent: 'register',
      ...FORM_ADDRESS,
      birthDate: '1944-04-04',
      legalName: 'Zonder Bewijs',
      displayName: 'Zonder Bewijs',
      channel: 'phone',
      consent: 'on',
      identityDocument: '',
    })
    expect(status).toBe(400)
    expect(data!.errors).toEqual({ identityDocument: 'assisted.errors.document_required' })
  })
})

describe('the audit log', () => {
  it('refuses updates and deletes (append-only trigger), on this database', async () => {
    const { db } = getDatabase()
    await db.insert(auditLog).values({ actorId: null, action: 'test.entry', detail: {} })
    const refusal = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message))
    await expect(db.execute(sql`update audit_log set action = 'veranderd' where action = 'test.entry'`)).rejects.toSatisfy(refusal)
    await expect(db.execute(sql`delete from audit_log where action = 'test.entry'`)).rejects.toSatisfy(refusal)
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, 'test.entry'))
    expect(rows).toHaveLength(1)
  })

  it('filters entries by actor, subject, action and date', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const subject = await createUser(db)
    await db.insert(auditLog).values({ actorId: staff.id, action: 'user.view', subjectUserId: subject.id, detail: {} })
    await db.insert(auditLog).values({ actorId: staff.id, action: 'role.grant', subjectUserId: subject.id, detail: {} })
    expect((await auditEntries({ actor: staff.id, page: 1 })).rows).toHaveLength(2)
    expect((await auditEntries({ subject: subject.id, action: 'role', page: 1 })).rows.map((r) => r.action)).toEqual(['role.grant'])
    expect((await auditEntries({ actor: staff.id, from: '2000-01-01', to: '2000-01-02', page: 1 })).rows).toEqual([])
  })
})
