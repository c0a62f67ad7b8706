import { allow, brokerAllows, deny, isStaff, loggedIn, participation, verifiedResident, withRole, type Actor, type Decision, type Rule } from '~/auth/permissions'

/** What the rules need to know about a budget. */
export interface BudgetScope {
  areaCode: string | null
  minimumAge: number | null
  phase: string
}

/**
 * Who may vote or send in ideas: verified residents of the budget's area who are old enough. Age is
 * checked before the area, so a young resident hears the reason that stays true wherever they live.
 */
function eligible(actor: Actor | null, budget: BudgetScope): Decision {
  const base = verifiedResident(actor)
  if (!base.ok) return base
  if (budget.minimumAge !== null) {
    const age = verifiedResident(actor, { minimumAge: budget.minimumAge })
    if (!age.ok) return age
  }
  return verifiedResident(actor, { areaCodes: budget.areaCode ? [budget.areaCode] : [] })
}

export const budgetPermissions = {
  view: (() => allow) as Rule<unknown>,
  vote: participation((actor: Actor | null, budget: BudgetScope) => {
    const decision = eligible(actor, budget)
    if (!decision.ok) return decision
    const identity = brokerAllows(actor, 'vote')
    if (!identity.ok) return identity
    return budget.phase === 'voting' ? allow : deny('closed')
  }),
  /** For explaining on the page why someone cannot vote, whatever the phase. */
  eligible: eligible as Rule<BudgetScope>,
  submitIdea: participation((actor: Actor | null, budget: BudgetScope) => {
    const decision = eligible(actor, budget)
    if (!decision.ok) return decision
    return budget.phase === 'ideas' ? allow : deny('closed')
  }),
  follow: ((actor) => loggedIn(actor)) as Rule<unknown>,
  manage: withRole('staff', 'admin'),
  enterPaperBallot: withRole('helper', 'staff', 'admin'),
} satisfies Record<string, Rule<never>>

export const canManageBudgets = (actor: Actor | null) => isStaff(actor)
