import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { personKeyFromIdentity } from '~/auth/person-key.server'
import { describe, expect, it } from 'vitest'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { addresses, auditLog, budgetBallots, budgetIdeas, budgetProjects, budgets, budgetVoters, notifications, users } from '~db/schema'
import { rowsOf } from '~/modules/areas/queries.server'
import { translate } from '~/utils/i18n'
import type { Actor } from '~/auth/permissions'
import { castBallot, enterPaperBallot, findResident, flushBallotPool } from './ballots.server'
import { addMilestone, createBudget, promoteIdea, reviewIdea, setPhase, submitIdea, type BudgetInput } from './commands.server'
import { checkReceipt } from './queries.server'
import { closeVoting } from './results.server'
import { budgetPermissions } from './permissions'
import { checkBallot } from './rules'
import { exportPb, importPb } from './pabulib.server'
import { parsePb } from './pabulib/parse'
import { budgetsServer } from './manifest.server'
import { seedBudgets } from '~/modules/budgets/seed.server'
import { budgetInput, votingBudget as makeVotingBudget } from '~db/factories/budgets'

// The sample files sit next to the repository (../shared/data/pabulib), as for the tally tests.
const SAMPLES = [path.resolve('../shared/data/pabulib'), '/work/shared/data/pabulib'].find((d) => existsSync(d)) ?? '../shared/data/pabulib'

const input = budgetInput
const votingBudget = (costs: number[], over: Partial<BudgetInput> = {}) => makeVotingBudget(getDatabase().db, costs, over)

/** Residents with distinct addresses (and birth years), inserted in bulk. */
async function residents(n: number, buurtPrefix = 'BU0014') {
  const { db } = getDatabase()
  const rows = rowsOf<{ id: number; buurt_code: string; wijk_code: string }>(
    await db.execute(sql`select a.id, a.buurt_code, b.parent_code as wijk_code from ${addresses} a join areas b on b.code = a.buurt_code
      where a.buurt_code like ${buurtPrefix + '%'} order by a.id`),
  )
  const people = Array.from({ length: n }, (_, i) => {
    const a = rows[i % rows.length]!
    return {
      id: randomBytes(10).toString('hex'),
      email: `kiezer-${i}-${randomBytes(3).toString('hex')}@example.test`,
      displayName: `Kiezer ${i}`,
      emailConfirmedAt: new Date(),
      birthYear: 1950 + Math.floor(i / rows.length),
      legalName: `Kiezer ${i}`,
      birthDate: `${1950 + Math.floor(i / rows.length)}-01-01`,
      // The verified person's key (decision 0004): every Kiezer is a different person.
      personKey: personKeyFromIdentity({ name: `Kiezer ${i}`, birthDate: `${1950 + Math.floor(i / rows.length)}-01-01` }),
      addressId: a.id,
      buurtCode: a.buurt_code,
      wijkCode: a.wijk_code,
      verifiedAt: new Date(),
      verificationMethod: 'desk' as const,
    }
  })
  for (let i = 0; i < people.length; i += 500) await db.insert(users).values(people.slice(i, i + 500))
  return people
}

const actorOf = (u: { id: string; wijkCode: string | null; buurtCode: string | null; birthYear: number | null }): Actor => ({
  id: u.id,
  displayName: 'x',
  email: 'x@example.test',
  emailConfirmed: true,
  verified: true,
  wijkCode: u.wijkCode,
  buurtCode: u.buurtCode,
  birthDate: u.birthYear === null ? null : `${u.birthYear}-01-01`,
  blocked: false,
  roles: [],
})

describe('ballot rules', () => {
  const rules = { voteRule: 'knapsack' as const, amount: 50_000, maxProjects: null, minProjects: null, points: null }
  const costs = new Map([
    [1, 30_000],
    [2, 25_000],
    [3, 5_000],
  ])
  it('refuses a knapsack ballot over the budget with a Dutch message naming the amounts', () => {
    const check = checkBallot(rules, costs, {
      points: new Map([
        [1, 1],
        [2, 1],
      ]),
    })
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(translate('nl', check.error, check.params)).toBe(
      'Je keuze kost € 55.000. Dat is € 5.000 meer dan het budget van € 50.000. Haal een project weg en probeer het opnieuw.',
    )
    expect(
      checkBallot(rules, costs, {
        points: new Map([
          [1, 1],
          [3, 1],
        ]),
      }),
    ).toEqual({ ok: true, total: 35_000 })
  })
  it('refuses too many and too few projects on approval ballots', () => {
    const approval = { ...rules, voteRule: 'approval' as const, maxProjects: 2, minProjects: 2 }
    const many = checkBallot(approval, costs, {
      points: new Map([
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    })
    expect(!many.ok && translate('nl', many.error, many.params)).toBe('Aantal gekozen projecten: 3. Je mag er hoogstens 2 kiezen.')
    const few = checkBallot(approval, costs, { points: new Map([[1, 1]]) })
    expect(!few.ok && translate('nl', few.error, few.params)).toBe('Aantal gekozen projecten: 1. Kies er minstens 2.')
  })
  it('refuses more points than a cumulative ballot has', () => {
    const cumulative = { ...rules, voteRule: 'cumulative' as const, points: 10 }
    expect(
      checkBallot(cumulative, costs, {
        points: new Map([
          [1, 6],
          [2, 5],
        ]),
      }).ok,
    ).toBe(false)
    expect(
      checkBallot(cumulative, costs, {
        points: new Map([
          [1, 6],
          [2, 4],
        ]),
      }).ok,
    ).toBe(true)
  })
})

describe('eligibility', () => {
  it('tells a resident of another wijk and a too-young resident why they cannot vote', () => {
    const budget = { areaCode: 'WK001400', minimumAge: 16, phase: 'voting' }
    const centrum = actorOf({ id: 'a', wijkCode: 'WK001400', buurtCode: 'BU00140000', birthYear: 1980 })
    expect(budgetPermissions.vote(centrum, budget)).toEqual({ ok: true })
    expect(budgetPermissions.vote({ ...centrum, wijkCode: 'WK001401', buurtCode: 'BU00140101' }, budget)).toEqual({
      ok: false,
      reason: 'outside_area',
    })
    expect(budgetPermissions.vote({ ...centrum, birthDate: `${new Date().getFullYear() - 14}-01-01` }, budget)).toEqual({
      ok: false,
      reason: 'too_young',
    })
    expect(budgetPermissions.vote(centrum, { ...budget, phase: 'result' })).toEqual({ ok: false, reason: 'closed' })
    expect(budgetPermissions.vote(null, budget)).toEqual({ ok: false, reason: 'not_logged_in' })
  })
})

describe('a budget from idea to result', () => {
  it('reviews ideas with notices, votes secretly across channels, closes, tallies and explains', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    const budget = await createBudget(staff.id, input(), db)
    expect((await setPhase(staff.id, budget.id, 'ideas', db)).ok).toBe(true)
    const [author, other] = await residents(2, 'BU001400')
    const idea1 = await submitIdea(
      author!.id,
      budget.id,
      {
        title: 'Bankjes',
        body: 'Bankjes op het plein graag',
        estimatedCost: 20_000,
        location: { lon: 6.568, lat: 53.219 },
      },
      db,
    )
    const idea2 = await submitIdea(
      author!.id,
      budget.id,
      {
        title: 'Bomen',
        body: 'Meer bomen in de straat',
        estimatedCost: null,
        location: null,
      },
      db,
    )
    const idea3 = await submitIdea(
      other!.id,
      budget.id,
      {
        title: 'Ook bankjes',
        body: 'Bankjes bij de kerk',
        estimatedCost: null,
        location: null,
      },
      db,
    )
    const idea4 = await submitIdea(
      other!.id,
      budget.id,
      {
        title: 'Metro',
        body: 'Een metro naar Haren',
        estimatedCost: null,
        location: null,
      },
      db,
    )
    expect(idea1.ok && idea2.ok && idea3.ok && idea4.ok).toBe(true)
    if (!idea1.ok || !idea2.ok || !idea3.ok || !idea4.ok) return
    await setPhase(staff.id, budget.id, 'review', db)
    expect(
      (await submitIdea(author!.id, budget.id, { title: 'Te laat', body: 'Dit idee is te laat', estimatedCost: null, location: null }, db))
        .ok,
    ).toBe(false)
    expect((await reviewIdea(staff.id, idea1.id, { decision: 'feasible', cost: 30_000, reason: '' }, db)).ok).toBe(true)
    expect((await reviewIdea(staff.id, idea2.id, { decision: 'feasible', cost: 25_000, reason: '' }, db)).ok).toBe(true)
    expect((await reviewIdea(staff.id, idea3.id, { decision: 'merge', into: idea1.id, reason: 'Lijkt op Bankjes.' }, db)).ok).toBe(true)
    expect(
      (await reviewIdea(staff.id, idea4.id, { decision: 'unfeasible', reason: 'Een metro past niet in een wijkbudget.' }, db)).ok,
    ).toBe(true)
    const notices = await db.select().from(notifications).where(eq(notifications.userId, other!.id))
    expect(notices.map((n) => n.body).sort()).toEqual([
      'Je idee is samengevoegd met een ander idee dat erop lijkt. Lijkt op Bankjes.',
      'Je idee kan niet worden uitgevoerd. De reden: Een metro past niet in een wijkbudget.',
    ])
    expect((await promoteIdea(staff.id, idea4.id, db)).ok).toBe(false)
    expect((await setPhase(staff.id, budget.id, 'voting', db)).ok).toBe(false) // no projects yet
    await promoteIdea(staff.id, idea1.id, db)
    await promoteIdea(staff.id, idea2.id, db)
    await promoteIdea(staff.id, idea2.id, db) // twice: still one project
    const projects = await db.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budget.id)).orderBy(budgetProjects.id)
    expect(projects.map((p) => [p.title, p.cost])).toEqual([
      ['Bankjes', 30_000],
      ['Bomen', 25_000],
    ])
    expect(projects[0]!.description).toContain('Bankjes bij de kerk')
    expect((await setPhase(staff.id, budget.id, 'voting', db)).ok).toBe(true)
    const [bankjes, bomen] = projects as [(typeof projects)[0], (typeof projects)[0]]

    // Online: over budget refused, then a valid ballot, then a change (one ballot stays).
    const over = await castBallot(
      {
        budgetId: budget.id,
        voterUserId: author!.id,
        projectIds: [bankjes.id, bomen.id],
        channel: 'online',
        enteredBy: null,
      },
      db,
    )
    expect(over).toMatchObject({ ok: false, reason: 'budgets.error_over_budget', field: 'ballot' })
    const first = await castBallot(
      {
        budgetId: budget.id,
        voterUserId: author!.id,
        projectIds: [bomen.id],
        channel: 'online',
        enteredBy: null,
      },
      db,
    )
    expect(first.ok).toBe(true)
    if (!first.ok) return
    // Changing needs the receipt: it is the only key to the sealed voter → ballot link.
    const change = { budgetId: budget.id, voterUserId: author!.id, projectIds: [bankjes.id], channel: 'online' as const, enteredBy: null }
    expect(await castBallot(change, db)).toMatchObject({ ok: false, reason: 'budgets.cast_receipt_needed', field: 'receipt' })
    expect(await castBallot({ ...change, receipt: 'AAAA-BBBB-CCCC' }, db)).toMatchObject({
      ok: false,
      reason: 'budgets.cast_receipt_wrong',
      field: 'receipt',
    })
    const changed = await castBallot({ ...change, receipt: first.receipt.toLowerCase() }, db)
    expect(changed).toMatchObject({ ok: true, changed: true })
    if (!changed.ok) return
    expect(await checkReceipt(budget.id, first.receipt)).toBe(false)
    expect(await checkReceipt(budget.id, changed.receipt.toLowerCase())).toBe(true)

    // Paper: a helper enters a ballot for the other resident, identified by name, birth date and address.
    const [address] = await db.select().from(addresses).where(eq(addresses.id, other!.addressId))
    const paperPerson = {
      postcode: address!.postcode,
      houseNumber: address!.houseNumber,
      addition: address!.houseLetter + address!.addition,
      legalName: other!.legalName,
      birthDate: other!.birthDate,
    }
    expect((await findResident(paperPerson))?.userId).toBe(other!.id)
    const paper = await enterPaperBallot(helper.id, budget.id, { ...paperPerson, choice: { points: new Map([[bomen.id, 1]]) } })
    expect(paper.ok).toBe(true)
    // …who then cannot vote online, and an online voter cannot get a paper ballot.
    expect(
      await castBallot({ budgetId: budget.id, voterUserId: other!.id, projectIds: [bankjes.id], channel: 'online', enteredBy: null }, db),
    ).toMatchObject({ ok: false, reason: 'budgets.cast_voted_other_channel' })
    expect(
      await castBallot(
        {
          budgetId: budget.id,
          voterUserId: author!.id,
          projectIds: [bomen.id],
          channel: 'paper',
          enteredBy: helper.id,
        },
        db,
      ),
    ).toMatchObject({ ok: false, reason: 'budgets.cast_voted_other_channel' })
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'budget.paper_ballot'), eq(auditLog.actorId, helper.id)))
    expect(audits).toHaveLength(1)
    expect(audits[0]!.detail).toEqual({ budgetId: budget.id })

    // Secrecy: ballots carry no person; the link exists only while ballots may change.
    const columns = rowsOf<{ column_name: string }>(
      await db.execute(sql`select column_name from information_schema.columns where table_name = 'budget_ballots'`),
    ).map((c) => c.column_name)
    expect(columns.sort()).toEqual(['budget_id', 'id', 'receipt_hash'])
    const linked = await db.select().from(budgetVoters).where(eq(budgetVoters.budgetId, budget.id))
    expect(linked.filter((v) => v.ballotSeal).length).toBe(1) // the online voter; paper ballots are never linked
    expect(linked.find((v) => v.ballotSeal)!.ballotSeal).not.toContain(changed.receipt)

    expect((await closeVoting(staff.id, budget.id, db)).ok).toBe(true)
    const after = await db.select().from(budgetVoters).where(eq(budgetVoters.budgetId, budget.id))
    expect(after.map((v) => v.ballotSeal)).toEqual([null, null])
    expect(
      await castBallot({ budgetId: budget.id, voterUserId: author!.id, projectIds: [bomen.id], channel: 'online', enteredBy: null }, db),
    ).toMatchObject({ ok: false, reason: 'budgets.cast_closed' })
    const result = await db.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budget.id)).orderBy(budgetProjects.id)
    // One vote each: the cheaper one (Bomen) ranks first; Bankjes no longer fits.
    expect(result.map((p) => [p.title, p.votes, p.selected, p.reason])).toEqual([
      ['Bankjes', 1, false, 'does_not_fit'],
      ['Bomen', 1, true, 'selected'],
    ])
    expect(await checkReceipt(budget.id, changed.receipt)).toBe(true)

    // Execution: followers (the idea authors follow automatically) hear of progress.
    expect(
      (
        await addMilestone(
          staff.id,
          budget.id,
          {
            projectId: bankjes.id,
            on: '2027-05-01',
            progress: 10,
            text: 'Niet gekozen',
            photo: null,
            photoAlt: null,
          },
          db,
        )
      ).ok,
    ).toBe(false)
    expect(
      (
        await addMilestone(
          staff.id,
          budget.id,
          {
            projectId: bomen.id,
            on: '2027-05-01',
            progress: 40,
            text: 'De bomen zijn besteld.',
            photo: null,
            photoAlt: null,
          },
          db,
        )
      ).ok,
    ).toBe(true)
    const progress = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'budget_milestone')))
    expect(progress.map((n) => n.userId).sort()).toEqual([author!.id, other!.id].sort())

    // Open data and the Pabulib export: anonymous ballots, the result, re-tallied the same.
    const detail = await budgetsServer.api![1]!.handler({
      params: { id: String(budget.id) },
      query: new URLSearchParams(),
      request: new Request('http://x'),
    })
    expect(detail.status).toBe(200)
    const body = (detail as { body: { projects: { title: string; selected: boolean; milestones: unknown[] }[] } }).body
    expect(body.projects.map((p) => [p.title, p.selected, p.milestones.length])).toEqual([
      ['Bankjes', false, 0],
      ['Bomen', true, 1],
    ])
    const [fresh] = await db.select().from(budgets).where(eq(budgets.id, budget.id))
    const pb = parsePb(await exportPb(fresh!, 'Centrum'))
    expect(pb.ok).toBe(true)
    if (!pb.ok) return
    expect(pb.file.votes.map((v) => v.voterId).sort()).toEqual(['1', '2'])
    expect(pb.file.projects.find((p) => p.selected === 1)?.name).toBe('Bomen')
    expect(JSON.stringify(pb.file)).not.toContain(author!.id)
  })
})

describe('concurrency', () => {
  const kind = () => getDatabase().kind
  it('counts every ballot of many residents voting at the same time exactly once', async () => {
    const { db } = getDatabase()
    const n = kind() === 'postgres' ? 1000 : 60
    const { budget, projects } = await votingBudget([10_000, 20_000, 30_000], { areaCode: null, minimumAge: null })
    const people = await residents(n)
    const results = await Promise.all(
      people.map((p, i) =>
        castBallot({ budgetId: budget.id, voterUserId: p.id, projectIds: [projects[i % 3]!.id], channel: 'online', enteredBy: null }, db),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(n)
    // Waiting ballots are written in one shuffled batch (the clock's job; closing does the same).
    expect(await flushBallotPool(budget.id, true, db)).toBe(n)
    const [{ ballots }] = rowsOf<{ ballots: number }>(
      await db.execute(sql`select count(*)::int as ballots from ${budgetBallots} where budget_id = ${budget.id}`),
    ) as [{ ballots: number }]
    const [{ voters }] = rowsOf<{ voters: number }>(
      await db.execute(sql`select count(*)::int as voters from ${budgetVoters} where budget_id = ${budget.id}`),
    ) as [{ voters: number }]
    expect([ballots, voters]).toEqual([n, n])
    expect((await closeVoting(null, budget.id, db)).ok).toBe(true)
    const counted = await db.select({ votes: budgetProjects.votes }).from(budgetProjects).where(eq(budgetProjects.budgetId, budget.id))
    expect(counted.reduce((s, p) => s + (p.votes ?? 0), 0)).toBe(n)
  }, 120_000)

  it('leaves exactly one ballot when one resident votes many times at once, online and on paper', async () => {
    const { db } = getDatabase()
    for (const changeable of [true, false]) {
      const { budget, projects, staff } = await votingBudget([10_000, 20_000], {
        areaCode: null,
        minimumAge: null,
        ballotsChangeable: changeable,
      })
      const [p] = await residents(1)
      const attempts = Array.from({ length: 12 }, (_, i) =>
        i % 3 === 2
          ? castBallot(
              {
                budgetId: budget.id,
                voterUserId: p!.id,
                projectIds: [projects[0]!.id],
                channel: 'paper',
                enteredBy: staff.id,
              },
              db,
            )
          : castBallot(
              {
                budgetId: budget.id,
                voterUserId: p!.id,
                projectIds: [projects[i % 2]!.id],
                channel: 'online',
                enteredBy: null,
              },
              db,
            ),
      )
      const results = await Promise.all(attempts)
      expect(results.some((r) => r.ok)).toBe(true)
      await flushBallotPool(budget.id, true, db)
      const [{ ballots }] = rowsOf<{ ballots: number }>(
        await db.execute(sql`select count(*)::int as ballots from ${budgetBallots} where budget_id = ${budget.id}`),
      ) as [{ ballots: number }]
      const [{ items }] = rowsOf<{ items: number }>(
        await db.execute(
          sql`select count(*)::int as items from budget_ballot_items i join ${budgetBallots} b on b.id = i.ballot_id where b.budget_id = ${budget.id}`,
        ),
      ) as [{ items: number }]
      expect([ballots, items]).toEqual([1, 1])
    }
  }, 60_000)
})

describe('Pabulib import', () => {
  it('creates a finished budget whose selected projects are the file’s, and imports a file once', async () => {
    const { db } = getDatabase()
    const file = `${SAMPLES}/Netherlands_Assen_2024.pb`
    const text = readFileSync(file, 'utf8')
    const imported = await importPb(db, text, 'Netherlands_Assen_2024.pb')
    expect(imported.ok).toBe(true)
    if (!imported.ok) return
    const parsed = parsePb(text)
    if (!parsed.ok) throw new Error('sample does not parse')
    const expected = parsed.file.projects
      .filter((p) => p.selected === 1)
      .map((p) => p.id)
      .sort()
    const selected = await db
      .select({ externalId: budgetProjects.externalId })
      .from(budgetProjects)
      .where(and(eq(budgetProjects.budgetId, imported.budgetId), eq(budgetProjects.selected, true)))
    expect(selected.map((s) => s.externalId).sort()).toEqual(expected)
    expect(imported.ballots).toBe(parsed.file.votes.length)
    const [budget] = await db.select().from(budgets).where(eq(budgets.id, imported.budgetId))
    expect([budget!.phase, budget!.tallyMethod, budget!.amount]).toEqual(['result', 'equalshares/add1', 100_000])
    expect(await importPb(db, text, 'Netherlands_Assen_2024.pb')).toMatchObject({ ok: true, created: false, budgetId: imported.budgetId })
    // The export of the imported budget tallies to the same set.
    const again = parsePb(await exportPb(budget!, null))
    expect(again.ok && again.file.votes.length).toBe(parsed.file.votes.length)
    expect((await importPb(db, 'geen pabulib', 'kapot.pb')).ok).toBe(false)
  })
})

describe('demo seed', () => {
  it('adds a voting and a finished budget once, however often it runs', async () => {
    const { db } = getDatabase()
    await createUser(db, { email: 'medewerker@stem.example', roles: [{ role: 'staff' }] })
    await seedBudgets(db)
    await seedBudgets(db)
    const rows = await db
      .select()
      .from(budgets)
      .where(sql`${budgets.title} like '%(fictief voorbeeld)'`)
    expect(rows.map((b) => b.phase).sort()).toEqual(['execution', 'voting'])
    const finished = rows.find((b) => b.phase === 'execution')!
    const list = await budgetsServer.api![0]!.handler({ params: {}, query: new URLSearchParams(), request: new Request('http://x') })
    expect(JSON.stringify(list)).toContain('Wijkbudget Centrum 2027')
    const detail = await budgetsServer.api![1]!.handler({
      params: { id: String(finished.id) },
      query: new URLSearchParams(),
      request: new Request('http://x'),
    })
    const projects = (detail as { body: { projects: { selected: boolean; milestones: unknown[] }[] } }).body.projects
    expect(projects.filter((p) => p.selected).length).toBeGreaterThan(0)
    expect(projects.flatMap((p) => p.milestones).length).toBe(3)
    const ideas = await db
      .select()
      .from(budgetIdeas)
      .where(
        and(
          eq(budgetIdeas.status, 'unfeasible'),
          inArray(
            budgetIdeas.budgetId,
            rows.map((r) => r.id),
          ),
        ),
      )
    expect(ideas.length).toBe(1)
    const described = await budgetsServer.moderation![0]!.describe(String(ideas[0]!.id))
    expect(described).toMatchObject({ title: 'Gratis parkeren in de binnenstad', wijkCode: 'WK001400' })
    expect(await budgetsServer.moderation![0]!.describe('999999')).toBeNull()
  })
})
