import { randomBytes, randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { personKeyFromIdentity } from '~/auth/person-key.server'
import { votingBudget } from '~db/factories/budgets'
import { addresses, users } from '~db/schema'
import { rowsOf } from '~/modules/areas/queries.server'
import { recordAssistedAction } from '~/auth/acting.server'
import { runTicks } from '~/utils/ticks.server'
import { castBallot, type CastInput } from './ballots.server'
import { closeVoting } from './results.server'

/*
 * The linkage attack (issue 14, decision 0102). A budget with 60 ballots — online, changed online, paper
 * and assisted — closes; then an attacker with SQL access to the whole database tries every signal that
 * could tie a voter to a ballot: ids and sequence order, physical order (ctid), transaction ids (xmin),
 * timestamps, the order of audit lines, dossier lines and notifications. Each attack proposes a ballot for
 * each voter it can; it scores one point when the proposed ballot holds exactly that voter's final choice.
 *
 * The chance bound. With N ballots of which n_c carry choice c, a guess that knows nothing — a random
 * one-to-one assignment of ballots to voters — scores X with E[X] = Σ n_c² / N. Its spread is measured
 * here by drawing 20,000 random assignments; the bound is E[X] + 5 standard deviations (a normal tail of
 * about 3·10⁻⁷ per attack, so with the ~30 attacks below a correct system fails this test by bad luck less
 * than once in 10,000 runs). An attack that beats the bound has found a real link.
 */

const N = 60
const CHOICES: number[][] = [[0], [1], [2], [3], [4], [5], [0, 1], [0, 2], [1, 3], [2, 4], [3, 5], [4, 5], [0, 5], [1, 2]]

const keyOf = (projectIds: number[]) => [...projectIds].sort((a, b) => a - b).join(',')

async function people(n: number) {
  const { db } = getDatabase()
  const rows = rowsOf<{ id: number; buurt_code: string; wijk_code: string }>(
    await db.execute(sql`select a.id, a.buurt_code, b.parent_code as wijk_code from ${addresses} a join areas b on b.code = a.buurt_code
      where b.parent_code = 'WK001400' order by a.id limit ${n}`),
  )
  const list = Array.from({ length: n }, (_, i) => {
    const a = rows[i % rows.length]!
    return {
      id: randomBytes(10).toString('hex'),
      email: `geheim-${i}-${randomBytes(3).toString('hex')}@example.test`,
      displayName: `Kiezer ${i}`,
      emailConfirmedAt: new Date(),
      birthYear: 1940 + i,
      birthDate: `${1940 + i}-05-01`,
      legalName: `Kiezer ${i}`,
      personKey: personKeyFromIdentity({ name: `Kiezer ${i}`, birthDate: `${1940 + i}-05-01` }),
      addressId: a.id,
      buurtCode: a.buurt_code,
      wijkCode: a.wijk_code,
      verifiedAt: new Date(),
      verificationMethod: 'desk' as const,
    }
  })
  await db.insert(users).values(list)
  return list
}

/** Scores an attack's proposal (voter → ballot id): how many voters it ties to their own choice. */
function score(proposal: Map<string, string>, voters: Map<string, string>, ballots: Map<string, string>) {
  let hits = 0
  for (const [userId, ballotId] of proposal) if (ballots.get(ballotId) !== undefined && ballots.get(ballotId) === voters.get(userId)) hits++
  return hits
}

/** The chance bound: E[X] + 5 sd of the score of a random one-to-one assignment. */
function chanceBound(choices: string[]) {
  const runs = 20_000
  const scores: number[] = []
  const shuffled = [...choices]
  for (let r = 0; r < runs; r++) {
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = randomInt(i + 1)
      ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
    }
    let hits = 0
    for (let i = 0; i < choices.length; i++) if (choices[i] === shuffled[i]) hits++
    scores.push(hits)
  }
  const mean = scores.reduce((a, b) => a + b, 0) / runs
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / runs)
  const counts = new Map<string, number>()
  for (const c of choices) counts.set(c, (counts.get(c) ?? 0) + 1)
  const expected = [...counts.values()].reduce((a, n) => a + n * n, 0) / choices.length
  return { expected, mean, sd, bound: mean + 5 * sd }
}

const ids = (rows: unknown) => rowsOf<{ k: string }>(rows).map((r) => r.k)

describe('ballot secrecy in storage', () => {
  it('leaves no signal that links more voters to their choices than chance, after closing', async () => {
    const { db } = getDatabase()
    const { budget, projects, staff } = await votingBudget(db, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000], {
      ballotsChangeable: true,
    })
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    const residents = await people(N)
    await db.execute(sql`insert into follows (user_id, item_kind, item_id) select id, 'budget', ${String(budget.id)} from users
      where id in (${sql.join(
        residents.map((r) => sql`${r.id}`),
        sql`, `,
      )}) on conflict do nothing`)
    const pick = () => CHOICES[randomInt(CHOICES.length)]!.map((i) => projects[i]!.id)
    const truth = new Map<string, string>()
    const receipts = new Map<string, string>()
    const cast = async (input: Omit<CastInput, 'budgetId' | 'projectIds'> & { receipt?: string }, choice: number[]) => {
      const result = await castBallot({ ...input, budgetId: budget.id, projectIds: choice } as CastInput, db)
      expect(result).toMatchObject({ ok: true })
      return result.ok ? result.receipt : ''
    }
    // Interleaved, as on a real voting day: online, paper, assisted; every 6th online voter changes later.
    let clock = 0
    for (const [i, r] of residents.entries()) {
      const choice = pick()
      truth.set(r.id, keyOf(choice))
      if (i % 4 === 1) {
        await cast({ voterUserId: r.id, channel: 'paper', enteredBy: helper.id }, choice)
      } else if (i % 4 === 2) {
        await db.transaction(async (tx) => {
          const result = await castBallot(
            {
              budgetId: budget.id,
              voterUserId: r.id,
              projectIds: choice,
              channel: 'paper',
              enteredBy: helper.id,
            },
            tx,
          )
          expect(result).toMatchObject({ ok: true })
          await recordAssistedAction(tx, {
            helperId: helper.id,
            residentId: r.id,
            channel: 'desk',
            action: 'budget.ballot',
            itemKind: 'budget',
            itemId: String(budget.id),
          })
        })
      } else {
        receipts.set(r.id, await cast({ voterUserId: r.id, channel: 'online', enteredBy: null }, choice))
      }
      // The clock ticks now and then during the day.
      if (i % 7 === 6) await runTicks(new Date(Date.parse('2027-01-10T10:00:00Z') + clock++ * 60_000))
    }
    for (const [i, r] of residents.entries()) {
      if (i % 4 !== 0 || i % 3 !== 0) continue
      const choice = pick()
      truth.set(r.id, keyOf(choice))
      await cast({ voterUserId: r.id, channel: 'online', enteredBy: null, receipt: receipts.get(r.id) }, choice)
    }
    expect(await closeVoting(staff.id, budget.id, db)).toEqual({ ok: true })

    // ── The attacker's view: only SQL. ──
    const ballotChoice = new Map<string, string>()
    for (const row of rowsOf<{ k: string; c: string }>(
      await db.execute(sql`select b.id as k, string_agg(i.project_id::text, ',' order by i.project_id) as c
        from budget_ballots b join budget_ballot_items i on i.ballot_id = b.id where b.budget_id = ${budget.id} group by b.id`),
    ))
      ballotChoice.set(row.k, row.c)
    expect(ballotChoice.size).toBe(N)
    // Nothing waits in the pool and no sealed link is left.
    const [left] = rowsOf<{ pool: number; seals: number }>(
      await db.execute(sql`select (select count(*) from budget_ballot_pool where budget_id = ${budget.id})::int as pool,
        (select count(*) from budget_voters where budget_id = ${budget.id} and ballot_seal is not null)::int as seals`),
    )
    expect(left).toEqual({ pool: 0, seals: 0 })
    expect([...ballotChoice.values()].sort()).toEqual([...truth.values()].sort())

    const b = budget.id
    const voterOrders: Record<string, string[]> = {
      'voters by id': ids(await db.execute(sql`select user_id as k from budget_voters where budget_id = ${b} order by id`)),
      'voters by ctid': ids(await db.execute(sql`select user_id as k from budget_voters where budget_id = ${b} order by ctid`)),
      'voters by xmin': ids(
        await db.execute(sql`select user_id as k from budget_voters where budget_id = ${b} order by xmin::text::bigint, ctid`),
      ),
      'voters by every timestamp': ids(
        await db.execute(sql`select user_id as k from budget_voters where budget_id = ${b}
          order by (select min(a.at) from audit_log a where a.subject_user_id = budget_voters.user_id), ctid`),
      ),
      'audit lines by id': ids(
        await db.execute(sql`select subject_user_id as k from audit_log where subject_user_id is not null
          and subject_user_id in (select user_id from budget_voters where budget_id = ${b}) group by subject_user_id order by min(id)`),
      ),
      'dossier by id': ids(
        await db.execute(sql`select resident_id as k from assisted_actions where item_kind = 'budget' and item_id = ${String(b)}
          group by resident_id order by min(id)`),
      ),
      'notifications by id': ids(
        await db.execute(sql`select user_id as k from notifications where user_id in (select user_id from budget_voters where budget_id = ${b})
          group by user_id order by min(id)`),
      ),
    }
    const ballotOrders: Record<string, string[]> = {
      'ballots by id': ids(await db.execute(sql`select id as k from budget_ballots where budget_id = ${b} order by id`)),
      'ballots by ctid': ids(await db.execute(sql`select id as k from budget_ballots where budget_id = ${b} order by ctid`)),
      'ballots by xmin': ids(
        await db.execute(sql`select id as k from budget_ballots where budget_id = ${b} order by xmin::text::bigint, ctid`),
      ),
      'ballots by receipt hash': ids(
        await db.execute(sql`select id as k from budget_ballots where budget_id = ${b} order by receipt_hash`),
      ),
      'ballot items by ctid': ids(
        await db.execute(sql`select i.ballot_id as k from budget_ballot_items i join budget_ballots x on x.id = i.ballot_id
          where x.budget_id = ${b} group by i.ballot_id order by min(i.ctid)`),
      ),
      'ballot items by xmin': ids(
        await db.execute(sql`select i.ballot_id as k from budget_ballot_items i join budget_ballots x on x.id = i.ballot_id
          where x.budget_id = ${b} group by i.ballot_id order by min(i.xmin::text::bigint), min(i.ctid)`),
      ),
    }
    const results: { attack: string; hits: number }[] = []
    // Rank against rank: the i-th voter in one order gets the i-th ballot in another (and reversed).
    for (const [vName, vOrder] of Object.entries(voterOrders))
      for (const [bName, bOrder] of Object.entries(ballotOrders))
        for (const reversed of [false, true]) {
          const bs = reversed ? [...bOrder].reverse() : bOrder
          const proposal = new Map(vOrder.map((v, i) => [v, bs[i]!]).filter(([, x]) => x !== undefined) as [string, string][])
          results.push({ attack: `${vName} ↔ ${bName}${reversed ? ' (reversed)' : ''}`, hits: score(proposal, truth, ballotChoice) })
        }
    // Same transaction: a voter row, audit or dossier line and a ballot written by one transaction id.
    for (const [name, query] of [
      [
        'same xmin: voter row = ballot',
        sql`select v.user_id as u, x.id as k from budget_voters v join budget_ballots x on x.budget_id = v.budget_id
          and x.xmin::text = v.xmin::text where v.budget_id = ${b}`,
      ],
      [
        'same xmin: voter row = ballot items',
        sql`select distinct v.user_id as u, i.ballot_id as k from budget_voters v join budget_ballot_items i on i.xmin::text = v.xmin::text
          join budget_ballots x on x.id = i.ballot_id and x.budget_id = v.budget_id where v.budget_id = ${b}`,
      ],
      [
        'same xmin: audit line = ballot',
        sql`select a.subject_user_id as u, x.id as k from audit_log a join budget_ballots x on x.xmin::text = a.xmin::text
          where x.budget_id = ${b} and a.subject_user_id is not null`,
      ],
      [
        'same xmin: dossier = ballot items',
        sql`select distinct d.resident_id as u, i.ballot_id as k from assisted_actions d join budget_ballot_items i on i.xmin::text = d.xmin::text
          join budget_ballots x on x.id = i.ballot_id where x.budget_id = ${b}`,
      ],
    ] as const) {
      const proposal = new Map(rowsOf<{ u: string; k: string }>(await db.execute(query)).map((r) => [r.u, r.k]))
      results.push({ attack: name, hits: score(proposal, truth, ballotChoice) })
    }

    const chance = chanceBound([...truth.values()])
    const best = results.reduce((a, r) => (r.hits > a.hits ? r : a))
    if (process.env.STEM_SHOW_ATTACKS)
      console.info(
        [...results]
          .sort((x, y) => y.hits - x.hits)
          .slice(0, 8)
          .map((r) => `${r.hits}\t${r.attack}`)
          .join('\n'),
      )
    console.info(
      `linkage attack: best "${best.attack}" links ${best.hits} of ${N}; chance E[X] = ${chance.expected.toFixed(2)}, sd ${chance.sd.toFixed(2)}, bound ${chance.bound.toFixed(1)}`,
    )
    expect(best.hits, `the attack "${best.attack}" links ${best.hits} voters`).toBeLessThanOrEqual(chance.bound)
  }, 120_000)
})
