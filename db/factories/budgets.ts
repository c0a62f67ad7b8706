import type { Database } from '../client'
import { budgetProjects } from '../schema'
import { createBudget, setPhase, type BudgetInput } from '../../app/modules/budgets/commands.server'
import { createUser } from './users'

/** A wijk budget of Centrum (€ 50,000, knapsack, greedy, from 16), for tests; `over` changes any field. */
export function budgetInput(over: Partial<BudgetInput> = {}): BudgetInput {
  return {
    title: 'Testbudget Centrum',
    description: '',
    areaCode: 'WK001400',
    amount: 50_000,
    voteRule: 'knapsack',
    maxProjects: null,
    minProjects: null,
    points: null,
    tallyMethod: 'greedy',
    minScore: null,
    minimumAge: 16,
    ballotsChangeable: true,
    phases: { voting: { startsOn: '2027-01-01', endsOn: '2027-02-01' } },
    ...over,
  }
}

/** A budget in its voting phase, made by a new staff member, with projects of these costs. */
export async function votingBudget(db: Database, costs: number[], over: Partial<BudgetInput> = {}) {
  const staff = await createUser(db, { roles: [{ role: 'staff' }] })
  const budget = await createBudget(staff.id, budgetInput(over), db)
  const projects = await db
    .insert(budgetProjects)
    .values(costs.map((cost, i) => ({ budgetId: budget.id, title: `Project ${i + 1}`, cost })))
    .returning()
  const phase = await setPhase(staff.id, budget.id, 'voting', db)
  if (!phase.ok) throw new Error('the test budget did not open for voting')
  return { budget, projects, staff }
}
