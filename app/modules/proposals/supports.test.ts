import { describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { notifications, proposals, participationItems } from '~db/schema'
import { createProposal, publishProposal } from './commands.server'
import { saveScope } from './scopes.server'
import { supportProposal, withdrawSupport } from './supports.server'
import { countSupports } from './queries.server'

/*
 * Counting under concurrency. On PostgreSQL these run with real parallel connections (pool of 20); on
 * PGlite (one connection) the same code runs, with smaller numbers.
 */

const onPostgres = () => getDatabase().kind === 'postgres'

async function residents(n: number, tag: string): Promise<string[]> {
  const { db } = getDatabase()
  await db.execute(sql`
    insert into users (id, email, display_name, email_confirmed_at, verified_at, verification_method, birth_year)
    select ${tag} || '-' || g, ${tag} || '-' || g || '@example.test', 'Inwoner ' || g, now(), now(), 'desk', 1980
    from generate_series(1, ${n}) g`)
  return Array.from({ length: n }, (_, i) => `${tag}-${i + 1}`)
}

async function publishedProposal(threshold: number) {
  const { db } = getDatabase()
  const author = await createUser(db)
  await saveScope(db, 'gemeente', { threshold, windowDays: 30, minimumAge: 16 }, author.id)
  const created = await createProposal(author.id, {
    title: 'Meer bankjes langs het Noord-Willemskanaal',
    summary: 'Zodat wandelaars onderweg kunnen uitrusten.',
    body: 'Langs het kanaal zijn bijna geen bankjes. Zet er om de 300 meter een.',
    theme: 'groen',
    wijkCode: '',
    postcode: '',
    houseNumber: '',
    imageAlt: '',
  })
  if (!created.ok) throw new Error('create failed')
  expect((await publishProposal(created.id, author.id)).ok).toBe(true)
  return created.id
}

async function stored(id: number) {
  const { db } = getDatabase()
  const [row] = await db.select().from(proposals).where(eq(proposals.id, id))
  return row!
}

describe('supports under concurrency', () => {
  it('counts N concurrent supports from N residents exactly (1,000 on PostgreSQL)', async () => {
    const n = onPostgres() ? 1000 : 200
    const id = await publishedProposal(n + 10_000)
    const people = await residents(n, `r${id}`)
    const results = await Promise.all(people.map((u) => supportProposal(id, u)))
    expect(results.filter((r) => r.ok && r.counted)).toHaveLength(n)
    expect(await countSupports(id)).toBe(n)
    expect((await stored(id)).supportCount).toBe(n)
  }, 180_000)

  it('reaches the threshold exactly once when many support at the same moment', async () => {
    const { db } = getDatabase()
    const id = await publishedProposal(25)
    const people = await residents(60, `t${id}`)
    const results = await Promise.all(people.map((u) => supportProposal(id, u)))
    expect(results.filter((r) => r.ok && r.reached)).toHaveLength(1)
    // After the threshold the proposal is in behandeling and supporting is closed.
    expect(results.filter((r) => r.ok && r.counted)).toHaveLength(25)
    const p = await stored(id)
    expect(p).toMatchObject({ status: 'in_progress', supportCount: 25 })
    expect(p.answerDeadline!.getTime() - p.thresholdReachedAt!.getTime()).toBe(8 * 7 * 86_400_000)
    expect(await countSupports(id)).toBe(25)
    const [item] = await db
      .select()
      .from(participationItems)
      .where(eq(participationItems.itemId, String(id)))
    expect(item!.status).toBe('closed')
    const notices = await db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `proposal:${id}:threshold`))
    // The 25 supporters and the author, who follows their own proposal.
    expect(notices).toHaveLength(26)
  }, 120_000)

  it('counts 50 concurrent supports by one resident once', async () => {
    const id = await publishedProposal(1000)
    const [person] = await residents(1, `o${id}`)
    const results = await Promise.all(Array.from({ length: 50 }, () => supportProposal(id, person!)))
    expect(results.filter((r) => r.ok && r.counted)).toHaveLength(1)
    expect(await countSupports(id)).toBe(1)
    expect((await stored(id)).supportCount).toBe(1)
  })

  it('never double counts when withdrawing and supporting race', async () => {
    const id = await publishedProposal(1000)
    const people = await residents(10, `w${id}`)
    const ops = onPostgres() ? 400 : 100
    await Promise.all(
      Array.from({ length: ops }, (_, i) => {
        const who = people[i % people.length]!
        return i % 3 === 1 ? withdrawSupport(id, who) : supportProposal(id, who)
      }),
    )
    const exact = await countSupports(id)
    expect((await stored(id)).supportCount).toBe(exact)
    expect(exact).toBeLessThanOrEqual(people.length)
  }, 120_000)
})
