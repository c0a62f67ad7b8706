import { createCookieSessionStorage, json, redirect } from '@remix-run/node'
import { and, eq } from 'drizzle-orm'
import { accountActivity, accountErasures, userRoles } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { cookiesSecure } from '~/utils/env.server'
import { serverSecret } from '~/utils/keyed-hash.server'
import { requestScope } from '~/utils/request-scope.server'
import type { MessageKey } from '~/utils/i18n'
import { lucia, type UserRow } from './lucia.server'
import { actorFor } from './acting.server'
import { brokerFacts } from './identity/actor.server'
import type { Actor, BrokerFacts, DenialReason, Role, Rule } from './permissions'

/** The actor of a request, looked up once, and the Set-Cookie value lucia asked for while looking. */
interface ActorLookup {
  actor: Promise<Actor | null>
  cookie: string | null
}

const actorCache = new WeakMap<Request, ActorLookup>()

function sessionIdFrom(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get('Cookie') ?? '')
}

function lookup(request: Request): ActorLookup {
  let found = actorCache.get(request)
  if (found) return found
  // Remix hands every loader its own copy of the request, and the server entry the original: within one
  // GET request to the server they share one lookup (one query for the session, one for the roles).
  const scope = requestScope()
  const key = `actor:${request.headers.get('Cookie') ?? ''}`
  found = scope?.get(key) as ActorLookup | undefined
  if (!found) {
    const lookingUp: ActorLookup = { actor: Promise.resolve(null), cookie: null }
    lookingUp.actor = loadActor(request, lookingUp)
    found = lookingUp
    scope?.set(key, found)
  }
  actorCache.set(request, found)
  return found
}

/** The person behind the request, or null for a visitor. Looked up once per request. */
export function getActor(request: Request): Promise<Actor | null> {
  return lookup(request).actor
}

async function loadActor(request: Request, into: ActorLookup): Promise<Actor | null> {
  const sessionId = sessionIdFrom(request)
  if (!sessionId) return null
  const { user, session } = await lucia().validateSession(sessionId)
  // lucia extends a session past half its life; the new expiry must reach the browser.
  if (session?.fresh) into.cookie = lucia().createSessionCookie(session.id).serialize()
  if (!session) into.cookie = lucia().createBlankSessionCookie().serialize()
  if (!user || !session) return null
  // The user's row came with the session (lucia's getUserAttributes); only the roles are read here.
  const [roles, broker] = await Promise.all([rolesOf(user.id), brokerFacts(user.id, user.verificationMethod)])
  return actorFrom(user.id, user, roles, broker)
}

function rolesOf(userId: string) {
  return getDatabase().db.select({ role: userRoles.role, scope: userRoles.scope }).from(userRoles).where(eq(userRoles.userId, userId))
}

export async function actorForUser(userId: string): Promise<Actor | null> {
  const { db } = getDatabase()
  const [row, roles] = await Promise.all([db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) }), rolesOf(userId)])
  return row ? actorFrom(row.id, row, roles, await brokerFacts(row.id, row.verificationMethod)) : null
}

function actorFrom(id: string, row: UserRow, roles: { role: string; scope: string | null }[], broker: BrokerFacts | null): Actor {
  return {
    id,
    displayName: row.displayName,
    email: row.email,
    emailConfirmed: !!row.emailConfirmedAt,
    verified: !!row.verifiedAt,
    wijkCode: row.wijkCode,
    buurtCode: row.buurtCode,
    birthDate: row.birthDate,
    blocked: !!row.blockedAt,
    roles: roles as { role: Role; scope: string }[],
    broker,
  }
}

/** A Set-Cookie value when the session was extended (or has ended), for the root loader to send. */
export async function sessionCookieUpdate(request: Request): Promise<string | null> {
  const found = lookup(request)
  await found.actor
  return found.cookie
}

/** The body of a 403: the reason, which the error boundary turns into a sentence and a next step. */
export interface Denial {
  denied: DenialReason
}

export function loginUrl(request: Request): string {
  const url = new URL(request.url)
  return `/inloggen?redirectTo=${encodeURIComponent(url.pathname + url.search)}`
}

/**
 * The one guard of every loader and action: asks a module's rule about the resource and returns the
 * actor, or throws — visitors go to the login page (and come back after), everyone else gets a 403 with
 * the rule's reason, which the error boundary turns into a Dutch sentence and a next step.
 *
 * The actor is the person logged in; for a participation rule (`participation(…)` in the module's
 * permissions) while a helper acts for a resident, it is that resident, with `actingFor` set
 * (app/auth/acting.server.ts) — pass `actor.actingFor` to `withAssistedRecord`. `resource` may be a
 * function that loads it for the actor the rule is asked about (a consultation's drawn area depends on
 * where that person lives); it throws its own 404.
 */
export async function requirePermission<R>(
  request: Request,
  rule: Rule<R>,
  resource: R | ((actor: Actor | null) => R | Promise<R>),
): Promise<Actor | null> {
  const actor = await actorFor(request, rule as Rule<never>)
  const subject = typeof resource === 'function' ? await (resource as (actor: Actor | null) => R | Promise<R>)(actor) : resource
  const decision = rule(actor, subject)
  if (decision.ok) return actor
  if (decision.reason === 'not_logged_in') throw redirect(loginUrl(request))
  throw json<Denial>({ denied: decision.reason }, { status: 403 })
}

/** For routes that only need a logged-in person. */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request)
  if (!actor) throw redirect(loginUrl(request))
  return actor
}

export async function createSessionCookie(userId: string): Promise<string> {
  await noteLogIn(userId)
  const session = await lucia().createSession(userId, {})
  return lucia().createSessionCookie(session.id).serialize()
}

/**
 * A log-in is what the retention clock counts as activity (app/modules/dossier/retention.server.ts): it
 * resets the warning and stops an erasure the clock scheduled for inactivity (the e-mail promised so).
 */
async function noteLogIn(userId: string): Promise<void> {
  const { db } = getDatabase()
  const now = new Date()
  await db
    .insert(accountActivity)
    .values({ userId, lastLoginAt: now })
    .onConflictDoUpdate({ target: accountActivity.userId, set: { lastLoginAt: now, warnedAt: null } })
  await db.delete(accountErasures).where(and(eq(accountErasures.userId, userId), eq(accountErasures.cause, 'inactive')))
}

export async function destroySession(request: Request): Promise<string> {
  const sessionId = sessionIdFrom(request)
  if (sessionId) await lucia().invalidateSession(sessionId)
  return lucia().createBlankSessionCookie().serialize()
}

export async function destroyAllSessions(userId: string): Promise<void> {
  await lucia().invalidateUserSessions(userId)
}

// Short-lived messages shown once after a redirect ("Uw e-mailadres is bevestigd").
const flashStorage = createCookieSessionStorage({
  cookie: {
    name: 'stem_flash',
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: cookiesSecure(),
    secrets: [serverSecret()],
  },
})

export async function flashHeader(request: Request, message: MessageKey): Promise<string> {
  const session = await flashStorage.getSession(request.headers.get('Cookie'))
  session.flash('message', message)
  return flashStorage.commitSession(session)
}

export async function readFlash(request: Request): Promise<{ message: MessageKey | null; setCookie: string | null }> {
  const session = await flashStorage.getSession(request.headers.get('Cookie'))
  const message = (session.get('message') as MessageKey | undefined) ?? null
  return { message, setCookie: message ? await flashStorage.commitSession(session) : null }
}

/** Redirects with a flash message; extra Set-Cookie headers (a new session) may be added. */
export async function redirectWithFlash(request: Request, to: string, message: MessageKey, cookies: string[] = []) {
  const headers = new Headers()
  for (const cookie of [...cookies, await flashHeader(request, message)]) headers.append('Set-Cookie', cookie)
  return redirect(to, { headers })
}

/**
 * Only paths on this site: an open redirect would let a phishing link borrow our domain. The target is
 * resolved as a browser would (URL drops tabs and new lines: "/\t/evil.example" is "//evil.example") and
 * must keep our origin; control characters and backslashes are refused outright.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (typeof to !== 'string' || !to.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback
  const here = 'http://stem.invalid'
  try {
    const url = new URL(to, here)
    if (url.origin !== here) return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}
