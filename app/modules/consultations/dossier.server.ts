import { eq, inArray } from 'drizzle-orm'
import { consultationQuestions, consultationResponses, consultations } from '~db/schema'
import { getDatabase } from '~db/runtime'
import type { DossierSource } from '../types'

/*
 * What the consultations module knows about a person: their answers, with each question's text in the
 * export. On erasure the answers stay in the results (removing them would change published counts and
 * the public open answers), tied to "verwijderd account"; no address is kept with them anyway.
 */
export const consultationsDossier: DossierSource = {
  kinds: [{ id: 'consultation_answer', label: 'dossier.kind.consultation_answer' }],
  lines: async (userId) => {
    const { db } = getDatabase()
    const rows = await db
      .select({
        consultationId: consultations.id,
        title: consultations.title,
        answers: consultationResponses.answers,
        at: consultationResponses.createdAt,
        updatedAt: consultationResponses.updatedAt,
      })
      .from(consultationResponses)
      .innerJoin(consultations, eq(consultations.id, consultationResponses.consultationId))
      .where(eq(consultationResponses.userId, userId))
    const questionIds = rows.flatMap((r) => Object.keys(r.answers).map(Number)).filter(Number.isInteger)
    const questions = questionIds.length
      ? await db
          .select({ id: consultationQuestions.id, prompt: consultationQuestions.prompt })
          .from(consultationQuestions)
          .where(inArray(consultationQuestions.id, questionIds))
      : []
    const titleOf = new Map(questions.map((q) => [String(q.id), q.prompt]))
    return rows.map((r) => ({
      kind: 'consultation_answer',
      at: r.at,
      text: 'dossier.line.consultation_answer' as const,
      params: { title: r.title },
      href: `/inspraak/${r.consultationId}`,
      row: {
        consultation: r.title,
        answered: r.at.toISOString(),
        changed: r.updatedAt.toISOString(),
        answers: JSON.stringify(Object.fromEntries(Object.entries(r.answers).map(([id, value]) => [titleOf.get(id) ?? id, value]))),
      },
    }))
  },
  keeps: ['dossier.keeps.consultations'],
}
