import { allow, confirmedResident, deny, isStaff, loggedIn, participation, withRole, type Rule } from '~/auth/permissions'

/** Who may do what in the alerts module. Places are the owner's alone; staff publish notices. */
export const alertsPermissions = {
  /** Any logged-in person keeps their own places (a resident elsewhere may care about a street here). */
  managePlaces: participation(((actor) => confirmedResident(actor)) as Rule<unknown>),
  /** Reacting to a notice: anyone with a confirmed e-mail address ("een ieder" in the Awb). */
  react: participation(((actor) => confirmedResident(actor)) as Rule<unknown>),
  readReceipt: ((actor) => loggedIn(actor)) as Rule<unknown>,
  /** "Mijn reacties": while a helper acts for a resident, the resident's. */
  readOwnReactions: participation(((actor) => loggedIn(actor)) as Rule<unknown>),
  publishNotices: withRole('staff', 'admin'),
  /** Looking at one resident's places (at their request, at the desk): audited every time. */
  viewResidentPlaces: withRole('helper', 'staff', 'admin'),
  /**
   * Reading and handling the reactions on a notice, and publishing its decision: staff, and whoever
   * published the notice. Without a notice (the inbox across notices): staff only.
   */
  handleReactions: ((actor, notice) => {
    const base = loggedIn(actor)
    if (!base.ok) return base
    if (isStaff(actor)) return allow
    return notice && notice.createdBy !== null && notice.createdBy === actor!.id ? allow : deny('not_allowed')
  }) as Rule<{ createdBy: string | null } | undefined>,
} satisfies Record<string, Rule<never>>
