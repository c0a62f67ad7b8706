import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { seedProposals } from '~/modules/proposals/seed.server'
import { seedPeople } from '~db/seeds/people'
import { proposalsServer } from './manifest.server'

const counts = async () => {
  const { db } = getDatabase()
  const result = await db.execute(sql`select (select count(*)::int from proposals) p, (select count(*)::int from proposal_supports) s,
    (select count(*)::int from proposal_comments) c, (select count(*)::int from users) u,
    (select count(*)::int from proposal_documents) d`)
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows)[0]
}

describe('demo seed', () => {
  it('has proposals in every state with supports, comments and a demo document, and running it again adds nothing', async () => {
    const { db } = getDatabase()
    await seedPeople(db, 'x')
    await seedProposals(db, { passwordHash: 'x' })
    const states = await db.execute(sql`select status, count(*)::int n, sum(support_count)::int s from proposals group by status`)
    const rows = (Array.isArray(states) ? states : (states as { rows: unknown[] }).rows) as { status: string; n: number }[]
    expect(rows.map((r) => r.status).sort()).toEqual(['answered', 'archived', 'draft', 'in_progress', 'published', 'retired'])
    const before = await counts()
    expect(before).toMatchObject({ d: 1 })
    await seedProposals(db, { passwordHash: 'x' })
    expect(await counts()).toEqual(before)
    const list = proposalsServer.api!.find((r) => r.path === '/proposals')!
    const res = (await list.handler({ params: {}, query: new URLSearchParams(), request: new Request('http://stem.test') })) as {
      body: { total: number }
    }
    expect(res.body.total).toBeGreaterThanOrEqual(4)
  })
})
