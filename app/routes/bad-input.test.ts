import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ActionFunction, LoaderFunction } from '@remix-run/node'
import { getDatabase } from '~db/runtime'
import { ROLES, type Case, type People, type RoleName } from '~db/test/route-cases'
import { coreRouteCases, createPeople, moduleRouteCases } from '~db/test/core-route-cases'
import { guardRouteModule } from '~/utils/input-gate.server'
import { safeRedirect } from '~/auth/session.server'
import { answerSchema } from '~/modules/proposals/validation'
import { isHttpUrl } from '~/utils/links'
import { action as signUpAction } from './registreren'
import { action as loginAction } from './inloggen'
import type { FormFailure } from '~/utils/forms'

async function post(action: typeof signUpAction, body: Record<string, string>) {
  const request = new Request('http://stem.test/x', {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { Origin: 'http://stem.test' },
  })
  const response = (await action({ request, params: {}, context: { clientIp: '203.0.113.9' } })) as Response
  return { status: response.status, data: (await response.json()) as FormFailure }
}

describe('bad input through the real actions', () => {
  it('answers over-long fields with a message per field and keeps what was typed, except the password', async () => {
    const long = 'x'.repeat(300)
    const { status, data } = await post(signUpAction, { displayName: long, email: `${long}@example.test`, password: long })
    expect(status).toBe(400)
    expect(data.errors).toEqual({
      displayName: 'errors.name_too_long',
      email: 'errors.email_too_long',
      password: 'errors.password_too_long',
    })
    expect(data.values).toEqual({ displayName: long, email: `${long}@example.test` })
  })

  it('answers an empty login with messages, not an error page', async () => {
    const { status, data } = await post(loginAction, { email: '', password: '' })
    expect(status).toBe(400)
    expect(data.errors).toEqual({ email: 'errors.email_required', password: 'errors.password_required' })
  })
  it('refuses a NUL byte or control character at the field, and keeps the rest of what was typed', async () => {
    const { status, data } = await post(signUpAction, { displayName: 'An\u0000na', email: 'anna@example.test', password: 'een lange zin' })
    expect(status).toBe(400)
    expect(data.errors).toEqual({ displayName: 'errors.control_characters' })
    expect(data.values).toEqual({ displayName: 'Anna', email: 'anna@example.test' })
  })
})

describe('links and redirects', () => {
  it('stays on the site for a redirect with a tab, a backslash or another origin', () => {
    for (const to of [
      '/\t/evil.example/',
      '/%09/evil.example/x',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      '/\n/evil.example',
      'javascript:alert(1)',
    ])
      expect(safeRedirect(to, '/mijn'), to).toMatch(/^\/(?!\/)/)
    expect(safeRedirect('/\t/evil.example/', '/mijn')).toBe('/mijn')
    expect(safeRedirect('/inspraak/3?tab=1#vraag', '/mijn')).toBe('/inspraak/3?tab=1#vraag')
  })

  it('takes only http(s) links in a staff answer and never shows another kind as a link', () => {
    const answer = { kind: 'adopted', reasons: 'Omdat het een goed plan is voor de wijk.' }
    expect(answerSchema.safeParse({ ...answer, link: 'javascript:alert(document.cookie)' }).success).toBe(false)
    expect(answerSchema.safeParse({ ...answer, link: 'data:text/html,<script>alert(1)</script>' }).success).toBe(false)
    expect(answerSchema.safeParse({ ...answer, link: 'https://gemeente.groningen.nl/besluit' }).success).toBe(true)
    expect(isHttpUrl('JavaScript:alert(1)')).toBe(false)
    expect(isHttpUrl('http://example.test/')).toBe(true)
  })
})

/*
 * The bad-input sweep: every route and method the route × role test knows, with hostile values in its
 * path parameters, its query and its form fields, as the roles that get through to the handler. No answer
 * may be a server error; the handlers run behind the same gate as in production (guardRouteModule).
 */

// A form of 1,000,000 characters passes the 1 MB gate; an address cannot be that long (Node takes 16 KB of
// headers), so paths and queries get 8,000 characters instead.
const MEGABYTE = 'x'.repeat(1_000_000)
const LONG_IN_ADDRESS = 'x'.repeat(8_000)
const HOSTILE: Record<string, string> = {
  nul: 'a\u0000b',
  control: '\u0001\u001b[31m\u007f',
  megabyte: MEGABYTE,
  proto: '__proto__',
  huge: '99999999999999999999999',
  exponent: '1e30',
  word: 'abc',
  percent: '%E0%A4%A',
  lookalike: '１２３ ＠ ｅｘａｍｐｌｅ',
}
const INTENTS = ['toString', 'constructor', '__proto__', 'hasOwnProperty']

/** Every query name the code reads (searchParams.get('…')), so each loader gets its own names. */
function queryNames(): string[] {
  const names = new Set(['redirectTo', 'intent', 'page', 'id'])
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.'))
        for (const m of readFileSync(file, 'utf8').matchAll(/searchParams\.(?:get|getAll|has)\('([^']+)'\)/g)) names.add(m[1]!)
    }
  }
  walk(path.resolve('app'))
  return [...names]
}

/**
 * The roles each hostile value is sent as (issue 20): the visitor, a resident, and the most privileged
 * role that reaches the handler's work (not sent to log in, not refused) — the route's staff role on a
 * staff page, who sees the most of it. A refused role still runs the guard and the parsing before it.
 */
function sweepRoles(c: Case): RoleName[] {
  const through = ROLES.filter(
    (r) => !['login', 'not_found', 'method_not_allowed'].includes(c.expect[r]) && !c.expect[r].startsWith('denied:'),
  )
  return [...new Set<RoleName>(['visitor', 'resident', through[through.length - 1] ?? 'visitor'])]
}

interface Probe {
  what: string
  path: string
  params: Record<string, string>
  body?: Record<string, string>
}

function probes(c: Case, names: string[]): Probe[] {
  const list: Probe[] = []
  const params = c.params ?? {}
  for (const [label, value] of Object.entries(HOSTILE)) {
    const inAddress = label === 'megabyte' ? LONG_IN_ADDRESS : value
    for (const key of Object.keys(params))
      list.push({ what: `param ${key}=${label}`, path: c.path, params: { ...params, [key]: inAddress }, body: c.body })
    if (c.method === 'GET') {
      const query = new URLSearchParams(names.map((n) => [n, inAddress]))
      list.push({ what: `query=${label}`, path: `${c.path.split('?')[0]}?${query}`, params })
    } else {
      const fields = Object.keys(c.body ?? {}).filter((k) => k !== 'intent')
      // One field of 1 MB (what the gate lets through), the others short.
      const body = { ...c.body, ...Object.fromEntries(fields.map((k, i) => [k, label === 'megabyte' && i > 0 ? 'x' : value])) }
      if (fields.length) list.push({ what: `fields=${label}`, path: c.path, params, body })
    }
  }
  if (c.method === 'POST')
    for (const intent of INTENTS) list.push({ what: `intent=${intent}`, path: c.path, params, body: { ...c.body, intent } })
  return list
}

async function send(fn: Handler, c: Case, probe: Probe, cookie?: string): Promise<number> {
  const headers = new Headers({ Origin: 'http://stem.test' })
  if (cookie) headers.set('Cookie', cookie)
  const init: RequestInit = { method: c.method, headers }
  if (c.method === 'POST') init.body = new URLSearchParams(probe.body ?? {})
  const request = new Request(`http://stem.test${probe.path}`, init)
  try {
    const result = await fn({ request, params: probe.params, context: { clientIp: '198.51.100.66' } } as never)
    return result instanceof Response ? result.status : 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

type Handler = LoaderFunction | ActionFunction

describe('the bad-input sweep', () => {
  let cases: Case[] = []
  let people: People = {}

  beforeAll(async () => {
    const { db } = getDatabase()
    people = await createPeople(db)
    const core = await coreRouteCases.setup!(db, people)
    cases = [...(await moduleRouteCases(db, people)), ...coreRouteCases.cases(core, people)]
  })

  it('answers hostile values in every route and method without a server error', async () => {
    const names = queryNames()
    const failures: string[] = []
    const swept = new Set<string>()
    const seen = new Set<string>()
    let requests = 0
    const rolesUsed = new Set<RoleName>()
    const started = Date.now()
    for (const c of cases) {
      // One sweep per route, method and path shape; the route × role test has several cases for some.
      const key = `${c.route} ${c.method} ${Object.keys(c.params ?? {}).join()} ${Object.keys(c.body ?? {}).join()} ${c.body?.intent ?? ''}`
      if (seen.has(key)) continue
      seen.add(key)
      const mod = guardRouteModule((await import(`./${c.route}.tsx`)) as { loader?: Handler; action?: Handler })
      const fn = c.method === 'GET' ? mod.loader : mod.action
      swept.add(c.route)
      if (!fn) continue
      const roles = sweepRoles(c)
      for (const probe of probes(c, names)) {
        // Every probe as every role that reaches the route (issue 20): ≈ 2.8 × the one-role time, measured
        // 69 s on PGlite under load, which the suite can afford.
        for (const role of roles) {
          requests++
          rolesUsed.add(role)
          try {
            const status = await send(fn, c, probe, people[role]?.cookie)
            if (status >= 500) failures.push(`${c.method} ${c.route} as ${role}, ${probe.what}: ${status}`)
          } catch (error) {
            failures.push(`${c.method} ${c.route} as ${role}, ${probe.what}: ${(error as Error).message.slice(0, 200)}`)
          }
        }
      }
    }
    console.log(
      `bad-input sweep: ${requests} requests to ${swept.size} routes as ${[...rolesUsed].join(', ')} in ${Math.round((Date.now() - started) / 1000)} s`,
    )
    const files = readdirSync(path.resolve('app/routes'))
      .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))
      .map((f) => f.replace(/\.tsx?$/, ''))
    expect(
      files.filter((f) => !swept.has(f)),
      'routes not swept',
    ).toEqual([])
    expect(failures).toEqual([])
  }, 300_000)
})
