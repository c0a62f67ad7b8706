/*
 * When digests go: at 07:00 in the Netherlands, daily every day, weekly on Monday. Everything that
 * waited from before that moment goes in the digest; what came later waits for the next one.
 */
import { amsterdamDay, amsterdamInstant } from './time'

/** The latest digest moment at or before `now`. */
export function digestCutoff(channel: 'daily' | 'weekly', now = new Date()): Date {
  let day = amsterdamDay(now)
  const back = (iso: string) => new Date(Date.parse(`${iso}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
  if (amsterdamInstant(day, 7) > now) day = back(day)
  if (channel === 'weekly') while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 1) day = back(day)
  return amsterdamInstant(day, 7)
}
