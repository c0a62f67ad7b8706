import { TZDate } from '@date-fns/tz'
import type { Locale } from './i18n'

/*
 * Browser-safe: the one time module. Every date a person reads or types is in the municipality's zone
 * (Europe/Amsterdam, summer and winter time), whatever the server's zone; the arithmetic is done by
 * @date-fns/tz's TZDate (decision 0009) instead of by hand, and formats by Intl, so pages load no
 * formatting library. Working days follow the Algemene termijnenwet.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The wall-clock parts of an instant in the Netherlands. */
function local(at: Date) {
  const t = new TZDate(at.getTime(), ZONE)
  return {
    y: t.getFullYear(),
    mo: t.getMonth() + 1,
    d: t.getDate(),
    h: t.getHours(),
    mi: t.getMinutes(),
    s: t.getSeconds(),
    ms: t.getMilliseconds(),
  }
}

export const ZONE = 'Europe/Amsterdam'
const DAY = 86_400_000

/** The day (YYYY-MM-DD) an instant falls on in the Netherlands. */
export function amsterdamDay(at: Date = new Date()): string {
  const t = local(at)
  return `${t.y}-${pad(t.mo)}-${pad(t.d)}`
}

/** The instant of a day (YYYY-MM-DD) and time in the Netherlands; a time in the spring gap moves forward. */
export function amsterdamInstant(day: string, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(+new TZDate(y, m - 1, d, hour, minute, second, ms, ZONE))
}

/** The last millisecond of a day in the Netherlands. */
export function endOfAmsterdamDay(day: string): Date {
  return amsterdamInstant(day, 23, 59, 59, 999)
}

/** A date-time field's value ("2027-03-01T19:30", or a date alone at 09:00) as meant in the Netherlands. */
export function fromAmsterdamLocal(value: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value)
  if (!match) return null
  const at = match[2] ? amsterdamInstant(match[1]!, Number(match[2]), Number(match[3])) : amsterdamInstant(match[1]!, 9)
  return Number.isNaN(at.getTime()) ? null : at
}

/** The other way round, for the value of a datetime-local field. */
export function toAmsterdamLocal(at: Date | null): string {
  if (!at) return ''
  const t = local(at)
  return `${t.y}-${pad(t.mo)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}`
}

// ── Working days ────────────────────────────────────────────────────────────────────────────────────

const utcDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}
const isoOf = (date: Date) => date.toISOString().slice(0, 10)

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

const holidayCache = new Map<number, Set<string>>()

/** The public holidays of the Algemene termijnenwet in one year (with Good Friday, as the municipality keeps it), as ISO days. */
export function publicHolidays(year: number): Set<string> {
  const cached = holidayCache.get(year)
  if (cached) return cached
  const e = easter(year).getTime()
  const kingsDay = new Date(Date.UTC(year, 3, 27))
  if (kingsDay.getUTCDay() === 0) kingsDay.setUTCDate(26)
  const days = new Set([
    `${year}-01-01`,
    isoOf(new Date(e - 2 * DAY)), // Goede Vrijdag
    isoOf(new Date(e)),
    isoOf(new Date(e + DAY)), // Tweede Paasdag
    isoOf(kingsDay),
    `${year}-05-05`,
    isoOf(new Date(e + 39 * DAY)), // Hemelvaartsdag
    isoOf(new Date(e + 49 * DAY)),
    isoOf(new Date(e + 50 * DAY)), // Tweede Pinksterdag
    `${year}-12-25`,
    `${year}-12-26`,
  ])
  holidayCache.set(year, days)
  return days
}

/** Whether a day (YYYY-MM-DD) is a working day: not a Saturday, Sunday or public holiday. */
export function isWorkingDay(day: string): boolean {
  const d = utcDay(day)
  return d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !publicHolidays(d.getUTCFullYear()).has(day)
}

/** The day itself when it is a working day, else the next working day (Algemene termijnenwet, art. 1). */
export function nextWorkingDay(day: string): string {
  let d = utcDay(day)
  while (!isWorkingDay(isoOf(d))) d = new Date(d.getTime() + DAY)
  return isoOf(d)
}

/** The same time of day in the Netherlands, `days` working days after `from`. */
export function addWorkingDays(from: Date, days: number): Date {
  let day = amsterdamDay(from)
  for (let left = days; left > 0;) {
    day = isoOf(new Date(utcDay(day).getTime() + DAY))
    if (isWorkingDay(day)) left--
  }
  const t = local(from)
  return amsterdamInstant(day, t.h, t.mi, t.s, t.ms)
}

// ── Formats, in the page's language ────────────────────────────────────────────────────────────────

const formats = new Map<string, Intl.DateTimeFormat>()
type Style = 'date' | 'datetime' | 'datetime-long' | 'date-short' | 'time'
const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  'date-short': { dateStyle: 'short' },
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  'datetime-long': { dateStyle: 'long', timeStyle: 'short' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
}

/** An instant as people read it in the page's language, in the Netherlands' time. One formatter per style and language. */
export function formatInstant(at: string | Date, locale: Locale, style: Style = 'datetime'): string {
  const key = `${locale}:${style}`
  let f = formats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { ...OPTIONS[style], timeZone: ZONE })
    formats.set(key, f)
  }
  return f.format(typeof at === 'string' ? new Date(at) : at)
}

/** A day as people write it: "1 december 2026" (nl) or "1 December 2026" (en). A bare YYYY-MM-DD is that day. */
export function formatDate(iso: string | Date, locale: Locale): string {
  const date = typeof iso === 'string' ? new Date(`${iso.slice(0, 10)}T12:00:00Z`) : iso
  return formatInstant(date, locale, 'date')
}
