import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ActionFunction, LoaderFunction } from '@remix-run/node'
import { createUser } from '~db/factories/users'
import { getDatabase } from '~db/runtime'
import { createSessionCookie } from '~/auth/session.server'
import type { DenialReason } from '~/auth/permissions'
import {
  all,
  loggedIn,
  ROLES,
  staffOnly,
  type Case,
  type ModuleRouteCases,
  type Outcome,
  type People,
  type RoleName,
} from '~db/test/route-cases'

/*
 * Every route × every role: what each kind of person gets from each loader and action. A new route
 * file fails this test until it is added to the table, so no route escapes the permission check.
 */

const people: People = {}
const moduleCases: Case[] = []
let subjectId = ''

function cases(): Case[] {
  return [
    ...moduleCases,
    { route: '_index', method: 'GET', path: '/', expect: all('ok') },
    { route: 'wijken._index', method: 'GET', path: '/wijken', expect: all('ok') },
    { route: 'wijken.$code', method: 'GET', path: '/wijken/WK001400', params: { code: 'WK001400' }, expect: all('ok') },
    { route: 'persoonlijk-contact', method: 'GET', path: '/persoonlijk-contact', expect: all('ok') },
    { route: 'verantwoording', method: 'GET', path: '/verantwoording', expect: all('ok') },
    { route: 'healthz', method: 'GET', path: '/healthz', expect: all('ok') },
    { route: 'api.v1.$', method: 'GET', path: '/api/v1/areas', params: { '*': 'areas' }, expect: all('ok') },
    { route: 'api.v1.$', method: 'POST', path: '/api/v1/areas', params: { '*': 'areas' }, expect: all('method_not_allowed') },
    { route: 'dev.mail._index', method: 'GET', path: '/dev/mail', expect: all('ok') },
    { route: 'dev.mail.$id', method: 'GET', path: '/dev/mail/999999', params: { id: '999999' }, expect: all('not_found') },
    { route: 'taal', method: 'GET', path: '/taal', expect: all('redirect') },
    { route: 'taal', method: 'POST', path: '/taal', body: { locale: 'en', redirectTo: '/' }, expect: all('redirect') },
    { route: 'inloggen', method: 'GET', path: '/inloggen', expect: { ...all('redirect'), visitor: 'ok' } },
    { route: 'inloggen', method: 'POST', path: '/inloggen', body: { email: 'x', password: '' }, expect: all('bad_request') },
    { route: 'registreren', method: 'GET', path: '/registreren', expect: { ...all('redirect'), visitor: 'ok' } },
    { route: 'registreren', method: 'POST', path: '/registreren', body: { email: 'x' }, expect: all('bad_request') },
    { route: 'email-bevestigen.$token', method: 'GET', path: '/email-bevestigen/x', params: { token: 'x' }, expect: all('bad_request') },
    { route: 'email-wijzigen.$token', method: 'GET', path: '/email-wijzigen/x', params: { token: 'x' }, expect: all('bad_request') },
    { route: 'wachtwoord-vergeten', method: 'POST', path: '/wachtwoord-vergeten', body: { email: 'geen' }, expect: all('bad_request') },
    { route: 'wachtwoord-herstellen.$token', method: 'GET', path: '/wachtwoord-herstellen/x', params: { token: 'x' }, expect: all('ok') },
    {
      route: 'wachtwoord-herstellen.$token',
      method: 'POST',
      path: '/wachtwoord-herstellen/x',
      params: { token: 'x' },
      body: { password: 'een lang genoeg wachtwoord' },
      expect: all('bad_request'),
    },
    { route: 'mijn._index', method: 'GET', path: '/mijn', expect: loggedIn('ok') },
    { route: 'mijn._index', method: 'POST', path: '/mijn', body: { intent: 'resend-confirmation' }, expect: loggedIn('redirect') },
    { route: 'mijn.meldingen', method: 'GET', path: '/mijn/meldingen', expect: loggedIn('ok') },
    { route: 'mijn.meldingen', method: 'POST', path: '/mijn/meldingen', expect: loggedIn('redirect') },
    {
      route: 'mijn.meldingen',
      method: 'POST',
      path: '/mijn/meldingen',
      body: { intent: 'settings', email: 'daily' },
      expect: loggedIn('redirect'),
    },
    {
      route: 'mijn.meldingen',
      method: 'POST',
      path: '/mijn/meldingen',
      body: { intent: 'settings', email: 'elk uur' },
      expect: loggedIn('bad_request'),
    },
    { route: 'mijn.email', method: 'GET', path: '/mijn/email', expect: loggedIn('ok') },
    { route: 'mijn.email', method: 'POST', path: '/mijn/email', body: { email: 'nee' }, expect: loggedIn('bad_request') },
    {
      route: 'mijn.adres',
      method: 'GET',
      path: '/mijn/adres',
      expect: { ...loggedIn('ok'), unconfirmed: 'denied:email_not_confirmed', verified: 'redirect' },
    },
    {
      route: 'mijn.adres',
      method: 'POST',
      path: '/mijn/adres',
      body: { intent: 'address', postcode: 'fout' },
      expect: { ...loggedIn('bad_request'), unconfirmed: 'denied:email_not_confirmed' },
    },
    { route: 'beheer._index', method: 'GET', path: '/beheer', expect: staffOnly(['helper', 'moderator', 'griffie', 'staff', 'admin']) },
    { route: 'beheer.gebruikers._index', method: 'GET', path: '/beheer/gebruikers', expect: staffOnly(['helper', 'staff', 'admin']) },
    {
      route: 'beheer.gebruikers.$id',
      method: 'GET',
      path: '/beheer/gebruikers/S',
      params: { id: subjectId },
      expect: staffOnly(['helper', 'staff', 'admin']),
    },
    {
      route: 'beheer.gebruikers.$id',
      method: 'POST',
      path: '/beheer/gebruikers/S',
      params: { id: subjectId },
      body: { intent: 'grant', role: 'griffie', scope: '', reason: 'test van de rollen' },
      expect: { ...staffOnly(['admin']), admin: 'redirect' },
    },
    {
      route: 'beheer.gebruikers.$id',
      method: 'POST',
      path: '/beheer/gebruikers/S',
      params: { id: subjectId },
      body: {
        intent: 'verify',
        postcode: '9712JG',
        houseNumber: '3',
        addition: '',
        legalName: 'Rol Proef',
        birthDate: '1970-01-01',
        identityDocument: 'passport',
        reason: 'paspoort gezien',
      },
      expect: { ...staffOnly([]), helper: 'redirect', staff: 'redirect', admin: 'redirect' },
    },
    // Issue 14: revoking needs a typed reason; a user id that does not exist is refused, never "verified".
    {
      route: 'beheer.gebruikers.$id',
      method: 'POST',
      path: '/beheer/gebruikers/S',
      params: { id: subjectId },
      body: { intent: 'revoke', role: 'griffie', scope: '', reason: '' },
      expect: { ...staffOnly(['admin']), admin: 'bad_request' },
    },
    {
      route: 'beheer.gebruikers.$id',
      method: 'POST',
      path: '/beheer/gebruikers/bestaat-niet',
      params: { id: 'bestaat-niet' },
      body: {
        intent: 'verify',
        postcode: '9712JG',
        houseNumber: '3',
        addition: '',
        legalName: 'Niemand Bestaat',
        birthDate: '1970-01-01',
        identityDocument: 'passport',
        reason: 'paspoort gezien',
      },
      expect: { ...staffOnly([]), helper: 'bad_request', staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.gebruikers.$id',
      method: 'POST',
      path: '/beheer/gebruikers/S',
      params: { id: subjectId },
      body: { intent: 'confirm', verificationId: '999999' },
      expect: { ...staffOnly([]), helper: 'bad_request', staff: 'bad_request', admin: 'bad_request' },
    },
    // Last: logging out ends each role's session.
    { route: 'uitloggen', method: 'GET', path: '/uitloggen', expect: all('redirect') },
    { route: 'uitloggen', method: 'POST', path: '/uitloggen', expect: all('redirect') },
  ]
}

async function outcome(fn: LoaderFunction | ActionFunction, c: Case, cookie?: string): Promise<Outcome> {
  const headers = new Headers({ Origin: 'http://stem.test' })
  if (cookie) headers.set('Cookie', cookie)
  const init: RequestInit = { method: c.method, headers }
  if (c.method === 'POST') init.body = new URLSearchParams(c.body ?? {})
  const request = new Request(`http://stem.test${c.path}`, init)
  const classify = async (response: Response): Promise<Outcome> => {
    if (response.status >= 300 && response.status < 400)
      return response.headers.get('Location')?.startsWith('/inloggen') ? 'login' : 'redirect'
    if (response.status === 403) return `denied:${((await response.json()) as { denied: DenialReason }).denied}`
    if (response.status === 400) return 'bad_request'
    if (response.status === 404) return 'not_found'
    if (response.status === 405) return 'method_not_allowed'
    if (response.status < 300) return 'ok'
    return `status ${response.status}` as Outcome
  }
  try {
    const result = await fn({ request, params: c.params ?? {}, context: { clientIp: '198.51.100.7' } })
    return result instanceof Response ? classify(result) : 'ok'
  } catch (thrown) {
    if (thrown instanceof Response) return classify(thrown)
    throw thrown
  }
}

beforeAll(async () => {
  const { db } = getDatabase()
  const traits: Record<Exclude<RoleName, 'visitor'>, Parameters<typeof createUser>[1]> = {
    unconfirmed: { confirmed: false },
    resident: {},
    verified: { verifiedIn: { buurtCode: 'BU00140000' } },
    helper: { roles: [{ role: 'helper' }] },
    moderator: { roles: [{ role: 'moderator', scope: 'WK001400' }] },
    griffie: { roles: [{ role: 'griffie' }] },
    staff: { roles: [{ role: 'staff' }] },
    admin: { roles: [{ role: 'admin' }] },
  }
  for (const [role, t] of Object.entries(traits)) {
    const user = await createUser(db, t)
    people[role as RoleName] = { id: user.id, cookie: (await createSessionCookie(user.id)).split(';')[0]! }
  }
  subjectId = (await createUser(db, { displayName: 'Onderwerp' })).id
  // Each module's own routes (app/modules/<name>/route-cases.ts), with the fixtures they need.
  const modulesDir = path.resolve('app/modules')
  for (const name of readdirSync(modulesDir).sort()) {
    const file = path.join(modulesDir, name, 'route-cases.ts')
    if (!existsSync(file)) continue
    const { routeCases } = (await import(file)) as { routeCases: ModuleRouteCases<Record<string, string>> }
    const fixtures = routeCases.setup ? await routeCases.setup(db, people) : {}
    moduleCases.push(...routeCases.cases(fixtures, people))
  }
})

describe('route × role', () => {
  it('covers every route file', () => {
    const files = readdirSync(path.resolve('app/routes'))
      .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))
      .map((f) => f.replace(/\.tsx?$/, ''))
    const covered = new Set(cases().map((c) => c.route))
    expect(files.filter((f) => !covered.has(f))).toEqual([])
  })

  it('gives each role the expected outcome on every loader and action', async () => {
    const failures: string[] = []
    for (const c of cases()) {
      const mod = (await import(`./${c.route}.tsx`)) as { loader?: LoaderFunction; action?: ActionFunction }
      const fn = c.method === 'GET' ? mod.loader : mod.action
      if (!fn) {
        // A page without a loader is static text: the same for everyone.
        if (c.method === 'POST' || Object.values(c.expect).some((o) => o !== 'ok')) failures.push(`${c.method} ${c.route}: no handler`)
        continue
      }
      for (const role of ROLES) {
        const got = await outcome(fn, c, people[role]?.cookie)
        if (got !== c.expect[role]) failures.push(`${c.method} ${c.path} as ${role}: expected ${c.expect[role]}, got ${got}`)
      }
    }
    expect(failures).toEqual([])
  })
})
