import { allow, withRole, type Rule } from '~/auth/permissions'

export const contactPermissions = {
  /** Everyone, logged in or not (blocked people too: this is how they reach us). */
  askForContact: (() => allow) as Rule<unknown>,
  /** The staff queue: helpers answer the phone and the desk, staff pick requests up. */
  handleContact: withRole('helper', 'staff', 'admin'),
} satisfies Record<string, Rule<unknown>>
