import postgres from 'postgres'
import { describe, expect, inject, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { auditLog } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { withDatabase } from '~db/test/template'

/** The database's own error for a statement, or null when it succeeded. */
async function refusal(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run()
    return null
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } }
    return e.cause?.message ?? e.message ?? String(error)
  }
}

const config = inject('testDatabase')

describe('the audit log is append-only', () => {
  it('refuses TRUNCATE, as it refuses UPDATE and DELETE', async () => {
    const { db } = getDatabase()
    await db.insert(auditLog).values({ action: 'test.entry', reason: 'blijft staan' })
    expect(await refusal(() => db.execute(sql`truncate audit_log`))).toMatch(/append-only/)
    expect(await refusal(() => db.execute(sql`delete from audit_log`))).toMatch(/append-only/)
    const { rows } = await getDatabase().raw('select count(*)::int as count from audit_log')
    expect((rows[0] as { count: number }).count).toBeGreaterThan(0)
  })

  it.skipIf(config.kind === 'pglite')(
    'cannot be changed by an app role that does not own the tables (PostgreSQL only: the embedded database has one role)',
    async () => {
      if (config.kind !== 'postgres') return
      const { db } = getDatabase()
      const { name } = (await getDatabase().raw('select current_database() as name')).rows[0] as { name: string }
      const role = `stem_app_${name.slice(-8)}`
      // What a deployer does once (README): a login role with data rights only, the owner migrates.
      await db.execute(sql.raw(`create role ${role} login`))
      try {
        await db.execute(sql.raw(`grant select, insert on audit_log to ${role}`))
        await db.execute(sql.raw(`grant usage on all sequences in schema public to ${role}`))
        const url = new URL(withDatabase(config.url, name))
        url.username = role
        url.password = ''
        const app = postgres(url.toString(), { max: 1, onnotice: () => {} })
        try {
          await app`insert into audit_log (action, reason) values ('test.as_app', 'mag')`
          expect(await refusal(() => app`drop trigger audit_log_no_truncate on audit_log`)).toMatch(/must be owner/)
          expect(await refusal(() => app`alter table audit_log disable trigger all`)).toMatch(/must be owner/)
          expect(await refusal(() => app`truncate audit_log`)).toMatch(/permission denied|append-only/)
          expect(await refusal(() => app`drop table audit_log`)).toMatch(/must be owner/)
        } finally {
          await app.end()
        }
      } finally {
        await db.execute(sql.raw(`drop owned by ${role}`))
        await db.execute(sql.raw(`drop role ${role}`))
      }
    },
  )
})
