import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { serverModules } from '~/modules/registry.server'
import { getActor } from '~/auth/session.server'
import { useLocale, useT } from '~/utils/i18n'

const CLOSING_SOON_DAYS = 7

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request)
  const lists = await Promise.all(serverModules.map((m) => m.openNow?.() ?? Promise.resolve([])))
  const items = lists.flat().sort((a, b) => (a.closesAt?.getTime() ?? Infinity) - (b.closesAt?.getTime() ?? Infinity))
  // Closing within a week: shown first, so nobody misses the last days to react.
  const soon = Date.now() + CLOSING_SOON_DAYS * 86_400_000
  const isSoon = (closesAt: Date | null) => !!closesAt && closesAt.getTime() <= soon
  const view = (list: typeof items) => list.map((item) => ({ ...item, closesAt: item.closesAt?.toISOString() ?? null }))
  return json({
    closingSoon: view(items.filter((i) => isSoon(i.closesAt))),
    open: view(items.filter((i) => !isSoon(i.closesAt))),
    loggedIn: !!actor,
    verified: !!actor?.verified,
  })
}

function OpenList({
  items,
  labelledBy,
  testId,
}: {
  items: { href: string; title: string; area: string; closesAt: string | null }[]
  labelledBy: string
  testId: string
}) {
  const t = useT()
  const locale = useLocale()
  return (
    <ul className="card-list" aria-labelledby={labelledBy} data-testid={testId}>
      {items.map((item) => (
        <li key={item.href}>
          <Link to={item.href}>{item.title}</Link>
          <p>
            {item.area}
            {item.closesAt
              ? ` · ${t('home.closes', { date: new Date(item.closesAt).toLocaleDateString(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' }) })}`
              : ''}
          </p>
        </li>
      ))}
    </ul>
  )
}

export default function Home() {
  const t = useT()
  const { closingSoon, open, loggedIn, verified } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <ul>
        <li>{t('home.promise_weighing')}</li>
        <li>{t('home.promise_report')}</li>
      </ul>
      {closingSoon.length ? (
        <>
          <h2 id="closing-soon">{t('home.closing_soon')}</h2>
          <p>{t('home.closing_soon_lead', { days: CLOSING_SOON_DAYS })}</p>
          <OpenList items={closingSoon} labelledBy="closing-soon" testId="closing-soon" />
        </>
      ) : null}
      <h2 id="open-now">{t('home.open_now')}</h2>
      {open.length === 0 && closingSoon.length === 0 ? (
        <p>{t('home.nothing_open')}</p>
      ) : open.length === 0 ? (
        <p>{t('home.nothing_else_open')}</p>
      ) : (
        <OpenList items={open} labelledBy="open-now" testId="open-now" />
      )}
      <h2>{t('home.take_part')}</h2>
      {!loggedIn ? (
        <p>
          <Link to="/registreren">{t('home.signup')}</Link> · <Link to="/inloggen">{t('nav.login')}</Link>
        </p>
      ) : !verified ? (
        <p>
          <Link to="/mijn/adres">{t('mine.verify')}</Link>
        </p>
      ) : (
        <p>{t('home.ready')}</p>
      )}
      <p>
        <Link to="/wijken">{t('home.areas')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Stem van Groningen' }]
