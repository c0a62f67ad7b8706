import { allow, confirmedResident, deny, isStaff, loggedIn, withRole, type Rule } from '~/auth/permissions'

/** Who may do what in the alerts module. Places are the owner's alone; staff publish notices. */
export const alertsPermissions = {
  /** Any logged-in person keeps their own places (a resident elsewhere may care about a street here). */
  managePlaces: ((actor) => confirmedResident(actor)) as Rule<unknown>,
  /** Reacting to a notice: anyone with a confirmed e-mail address ("een ieder" in the Awb). */
  react: ((actor) => confirmedResident(actor)) as Rule<unknown>,
  readReceipt: ((actor) => loggedIn(actor)) as Rule<unknown>,
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
