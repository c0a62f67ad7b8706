import { describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { createUser } from '~db/factories/users'
import { giveActivityEverywhere } from '~db/factories/activity'
import {
  auditLog,
  budgetBallots,
  budgetVoters,
  consultationResponses,
  outboundEmails,
  proposals,
  proposalSupports,
  users,
} from '~db/schema'
import { getProposal } from '~/modules/proposals/queries.server'
import { runTicks, allTicks } from '~/utils/ticks.server'
import { cancelErasure, requestErasure } from './erasure.server'

/** Every text, varchar and jsonb column of every table, searched for the value. */
async function tablesContaining(value: string): Promise<string[]> {
  const { db } = getDatabase()
  const columns = rowsOf<{ table_name: string; column_name: string }>(
    await db.execute(sql`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb', 'character', 'ARRAY')`),
  )
  expect(columns.length).toBeGreaterThan(50)
  const found: string[] = []
  for (const c of columns) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)}::text ilike ${`%${value}%`}`,
      ),
    )
    if (row!.n > 0) found.push(`${c.table_name}.${c.column_name}`)
  }
  return found
}

describe('erasing an account', () => {
  it('waits out the grace period, then anonymises: counts stay, the e-mail address is in no table, the audit keeps the event', async () => {
    const { db } = getDatabase()
    const user = await createUser(db, {
      email: 'wis.mij@example.test',
      displayName: 'Willemijn Wis',
      verifiedIn: { buurtCode: 'BU00140000' },
    })
    const made = await giveActivityEverywhere(db, user.id, user.email)
    expect(await tablesContaining('wis.mij@example.test')).toEqual(
      expect.arrayContaining(['users.email', 'outbound_emails.to_address', 'contact_requests.email']),
    )

    const now = new Date('2027-03-01T10:00:00Z')
    const { dueAt } = await db.transaction((tx) => requestErasure(tx, user.id, 'request', now))
    expect(dueAt.toISOString()).toBe('2027-03-15T10:00:00.000Z')
    const [mail] = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'erasure_requested'))
    expect(mail!.toAddress).toBe('wis.mij@example.test')
    expect(mail!.textBody).toMatch(/15 maart 2027/)
    expect(mail!.textBody).toMatch(/\/account-verwijderen\/annuleren\/\S+/)

    // Before the date nothing happens.
    await runTicks(
      new Date('2027-03-14T10:00:00Z'),
      allTicks().filter((t) => t.name === 'dossier.erasures'),
    )
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe('wis.mij@example.test')

    await runTicks(
      new Date('2027-03-15T10:00:01Z'),
      allTicks().filter((t) => t.name === 'dossier.erasures'),
    )
    const [after] = await db.select().from(users).where(eq(users.id, user.id))
    expect(after!.displayName).toBe('verwijderd account')
    expect(after!.passwordHash).toBeNull()
    expect(await tablesContaining('wis.mij@example.test')).toEqual([])
    expect(await tablesContaining('Willemijn')).toEqual([])

    // The proposal shows "verwijderd account"; the support, the ballot and the answer still count.
    const proposal = await getProposal(made.own.id)
    expect(proposal?.authorName).toBe('verwijderd account')
    expect(await db.select().from(proposalSupports).where(eq(proposalSupports.proposalId, made.supported.id))).toHaveLength(1)
    expect((await db.select().from(proposals).where(eq(proposals.id, made.supported.id)))[0]!.supportCount).toBe(1)
    expect(await db.select().from(budgetVoters).where(eq(budgetVoters.budgetId, made.budget.id))).toHaveLength(1)
    expect(await db.select().from(budgetBallots).where(eq(budgetBallots.budgetId, made.budget.id))).toHaveLength(1)
    expect(
      await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, made.consultation.id)),
    ).toHaveLength(1)

    // The audit keeps that it happened, not who.
    const [event] = await db.select().from(auditLog).where(eq(auditLog.action, 'account.erased'))
    expect(event).toMatchObject({ actorId: null, subjectUserId: null })
  })

  it('is stopped by the cancel link', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    const { token } = await db.transaction((tx) => requestErasure(tx, user.id, 'request', new Date('2027-03-01T10:00:00Z')))
    expect(await cancelErasure({ token: 'verkeerd' })).toBe(false)
    expect(await cancelErasure({ token: token! })).toBe(true)
    await runTicks(
      new Date('2027-04-01T10:00:00Z'),
      allTicks().filter((t) => t.name === 'dossier.erasures'),
    )
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe(user.email)
  })
})
