import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
} from '@remix-run/react'
import styles from '~/styles/app.css'
import { getActor } from '~/auth/session.server'
import { corePermissions } from '~/auth/permissions'
import { readFlash, sessionCookieUpdate } from '~/auth/session.server'
import { getLocale } from '~/utils/locale.server'
import { devMailboxEnabled, env } from '~/utils/env.server'
import { LocaleProvider, translate, useT, type Locale } from '~/utils/i18n'
import { modules } from '~/modules/registry'
import { bannersFor } from '~/modules/registry.server'
import { Denial } from '~/components/denial'
import type { Denial as DenialBody } from '~/auth/session.server'
import { useRootData } from '~/utils/root-data'
import { useNonce } from '~/utils/nonce'
import { useRequestId } from '~/utils/request-id'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const [actor, locale, flash, sessionCookie] = await Promise.all([
    getActor(request),
    getLocale(request),
    readFlash(request),
    sessionCookieUpdate(request),
  ])
  const banners = await bannersFor(request, actor)
  const headers = new Headers()
  if (flash.setCookie) headers.append('Set-Cookie', flash.setCookie)
  if (sessionCookie) headers.append('Set-Cookie', sessionCookie)
  return json(
    {
      locale,
      flash: flash.message,
      banners,
      user: actor
        ? {
            displayName: actor.displayName,
            canOpenAdmin: corePermissions.openAdmin(actor, undefined).ok,
          }
        : null,
      devMailbox: devMailboxEnabled(),
      map: { tileUrl: env().TILE_URL, attribution: env().TILE_ATTRIBUTION },
    },
    { headers },
  )
}

export type RootData = typeof loader

export const meta: MetaFunction = () => [{ title: 'Stem van Groningen' }]

function Header({ user }: { user: { displayName: string; canOpenAdmin: boolean } | null }) {
  const t = useT()
  const location = useLocation()
  const here = location.pathname + location.search
  return (
    <header className="site">
      <div className="container bar">
        <Link to="/" className="brand">
          {t('site.name')}
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            {modules.flatMap((m) =>
              (m.nav ?? []).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(item.label)}</NavLink>
                </li>
              )),
            )}
            {user ? (
              <li>
                <NavLink to="/mijn">{t('nav.mine')}</NavLink>
              </li>
            ) : (
              <li>
                <NavLink to={`/inloggen?redirectTo=${encodeURIComponent(here)}`}>{t('nav.login')}</NavLink>
              </li>
            )}
            {user?.canOpenAdmin ? (
              <li>
                <NavLink to="/beheer">{t('nav.admin')}</NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <Form method="post" action="/uitloggen">
                  <button type="submit" className="link">
                    {t('nav.logout')}
                  </button>
                </Form>
              </li>
            ) : null}
          </ul>
        </nav>
        <Link className="contact-button" to={`/persoonlijk-contact?van=${encodeURIComponent(here)}`}>
          {t('contact.button')}
        </Link>
      </div>
    </header>
  )
}

function Footer({ locale, devMailbox }: { locale: Locale; devMailbox: boolean }) {
  const t = useT()
  const location = useLocation()
  return (
    <footer className="site">
      <div className="container">
        <ul>
          <li>
            <Link to={`/persoonlijk-contact?van=${encodeURIComponent(location.pathname + location.search)}`}>{t('contact.button')}</Link>
          </li>
          <li>
            <a href="/api/v1/openapi.json">{t('footer.open_data')}</a>
          </li>
          <li>
            <Link to="/privacy">{t('dossier.footer_privacy')}</Link>
          </li>
          <li>
            <Link to="/toegankelijkheid">{t('dossier.footer_accessibility')}</Link>
          </li>
          {devMailbox ? (
            <li>
              <Link to="/dev/mail">{t('footer.dev_mail')}</Link>
            </li>
          ) : null}
          <li>
            {/* A whole new page: the browser loads the other language's strings with it (i18n.tsx). */}
            <Form method="post" action="/taal" reloadDocument>
              <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
              <input type="hidden" name="locale" value={locale === 'nl' ? 'en' : 'nl'} />
              <button type="submit" className="link" lang={locale === 'nl' ? 'en' : 'nl'}>
                {locale === 'nl' ? 'English' : 'Nederlands'}
              </button>
            </Form>
          </li>
        </ul>
        <p>{t('footer.about')}</p>
      </div>
    </footer>
  )
}

function Document({ locale, children, title }: { locale: Locale; children: React.ReactNode; title?: string }) {
  const nonce = useNonce()
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function Shell({ children }: { children: React.ReactNode }) {
  const data = useRootData()
  const locale = data?.locale ?? 'nl'
  return (
    <LocaleProvider locale={locale}>
      <a className="skip-link" href="#inhoud">
        {translate(locale, 'site.skip')}
      </a>
      <Header user={data?.user ?? null} />
      <main id="inhoud" tabIndex={-1}>
        <div className="container">
          {data?.banners.map((b) => (
            <p key={b.id} className="banner" data-testid={`banner-${b.id}`}>
              {translate(locale, b.text, b.params)}
              {b.link ? (
                <>
                  {' '}
                  <Link to={b.link.to}>{translate(locale, b.link.label)}</Link>
                </>
              ) : null}
            </p>
          ))}
          {data?.flash ? (
            <p className="flash" role="status">
              {translate(locale, data.flash)}
            </p>
          ) : null}
          {children}
        </div>
      </main>
      <Footer locale={locale} devMailbox={data?.devMailbox ?? false} />
    </LocaleProvider>
  )
}

export default function App() {
  const data = useRootData()
  return (
    <Document locale={data?.locale ?? 'nl'}>
      <Shell>
        <Outlet />
      </Shell>
    </Document>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const data = useRootData()
  const locale = data?.locale ?? 'nl'
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key)
  const requestId = useRequestId()
  let content: React.ReactNode
  if (isRouteErrorResponse(error) && error.status === 403 && (error.data as DenialBody)?.denied) {
    content = <Denial reason={(error.data as DenialBody).denied} headingLevel={1} />
  } else if (isRouteErrorResponse(error) && error.status === 404) {
    content = (
      <>
        <h1>{t('error.not_found.title')}</h1>
        <p>{t('error.not_found.text')}</p>
        <p>
          <Link to="/">{t('error.home')}</Link>
        </p>
      </>
    )
  } else {
    content = (
      <>
        <h1>{t('error.general.title')}</h1>
        <p>{t('error.general.text')}</p>
        {requestId ? <p data-request-id={requestId}>{translate(locale, 'error.code', { code: requestId })}</p> : null}
        <p>
          <Link to="/persoonlijk-contact">{t('contact.button')}</Link>
        </p>
      </>
    )
  }
  return (
    <Document locale={locale}>
      <Shell>{content}</Shell>
    </Document>
  )
}
