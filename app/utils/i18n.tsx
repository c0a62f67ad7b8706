import { createContext, useContext, type ReactNode } from 'react'
import { nl, type MessageKey } from '~/locales/nl'

export const LOCALES = ['nl', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export type { MessageKey }
export const defaultLocale: Locale = 'nl'
type Messages = Record<MessageKey, string>

/*
 * Dutch is always here. Other languages are loaded where they are needed: the server registers them all
 * at start (locale.server.ts), the browser only the language of the page, before it hydrates
 * (entry.client.tsx) — so a phone showing Dutch never downloads the English strings. Switching the
 * language reloads the page (root.tsx), which loads the other one.
 */
const loaded: Partial<Record<Locale, Messages>> = { nl }

export function registerMessages(locale: Locale, messages: Messages): void {
  loaded[locale] = messages
}

/** In the browser: makes sure the page's language is there before React renders with it. */
export async function loadMessages(locale: Locale): Promise<void> {
  if (loaded[locale]) return
  if (locale === 'en') registerMessages('en', (await import('~/locales/en')).en)
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export type Params = Record<string, string | number>

/** Looks a message up and fills in `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template: string = loaded[locale]?.[key] ?? nl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && value in nl
}

export type Translate = (key: MessageKey, params?: Params) => string

const LocaleContext = createContext<Locale>(defaultLocale)

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>
}

export function useLocale(): Locale {
  return useContext(LocaleContext)
}

export function useT(): Translate {
  const locale = useLocale()
  return (key, params) => translate(locale, key, params)
}
