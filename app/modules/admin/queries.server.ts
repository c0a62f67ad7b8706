import { and, asc, eq, ilike, or, sql } from 'drizzle-orm'
import { userRoles, users, type StaffRole } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { audit } from '~/utils/audit.server'

export const PAGE_SIZE = 50

export async function searchUsers(query: string, page: number) {
  const { db } = getDatabase()
  const q = query.trim().slice(0, 100)
  const where = q ? or(ilike(users.email, `%${q}%`), ilike(users.displayName, `%${q}%`)) : undefined
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      verified: sql<boolean>`${users.verifiedAt} is not null`,
      roles: sql<
        string[]
      >`coalesce((select array_agg(r.role::text order by r.role) from ${userRoles} r where r.user_id = ${users.id}), '{}')`,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.email))
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

export async function grantRole(actorId: string, userId: string, role: StaffRole, scope: string, reason: string) {
  const { db } = getDatabase()
  await db.transaction(async (tx) => {
    await tx.insert(userRoles).values({ userId, role, scope, grantedBy: actorId }).onConflictDoNothing()
    await audit(tx, { actorId, action: 'role.grant', subjectUserId: userId, reason, detail: { role, scope } })
  })
}

export async function revokeRole(actorId: string, userId: string, role: StaffRole, scope: string, reason: string) {
  const { db } = getDatabase()
  await db.transaction(async (tx) => {
    await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, role), eq(userRoles.scope, scope)))
    await audit(tx, { actorId, action: 'role.revoke', subjectUserId: userId, reason, detail: { role, scope } })
  })
}
