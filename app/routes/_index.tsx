import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { serverModules } from '~/modules/registry.server'
import { getActor } from '~/auth/session.server'
import { useLocale, useT } from '~/utils/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request)
  const lists = await Promise.all(serverModules.map((m) => m.openNow?.() ?? Promise.resolve([])))
  const open = lists
    .flat()
    .sort((a, b) => (a.closesAt?.getTime() ?? Infinity) - (b.closesAt?.getTime() ?? Infinity))
    .map((item) => ({ ...item, closesAt: item.closesAt?.toISOString() ?? null }))
  return json({ open, loggedIn: !!actor, verified: !!actor?.verified })
}

export default function Home() {
  const t = useT()
  const locale = useLocale()
  const { open, loggedIn, verified } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <ul>
        <li>{t('home.promise_weighing')}</li>
        <li>{t('home.promise_report')}</li>
      </ul>
      <h2 id="open-now">{t('home.open_now')}</h2>
      {open.length === 0 ? (
        <p>{t('home.nothing_open')}</p>
      ) : (
        <ul className="card-list" aria-labelledby="open-now">
          {open.map((item) => (
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
