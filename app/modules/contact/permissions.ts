import { allow, DESK_ROLES, participation, withRole, type Rule } from '~/auth/permissions'

export const contactPermissions = {
  /**
   * Everyone, logged in or not (blocked people too: this is how they reach us). A helper acting for a
   * resident asks on their behalf: the request is the resident's, marked in their dossier.
   */
  askForContact: participation((() => allow) as Rule<unknown>),
  /** The staff queue: helpers answer the phone and the desk, staff pick requests up. */
  handleContact: withRole(...DESK_ROLES),
} satisfies Record<string, Rule<unknown>>
