import { createContext, useContext, type ReactNode } from 'react'
import { nl, type MessageKey } from '~/locales/nl'
import { en } from '~/locales/en'

export const locales = { nl, en } as const
export type Locale = keyof typeof locales
export type { MessageKey }
export const defaultLocale: Locale = 'nl'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && value in locales
}

export type Params = Record<string, string | number>

/** Looks a message up and fills in `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template: string = locales[locale][key] ?? nl[key] ?? key
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
