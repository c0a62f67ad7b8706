import type { Locale } from './i18n'

/** A file's size as people read it: "1,2 MB" or "48 kB" (in the page's language). */
export function formatFileSize(bytes: number, locale: Locale): string {
  const tag = locale === 'en' ? 'en-GB' : 'nl-NL'
  if (bytes >= 1024 * 1024) {
    return `${new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`
  }
  return `${new Intl.NumberFormat(tag).format(Math.max(1, Math.round(bytes / 1024)))} kB`
}
