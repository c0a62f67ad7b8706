import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { Database } from '~db/client'
import { budgetBallotItems, budgetBallots, budgetIdeas, budgetMilestones, budgetProjects, budgets, users } from '~db/schema'
import { addMilestone, createBudget, promoteIdea, refreshDeclaration, reviewIdea, setPhase } from './commands.server'
import { closeVoting } from './results.server'

/*
 * Two fictional participatory budgets (the titles say so): Centrum in its voting phase, so the demo's
 * verified resident can vote, and a finished Oosterparkwijk budget with its result and milestones.
 * Idempotent: a budget whose title exists is left alone.
 */

const VOTING_TITLE = 'Wijkbudget Centrum 2027 (fictief voorbeeld)'
const FINISHED_TITLE = 'Buurtbudget Oosterparkwijk 2026 (fictief voorbeeld)'

function isoDaysFromNow(days: number): string {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

async function staffId(db: Database): Promise<string | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = 'medewerker@stem.example'`)
  return row?.id ?? null
}

async function addIdeas(db: Database, budgetId: number, authorId: string | null, ideas: DemoIdea[], actorId: string) {
  for (const idea of ideas) {
    const [row] = await db
      .insert(budgetIdeas)
      .values({ budgetId, authorId, title: idea.title, body: idea.body, estimatedCost: idea.cost })
      .returning({ id: budgetIdeas.id })
    await reviewIdea(
      actorId,
      row!.id,
      idea.feasible
        ? { decision: 'feasible', cost: idea.cost, reason: '' }
        : { decision: 'unfeasible', reason: idea.reason ?? 'Dit kan niet binnen de regels van het wijkbudget.' },
      db,
    )
    if (idea.feasible) await promoteIdea(actorId, row!.id, db)
  }
}

type DemoIdea = { title: string; body: string; cost: number; feasible: boolean; reason?: string }

const VOTING_IDEAS: DemoIdea[] = [
  {
    title: 'Geveltuinen in de Folkingestraat',
    body: 'Smalle geveltuintjes langs de gevels, samen met de bewoners aangelegd en onderhouden.',
    cost: 12_000,
    feasible: true,
  },
  {
    title: 'Bankjes en schaduw op het Akerkhof',
    body: 'Drie bankjes en twee bomen in grote bakken, zodat je in de zomer in de schaduw kunt zitten.',
    cost: 18_000,
    feasible: true,
  },
  {
    title: 'Fietsenrekken bij de Vismarkt',
    body: 'Extra fietsenrekken, zodat de stoep vrij blijft voor mensen met een rollator of kinderwagen.',
    cost: 25_000,
    feasible: true,
  },
  {
    title: 'Buurtfeest op de Grote Markt',
    body: 'Een gratis feest voor alle bewoners van de binnenstad, met muziek van bands uit de wijk.',
    cost: 15_000,
    feasible: true,
  },
  {
    title: 'Speelplek in het Prinsenhoftuin',
    body: 'Een kleine speelplek met houten toestellen voor kinderen tot 8 jaar.',
    cost: 30_000,
    feasible: true,
  },
  {
    title: 'Gratis parkeren in de binnenstad',
    body: 'Parkeren in de binnenstad zou gratis moeten zijn.',
    cost: 500_000,
    feasible: false,
    reason: 'Parkeertarieven vallen niet onder het wijkbudget; daarover beslist de gemeenteraad.',
  },
]

const FINISHED_IDEAS: DemoIdea[] = [
  {
    title: 'Moestuin bij het Oosterpark',
    body: 'Een gezamenlijke moestuin met bakken op tafelhoogte, ook voor mensen in een rolstoel.',
    cost: 14_000,
    feasible: true,
  },
  {
    title: 'Verlichting op het fietspad langs het Damsterdiep',
    body: 'Betere verlichting zodat je je in het donker veiliger voelt.',
    cost: 22_000,
    feasible: true,
  },
  {
    title: 'Voetbalkooi Vogelbuurt opknappen',
    body: 'Nieuwe netten en een nieuwe ondergrond voor de voetbalkooi.',
    cost: 16_000,
    feasible: true,
  },
  {
    title: 'Boekenkastjes in de straat',
    body: 'Vijf kleine boekenkastjes waar je een boek kunt ruilen.',
    cost: 3_000,
    feasible: true,
  },
]

export async function seedBudgets(db: Database) {
  const actorId = await staffId(db)
  if (!actorId) return
  const [author] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = 'bewoner@stem.example'`)
  const seeded = await db.select({ id: budgets.id, title: budgets.title }).from(budgets)
  const existing = new Set(seeded.map((b) => b.title))
  // A demo made before the declaration was generated said a rule the budget does not use: bring it in line.
  for (const b of seeded) if (b.title === VOTING_TITLE || b.title === FINISHED_TITLE) await refreshDeclaration(b.id, db)

  if (!existing.has(VOTING_TITLE)) await seedVotingBudget(db, actorId, author?.id ?? null)
  if (!existing.has(FINISHED_TITLE)) await seedFinishedBudget(db, actorId, author?.id ?? null)
  void budgetMilestones
}

/** Centrum, in its voting phase: the demo's verified resident can vote. */
async function seedVotingBudget(db: Database, actorId: string, authorId: string | null) {
  const budget = await createBudget(
    actorId,
    {
      title: VOTING_TITLE,
      description: 'Een verzonnen voorbeeld: bewoners van Centrum kiezen samen wat er met € 60.000 in hun wijk gebeurt.',
      areaCode: 'WK001400',
      amount: 60_000,
      voteRule: 'knapsack',
      maxProjects: null,
      minProjects: null,
      points: null,
      tallyMethod: 'equalshares/add1',
      minScore: null,
      minimumAge: 12,
      ballotsChangeable: true,
      declarationNote: 'Op papier stemmen kan ook, bij de balie van het Stadhuis.',
      phases: {
        information: { startsOn: isoDaysFromNow(-60), endsOn: isoDaysFromNow(-46) },
        ideas: { startsOn: isoDaysFromNow(-45), endsOn: isoDaysFromNow(-25) },
        review: { startsOn: isoDaysFromNow(-24), endsOn: isoDaysFromNow(-8) },
        voting: { startsOn: isoDaysFromNow(-7), endsOn: isoDaysFromNow(21) },
        result: { startsOn: isoDaysFromNow(22), endsOn: isoDaysFromNow(35) },
        execution: { startsOn: isoDaysFromNow(36), endsOn: isoDaysFromNow(400) },
      },
    },
    db,
  )
  await addIdeas(db, budget.id, authorId, VOTING_IDEAS, actorId)
  await setPhase(actorId, budget.id, 'voting', db)
}

/** Oosterparkwijk, finished: ballots, its result and the milestones of the chosen projects. */
async function seedFinishedBudget(db: Database, actorId: string, authorId: string | null) {
  const budget = await createBudget(
    actorId,
    {
      title: FINISHED_TITLE,
      description: 'Een verzonnen voorbeeld met een uitslag en de voortgang van de uitvoering.',
      areaCode: 'WK001404',
      amount: 40_000,
      voteRule: 'knapsack',
      maxProjects: null,
      minProjects: null,
      points: null,
      tallyMethod: 'greedy',
      minScore: null,
      minimumAge: 16,
      ballotsChangeable: false,
      phases: {
        ideas: { startsOn: '2026-01-12', endsOn: '2026-02-15' },
        review: { startsOn: '2026-02-16', endsOn: '2026-03-15' },
        voting: { startsOn: '2026-03-16', endsOn: '2026-04-12' },
        result: { startsOn: '2026-04-13', endsOn: '2026-04-30' },
        execution: { startsOn: '2026-05-01', endsOn: '2026-12-31' },
      },
    },
    db,
  )
  await addIdeas(db, budget.id, authorId, FINISHED_IDEAS, actorId)
  await setPhase(actorId, budget.id, 'voting', db)
  await addFinishedBallots(db, budget.id)
  await closeVoting(actorId, budget.id, db)
  await setPhase(actorId, budget.id, 'execution', db)
  await addFinishedMilestones(db, actorId, budget.id)
}

async function addFinishedBallots(db: Database, budgetId: number) {
  const projects = await db.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budgetId)).orderBy(budgetProjects.id)
  // 150 fictional, anonymous ballots with a fixed pattern (no voters: they stand for paper and online ballots).
  const patterns: [number[], number][] = [
    [[0, 1], 46],
    [[0, 3], 31],
    [[2, 3], 27],
    [[1], 22],
    [[2, 0], 14],
    [[3], 10],
  ]
  const ballotRows: { id: string; budgetId: number }[] = []
  const itemRows: { ballotId: string; projectId: number; points: number; position: number }[] = []
  for (const [picks, times] of patterns) {
    for (let i = 0; i < times; i++) {
      const id = randomUUID()
      ballotRows.push({ id, budgetId })
      picks.forEach((p, position) => itemRows.push({ ballotId: id, projectId: projects[p]!.id, points: 1, position }))
    }
  }
  await db.insert(budgetBallots).values(ballotRows)
  await db.insert(budgetBallotItems).values(itemRows)
}

async function addFinishedMilestones(db: Database, actorId: string, budgetId: number) {
  const chosen = await db.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budgetId))
  const garden = chosen.find((p) => p.title.startsWith('Moestuin'))
  const books = chosen.find((p) => p.title.startsWith('Boekenkastjes'))
  if (garden?.selected) {
    await addMilestone(
      actorId,
      budgetId,
      {
        projectId: garden.id,
        on: '2026-05-20',
        progress: 20,
        text: 'De plek is gekozen en de bewoners hebben de bakken ontworpen.',
        photo: null,
        photoAlt: null,
      },
      db,
    )
    await addMilestone(
      actorId,
      budgetId,
      {
        projectId: garden.id,
        on: '2026-07-01',
        progress: 60,
        text: 'De bakken staan er en de eerste groente is geplant.',
        photo: null,
        photoAlt: null,
      },
      db,
    )
  }
  if (books?.selected) {
    await addMilestone(
      actorId,
      budgetId,
      {
        projectId: books.id,
        on: '2026-06-10',
        progress: 100,
        text: 'Alle vijf de boekenkastjes hangen en zijn gevuld.',
        photo: null,
        photoAlt: null,
      },
      db,
    )
  }
}
