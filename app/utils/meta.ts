import type { MetaArgs } from '@remix-run/node'
import { translate, type Locale, type MessageKey } from './i18n'

/** "<page> — Stem van Groningen", in the language of the page. */
export function pageTitle(args: MetaArgs, key: MessageKey, params?: Record<string, string>) {
  const root = args.matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined
  const locale = root?.locale ?? 'nl'
  return [{ title: `${translate(locale, key, params)} — ${translate(locale, 'site.name')}` }]
}
