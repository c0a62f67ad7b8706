import { createCookie } from '@remix-run/node'
import { en } from '~/locales/en'
import { defaultLocale, isLocale, registerMessages, translate, type Locale, type Translate } from './i18n'

// The server speaks every language; the browser loads only its own (i18n.tsx).
registerMessages('en', en)

export const localeCookie = createCookie('stem_lang', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 })

/** Dutch unless the person chose English with the language switch. */
export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get('Cookie'))
  return isLocale(value) ? value : defaultLocale
}

export async function serverT(request: Request): Promise<Translate> {
  const locale = await getLocale(request)
  return (key, params) => translate(locale, key, params)
}
