import { eq, inArray, sql } from 'drizzle-orm'
import { areas, consultationOpenAnswers, consultationResponses, consultations } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { hiddenReasons } from '~/modules/engagement/engagement.server'
import { ANSWER_KIND, openTextsOf } from './open-answers.server'
import { maskPersonalData } from './personal-data'
import { fieldOf, type Answer, type Point, type QuestionKindName, type QuestionView } from './validation'
import { questionsOf } from './queries.server'

/*
 * The results of a consultation: totals per question without a link to who answered, and the
 * anonymised rows behind the owner's CSV and the open data.
 */

export interface QuestionResult {
  id: number
  kind: QuestionKindName
  prompt: string
  answered: number
  /** Bars: choices, scale points, or ranking (average position: lower is better). */
  rows: { label: string; count: number; share: number }[]
  average?: number
  /** Open texts after the personal-data check, without order of arrival; hidden ones only for the owner. */
  texts?: { id: string; text: string; hidden: string | null }[]
  /** How many open texts are hidden (by a moderator or the owner). */
  hiddenTexts?: number
  points?: { lat: number; lon: number }[]
}

/**
 * Totals per question, with no link to who answered. Open texts are shown masked and without the hidden
 * ones (`withHidden`: the owner's view also lists those, with the reason).
 */
export async function resultsOf(id: number, db: Queryable = getDatabase().db, view: { withHidden?: boolean } = {}) {
  const questions = await questionsOf(id, db)
  const openTexts = await openTextsOf(id, db)
  const responses = await db
    .select({ answers: consultationResponses.answers, wijkCode: consultationResponses.wijkCode })
    .from(consultationResponses)
    .where(eq(consultationResponses.consultationId, id))
  const total = responses.length
  const out: QuestionResult[] = questions.map((q) => {
    const values = responses.map((r) => r.answers[String(q.id)] as Answer | undefined).filter((v) => v !== undefined)
    const answered = values.length
    const share = (n: number) => (answered ? n / answered : 0)
    const base = { id: q.id, kind: q.kind, prompt: q.prompt, answered }
    const options = q.config.options ?? []
    if (q.kind === 'single' || q.kind === 'multiple') {
      const counts = options.map((_, i) => values.filter((v) => (Array.isArray(v) ? v.includes(i) : v === i)).length)
      return { ...base, rows: options.map((label, i) => ({ label, count: counts[i]!, share: share(counts[i]!) })) }
    }
    if (q.kind === 'scale') {
      const labels = ['1', '2', '3', '4', '5'].map((l, i) =>
        i === 0 ? `1 (${q.config.lowLabel ?? ''})` : i === 4 ? `5 (${q.config.highLabel ?? ''})` : l,
      )
      const rows = labels.map((label, i) => {
        const count = values.filter((v) => v === i + 1).length
        return { label, count, share: share(count) }
      })
      if (q.config.allowDontKnow) {
        const count = values.filter((v) => v === 'dont_know').length
        rows.push({ label: 'Weet niet', count, share: share(count) })
      }
      const numbers = values.filter((v): v is number => typeof v === 'number')
      return { ...base, rows, average: numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : undefined }
    }
    if (q.kind === 'ranking') {
      // Points per option: first place gets n points, last gets 1 (a Borda count).
      const n = options.length
      const points = options.map((_, i) => values.reduce<number>((sum, v) => sum + (Array.isArray(v) ? n - v.indexOf(i) : 0), 0))
      const max = Math.max(1, ...points)
      return { ...base, rows: options.map((label, i) => ({ label, count: points[i]!, share: points[i]! / max })) }
    }
    if (q.kind === 'open') {
      const mine = openTexts.filter((t) => t.questionId === q.id)
      const texts = mine.filter((t) => view.withHidden || !t.hidden).map((t) => ({ id: t.id, text: t.text, hidden: t.hidden }))
      return { ...base, rows: [], texts, hiddenTexts: mine.filter((t) => t.hidden).length }
    }
    const pts = values
      .filter((v): v is Point => typeof v === 'object' && !Array.isArray(v))
      .map((p) => ({ lat: Number(p.lat.toFixed(3)), lon: Number(p.lon.toFixed(3)) }))
    return { ...base, rows: [], points: pts }
  })
  const perWijk = new Map<string, number>()
  for (const r of responses) perWijk.set(r.wijkCode ?? '', (perWijk.get(r.wijkCode ?? '') ?? 0) + 1)
  // Inside a transaction every query must use it (PGlite has one connection: another would wait forever).
  const codes = [...perWijk.keys()].filter(Boolean)
  const names = Object.fromEntries(
    codes.length
      ? (await db.select({ code: areas.code, name: areas.name }).from(areas).where(inArray(areas.code, codes))).map((r) => [r.code, r.name])
      : [],
  )
  const turnout = [...perWijk.entries()]
    .map(([code, count]) => ({ code, name: code ? (names[code] ?? code) : 'Woonplaats niet bekend', count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'nl'))
  return { total, questions: out, turnout }
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v)
  // A leading = + - @ would make a spreadsheet run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function answerText(q: QuestionView, a: Answer | undefined): string {
  if (a === undefined) return ''
  const options = q.config.options ?? []
  if (q.kind === 'single' && typeof a === 'number') return options[a] ?? ''
  if ((q.kind === 'multiple' || q.kind === 'ranking') && Array.isArray(a)) return a.map((i) => options[i] ?? '').join(' | ')
  if (q.kind === 'scale') return a === 'dont_know' ? 'weet niet' : String(a)
  if (q.kind === 'map_point' && typeof a === 'object' && !Array.isArray(a)) return `${a.lat},${a.lon}`
  return String(a)
}

/** Which (response, question) open answers may be shown publicly, and the names to mask. */
async function shownOpenAnswers(db: Queryable, id: number) {
  const [c] = await db.select({ maskTerms: consultations.maskTerms }).from(consultations).where(eq(consultations.id, id))
  const rows = await db
    .select({
      id: consultationOpenAnswers.id,
      responseId: consultationOpenAnswers.responseId,
      questionId: consultationOpenAnswers.questionId,
      hidden: consultationOpenAnswers.hiddenReason,
    })
    .from(consultationOpenAnswers)
    .where(eq(consultationOpenAnswers.consultationId, id))
  const moderated = await hiddenReasons(
    db,
    ANSWER_KIND,
    rows.map((r) => r.id),
  )
  return {
    terms: c?.maskTerms ?? [],
    ok: new Set(rows.filter((r) => !r.hidden && !moderated.has(r.id)).map((r) => `${r.responseId}:${r.questionId}`)),
  }
}

/**
 * The responses as rows, shuffled and without person, time or exact place: for the owner's CSV and the
 * open-data export. Only the wijk is kept (for turnout); map points are rounded to about 100 metres in
 * the open data.
 */
export async function anonymisedRows(id: number, options: { roundPoints: boolean; publicTexts?: boolean }) {
  const { db } = getDatabase()
  const questions = await questionsOf(id)
  // Open data: open texts after the personal-data check; hidden or unchecked ones are an empty cell.
  const shown = options.publicTexts ? await shownOpenAnswers(db, id) : null
  const rows = await db
    .select({ id: consultationResponses.id, answers: consultationResponses.answers, wijkCode: consultationResponses.wijkCode })
    .from(consultationResponses)
    .where(eq(consultationResponses.consultationId, id))
    .orderBy(sql`md5(${consultationResponses.id}::text || ${String(id)})`)
  const round = (a: Answer | undefined) =>
    options.roundPoints && a && typeof a === 'object' && !Array.isArray(a)
      ? { lat: Number(a.lat.toFixed(3)), lon: Number(a.lon.toFixed(3)), via: a.via }
      : a
  return {
    questions,
    rows: rows.map((r) => ({
      wijk: r.wijkCode ?? '',
      answers: Object.fromEntries(
        questions.map((q) => {
          const a = r.answers[String(q.id)]
          if (shown && q.kind === 'open' && typeof a === 'string')
            return [fieldOf(q), shown.ok.has(`${r.id}:${q.id}`) ? maskPersonalData(a, shown.terms).text : '']
          return [fieldOf(q), answerText(q, round(a))]
        }),
      ),
    })),
  }
}

export async function csvOf(id: number, options: { roundPoints: boolean; publicTexts?: boolean }) {
  const { questions, rows } = await anonymisedRows(id, options)
  const header = ['wijk', ...questions.map((q) => `${fieldOf(q)} ${q.prompt}`)]
  const lines = [header, ...rows.map((r) => [r.wijk, ...questions.map((q) => r.answers[fieldOf(q)])])]
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(';')).join('\r\n')}\r\n`
}
