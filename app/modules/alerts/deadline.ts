/**
 * Browser-safe: the kinds of plan notice, their legal reaction term, and the deadline computed from it.
 *
 * - draft_decision (zienswijze, Awb 3:16): six weeks, starting on the day the draft is made available;
 * - decision, traffic_decision, event_permit (bezwaar, Awb 6:7 and 6:8): six weeks, starting on the day
 *   after the decision was published;
 * - permit_application: no objection term yet; the municipality decides within eight weeks of receipt
 *   (Omgevingswet, regular procedure), so a reaction counts when it arrives before that day;
 * - other: no legal term.
 * A term that ends on a Saturday, Sunday or public holiday runs to the next working day
 * (Algemene termijnenwet, art. 1).
 */

export const NOTICE_KINDS = ['permit_application', 'draft_decision', 'decision', 'traffic_decision', 'event_permit', 'other'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export const TOPICS = ['building', 'traffic', 'green', 'events', 'consultations', 'budgets', 'proposals'] as const
export type Topic = (typeof TOPICS)[number]

/** The alert topic a notice of each kind belongs to. */
export const TOPIC_OF_KIND: Record<NoticeKind, Topic> = {
  permit_application: 'building',
  draft_decision: 'building',
  decision: 'building',
  traffic_decision: 'traffic',
  event_permit: 'events',
  other: 'green',
}

type Term = { weeks: number; from: 'same_day' | 'next_day'; reaction: 'zienswijze' | 'bezwaar' | 'reactie' } | null

export const TERMS: Record<NoticeKind, Term> = {
  permit_application: { weeks: 8, from: 'next_day', reaction: 'reactie' },
  draft_decision: { weeks: 6, from: 'same_day', reaction: 'zienswijze' },
  decision: { weeks: 6, from: 'next_day', reaction: 'bezwaar' },
  traffic_decision: { weeks: 6, from: 'next_day', reaction: 'bezwaar' },
  event_permit: { weeks: 6, from: 'next_day', reaction: 'bezwaar' },
  other: null,
}

const DAY = 86_400_000

function parseDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): Date {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return new Date(Date.UTC(year, month - 1, day))
}

/** The public holidays of the Algemene termijnenwet in one year, as ISO days. */
export function publicHolidays(year: number): Set<string> {
  const e = easter(year).getTime()
  const kingsDay = new Date(Date.UTC(year, 3, 27))
  if (kingsDay.getUTCDay() === 0) kingsDay.setUTCDate(26)
  return new Set([
    `${year}-01-01`,
    isoDay(new Date(e - 2 * DAY)), // Goede Vrijdag
    isoDay(new Date(e)),
    isoDay(new Date(e + DAY)), // Tweede Paasdag
    isoDay(kingsDay),
    `${year}-05-05`,
    isoDay(new Date(e + 39 * DAY)), // Hemelvaartsdag
    isoDay(new Date(e + 49 * DAY)),
    isoDay(new Date(e + 50 * DAY)), // Tweede Pinksterdag
    `${year}-12-25`,
    `${year}-12-26`,
  ])
}

function nextWorkingDay(date: Date): Date {
  const d = new Date(date)
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6 || publicHolidays(d.getUTCFullYear()).has(isoDay(d))) d.setUTCDate(d.getUTCDate() + 1)
  return d
}

/** The last day to react (ISO date), or null when the kind has no term. `startsOn`: see TERMS. */
export function reactionDeadline(kind: NoticeKind, startsOn: string): string | null {
  const term = TERMS[kind]
  if (!term) return null
  const first = parseDay(startsOn).getTime() + (term.from === 'next_day' ? DAY : 0)
  // A term of n weeks starting on day X includes X and ends on the day before X + n weeks.
  const last = new Date(first + (term.weeks * 7 - 1) * DAY)
  return isoDay(nextWorkingDay(last))
}

/** "14 januari 2027" */
export function formatDay(iso: string, locale: 'nl' | 'en' = 'nl'): string {
  return parseDay(iso).toLocaleDateString(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

/** Today in the Netherlands, as an ISO day. */
export function todayInAmsterdam(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' })
}
