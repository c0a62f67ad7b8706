import type { LinksFunction, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listAreas } from '~/modules/areas/queries.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader() {
  const [wijken, buurten] = await Promise.all([listAreas('wijk'), listAreas('buurt')])
  return json({
    wijken: wijken.map((w) => ({ ...w, buurten: buurten.filter((b) => b.parentCode === w.code) })),
  })
}

export default function Areas() {
  const t = useT()
  const { wijken } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('areas.title')}</h1>
      <p className="lead">{t('areas.lead', { wijken: wijken.length, buurten: wijken.reduce((n, w) => n + w.buurten.length, 0) })}</p>
      <ul className="card-list">
        {wijken.map((w) => (
          <li key={w.code}>
            <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>
              <Link to={`/wijken/${w.code}`}>{w.name}</Link>
            </h2>
            <p>{t('areas.buurten_count', { count: w.buurten.length })}</p>
          </li>
        ))}
      </ul>
    </>
  )
}

export const links: LinksFunction = () => []
export const meta: MetaFunction = (args) => pageTitle(args, 'areas.title')
