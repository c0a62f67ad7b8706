import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { seedAlerts } from '~/modules/alerts/seed.server'
import { seedNoticeReactions } from '~/modules/alerts/seed-reactions.server'
import { seedPeople } from '~db/seeds/people'
import { accountability } from '~/modules/participation/queries.server'

const counts = async () => {
  const { db } = getDatabase()
  return rowsOf(
    await db.execute(sql`select (select count(*)::int from plan_notices) n, (select count(*)::int from notice_reactions) r,
      (select count(*)::int from notice_decisions) d, (select count(*)::int from notice_reaction_notes) o`),
  )[0]
}

describe('demo seed of reactions and decisions', () => {
  it('has reactions in every status and a notice with a published decision and nota; running it again adds nothing', async () => {
    const { db } = getDatabase()
    await seedPeople(db, 'x')
    await seedAlerts(db)
    await seedNoticeReactions(db)
    const statuses = rowsOf<{ status: string }>(await db.execute(sql`select distinct status::text as status from notice_reactions`))
    expect(statuses.map((s) => s.status).sort()).toEqual(['answered', 'in_progress', 'inadmissible', 'received'])
    const [decision] = rowsOf<{ nota: unknown[]; notice_id: number }>(await db.execute(sql`select nota, notice_id from notice_decisions`))
    expect(decision!.nota).toHaveLength(2)
    expect(JSON.stringify(decision!.nota)).toMatch(/STEM-\d{4}-\d{6}/)
    const shown = (await accountability()).find((a) => a.href === `/bekendmakingen/${decision!.notice_id}`)
    expect(shown?.status).toBe('on_time')
    const before = await counts()
    await seedAlerts(db)
    await seedNoticeReactions(db)
    expect(await counts()).toEqual(before)
  })
})
