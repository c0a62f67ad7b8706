import { and, eq, gt, sql } from 'drizzle-orm'
import { assistedActions, assistedConsents, assistedSessions } from '~db/schema'
import type { Database, Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { audit } from '~/utils/audit.server'
import { requestScope } from '~/utils/request-scope.server'
import { CHANNEL_NAMES, type ActingFor, type Channel } from './acting'
import { lucia } from './lucia.server'
import { corePermissions, isParticipation, type Actor, type Rule } from './permissions'
import { actorForUser, getActor } from './session.server'

/*
 * Acting for a resident. A helper at the desk, on the phone or at a wijkpunt works "for" a resident after
 * their consent: the choice is stored server-side against the helper's login session (assisted_sessions).
 * While it lasts, the guard (`requirePermission`) asks every participation rule about the resident, and
 * the command stores the input as the resident's own — so it counts exactly like online input, and each
 * module's unique constraints per person keep a resident from taking part twice through two channels.
 * `withAssistedRecord` writes the resident's dossier line and the audit entry in the same transaction.
 * The desk itself (finding, registering, the consent form) is the assisted module.
 */

export type { ActingFor } from './acting'

/** How long an "acting for" session lasts without being renewed. */
export const ACTING_MINUTES = 30

/** The sentence the dossier and the audit log show for an assisted action. */
export function enteredBy(helperId: string, channel: Channel): string {
  return `ingevoerd door medewerker ${helperId} via ${CHANNEL_NAMES[channel]}`
}

function sessionIdOf(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get('Cookie') ?? '')
}

const contexts = new WeakMap<Request, Promise<ActingFor | null>>()

/**
 * Whether this request is a helper acting for a resident: `{ helperId, residentId, channel }`, or null.
 * Only for a person who may use the desk now (helper, staff or admin, not blocked), in the login session
 * the acting started in, before it expires, with the resident's consent on record. Anyone else costs no
 * query: the roles come with the actor. `actor` is the logged-in person (pass it when you have it).
 */
export function actingFor(request: Request, actor?: Actor | null): Promise<ActingFor | null> {
  // Once per request: the layout's banner, the page's own loader or action and the server entry all ask.
  let pending = contexts.get(request)
  if (pending) return pending
  const scope = requestScope()
  const key = `acting:${request.headers.get('Cookie') ?? ''}`
  pending = (scope?.get(key) as Promise<ActingFor | null> | undefined) ?? readActingFor(request, actor)
  scope?.set(key, pending)
  contexts.set(request, pending)
  return pending
}

async function readActingFor(request: Request, actor?: Actor | null): Promise<ActingFor | null> {
  const sessionId = sessionIdOf(request)
  if (!sessionId) return null
  const person = actor === undefined ? await getActor(request) : actor
  if (!person || !corePermissions.useDesk(person, undefined).ok) return null
  const { db } = getDatabase()
  const [row] = await db
    .select({ helperId: assistedSessions.helperId, residentId: assistedSessions.residentId, channel: assistedSessions.channel })
    .from(assistedSessions)
    .innerJoin(
      assistedConsents,
      and(eq(assistedConsents.id, assistedSessions.consentId), eq(assistedConsents.residentId, assistedSessions.residentId)),
    )
    .where(
      and(eq(assistedSessions.sessionId, sessionId), eq(assistedSessions.helperId, person.id), gt(assistedSessions.expiresAt, sql`now()`)),
    )
  return row ? { helperId: row.helperId, residentId: row.residentId, channel: row.channel } : null
}

/**
 * The person whose input a participation action is: while a helper acts for a resident, that resident
 * (with `actingFor`) — so every module's own rules (verified, area, age, phase) and unique constraints
 * apply to them exactly as online. The resident takes part without any staff role they may hold, and
 * counts as e-mail confirmed: the helper established who they are in person, which is what the e-mail
 * check stands in for. Otherwise the logged-in person, or null.
 */
export async function participant(request: Request): Promise<Actor | null> {
  const person = await getActor(request)
  const acting = await actingFor(request, person)
  if (!acting) return person
  const resident = await actorForUser(acting.residentId)
  if (!resident) return person
  return { ...resident, emailConfirmed: true, roles: [], actingFor: acting }
}

/** Whom a rule is asked about in this request: the participant for a participation rule, else the person logged in. */
export function actorFor(request: Request, rule: Rule<never>): Promise<Actor | null> {
  return isParticipation(rule) ? participant(request) : getActor(request)
}

/**
 * Runs a module's command. While a helper acts for the resident (`acting` is the actor's `actingFor`),
 * it runs in one transaction with the dossier and audit record (`record` says what was done, or null
 * when the command did nothing); online, it runs exactly as it always does.
 */
export async function withAssistedRecord<T>(
  acting: ActingFor | null | undefined,
  command: (db: Database) => Promise<T>,
  record: (result: T) => { action: string; itemKind: string; itemId: string } | null,
): Promise<T> {
  const { db } = getDatabase()
  if (!acting) return command(db)
  return db.transaction(async (tx) => {
    const result = await command(tx)
    const what = record(result)
    if (what) await recordAssistedAction(tx, { ...acting, ...what })
    return result
  })
}

export interface AssistedActionInput extends ActingFor {
  /** What was done, e.g. `consultation.answer`, `budget.ballot`, `proposal.support`, `contact.request`. */
  action: string
  itemKind: string
  itemId: string
}

/** Writes the resident's dossier and the audit log. Call it in the transaction of the action itself. */
export async function recordAssistedAction(tx: Queryable, input: AssistedActionInput): Promise<void> {
  await tx.insert(assistedActions).values({
    residentId: input.residentId,
    helperId: input.helperId,
    channel: input.channel,
    action: input.action,
    itemKind: input.itemKind,
    itemId: input.itemId,
  })
  await audit(tx, {
    actorId: input.helperId,
    action: `assisted.${input.action}`,
    subjectUserId: input.residentId,
    reason: enteredBy(input.helperId, input.channel),
    detail: { itemKind: input.itemKind, itemId: input.itemId, channel: input.channel },
  })
}

/**
 * Starts acting for a resident in the helper's login session, with the resident's consent for this
 * channel recorded (channel and time) and audited. The desk (app/modules/assisted) checks first that
 * its own search found this resident, that they are verified and not the helper. False without a session.
 */
export async function beginActing(
  request: Request,
  input: { helperId: string; residentId: string; channel: Channel; foundBy: string },
): Promise<boolean> {
  const sessionId = sessionIdOf(request)
  if (!sessionId) return false
  const { db } = getDatabase()
  await db.transaction(async (tx) => {
    const [consent] = await tx
      .insert(assistedConsents)
      .values({ residentId: input.residentId, helperId: input.helperId, channel: input.channel })
      .returning({ id: assistedConsents.id, at: assistedConsents.createdAt })
    const expiresAt = new Date(Date.now() + ACTING_MINUTES * 60 * 1000)
    await tx
      .insert(assistedSessions)
      .values({ sessionId, helperId: input.helperId, residentId: input.residentId, channel: input.channel, consentId: consent!.id, expiresAt })
      .onConflictDoUpdate({
        target: assistedSessions.sessionId,
        set: { residentId: input.residentId, channel: input.channel, consentId: consent!.id, expiresAt, createdAt: sql`now()` },
      })
    await audit(tx, {
      actorId: input.helperId,
      action: 'assisted.start',
      subjectUserId: input.residentId,
      reason: `toestemming gegeven via ${CHANNEL_NAMES[input.channel]}`,
      detail: { channel: input.channel, consentId: consent!.id, consentAt: consent!.at.toISOString(), foundBy: input.foundBy },
    })
  })
  // Starting in this request changes the answer for the loaders that run after the action.
  contexts.delete(request)
  return true
}

export async function stopActingFor(request: Request, helperId: string): Promise<void> {
  const sessionId = sessionIdOf(request)
  if (!sessionId) return
  const { db } = getDatabase()
  const removed = await db
    .delete(assistedSessions)
    .where(and(eq(assistedSessions.sessionId, sessionId), eq(assistedSessions.helperId, helperId)))
    .returning({ residentId: assistedSessions.residentId })
  contexts.delete(request)
  if (removed[0]) await audit(db, { actorId: helperId, action: 'assisted.stop', subjectUserId: removed[0].residentId })
}

/** Page views closer together than this, of one path, are one view (a page's loaders load separately). */
const PAGE_VIEW_WINDOW_SECONDS = 10

/**
 * Every page a helper views while acting for a resident goes into the resident's dossier (issue 14).
 * Called by the server entry for page and data requests. Only people with a desk role go further than
 * the actor this request already loaded: for a resident or a visitor it costs no query.
 */
export async function recordActingPageView(request: Request): Promise<void> {
  if (request.method !== 'GET' || !sessionIdOf(request)) return
  const actor = await getActor(request)
  if (!actor || !corePermissions.useDesk(actor, undefined).ok) return
  const acting = await actingFor(request, actor)
  if (!acting) return
  const path = new URL(request.url).pathname.slice(0, 200)
  const { db } = getDatabase()
  const [recent] = await db
    .select({ id: assistedActions.id })
    .from(assistedActions)
    .where(
      and(
        eq(assistedActions.residentId, acting.residentId),
        eq(assistedActions.helperId, acting.helperId),
        eq(assistedActions.action, 'page.view'),
        eq(assistedActions.itemId, path),
        gt(assistedActions.createdAt, sql`now() - make_interval(secs => ${PAGE_VIEW_WINDOW_SECONDS})`),
      ),
    )
    .limit(1)
  if (recent) return
  await db.insert(assistedActions).values({ ...acting, action: 'page.view', itemKind: 'page', itemId: path })
}
