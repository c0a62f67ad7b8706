import { loggedIn, withRole, type Rule } from '~/auth/permissions'

/** Who may do what in the besluitenregister. Everyone reads; staff and the griffie record decisions. */
export const decisionsPermissions = {
  /** Following a decision (to hear when a secret one is released): any logged-in person. */
  follow: ((actor) => loggedIn(actor)) as Rule<unknown>,
  /** Recording, importing and prolonging; and reading the content of a secret decision. */
  manage: withRole('griffie', 'staff', 'admin'),
} satisfies Record<string, Rule<unknown>>
