import { and, asc, eq, ilike, or, sql } from 'drizzle-orm'
import { userRoles, users, type StaffRole } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { refuse, type Outcome } from '~/utils/result'
import { audit } from '~/utils/audit.server'

export const PAGE_SIZE = 50

/**
 * The user list. Every search is audited (who searched for what); only those who manage users see and
 * search e-mail addresses — a helper finds people by name here, and acts for them only from the desk's
 * own search (issue 14).
 */
export async function searchUsers(actorId: string, query: string, page: number, options: { withEmail: boolean }) {
  const { db } = getDatabase()
  const q = query.trim().slice(0, 100)
  const pattern = `%${q.replace(/[%_\\]/g, '')}%`
  const where = q ? (options.withEmail ? or(ilike(users.email, pattern), ilike(users.displayName, pattern)) : ilike(users.displayName, pattern)) : undefined
  await audit(db, { actorId, action: 'user.search', detail: { query: q, page } })
  const rows = await db
    .select({
      id: users.id,
      email: options.withEmail ? users.email : sql<string>`''`,
      displayName: users.displayName,
      verified: sql<boolean>`${users.verifiedAt} is not null`,
      roles: sql<
        string[]
      >`coalesce((select array_agg(r.role::text order by r.role) from ${userRoles} r where r.user_id = ${users.id}), '{}')`,
    })
    .from(users)
    .where(where)
    .orderBy(options.withEmail ? asc(users.email) : asc(users.displayName), asc(users.id))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
  return { rows: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE }
}

/** A staff member opens a resident's record: the resident can later read who looked and why. */
export async function getUserForStaff(actorId: string, userId: string) {
  const { db } = getDatabase()
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId), with: { roles: true, address: true } })
  if (!user) return null
  await audit(db, { actorId, action: 'user.view', subjectUserId: userId })
  return user
}

/** A change of one person's role: whose, which role, where (a scope, or '' for everywhere) and why. */
export interface RoleChange {
  userId: string
  role: StaffRole
  scope: string
  reason: string
}

/** Granting and revoking roles: admins only (the route asks), with a reason, for an account that exists. */
export async function grantRole(
  actorId: string,
  { userId, role, scope, reason }: RoleChange,
  db: Queryable = getDatabase().db,
): Promise<Outcome<object, 'errors.user_unknown'>> {
  if (!(await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) }))) return refuse('errors.user_unknown', 'form')
  await db.transaction(async (tx) => {
    await tx.insert(userRoles).values({ userId, role, scope, grantedBy: actorId }).onConflictDoNothing()
    await audit(tx, { actorId, action: 'role.grant', subjectUserId: userId, reason, detail: { role, scope } })
  })
  return { ok: true }
}

export async function revokeRole(
  actorId: string,
  { userId, role, scope, reason }: RoleChange,
  db: Queryable = getDatabase().db,
): Promise<Outcome<object, 'errors.user_unknown' | 'errors.role_own_admin'>> {
  // An administrator keeps their own role: another one revokes it, so there is always one left.
  if (actorId === userId && role === 'admin') return refuse('errors.role_own_admin', 'form')
  if (!(await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) }))) return refuse('errors.user_unknown', 'form')
  await db.transaction(async (tx) => {
    await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, role), eq(userRoles.scope, scope)))
    await audit(tx, { actorId, action: 'role.revoke', subjectUserId: userId, reason, detail: { role, scope } })
  })
  return { ok: true }
}
