import { allow, deny, hasRole, isStaff, loggedIn, type Rule } from '~/auth/permissions'
import { COUNCIL_SOURCES, type SourceKind } from './validation'

/*
 * Who records and keeps promises: staff for every source (the college's coalition agreement and
 * programme budget goals), the griffie for the council's own motions and toezeggingen. Reading is public.
 */

/** Opening the staff pages and creating a promise at all. */
export const recordPromises: Rule<unknown> = (actor) => {
  const base = loggedIn(actor)
  if (!base.ok) return base
  return hasRole(actor, 'griffie', 'staff', 'admin') ? allow : deny('not_allowed')
}

/** Recording or keeping a promise of this source. */
export const managePromise: Rule<{ sourceKind: SourceKind }> = (actor, p) => {
  const base = recordPromises(actor, undefined)
  if (!base.ok) return base
  if (isStaff(actor)) return allow
  return COUNCIL_SOURCES.includes(p.sourceKind) ? allow : deny('not_allowed')
}

/** The sources this person may record, for the form. */
export function sourcesFor(actor: Parameters<Rule<unknown>>[0]): SourceKind[] {
  if (isStaff(actor)) return ['coalition_agreement', 'council_motion', 'toezegging', 'programme_budget']
  return hasRole(actor, 'griffie') ? COUNCIL_SOURCES : []
}

/** Following a promise: anyone with an account. */
export const followPromise: Rule<unknown> = (actor) => loggedIn(actor)

export const promisePermissions = { recordPromises, managePromise, followPromise }
