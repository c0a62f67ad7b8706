import { createHash, randomBytes } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { consultationOpenAnswers, consultationQuestions, consultationResponses, consultations } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { Actor } from '~/auth/permissions'
import { hiddenReasons } from '~/modules/engagement/engagement.server'
import type { ModeratableKind } from '~/modules/types'
import { audit } from '~/utils/audit.server'
import { maskPersonalData } from './personal-data'

/*
 * Open-text answers in public: each has a random id (content kind `consultation_answer`) so it can be
 * flagged, hidden by a moderator (hidden_content) or by the owner (with a public reason), and it is shown
 * only after the personal-data check. An answer without a row is never shown: failing closed.
 */

export const ANSWER_KIND = 'consultation_answer'

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22)
const newId = () => randomBytes(9).toString('base64url')

/**
 * Keeps the rows in step with a response just saved: a new or changed text gets a new id (and so a fresh
 * check and no earlier hide); an unchanged one keeps its id, hides and flags; an emptied one goes.
 */
export async function syncOpenAnswers(tx: Queryable, consultationId: number, responseId: number, answers: Record<string, unknown>) {
  const open = await tx
    .select({ id: consultationQuestions.id })
    .from(consultationQuestions)
    .where(and(eq(consultationQuestions.consultationId, consultationId), eq(consultationQuestions.kind, 'open')))
  for (const q of open) {
    const text = answers[String(q.id)]
    if (typeof text !== 'string' || !text.trim()) {
      await tx
        .delete(consultationOpenAnswers)
        .where(and(eq(consultationOpenAnswers.responseId, responseId), eq(consultationOpenAnswers.questionId, q.id)))
      continue
    }
    await tx
      .insert(consultationOpenAnswers)
      .values({ id: newId(), consultationId, responseId, questionId: q.id, textHash: hashOf(text) })
      .onConflictDoUpdate({
        target: [consultationOpenAnswers.responseId, consultationOpenAnswers.questionId],
        set: { id: sql`excluded.id`, textHash: sql`excluded.text_hash`, hiddenReason: null, hiddenBy: null, hiddenAt: null },
        setWhere: sql`${consultationOpenAnswers.textHash} <> excluded.text_hash`,
      })
  }
}

export interface OpenText {
  id: string
  questionId: number
  /** After the personal-data check. */
  text: string
  /** How many things the check masked. */
  masked: number
  /** Why it is hidden (owner or moderator), or null when shown. */
  hidden: string | null
  /** Hidden by a moderator (undone in moderation, not by the owner). */
  moderated: boolean
}

/** Every open-text answer of a consultation as the public may see it (masked), with why it is hidden. */
export async function openTextsOf(consultationId: number, db: Queryable = getDatabase().db): Promise<OpenText[]> {
  const [c] = await db.select({ maskTerms: consultations.maskTerms }).from(consultations).where(eq(consultations.id, consultationId))
  if (!c) return []
  const rows = await db
    .select({
      id: consultationOpenAnswers.id,
      questionId: consultationOpenAnswers.questionId,
      ownerHidden: consultationOpenAnswers.hiddenReason,
      text: sql<string | null>`${consultationResponses.answers} ->> ${consultationOpenAnswers.questionId}::text`,
    })
    .from(consultationOpenAnswers)
    .innerJoin(consultationResponses, eq(consultationResponses.id, consultationOpenAnswers.responseId))
    .where(eq(consultationOpenAnswers.consultationId, consultationId))
  const moderated = await hiddenReasons(
    db,
    ANSWER_KIND,
    rows.map((r) => r.id),
  )
  return rows
    .filter((r) => typeof r.text === 'string' && r.text.trim())
    .map((r) => {
      const { text, masked } = maskPersonalData(r.text!, c.maskTerms)
      const byModerator = moderated.get(r.id)
      return {
        id: r.id,
        questionId: Number(r.questionId),
        text,
        masked,
        hidden: byModerator ?? r.ownerHidden ?? null,
        moderated: byModerator !== undefined,
      }
    })
    .sort((a, b) => a.text.localeCompare(b.text, 'nl') || a.id.localeCompare(b.id))
}

async function answerRow(id: string, db: Queryable = getDatabase().db) {
  if (!/^[\w-]{6,20}$/.test(id)) return null
  const [row] = await db
    .select({
      id: consultationOpenAnswers.id,
      consultationId: consultationOpenAnswers.consultationId,
      title: consultations.title,
      wijkCodes: consultations.wijkCodes,
      status: consultations.status,
      maskTerms: consultations.maskTerms,
      text: sql<string | null>`${consultationResponses.answers} ->> ${consultationOpenAnswers.questionId}::text`,
    })
    .from(consultationOpenAnswers)
    .innerJoin(consultationResponses, eq(consultationResponses.id, consultationOpenAnswers.responseId))
    .innerJoin(consultations, eq(consultations.id, consultationOpenAnswers.consultationId))
    .where(eq(consultationOpenAnswers.id, id))
  return row ?? null
}

/**
 * For the moderation queue: the public (masked) text. No author: answers stay without a name, even for
 * moderators; blocking a person still hides all of their answers (listByAuthor).
 */
export const answerModeration: ModeratableKind = {
  kind: ANSWER_KIND,
  describe: async (contentId) => {
    const row = await answerRow(contentId)
    if (!row || row.text === null || row.status === 'draft' || row.status === 'review') return null
    return {
      title: `Antwoord bij: ${row.title}`,
      excerpt: maskPersonalData(row.text, row.maskTerms).text.slice(0, 300),
      href: `/inspraak/${row.consultationId}/uitkomsten`,
      authorId: null,
      wijkCode: row.wijkCodes.length === 1 ? row.wijkCodes[0]! : null,
    }
  },
  listByAuthor: async (userId) => {
    const { db } = getDatabase()
    const rows = await db
      .select({ id: consultationOpenAnswers.id })
      .from(consultationOpenAnswers)
      .innerJoin(consultationResponses, eq(consultationResponses.id, consultationOpenAnswers.responseId))
      .where(eq(consultationResponses.userId, userId))
    return rows.map((r) => r.id)
  },
}

/** The owner hides an answer with a public reason, or shows it again (reason null). Audited. */
export async function setAnswerHidden(actor: Actor, consultationId: number, answerId: string, reason: string | null) {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(consultationOpenAnswers)
      .set({ hiddenReason: reason, hiddenBy: reason ? actor.id : null, hiddenAt: reason ? new Date() : null })
      .where(and(eq(consultationOpenAnswers.id, answerId), eq(consultationOpenAnswers.consultationId, consultationId)))
      .returning({ id: consultationOpenAnswers.id })
    if (!updated.length) return false
    await audit(tx, {
      actorId: actor.id,
      action: reason ? 'consultation.answer_hide' : 'consultation.answer_show',
      reason: reason ?? undefined,
      detail: { consultationId, answerId },
    })
    return true
  })
}

/** The names the owner marks for masking. */
export async function setMaskTerms(actor: Actor, consultationId: number, terms: string[]) {
  const { db } = getDatabase()
  await db.transaction(async (tx) => {
    await tx.update(consultations).set({ maskTerms: terms, updatedAt: new Date() }).where(eq(consultations.id, consultationId))
    await audit(tx, { actorId: actor.id, action: 'consultation.mask_terms', detail: { consultationId, count: terms.length } })
  })
}
