import { describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { assistedActions, auditLog, outboundEmails, users } from '~db/schema'
import { createSessionCookie } from '~/auth/session.server'
import { action as deskAction } from '~/routes/balie'
import { action as claimAction } from '~/routes/account-claimen'
import { loader as dossierLoader } from '~/routes/mijn.dossier'
import { action as contactAction } from '~/routes/persoonlijk-contact'
import type { FormFailure } from '~/utils/forms'
import {
  assistedContext,
  auditEntries,
  claimWithCode,
  findResidents,
  recordAssistedAction,
  registerResident,
  startActingFor,
} from './assisted.server'

const ADDRESS = { postcode: '9712JG', houseNumber: 3, addition: '', birthYear: 1948 }

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
      birthYear: '1950',
    })
    expect(status).toBe(400)
    expect(data!.errors).toEqual({ houseNumber: 'errors.address_unknown' })
    expect(data!.values).toMatchObject({ postcode: '9999ZZ', birthYear: '1950' })
  })

  it('refuses to register without consent, keeping what was typed, and registers nobody', async () => {
    const h = await helper()
    const body = {
      intent: 'register',
      postcode: '9712JG',
      houseNumber: '3',
      addition: '',
      birthYear: '1931',
      displayName: 'Geert Zonder',
      channel: 'desk',
    }
    const { status, data } = await post(deskAction, '/balie', h.cookie, body)
    expect(status).toBe(400)
    expect(data!.errors).toEqual({ consent: 'assisted.errors.consent_required' })
    expect(data!.values).toMatchObject({ displayName: 'Geert Zonder' })
    const { db } = getDatabase()
    expect(await db.select().from(users).where(eq(users.displayName, 'Geert Zonder'))).toEqual([])
    expect(await registerResident(h.user.id, { ...ADDRESS, displayName: 'X', channel: 'desk', consent: false }, 'nl')).toMatchObject({
      ok: false,
      errors: { consent: 'assisted.errors.consent_required' },
    })
  })

  it('registers a resident verified at the desk, starts acting for them, and marks what is entered', async () => {
    const h = await helper()
    const { db } = getDatabase()
    const { response, status } = await post(deskAction, '/balie', h.cookie, {
      intent: 'register',
      ...Object.fromEntries(Object.entries(ADDRESS).map(([k, v]) => [k, String(v)])),
      displayName: 'Aaltje Balie',
      phone: '050 123 4567',
      email: '',
      channel: 'phone',
      consent: 'on',
    })
    expect(status).toBe(302)
    expect(response.headers.get('Location')).toBe('/balie')
    const [resident] = await db.select().from(users).where(eq(users.displayName, 'Aaltje Balie'))
    expect(resident).toMatchObject({ verificationMethod: 'desk', birthYear: 1948, passwordHash: null, wijkCode: 'WK001400' })
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

    // A second registration at the same address and birth year is refused: one resident, one account.
    expect(
      await registerResident(h.user.id, { ...ADDRESS, displayName: 'Aaltje Dubbel', channel: 'desk', consent: true }, 'nl'),
    ).toMatchObject({
      ok: false,
      errors: { form: 'assisted.errors.already_registered' },
    })
    // Searching finds her (and the view is audited).
    const found = await findResidents(h.user.id, ADDRESS)
    expect(found).toMatchObject({ ok: true, residents: [{ id: resident!.id, displayName: 'Aaltje Balie', claimed: false }] })

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
      await startActingFor(request('/balie', h.cookie), h.user.id, { residentId: resident.id, channel: 'desk', consent: false }),
    ).toMatchObject({
      ok: false,
      errors: { consent: 'assisted.errors.consent_required' },
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
        birthYear: 1960,
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
