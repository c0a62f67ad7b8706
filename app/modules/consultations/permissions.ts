import {
  allow,
  confirmedResident,
  deny,
  hasRole,
  isStaff,
  loggedIn,
  moderatedWijken,
  participation,
  verifiedResident,
  type Actor,
  type Decision,
  type Rule,
} from '~/auth/permissions'

/** What the rules need to know about a consultation. */
export interface ConsultationRef {
  status: string
  ownerId: string | null
  ownerRole: 'griffie' | 'wijkteam' | 'staff'
  /** The wijken the area lies in; empty for the whole city. */
  wijkCodes: string[]
  areaCodes: string[]
  eligibility: 'everyone' | 'verified_area'
  minimumAge: number | null
  results: 'live' | 'after_close'
  /** The area is a polygon drawn on the map (areaCodes is then empty). */
  drawnArea: boolean
  /** For a drawn area: whether the acting person's verified address lies inside (null: not looked up). */
  livesInDrawnArea: boolean | null
}

/** Only owners make consultations: griffie, wijkteam moderators, staff. */
export const createConsultation: Rule<unknown> = (actor) => {
  const base = loggedIn(actor)
  if (!base.ok) return base
  return hasRole(actor, 'griffie', 'moderator', 'staff', 'admin') ? allow : deny('not_allowed')
}

/**
 * Publishing in an area: staff and griffie anywhere; a wijkteam moderator only when every wijk of the
 * area is one of their own (so never city-wide).
 */
export function mayPublishIn(actor: Actor | null, wijkCodes: string[]): Decision {
  const base = createConsultation(actor, undefined)
  if (!base.ok) return base
  if (isStaff(actor) || hasRole(actor, 'griffie')) return allow
  const own = moderatedWijken(actor)
  return wijkCodes.length > 0 && wijkCodes.every((w) => own.includes(w)) ? allow : deny('not_allowed')
}

/** The role an owner publishes as. */
export function ownerRoleOf(actor: Actor): 'griffie' | 'wijkteam' | 'staff' {
  if (isStaff(actor)) return 'staff'
  if (hasRole(actor, 'griffie')) return 'griffie'
  return 'wijkteam'
}

/** Publishing city-wide (or anywhere): staff and griffie; a wijkteam moderator only in their own wijken. */
export const publishCityWide: Rule<unknown> = (actor) => {
  const base = createConsultation(actor, undefined)
  if (!base.ok) return base
  return isStaff(actor) || hasRole(actor, 'griffie') ? allow : deny('not_allowed')
}

/** The wijken a person may publish in: null for the whole city, else their own. */
export function publishableWijken(actor: Actor | null): string[] | null {
  return publishCityWide(actor, undefined).ok ? null : moderatedWijken(actor)
}

/** Managing one consultation: staff always; griffie the griffie's; a moderator the wijkteam's in own wijken. */
export const manageConsultation: Rule<ConsultationRef> = (actor, c) => {
  const base = createConsultation(actor, undefined)
  if (!base.ok) return base
  if (isStaff(actor)) return allow
  if (hasRole(actor, 'griffie') && c.ownerRole === 'griffie') return allow
  if (c.ownerRole === 'wijkteam' && mayPublishIn(actor, c.wijkCodes).ok && hasRole(actor, 'moderator')) return allow
  return deny('not_allowed')
}

/** Drafts are only for their owners; everything else is public. */
export const viewConsultation: Rule<ConsultationRef> = (actor, c) => {
  if (!['draft', 'review'].includes(c.status)) return allow
  if (!actor) return deny('not_logged_in')
  return manageConsultation(actor, c)
}

/** Taking part: open, and the eligibility the owner chose. A helper acting for a resident answers as them. */
export const respondToConsultation: Rule<ConsultationRef> = participation((actor, c) => {
  const base = loggedIn(actor)
  if (!base.ok) return base
  if (c.status !== 'open') return deny('closed')
  if (c.eligibility === 'verified_area' && c.drawnArea) {
    const resident = verifiedResident(actor, { minimumAge: c.minimumAge ?? undefined })
    if (!resident.ok) return resident
    return c.livesInDrawnArea ? allow : deny('outside_area')
  }
  if (c.eligibility === 'verified_area') return verifiedResident(actor, { areaCodes: c.areaCodes, minimumAge: c.minimumAge ?? undefined })
  if (c.minimumAge) return verifiedResident(actor, { minimumAge: c.minimumAge })
  return confirmedResident(actor)
})

/** Results: live while open when the owner chose so, otherwise after closing; owners always. */
export const viewResults: Rule<ConsultationRef> = (actor, c) => {
  if (c.status === 'closed' || c.status === 'reported') return allow
  if (c.status === 'open' && c.results === 'live') return allow
  if (!actor) return deny('not_logged_in')
  return manageConsultation(actor, c).ok ? allow : deny('closed')
}
