import { describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { accountActivity, auditLog, outboundEmails, users } from '~db/schema'
import { createSessionCookie } from '~/auth/session.server'
import { allTicks, runTicks } from '~/utils/ticks.server'

const clock = (at: string) =>
  runTicks(
    new Date(at),
    allTicks().filter((t) => t.name === 'dossier.retention' || t.name === 'dossier.erasures'),
  )

describe('retention', () => {
  it('warns a resident inactive past the setting by e-mail, then anonymises them; a log-in in between keeps the account', async () => {
    const { db } = getDatabase()
    const idle = await createUser(db, { email: 'slaper@example.test' })
    const returning = await createUser(db, { email: 'terugkeerder@example.test' })
    const active = await createUser(db, { email: 'actief@example.test' })
    const staff = await createUser(db, { email: 'ambtenaar@example.test', roles: [{ role: 'staff' }] })
    for (const u of [idle, returning, active, staff])
      await db
        .update(users)
        .set({ createdAt: new Date('2024-06-01T10:00:00Z') })
        .where(eq(users.id, u.id))
    await db.insert(accountActivity).values({ userId: active.id, lastLoginAt: new Date('2027-01-01T10:00:00Z') })

    // Three years (1095 days) after the last sign of life, the warning; nothing is erased yet.
    await clock('2027-05-31T10:00:00Z')
    expect(await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'erasure_inactive'))).toHaveLength(0)
    await clock('2027-06-02T10:00:00Z')
    const warnings = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'erasure_inactive'))
    expect(warnings.map((m) => m.toAddress).sort()).toEqual(['slaper@example.test', 'terugkeerder@example.test'])
    expect(warnings[0]!.textBody).toMatch(/2 juli 2027/)

    // One of them logs in: that keeps the account.
    await createSessionCookie(returning.id)
    await clock('2027-07-02T10:00:01Z')
    const email = async (id: string) => (await db.select({ email: users.email }).from(users).where(eq(users.id, id)))[0]!.email
    expect(await email(idle.id)).toMatch(/@verwijderd\.invalid$/)
    expect(await email(returning.id)).toBe('terugkeerder@example.test')
    expect(await email(active.id)).toBe('actief@example.test')
    expect(await email(staff.id)).toBe('ambtenaar@example.test')
    const [event] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.erased'), sql`${auditLog.detail}->>'cause' = 'inactive'`))
    expect(event).toMatchObject({ subjectUserId: null, actorId: null })
  })

  it('deletes audit lines past their period, and only those', async () => {
    const { db } = getDatabase()
    await db.insert(auditLog).values([
      { actorId: null, action: 'test.old', at: new Date('2019-01-01T10:00:00Z') },
      { actorId: null, action: 'test.recent', at: new Date('2026-01-01T10:00:00Z') },
    ])
    await clock('2027-01-01T10:00:00Z')
    const left = (await db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action)
    expect(left).toContain('test.recent')
    expect(left).not.toContain('test.old')
    // Outside retention the log still refuses a delete.
    await expect(db.delete(auditLog).where(eq(auditLog.action, 'test.recent'))).rejects.toThrow()
    // Even a session that claims to be the retention clock cannot delete a line younger than a year.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('stem.audit_retention', 'on', true)`)
        await tx.delete(auditLog).where(eq(auditLog.action, 'test.recent'))
      }),
    ).rejects.toThrow()
  })
})
