import type { Status } from './validation'

/*
 * Browser-safe: the lifecycle of a consultation — draft → review → scheduled → open → closed → reported.
 * Owners move it with the transitions below; the dates move it from scheduled to open to closed (the
 * `consultations.lifecycle` tick applies `statusByDate`; the rules read it too, so nobody answers late).
 */

export type Transition = 'submit_review' | 'back_to_draft' | 'schedule' | 'open' | 'close'

/** Which owner action is allowed from which status. Dates move scheduled → open → closed. */
export const TRANSITIONS: Record<Transition, { from: Status[]; to: Status }> = {
  submit_review: { from: ['draft'], to: 'review' },
  back_to_draft: { from: ['review', 'scheduled'], to: 'draft' },
  schedule: { from: ['draft', 'review'], to: 'scheduled' },
  open: { from: ['draft', 'review', 'scheduled'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
}

export function canTransition(from: Status, action: Transition): boolean {
  return TRANSITIONS[action].from.includes(from)
}

/** Where the dates say an item should be now (scheduled items open, open items close). */
export function statusByDate(status: Status, opensAt: Date | null, closesAt: Date | null, now = new Date()): Status {
  if (status === 'scheduled' && opensAt && opensAt <= now) return closesAt && closesAt <= now ? 'closed' : 'open'
  if (status === 'open' && closesAt && closesAt <= now) return 'closed'
  return status
}

/** Where details, questions and documents may still change: before it opens, so nobody has answered yet. */
export const EDITABLE: Status[] = ['draft', 'review', 'scheduled']
