import { corePermissions, loggedIn, withRole, type Rule } from '~/auth/permissions'

export const assistedPermissions = {
  /** The helper desk: find or register a resident, and act for them. */
  useDesk: corePermissions.useDesk,
  /** A resident's own dossier. */
  readOwnDossier: ((actor) => loggedIn(actor)) as Rule<unknown>,
  /** The audit log viewer. */
  readAudit: withRole('staff', 'admin'),
} satisfies Record<string, Rule<unknown>>
