import type { DenialReason } from '~/auth/permissions'
import type { Database } from '../client'

/*
 * The vocabulary of the route × role test (app/routes/route-role.test.ts). A module adds its routes in
 * app/modules/<name>/route-cases.ts:
 *   export const routeCases: ModuleRouteCases = { setup: async (db, people) => ({ id: '…' }), cases: (fx) => [ … ] }
 * `setup` creates what the cases need (once, in the test's database) and returns values the cases use.
 */

export const ROLES = ['visitor', 'unconfirmed', 'resident', 'verified', 'helper', 'moderator', 'griffie', 'staff', 'admin'] as const
export type RoleName = (typeof ROLES)[number]
export type Outcome = 'ok' | 'login' | 'redirect' | 'bad_request' | 'not_found' | 'method_not_allowed' | `denied:${DenialReason}`

export interface Case {
  /** The route file's name without extension, e.g. `consultaties.$id`. */
  route: string
  method: 'GET' | 'POST'
  path: string
  params?: Record<string, string>
  body?: Record<string, string>
  expect: Record<RoleName, Outcome>
}

/** The people of the test: the verified one lives in BU00140000 (wijk WK001400), the moderator moderates WK001400. */
export type People = Partial<Record<RoleName, { id: string; cookie: string }>>

export interface ModuleRouteCases<F = Record<string, string>> {
  setup?: (db: Database, people: People) => Promise<F>
  cases: (fixtures: F, people: People) => Case[]
}

export const all = (o: Outcome) => Object.fromEntries(ROLES.map((r) => [r, o])) as Record<RoleName, Outcome>
export const loggedIn = (o: Outcome, visitor: Outcome = 'login') => ({ ...all(o), visitor })
export const staffOnly = (allowed: RoleName[], denied: Outcome = 'denied:not_allowed') => ({
  ...loggedIn(denied),
  ...Object.fromEntries(allowed.map((r) => [r, 'ok' as Outcome])),
})
