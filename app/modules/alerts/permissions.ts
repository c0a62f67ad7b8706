import { confirmedResident, loggedIn, withRole, type Rule } from '~/auth/permissions'

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
} satisfies Record<string, Rule<unknown>>
