import { describe, expect, it } from 'vitest'
import { count } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { accountClaims, assistedProfiles, contentFlags, contactRequests } from '~db/schema'
import { seedPeople } from '~db/seeds/people'
import { DEMO_CLAIM_CODE, seedDesk } from '~/modules/assisted/seed.server'
import { seedProposals } from '~/modules/proposals/seed.server'
import { actorForUser } from '~/auth/session.server'
import { moderationQueue } from '~/modules/moderation/queries.server'
import { claimWithCode } from './assisted.server'

describe('desk demo seed', () => {
  it('adds contact requests and a helper-registered resident once, however often it runs', async () => {
    const { db } = getDatabase()
    await seedPeople(db, 'not-a-real-hash')
    await seedDesk(db)
    await seedDesk(db)
    const n = async (table: typeof contactRequests | typeof assistedProfiles | typeof accountClaims) =>
      Number((await db.select({ n: count() }).from(table))[0]!.n)
    expect(await n(contactRequests)).toBe(3)
    expect(await n(assistedProfiles)).toBe(1)
    expect(await n(accountClaims)).toBe(1)
    // The demo resident can claim the account with the code from the README.
    const claimed = await claimWithCode(
      { code: 'balie-2026', email: 'gerrit@example.test', password: 'een lang demo wachtwoord' },
      { ip: '203.0.113.60', locale: 'nl' },
    )
    expect(claimed.ok).toBe(true)
    expect(DEMO_CLAIM_CODE).toBe('BALIE2026')
  })
})

describe('moderation demo seed', () => {
  it('gives the Centrum and the Oosterparkwijk moderators each a queue of their own wijk, once', async () => {
    const { db } = getDatabase()
    await seedPeople(db, 'not-a-real-hash')
    await seedProposals(db, { passwordHash: 'not-a-real-hash' })
    await seedDesk(db)
    await seedDesk(db)
    expect(Number((await db.select({ n: count() }).from(contentFlags))[0]!.n)).toBe(3)
    const queueOf = async (email: string) => {
      const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) })
      return (await moderationQueue((await actorForUser(user!.id))!)).map((i) => i.wijkCode)
    }
    expect(await queueOf('moderator@stem.example')).toEqual(['WK001400'])
    expect(await queueOf('moderator-oost@stem.example')).toEqual(['WK001404'])
    expect((await queueOf('medewerker@stem.example')).sort()).toEqual([null, 'WK001400', 'WK001404'].sort())
  })
})
