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

import { amsterdamDay, formatDate, nextWorkingDay } from '~/utils/time'

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

/** The last day to react (ISO date), or null when the kind has no term. `startsOn`: see TERMS. */
export function reactionDeadline(kind: NoticeKind, startsOn: string): string | null {
  const term = TERMS[kind]
  if (!term) return null
  const first = parseDay(startsOn).getTime() + (term.from === 'next_day' ? DAY : 0)
  // A term of n weeks starting on day X includes X and ends on the day before X + n weeks.
  const last = new Date(first + (term.weeks * 7 - 1) * DAY)
  return nextWorkingDay(isoDay(last))
}

/** "14 januari 2027" */
export const formatDay = (iso: string, locale: 'nl' | 'en' = 'nl') => formatDate(iso, locale)

/** Today in the Netherlands, as an ISO day. */
export const todayInAmsterdam = (now = new Date()) => amsterdamDay(now)
