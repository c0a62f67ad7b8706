import { loggedIn, type Rule } from '~/auth/permissions'

export const dossierPermissions = {
  /** A person's own dossier, consents, export and erasure: only their own, so logged in is enough. */
  ownData: ((actor) => loggedIn(actor)) as Rule<unknown>,
} satisfies Record<string, Rule<unknown>>
