import type { Assurance, AssuredAction } from './identity/assurance'
import type { ActingFor } from './acting'

/**
 * The one permission module. Every loader and action asks it; the interface uses the same rules to hide
 * what a person cannot do. A denial always carries a reason the interface turns into a next step.
 * Modules define their own rules with the helpers below (see app/modules/<name>/permissions.ts).
 */

export type Role = 'helper' | 'moderator' | 'griffie' | 'staff' | 'admin'

export type DenialReason =
  | 'not_logged_in'
  | 'email_not_confirmed'
  | 'not_verified'
  | 'outside_area'
  | 'too_young'
  | 'closed'
  | 'blocked'
  | 'not_allowed'
  /** Verified through DigiD at a lower level than the action asks (decision 0015). */
  | 'assurance_too_low'
  /** An organisation (eHerkenning) where only a person may act, e.g. a vote. */
  | 'organisation'

export type Decision = { ok: true } | { ok: false; reason: DenialReason }

/** What permission rules may know about the person asking. Built from the session on the server. */
export interface Actor {
  id: string
  displayName: string
  email: string
  emailConfirmed: boolean
  verified: boolean
  wijkCode: string | null
  buurtCode: string | null
  /** The verified birth date, YYYY-MM-DD; null until verified with one. */
  birthDate: string | null
  blocked: boolean
  roles: { role: Role; scope: string }[]
  /** What the identity broker said (decision 0015); absent for accounts that never used it. */
  broker?: BrokerFacts | null
  /**
   * Set when this is a resident whose input a helper enters (app/auth/acting.server.ts): the guard asks
   * a participation rule about the resident, and the command records who entered it.
   */
  actingFor?: ActingFor
}

/** DigiD or eHerkenning facts about an actor, put on it by the server (app/auth/identity/actor.server.ts). */
export interface BrokerFacts {
  /** The DigiD level of the latest log-in; null when the account never logged in with DigiD. */
  assurance: Assurance | null
  /** Actions whose configured minimum DigiD level is above the level this DigiD-verified person has. */
  assuranceTooLowFor: AssuredAction[]
  /** Set when the account is an organisation, logged in with eHerkenning. */
  organisation: { name: string; kvkNumber: string } | null
}

export type Rule<R = void> = (actor: Actor | null, resource: R) => Decision

export const allow: Decision = { ok: true }
export const deny = (reason: DenialReason): Decision => ({ ok: false, reason })

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return !!actor?.roles.some((r) => roles.includes(r.role))
}

/** Admins hold every staff power. */
export function isStaff(actor: Actor | null): boolean {
  return hasRole(actor, 'staff', 'admin')
}

/** The wijken a wijkteam moderator is scoped to. */
export function moderatedWijken(actor: Actor | null): string[] {
  return actor?.roles.filter((r) => r.role === 'moderator').map((r) => r.scope) ?? []
}

export function loggedIn(actor: Actor | null): Decision {
  if (!actor) return deny('not_logged_in')
  if (actor.blocked) return deny('blocked')
  return allow
}

export function confirmedResident(actor: Actor | null): Decision {
  const base = loggedIn(actor)
  if (!base.ok) return base
  return actor!.emailConfirmed ? allow : deny('email_not_confirmed')
}

export interface EligibilityRule {
  /** Wijk or buurt codes the person must live in; empty or absent means the whole municipality. */
  areaCodes?: string[]
  minimumAge?: number
  /** The moment the age counts at (default now), compared with the full birth date. */
  on?: Date
}

/** Verified residents, optionally limited to an area and a minimum age (used by supports, votes, …). */
export function verifiedResident(actor: Actor | null, rule: EligibilityRule = {}): Decision {
  const base = confirmedResident(actor)
  if (!base.ok) return base
  if (actor!.broker?.organisation) return deny('organisation')
  if (!actor!.verified) return deny('not_verified')
  if (rule.areaCodes?.length) {
    const home = [actor!.wijkCode, actor!.buurtCode]
    if (!rule.areaCodes.some((code) => home.includes(code))) return deny('outside_area')
  }
  if (rule.minimumAge !== undefined) {
    if (actor!.birthDate === null || ageOn(actor!.birthDate, rule.on ?? new Date()) < rule.minimumAge) return deny('too_young')
  }
  return allow
}

/** Whole years between a birth date (YYYY-MM-DD) and a moment, by the calendar date in the Netherlands. */
export function ageOn(birthDate: string, on: Date): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(on)
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/**
 * What the identity broker asks of an action (decision 0015): an organisation never acts as a person, and a
 * person verified through DigiD needs the configured minimum level. Modules call it from their rules.
 */
export function brokerAllows(actor: Actor | null, action: AssuredAction): Decision {
  if (actor?.broker?.organisation) return deny('organisation')
  if (actor?.broker?.assuranceTooLowFor.includes(action)) return deny('assurance_too_low')
  return allow
}

/** People only: an organisation logged in with eHerkenning may not (verify an address, link DigiD, …). */
export function personOnly(actor: Actor | null): Decision {
  const base = loggedIn(actor)
  if (!base.ok) return base
  return actor!.broker?.organisation ? deny('organisation') : allow
}

/** The roles that work at the desk: find or register a resident, and act for them. */
export const DESK_ROLES: Role[] = ['helper', 'staff', 'admin']

const PARTICIPATION = Symbol('participation')

/**
 * Marks a rule for taking part (supporting, voting, answering, reacting…): while a helper acts for a
 * resident, the guard asks it about that resident — whose input it is — and not about the helper. Every
 * other rule is asked about the person logged in.
 */
export function participation<R>(rule: Rule<R>): Rule<R> {
  return Object.assign((actor: Actor | null, resource: R) => rule(actor, resource), { [PARTICIPATION]: true })
}

export function isParticipation(rule: Rule<never>): boolean {
  return PARTICIPATION in rule
}

export function withRole(...roles: Role[]): Rule<unknown> {
  return (actor) => {
    const base = loggedIn(actor)
    if (!base.ok) return base
    return hasRole(actor, ...roles) ? allow : deny('not_allowed')
  }
}

/** The rules of the core. Modules keep their own next to their code. */
export const corePermissions = {
  manageOwnAccount: ((actor) => loggedIn(actor)) as Rule<unknown>,
  verifyOwnResidence: ((actor) => {
    const person = personOnly(actor)
    return person.ok ? confirmedResident(actor) : person
  }) as Rule<unknown>,
  linkDigid: ((actor) => personOnly(actor)) as Rule<unknown>,
  openAdmin: withRole('helper', 'moderator', 'griffie', 'staff', 'admin'),
  manageUsers: withRole('admin'),
  verifyAtDesk: withRole(...DESK_ROLES),
  /** The helper desk: find or register a resident, and act for them. */
  useDesk: withRole(...DESK_ROLES),
  /** E-mail addresses of others: staff and admins (helpers find people by name, issue 14). */
  seeEmailAddresses: withRole('staff', 'admin'),
} satisfies Record<string, Rule<unknown>>
