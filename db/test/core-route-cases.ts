import type { Database } from '../client'
import { createUser } from '../factories/users'
import { createSessionCookie } from '~/auth/session.server'
import { all, loggedIn, staffOnly, type Case, type ModuleRouteCases, type People, type RoleName } from './route-cases'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

/*
 * The core's routes for the route × role test (app/routes/route-role.test.ts) and the bad-input sweep
 * (app/routes/bad-input.test.ts), and the people and module cases both use.
 */

/** One person per role, with a session cookie. */
export async function createPeople(db: Database): Promise<People> {
  const people: People = {}
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
  return people
}

/** Each module's own routes (app/modules/<name>/route-cases.ts), with the fixtures they need. */
export async function moduleRouteCases(db: Database, people: People): Promise<Case[]> {
  const cases: Case[] = []
  const modulesDir = path.resolve('app/modules')
  for (const name of readdirSync(modulesDir).sort()) {
    const file = path.join(modulesDir, name, 'route-cases.ts')
    if (!existsSync(file)) continue
    const { routeCases } = (await import(file)) as { routeCases: ModuleRouteCases<Record<string, string>> }
    const fixtures = routeCases.setup ? await routeCases.setup(db, people) : {}
    cases.push(...routeCases.cases(fixtures, people))
  }
  return cases
}

/** The core's routes; logging out comes last, as it ends each role's session. */
export const coreRouteCases: ModuleRouteCases<{ subjectId: string }> = {
  setup: async (db) => ({ subjectId: (await createUser(db, { displayName: 'Onderwerp' })).id }),
  cases: ({ subjectId }): Case[] => {
    return [
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
      {
        route: 'inloggen_.ontgrendelen.$token',
        method: 'GET',
        path: '/inloggen/ontgrendelen/x',
        params: { token: 'x' },
        expect: all('ok'),
      },
      {
        route: 'inloggen_.ontgrendelen.$token',
        method: 'POST',
        path: '/inloggen/ontgrendelen/x',
        params: { token: 'x' },
        expect: all('bad_request'),
      },
      { route: 'mijn._index', method: 'GET', path: '/mijn', expect: loggedIn('ok') },
      { route: 'mijn._index', method: 'POST', path: '/mijn', body: { intent: 'resend-confirmation' }, expect: loggedIn('redirect') },
      { route: 'mijn.meldingen', method: 'GET', path: '/mijn/meldingen', expect: loggedIn('ok') },
      // DigiD (issue 19): off unless configured — the test environment configures no broker.
      { route: 'inloggen_.digid', method: 'GET', path: '/inloggen/digid', expect: all('login') },
      { route: 'inloggen_.digid', method: 'POST', path: '/inloggen/digid', expect: all('not_found') },
      { route: 'inloggen_.digid_.terug', method: 'GET', path: '/inloggen/digid/terug?state=x&code=y', expect: all('not_found') },
      { route: 'mijn.digid', method: 'GET', path: '/mijn/digid', expect: loggedIn('ok') },
      { route: 'inloggen_.eherkenning', method: 'GET', path: '/inloggen/eherkenning', expect: all('login') },
      { route: 'inloggen_.eherkenning', method: 'POST', path: '/inloggen/eherkenning', expect: all('not_found') },
      {
        route: 'inloggen_.eherkenning_.terug',
        method: 'GET',
        path: '/inloggen/eherkenning/terug?state=x&code=y',
        expect: all('not_found'),
      },
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
      // Issue 14: revoking needs a typed reason; a user id that does not exist is refused (404), never "verified".
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
        expect: { ...staffOnly([]), helper: 'not_found', staff: 'not_found', admin: 'not_found' },
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
  },
}
