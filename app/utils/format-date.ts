import type { Locale } from './i18n'

/** A day as people write it: "1 december 2026" (nl) or "1 December 2026" (en), in Groningen's time zone. */
// One formatter per language: toLocaleDateString with options builds a new one on every call, which was
// a measurable part of rendering a list of twenty proposals (docs/performance.md).
const dateFormats = new Map<Locale, Intl.DateTimeFormat>()

export function formatDate(iso: string | Date, locale: Locale): string {
  const date = typeof iso === 'string' ? new Date(`${iso.slice(0, 10)}T12:00:00Z`) : iso
  let format = dateFormats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Amsterdam',
    })
    dateFormats.set(locale, format)
  }
  return format.format(date)
}
