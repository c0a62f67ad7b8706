/*
 * When digests go: at 07:00 in the Netherlands, daily every day, weekly on Monday. Everything that
 * waited from before that moment goes in the digest; what came later waits for the next one.
 */

/** An instant from a day (YYYY-MM-DD) and an hour in the Netherlands, summer or winter time. */
export function amsterdamInstant(day: string, hour: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  for (const offset of [1, 2]) {
    const c = new Date(Date.UTC(y, m - 1, d, hour - offset))
    if (Number(c.toLocaleString('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hour12: false })) === hour) return c
  }
  return new Date(Date.UTC(y, m - 1, d, hour - 1))
}

/** The latest digest moment at or before `now`. */
export function digestCutoff(channel: 'daily' | 'weekly', now = new Date()): Date {
  let day = now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' })
  const back = (iso: string) => new Date(Date.parse(`${iso}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
  if (amsterdamInstant(day, 7) > now) day = back(day)
  if (channel === 'weekly') while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 1) day = back(day)
  return amsterdamInstant(day, 7)
}
