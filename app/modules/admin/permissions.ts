import { corePermissions, type Actor } from '~/auth/permissions'

/** Admins manage roles; helpers and staff look people up to verify them at the desk. */
export const canFindUsers = (actor: Actor | null) => {
  const manage = corePermissions.manageUsers(actor, undefined)
  return manage.ok ? manage : corePermissions.verifyAtDesk(actor, undefined)
}
