import { createServer, request as httpRequest, type Server } from 'node:http'
import { sql } from 'drizzle-orm'
import { exportJWK, generateKeyPair, SignJWT, decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { getDatabase } from '~db/runtime'
import { oidcLogins } from '~db/schema'
import { startBrokerStandIn, type BrokerStandIn } from '../../../scripts/stand-ins/broker'
import { startBrpStandIn, type BrpStandIn } from '../../../scripts/stand-ins/brp'

const ports = vi.hoisted(() => {
  const base = 42000 + Math.floor(Math.random() * 10000)
  process.env.DIGID_ISSUER = `http://127.0.0.1:${base}`
  process.env.DIGID_CLIENT_ID = 'stem-test'
  process.env.DIGID_CLIENT_SECRET = 'stem-test-secret-stem-test-secret'
  process.env.OIDC_ALLOW_HTTP = 'true'
  process.env.PUBLIC_URL = 'http://stem.test'
  process.env.BRP_API_URL = `http://127.0.0.1:${base + 2}/haalcentraal/api/brp`
  process.env.EHERKENNING_ISSUER = `http://127.0.0.1:${base}`
  process.env.EHERKENNING_CLIENT_ID = 'stem-test-eh'
  process.env.EHERKENNING_CLIENT_SECRET = 'stem-test-eh-secret-stem-test-eh-secret'
  // Voting asks for the highest level here; the log-ins below start at substantieel.
  process.env.DIGID_MIN_ASSURANCE_VOTE = 'hoog'
  return { proxy: base, brp: base + 2 }
})

import { finishLogin } from './oidc.server'
import { action as start } from '~/routes/inloggen_.digid'
import { loader as callback } from '~/routes/inloggen_.digid_.terug'
import { action as startOrganisation } from '~/routes/inloggen_.eherkenning'
import { loader as organisationCallback } from '~/routes/inloggen_.eherkenning_.terug'
import { actorForUser, createSessionCookie } from '~/auth/session.server'
import { corePermissions } from '~/auth/permissions'
import { budgetPermissions } from '~/modules/budgets/permissions'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { proposalPermissions } from '~/modules/proposals/permissions'
import { createUser } from '~db/factories/users'
import { eraseAccount } from '~/modules/dossier/erasure.server'
import { createLogger, setLogger } from '~/utils/log.server'
import { Writable } from 'node:stream'

const BSN = '999993653'
let broker: BrokerStandIn
let brp: BrpStandIn | undefined
let proxy: Server
let key: CryptoKey
let kid = 'stand-in-key'
/** How the proxy changes the ID token in the token response (the forged cases). */
let forge: ((token: string) => Promise<string>) | null = null
const logged: string[] = []

function startProxy(target: number): Promise<Server> {
  const server = createServer((req, res) => {
    const upstream = httpRequest({ host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers }, (up) => {
      const isToken = req.url?.startsWith('/token') && forge
      if (!isToken) {
        res.writeHead(up.statusCode ?? 500, up.headers)
        up.pipe(res)
        return
      }
      let body = ''
      up.on('data', (c: Buffer) => (body += c.toString()))
      up.on('end', () => {
        const parsed = JSON.parse(body) as { id_token?: string }
        void (async () => {
          if (parsed.id_token && forge) parsed.id_token = await forge(parsed.id_token)
          const text = JSON.stringify(parsed)
          res.writeHead(up.statusCode ?? 500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
          res.end(text)
        })()
      })
    })
    req.pipe(upstream)
  })
  return new Promise((resolve) => server.listen(ports.proxy, '127.0.0.1', () => resolve(server)))
}

beforeAll(async () => {
  // The server's log lines (app/utils/log.server.ts), as they would be written.
  setLogger(createLogger(new Writable({ write: (chunk: Buffer, _e, done) => (logged.push(chunk.toString()), done()) }), { level: 'info' }))
  for (const method of ['log', 'warn', 'info'] as const) {
    const original = console[method]
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '))
      original(...args)
    })
  }
  const pair = await generateKeyPair('RS256', { extractable: true })
  key = pair.privateKey as CryptoKey
  const jwk = { ...(await exportJWK(pair.privateKey)), kid, alg: 'RS256', use: 'sig' }
  kid = jwk.kid
  broker = await startBrokerStandIn({
    clientId: 'stem-test',
    clientSecret: 'stem-test-secret-stem-test-secret',
    redirectUris: ['http://stem.test/inloggen/digid/terug'],
    signingKey: jwk,
    issuer: `http://127.0.0.1:${ports.proxy}`,
    organisationClient: {
      clientId: 'stem-test-eh',
      clientSecret: 'stem-test-eh-secret-stem-test-eh-secret',
      redirectUris: ['http://stem.test/inloggen/eherkenning/terug'],
    },
  })
  proxy = await startProxy(broker.port)
  brp = await startBrpStandIn(ports.brp)
  brp.people.set(BSN, { postcode: '', huisnummer: 0, geboortedatum: '1984-02-29' })
  const [address] = await rows<{ postcode: string; house_number: number; house_letter: string; addition: string }>(
    sql`select postcode, house_number, house_letter, addition from addresses where buurt_code is not null order by id limit 1`,
  )
  brp.people.set(BSN, {
    postcode: address!.postcode,
    huisnummer: address!.house_number,
    huisletter: address!.house_letter || undefined,
    huisnummertoevoeging: address!.addition || undefined,
    geboortedatum: '1984-02-29',
  })
}, 60_000)

afterAll(async () => {
  await brp?.close()
  await broker?.close()
  await new Promise((r) => proxy?.close(r))
  vi.restoreAllMocks()
  setLogger(undefined)
})

const cookiesOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')

/** Through the broker's form like a browser: returns the callback URL and our state cookie. */
async function viaBroker(
  bsn: string,
  sessionCookie = '',
  options: { level?: string; organisation?: { kvk: string; name: string }; minimum?: string } = {},
): Promise<{ callbackUrl: string; stateCookie: string; authorizeUrl: string }> {
  const body = new URLSearchParams({ redirectTo: '/mijn', ...(options.minimum ? { minimum: options.minimum } : {}) })
  const path = options.organisation ? '/inloggen/eherkenning' : '/inloggen/digid'
  const started = (await (options.organisation ? startOrganisation : start)({
    request: new Request(`http://stem.test${path}`, { method: 'POST', body, headers: { Cookie: sessionCookie } }),
    params: {},
    context: {},
  } as never)) as Response
  expect(started.status).toBe(302)
  const stateCookie = cookiesOf(started.headers)
  let url = started.headers.get('Location')!
  const authorizeUrl = url
  let jar = ''
  for (let i = 0; i < 10; i++) {
    if (url.startsWith('http://stem.test/')) return { callbackUrl: url, stateCookie, authorizeUrl }
    const isForm = url.includes('/stand-in/')
    const res = await fetch(url, {
      method: isForm ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { Cookie: jar, ...(isForm ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      body: isForm
        ? new URLSearchParams(options.organisation ?? { bsn, level: options.level ?? 'substantieel' }).toString()
        : undefined,
    })
    const set = cookiesOf(res.headers)
    if (set) jar = [jar, set].filter(Boolean).join('; ')
    url = new URL(res.headers.get('Location')!, url).href
  }
  throw new Error('broker did not send the browser back')
}

const back = (callbackUrl: string, cookie: string) =>
  callback({ request: new Request(callbackUrl, { headers: { Cookie: cookie } }), params: {}, context: {} } as never) as Promise<Response>
const organisationBack = (callbackUrl: string, cookie: string) =>
  organisationCallback({
    request: new Request(callbackUrl, { headers: { Cookie: cookie } }),
    params: {},
    context: {},
  } as never) as Promise<Response>

const VOTING = { areaCode: null, minimumAge: null, phase: 'voting' }

describe('DigiD through the broker stand-in', () => {
  it('logs a new resident in, verified for the BRP address without a letter; a second log-in is the same account', async () => {
    const { callbackUrl, stateCookie } = await viaBroker(BSN)
    const res = await back(callbackUrl, stateCookie)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/mijn')
    const [user] = await rows<{ id: string; verification_method: string; birth_year: number; wijk_code: string | null }>(
      sql`select u.id, u.verification_method, u.birth_year, u.wijk_code from users u join identity_links l on l.user_id = u.id`,
    )
    expect(user).toMatchObject({ verification_method: 'oidc', birth_year: 1984 })
    const [link] = await rows<{ assurance: string; brp_status: string }>(sql`select assurance, brp_status from identity_links`)
    expect(link).toMatchObject({ assurance: 'substantieel', brp_status: 'ok' })

    const again = await viaBroker(BSN)
    await back(again.callbackUrl, again.stateCookie)
    const [{ n }] = (await rows<{ n: number }>(sql`select count(*)::int as n from identity_links`)) as [{ n: number }]
    expect(n).toBe(1)
  })

  it('refuses a replayed state', async () => {
    const { callbackUrl, stateCookie } = await viaBroker(BSN)
    expect((await back(callbackUrl, stateCookie)).status).toBe(302)
    expect((await back(callbackUrl, stateCookie)).status).toBe(400)
  })

  it('refuses a callback without the browser’s state cookie', async () => {
    const { callbackUrl } = await viaBroker(BSN)
    expect((await back(callbackUrl, '')).status).toBe(400)
  })

  it('refuses a wrong nonce', async () => {
    const { callbackUrl, stateCookie } = await viaBroker(BSN)
    await getDatabase().db.update(oidcLogins).set({ nonce: 'een-andere-nonce' })
    expect((await back(callbackUrl, stateCookie)).status).toBe(400)
  })

  const forgeries: [string, (token: string) => Promise<string>][] = [
    [
      'a tampered ID token',
      async (token) => {
        const [h, , s] = token.split('.')
        const claims = { ...decodeJwt(token), bsn: '111222333' }
        return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`
      },
    ],
    ['a token from another issuer', (token) => resign(token, { iss: 'http://andere-broker.example' })],
    [
      'an expired token',
      (token) => resign(token, { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }),
    ],
    ['a token with a wrong nonce', (token) => resign(token, { nonce: 'verkeerd' })],
  ]
  for (const [name, change] of forgeries) {
    it(`refuses ${name}`, async () => {
      const { callbackUrl, stateCookie } = await viaBroker(BSN)
      forge = change
      try {
        const res = await back(callbackUrl, stateCookie)
        expect(res.status).toBe(400)
      } finally {
        forge = null
      }
    })
  }

  it('refuses an ID token when the client clock is past its expiry', async () => {
    const { callbackUrl, stateCookie } = await viaBroker(BSN)
    const result = await finishLogin(new Request(callbackUrl, { headers: { Cookie: stateCookie } }), { clockSkewSeconds: 7200 })
    expect(result.ok).toBe(false)
  })

  it('links DigiD to a logged-in account: the same person as the first account, one person key, said plainly', async () => {
    const [first] = await rows<{ id: string; person_key: string }>(
      sql`select u.id, u.person_key from users u join identity_links l on l.user_id = u.id`,
    )
    const second = await createUser(getDatabase().db, { verifiedIn: { buurtCode: 'BU00140000' }, legalName: 'Een Ander', birthDate: '1990-01-01' })
    const session = (await createSessionCookie(second.id)).split(';')[0]!
    const { callbackUrl, stateCookie } = await viaBroker(BSN, session)
    const res = await back(callbackUrl, `${stateCookie}; ${session}`)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/mijn')
    const [linked] = await rows<{ person_key: string; verification_method: string }>(
      sql`select person_key, verification_method from users where id = ${second.id}`,
    )
    expect(linked).toEqual({ person_key: first!.person_key, verification_method: 'oidc' })
    const links = await rows<{ n: number }>(sql`select count(distinct user_id)::int as n from identity_links where pseudonym = ${first!.person_key}`)
    expect(links).toEqual([{ n: 2 }])
  })

  it('does not link DigiD in another account’s session', async () => {
    const other = await createUser(getDatabase().db, {})
    const session = (await createSessionCookie(other.id)).split(';')[0]!
    const { callbackUrl, stateCookie } = await viaBroker(BSN, session)
    const stranger = await createUser(getDatabase().db, {})
    const strangerSession = (await createSessionCookie(stranger.id)).split(';')[0]!
    expect((await back(callbackUrl, `${stateCookie}; ${strangerSession}`)).status).toBe(400)
  })

  it('asks for the configured DigiD level to vote, and allows it after a log-in at that level', async () => {
    // A DigiD log-in without a session goes to the person's account used last.
    const [user] = await rows<{ id: string }>(sql`select user_id as id from identity_links order by last_login_at desc limit 1`)
    const before = (await actorForUser(user!.id))!
    expect(before.broker).toMatchObject({ assurance: 'substantieel', assuranceTooLowFor: ['vote'], organisation: null })
    expect(budgetPermissions.vote(before, VOTING)).toEqual({ ok: false, reason: 'assurance_too_low' })
    // Supporting a proposal asks for no level: only the vote does.
    expect(budgetPermissions.eligible(before, VOTING)).toEqual({ ok: true })

    const again = await viaBroker(BSN, '', { level: 'hoog', minimum: 'hoog' })
    expect(new URL(again.authorizeUrl).searchParams.get('acr_values')).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI')
    expect((await back(again.callbackUrl, again.stateCookie)).status).toBe(302)
    const after = (await actorForUser(user!.id))!
    expect(after.broker?.assurance).toBe('hoog')
    expect(budgetPermissions.vote(after, VOTING)).toEqual({ ok: true })
  })

  it('logs an organisation in with eHerkenning: its KVK number and name, no person key, never a vote', async () => {
    const organisation = { kvk: '12345678', name: 'Buurtvereniging De Proefstraat' }
    const { callbackUrl, stateCookie } = await viaBroker('', '', { organisation })
    // The DigiD address does not take an eHerkenning answer.
    const atDigid = callbackUrl.replace('/inloggen/eherkenning/terug', '/inloggen/digid/terug')
    expect((await back(atDigid, stateCookie)).status).toBe(400)
    const again = await viaBroker('', '', { organisation })
    const res = await organisationBack(again.callbackUrl, again.stateCookie)
    expect(res.status).toBe(302)
    const [row] = await rows<{ id: string; display_name: string; person_key: string | null; verified_at: Date | null; kvk_number: string }>(
      sql`select u.id, u.display_name, u.person_key, u.verified_at, o.kvk_number from users u join organisation_links o on o.user_id = u.id`,
    )
    expect(row).toMatchObject({ display_name: organisation.name, person_key: null, verified_at: null, kvk_number: '12345678' })
    const actor = (await actorForUser(row!.id))!
    expect(actor.broker?.organisation).toEqual({ name: organisation.name, kvkNumber: '12345678' })
    expect(budgetPermissions.vote(actor, VOTING)).toEqual({ ok: false, reason: 'organisation' })
    expect(corePermissions.verifyOwnResidence(actor, undefined)).toEqual({ ok: false, reason: 'organisation' })
    expect(corePermissions.linkDigid(actor, undefined)).toEqual({ ok: false, reason: 'organisation' })
    expect(alertsPermissions.react(actor, undefined)).toEqual({ ok: true })
    expect(proposalPermissions.create(actor, undefined)).toEqual({ ok: true })

    // A second log-in of the same organisation is the same account.
    const third = await viaBroker('', '', { organisation })
    expect((await organisationBack(third.callbackUrl, third.stateCookie)).status).toBe(302)
    expect(await rows(sql`select 1 from organisation_links`)).toHaveLength(1)
  })

  it('answers bad input at the start and the callbacks with a refusal, never a 5xx', async () => {
    const body = new URLSearchParams({ redirectTo: '//evil.example/x', minimum: 'allerhoogst\u0000' })
    const started = (await start({
      request: new Request('http://stem.test/inloggen/digid', { method: 'POST', body }),
      params: {},
      context: {},
    } as never)) as Response
    expect(started.status).toBe(302)
    expect(new URL(started.headers.get('Location')!).searchParams.get('acr_values')).toBeNull()
    const [login] = await rows<{ redirect_to: string }>(sql`select redirect_to from oidc_logins order by expires_at desc limit 1`)
    expect(login!.redirect_to).toBe('/mijn')
    for (const query of ['', '?state=', `?state=${'x'.repeat(5000)}&code=y`, '?error=access_denied', '?state=%00&code=%ff']) {
      expect((await back(`http://stem.test/inloggen/digid/terug${query}`, 'stem_oidc_state=rommel')).status).toBe(400)
      expect((await organisationBack(`http://stem.test/inloggen/eherkenning/terug${query}`, 'stem_eh_state=rommel')).status).toBe(400)
    }
  })

  it('forgets the DigiD pseudonym and the organisation when an account is erased', async () => {
    const linked = await rows<{ user_id: string }>(sql`select user_id from identity_links`)
    const organisations = await rows<{ user_id: string }>(sql`select user_id from organisation_links`)
    expect(linked.length).toBeGreaterThan(0)
    expect(organisations.length).toBeGreaterThan(0)
    await getDatabase().db.transaction(async (tx) => {
      for (const { user_id } of [...linked, ...organisations]) await eraseAccount(tx, user_id, 'request')
    })
    expect(await rows(sql`select 1 from identity_links`)).toEqual([])
    expect(await rows(sql`select 1 from organisation_links`)).toEqual([])
    // The same BSN later starts a new account: nothing leads back to the erased one.
    const again = await viaBroker(BSN)
    expect((await back(again.callbackUrl, again.stateCookie)).status).toBe(302)
    const [fresh] = await rows<{ user_id: string }>(sql`select user_id from identity_links`)
    expect(linked.map((l) => l.user_id)).not.toContain(fresh!.user_id)
  })

  it('logs in when the BRP is down, and says why the verification waits', async () => {
    await brp!.close()
    brp = undefined
    const other = '999990019'
    const { callbackUrl, stateCookie } = await viaBroker(other)
    const res = await back(callbackUrl, stateCookie)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/mijn/digid')
    const found = await rows<{ brp_status: string; verified_at: Date | null }>(
      sql`select l.brp_status, u.verified_at from identity_links l join users u on u.id = l.user_id where l.brp_status <> 'ok'`,
    )
    expect(found).toEqual([{ brp_status: 'unavailable', verified_at: null }])
  })

  it('leaves the BSN in no table and no log line', async () => {
    const columns = await rows<{ table_name: string; column_name: string }>(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json')`)
    expect(columns.length).toBeGreaterThan(10)
    for (const c of columns) {
      const found = await rows(
        sql`select 1 from ${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)}::text like ${'%' + BSN + '%'} or ${sql.identifier(c.column_name)}::text like '%999990019%' limit 1`,
      )
      expect(found.length, `${c.table_name}.${c.column_name}`).toBe(0)
    }
    expect(logged.length).toBeGreaterThan(0)
    expect(logged.filter((line) => line.includes(BSN) || line.includes('999990019'))).toEqual([])
  })
})

async function rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await getDatabase().db.execute(query)) as unknown
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[]
}

async function resign(token: string, change: Record<string, unknown>): Promise<string> {
  const claims = { ...decodeJwt(token), ...change }
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key)
}
