import { amsterdamDay } from '~/utils/time'

/** Browser-safe date arithmetic of promise updates, in days as written in the Netherlands. */

/** The date in Groningen at this moment, as yyyy-mm-dd (the core's time module). */
export const dayIn = amsterdamDay

/** A day some months later; the 31st becomes the last day of a shorter month. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, last))
  return first.toISOString().slice(0, 10)
}

/** Overdue: the next update's day has passed and the promise is not finished. */
export function isOverdue(p: { status: string; nextUpdateBy: string }, now: Date): boolean {
  return p.status !== 'done' && p.status !== 'dropped' && p.nextUpdateBy < dayIn(now)
}
