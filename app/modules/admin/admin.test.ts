import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { auditLog, userRoles } from '~db/schema'
import { createSessionCookie } from '~/auth/session.server'
import { action as userAction, loader as userLoader } from '~/routes/beheer.gebruikers.$id'
import { loader as listLoader } from '~/routes/beheer.gebruikers._index'
import { grantRole, revokeRole, searchUsers } from './queries.server'

/* Role hygiene and the user list (issue 14). */

async function as(role: 'helper' | 'staff' | 'admin') {
  const { db } = getDatabase()
  const user = await createUser(db, { roles: [{ role }] })
  return { user, cookie: (await createSessionCookie(user.id)).split(';')[0]! }
}

function request(path: string, cookie: string, body?: Record<string, string>) {
  return new Request(`http://stem.test${path}`, {
    method: body ? 'POST' : 'GET',
    body: body ? new URLSearchParams(body) : undefined,
    headers: { Origin: 'http://stem.test', Cookie: cookie },
  })
}

async function run(fn: (args: never) => Promise<unknown>, req: Request, params: Record<string, string> = {}) {
  try {
    return (await fn({ request: req, params, context: { clientIp: '203.0.113.80' } } as never)) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('the user list', () => {
  it('audits every search, and shows helpers no e-mail addresses (nor lets them search by one)', async () => {
    const { db } = getDatabase()
    await createUser(db, { email: 'zoekbaar.persoon@example.test', displayName: 'Zoekbaar Persoon' })
    const helper = await as('helper')
    const staff = await as('staff')
    const forHelper = (await (await run(listLoader, request('/beheer/gebruikers?q=Zoekbaar', helper.cookie))).json()) as {
      rows: { email: string; displayName: string }[]
      withEmail: boolean
      crowded: unknown
    }
    expect(forHelper.withEmail).toBe(false)
    expect(forHelper.crowded).toBeNull()
    expect(forHelper.rows.map((r) => r.displayName)).toEqual(['Zoekbaar Persoon'])
    expect(JSON.stringify(forHelper)).not.toContain('@example.test')
    expect((await searchUsers(helper.user.id, 'zoekbaar.persoon@', 1, { withEmail: false })).rows).toEqual([])
    const forStaff = (await (await run(listLoader, request('/beheer/gebruikers?q=zoekbaar.persoon@', staff.cookie))).json()) as {
      rows: { email: string }[]
      crowded: unknown[]
    }
    expect(forStaff.rows.map((r) => r.email)).toEqual(['zoekbaar.persoon@example.test'])
    expect(Array.isArray(forStaff.crowded)).toBe(true)
    const searches = await db.select().from(auditLog).where(and(eq(auditLog.action, 'user.search'), eq(auditLog.actorId, helper.user.id)))
    expect(searches.map((s) => s.detail)).toContainEqual({ query: 'Zoekbaar', page: 1 })
  })

  it('shows a helper a person’s page without their e-mail address', async () => {
    const { db } = getDatabase()
    const subject = await createUser(db, { email: 'geheim.adres@example.test' })
    const helper = await as('helper')
    const page = (await (await run(userLoader, request(`/beheer/gebruikers/${subject.id}`, helper.cookie), { id: subject.id })).json()) as {
      user: { email: string | null }
      canVerify: boolean
    }
    expect(page.user.email).toBeNull()
    expect(page.canVerify).toBe(true)
    // Not on one's own page.
    const own = (await (await run(userLoader, request(`/beheer/gebruikers/${helper.user.id}`, helper.cookie), { id: helper.user.id })).json()) as {
      canVerify: boolean
    }
    expect(own.canVerify).toBe(false)
  })
})

describe('roles', () => {
  it('are granted and revoked by admins only, with a typed reason, audited; an unknown account is refused', async () => {
    const { db } = getDatabase()
    const admin = await as('admin')
    const staff = await as('staff')
    const subject = await createUser(db)
    const grant = { intent: 'grant', role: 'helper', scope: '', reason: 'werkt aan de balie' }
    expect((await run(userAction, request(`/beheer/gebruikers/${subject.id}`, staff.cookie, grant), { id: subject.id })).status).toBe(403)
    expect((await run(userAction, request(`/beheer/gebruikers/${subject.id}`, admin.cookie, grant), { id: subject.id })).status).toBe(302)
    // Revoking without a reason: refused, the role stays.
    const noReason = await run(
      userAction,
      request(`/beheer/gebruikers/${subject.id}`, admin.cookie, { intent: 'revoke', role: 'helper', scope: '', reason: '' }),
      { id: subject.id },
    )
    expect(noReason.status).toBe(400)
    expect(await db.select().from(userRoles).where(eq(userRoles.userId, subject.id))).toHaveLength(1)
    const revoked = await run(
      userAction,
      request(`/beheer/gebruikers/${subject.id}`, admin.cookie, { intent: 'revoke', role: 'helper', scope: '', reason: 'werkt hier niet meer' }),
      { id: subject.id },
    )
    expect(revoked.status).toBe(302)
    const audits = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, subject.id))
    expect(audits.filter((a) => a.action.startsWith('role.')).map((a) => [a.action, a.reason])).toEqual([
      ['role.grant', 'werkt aan de balie'],
      ['role.revoke', 'werkt hier niet meer'],
    ])
    expect(await grantRole(admin.user.id, { userId: 'bestaat-niet', role: 'admin', scope: '', reason: 'zomaar' })).toEqual({ ok: false, reason: 'errors.user_unknown', field: 'form' })
    expect(await revokeRole(admin.user.id, { userId: admin.user.id, role: 'admin', scope: '', reason: 'zomaar' })).toEqual({ ok: false, reason: 'errors.role_own_admin', field: 'form' })
  })
})
