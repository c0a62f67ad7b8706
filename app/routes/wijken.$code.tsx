import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { getArea, listAreas } from '~/modules/areas/queries.server'
import { ClientOnly } from '~/components/hydrated'
import { AreaMap } from '~/components/maps'
import { WijkPromises } from '~/modules/promises/components'
import { promisesForWijk } from '~/modules/promises/queries.server'
import { useRootData } from '~/utils/root-data'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader({ params }: LoaderFunctionArgs) {
  const area = await getArea(params.code ?? '')
  if (!area) throw new Response('Not found', { status: 404 })
  const parent = area.parentCode ? await getArea(area.parentCode, false) : null
  const children = area.kind === 'wijk' ? await listAreas('buurt', area.code) : []
  const promises = area.kind === 'wijk' ? await promisesForWijk(area.code) : []
  return json({ area: { ...area, geometry: area.geometry ? JSON.parse(area.geometry) : null }, parent, children, promises })
}

export default function AreaPage() {
  const t = useT()
  const root = useRootData()
  const { area, parent, children, promises } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to="/wijken">{t('areas.title')}</Link>
        {parent ? (
          <>
            {' › '}
            <Link to={`/wijken/${parent.code}`}>{parent.name}</Link>
          </>
        ) : null}
      </p>
      <h1>{area.name}</h1>
      <p>
        {t(area.kind === 'wijk' ? 'areas.kind_wijk' : 'areas.kind_buurt')} · <span className="badge">{area.code}</span>
      </p>
      {area.geometry && root ? (
        <ClientOnly fallback={<p className="map-fallback">{t('map.fallback')}</p>}>
          {() => (
            <AreaMap
              label={t('map.label', { name: area.name })}
              tileUrl={root.map.tileUrl}
              attribution={root.map.attribution}
              shapes={[{ code: area.code, name: area.name, geometry: area.geometry, highlight: true }]}
            />
          )}
        </ClientOnly>
      ) : null}
      {children.length > 0 ? (
        <>
          <h2>{t('areas.buurten_in', { name: area.name })}</h2>
          <ul>
            {children.map((b) => (
              <li key={b.code}>
                <Link to={`/wijken/${b.code}`}>{b.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {area.kind === 'wijk' ? <WijkPromises promises={promises} /> : null}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, 'areas.page_title', { name: args.data?.area.name ?? '' })
