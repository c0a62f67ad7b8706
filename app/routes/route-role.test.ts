import { readdirSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ActionFunction, LoaderFunction } from '@remix-run/node'
import { getDatabase } from '~db/runtime'
import type { DenialReason } from '~/auth/permissions'
import { ROLES, type Case, type Outcome, type People } from '~db/test/route-cases'
import { coreRouteCases, createPeople, moduleRouteCases } from '~db/test/core-route-cases'

/*
 * Every route × every role: what each kind of person gets from each loader and action. A new route
 * file fails this test until it is added to the table, so no route escapes the permission check.
 */

let people: People = {}
let allCases: Case[] = []

function cases(): Case[] {
  return allCases
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
  people = await createPeople(db)
  const core = await coreRouteCases.setup!(db, people)
  allCases = [...(await moduleRouteCases(db, people)), ...coreRouteCases.cases(core, people)]
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
    // Every route of every module, as nine people: minutes on a busy two-core machine.
  }, 600_000)
})
