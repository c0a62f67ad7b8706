import { describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { sessions } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { withRequestScope } from '~/utils/request-scope.server'
import { createSessionCookie, getActor, sessionCookieUpdate } from './session.server'

const requestWith = (cookie: string) => new Request('http://stem.test/', { headers: { Cookie: cookie } })

describe('sessions', () => {
  it('extends a session used in its second half and sends the new cookie', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    const cookie = (await createSessionCookie(user.id)).split(';')[0]!
    expect(await sessionCookieUpdate(requestWith(cookie))).toBeNull()
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() + interval '10 days'` })
      .where(eq(sessions.userId, user.id))
    const request = requestWith(cookie)
    expect((await getActor(request))?.id).toBe(user.id)
    expect(await sessionCookieUpdate(request)).toMatch(/^stem_session=.+Max-Age=2592000/)
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)
  })

  it('looks the session up once for all the copies of one GET request, and anew in the next', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    const cookie = (await createSessionCookie(user.id)).split(';')[0]!
    // Remix gives the root loader, the page's loader and the server entry each their own Request.
    const [root, page] = await withRequestScope(() => Promise.all([getActor(requestWith(cookie)), getActor(requestWith(cookie))]))
    expect(root?.id).toBe(user.id)
    expect(page).toBe(root)
    // Outside a request's scope (or in the next request) a role granted since is seen.
    await db.execute(sql`insert into user_roles (user_id, role, scope) values (${user.id}, 'helper', '')`)
    const next = await withRequestScope(() => getActor(requestWith(cookie)))
    expect(next?.roles.map((r) => r.role)).toEqual(['helper'])
  })

  it('clears the cookie of a session that no longer exists', async () => {
    const request = requestWith('stem_session=onbekend')
    expect(await getActor(request)).toBeNull()
    expect(await sessionCookieUpdate(request)).toMatch(/^stem_session=;.*Max-Age=0/)
  })
})
