import { eq } from 'drizzle-orm'
import { budgetIdeas, budgets, budgetVoters } from '~db/schema'
import { getDatabase } from '~db/runtime'
import type { DossierLine, DossierSource } from '../types'

/*
 * What the budgets module knows about a person: their ideas, and THAT they voted (when, through which
 * channel) — never how: the ballot has no person (decision 0102). The receipt code was shown once and is
 * not kept; the line says where to check it. On erasure the vote stays counted and the ideas stay public.
 */
export const budgetsDossier: DossierSource = {
  kinds: [
    { id: 'budget_vote', label: 'dossier.kind.budget_vote' },
    { id: 'budget_idea', label: 'dossier.kind.budget_idea' },
  ],
  lines: async (userId) => {
    const { db } = getDatabase()
    const votes = await db
      .select({ budgetId: budgets.id, title: budgets.title, channel: budgetVoters.channel, at: budgetVoters.createdAt })
      .from(budgetVoters)
      .innerJoin(budgets, eq(budgets.id, budgetVoters.budgetId))
      .where(eq(budgetVoters.userId, userId))
    const ideas = await db
      .select({
        id: budgetIdeas.id,
        budgetId: budgets.id,
        budget: budgets.title,
        title: budgetIdeas.title,
        status: budgetIdeas.status,
        at: budgetIdeas.createdAt,
      })
      .from(budgetIdeas)
      .innerJoin(budgets, eq(budgets.id, budgetIdeas.budgetId))
      .where(eq(budgetIdeas.authorId, userId))
    const lines: DossierLine[] = [
      ...votes.map((v) => ({
        kind: 'budget_vote',
        at: v.at,
        text: v.channel === 'online' ? ('dossier.line.budget_vote' as const) : ('dossier.line.budget_vote_paper' as const),
        params: { title: v.title },
        href: `/begrotingen/${v.budgetId}#receipt`,
        row: { budget: v.title, voted: v.at.toISOString(), channel: v.channel, how: 'niet bewaard bij je naam (geheime stemming)' },
      })),
      ...ideas.map((i) => ({
        kind: 'budget_idea',
        at: i.at,
        text: 'dossier.line.budget_idea' as const,
        params: { title: i.title, budget: i.budget },
        href: `/begrotingen/${i.budgetId}`,
        row: { budget: i.budget, idea: i.title, status: i.status, submitted: i.at.toISOString() },
      })),
    ]
    return lines
  },
  keeps: ['dossier.keeps.budgets'],
}
