import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { ClientOnly } from '~/components/hydrated'
import { MarkerMap, PointMap } from '~/components/maps'
import { Deadline } from '~/modules/alerts/components'
import { formatDay } from '~/modules/alerts/deadline'
import { nearbyQuery } from '~/modules/alerts/nearby.server'
import { listNotices } from '~/modules/alerts/notices.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { useRootData } from '~/utils/root-data'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

const DISTANCES = ['250', '500', '1000', '2000'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const searching = ['postcode', 'huisnummer', 'lat', 'lon'].some((k) => params.get(k))
  if (searching) {
    const result = await nearbyQuery(params)
    return json({ search: result, notices: [] }, { status: result.ok ? 200 : 400 })
  }
  const notices = await listNotices({ limit: 200 })
  return json({ search: null, notices: notices.map(({ geometry: _g, ...n }) => n) })
}

function SearchForm({ values, errors }: { values: Record<string, string>; errors: Record<string, MessageKey> }) {
  const t = useT()
  const root = useRootData()
  const initial = values.lat && values.lon ? { lat: Number(values.lat), lon: Number(values.lon) } : null
  const error = (name: string) =>
    errors[name] ? (
      <p className="error" id={`near-${name}-error`}>
        <span className="visually-hidden">{t('forms.error_prefix')} </span>
        {t(errors[name])}
      </p>
    ) : null
  const described = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `near-${name}-error` } : {})
  return (
    <Form method="get" aria-labelledby="near-title" className="filters">
      <div className="field narrow">
        <label htmlFor="near-postcode">{t('fields.postcode')}</label>
        {error('postcode')}
        <input
          id="near-postcode"
          name="postcode"
          autoComplete="postal-code"
          maxLength={10}
          defaultValue={values.postcode ?? ''}
          {...described('postcode')}
        />
      </div>
      <div className="field narrow">
        <label htmlFor="near-huisnummer">{t('fields.house_number')}</label>
        {error('huisnummer')}
        <input
          id="near-huisnummer"
          name="huisnummer"
          inputMode="numeric"
          maxLength={6}
          defaultValue={values.huisnummer ?? ''}
          {...described('huisnummer')}
        />
      </div>
      <div className="field narrow">
        <label htmlFor="near-afstand">{t('alerts.near_distance')}</label>
        {error('afstand')}
        <select id="near-afstand" name="afstand" defaultValue={values.afstand ?? '500'} {...described('afstand')}>
          {DISTANCES.map((d) => (
            <option key={d} value={d}>
              {t('alerts.near_distance_m', { m: d })}
            </option>
          ))}
        </select>
      </div>
      {error('lat')}
      {root ? (
        <ClientOnly fallback={null}>
          {() => (
            <div className="field">
              <p className="hint">{t('alerts.near_map_hint')}</p>
              <PointMap
                name="near"
                fieldNames={{ lat: 'lat', lon: 'lon' }}
                initial={initial}
                tileUrl={root.map.tileUrl}
                attribution={root.map.attribution}
                label={t('alerts.point_map_label')}
                chosenText={(la, lo) => t('alerts.point_map_chosen', { lat: la, lon: lo })}
                clearText={t('alerts.point_map_clear')}
              />
            </div>
          )}
        </ClientOnly>
      ) : null}
      <button type="submit">{t('alerts.near_submit')}</button>
    </Form>
  )
}

function AllNotices() {
  const t = useT()
  const { search, notices } = useLoaderData<typeof loader>()
  if (search) return null
  return (
    <>
      <h2>{t('alerts.notices_all')}</h2>
      <p>
        <Link to="/mijn/plekken">{t('alerts.follow_places')}</Link>
      </p>
      {notices.length === 0 ? (
        <p>{t('alerts.notices_none')}</p>
      ) : (
        <ul className="card-list" data-testid="notices">
          {notices.map((n) => (
            <li key={n.id}>
              <h3>
                <Link to={`/bekendmakingen/${n.id}`}>{n.title}</Link>
              </h3>
              <p>
                <span className="badge">{t(`alerts.kind.${n.kind}` as MessageKey)}</span> {n.locationLabel}
              </p>
              <p>
                {t('alerts.published_on')} {formatDay(n.publishedOn)} · <Deadline deadline={n.reactionDeadline} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function NearbyResults() {
  const t = useT()
  const root = useRootData()
  const { search } = useLoaderData<typeof loader>()
  const found = search?.ok ? search : null
  if (!found) return null
  const query = new URLSearchParams(
    found.values.lat && found.values.lon
      ? { lat: found.values.lat, lon: found.values.lon, afstand: String(found.radiusM) }
      : { postcode: found.values.postcode ?? '', huisnummer: found.values.huisnummer ?? '', afstand: String(found.radiusM) },
  ).toString()
  const subscribe = `/mijn/plekken?${new URLSearchParams(
    found.values.lat && found.values.lon
      ? { lat: found.values.lat, lon: found.values.lon, straal: String(found.radiusM) }
      : { postcode: found.values.postcode ?? '', huisnummer: found.values.huisnummer ?? '', straal: String(found.radiusM) },
  ).toString()}#add-place`
  return (
    <section aria-labelledby="near-results">
      <h2 id="near-results">{t('alerts.near_results', { n: found.notices.length, m: found.radiusM, place: found.point.label })}</h2>
      <p>
        <Link to={subscribe}>{t('alerts.near_subscribe')}</Link> ·{' '}
        <a href={`/bekendmakingen/feed?${query}`} type="application/atom+xml">
          {t('alerts.near_feed')}
        </a>
      </p>
      <div className="list-with-map">
        {found.notices.length === 0 ? (
          <p>{t('alerts.near_none')}</p>
        ) : (
          <ol className="card-list" data-testid="nearby">
            {found.notices.map((n) => (
              <li key={n.id}>
                <h3>
                  <Link to={`/bekendmakingen/${n.id}`}>{n.title}</Link>
                </h3>
                <p>
                  <span className="badge">{t(`alerts.kind.${n.kind}` as MessageKey)}</span> {n.locationLabel} ·{' '}
                  <strong>{t('alerts.near_distance_of', { m: n.distanceM })}</strong>
                </p>
                <p>
                  {t('alerts.published_on')} {formatDay(n.publishedOn)} · <Deadline deadline={n.reactionDeadline} />
                </p>
              </li>
            ))}
          </ol>
        )}
        {root ? (
          <ClientOnly fallback={null}>
            {() => (
              <MarkerMap
                markers={[
                  ...found.notices.map((n) => ({
                    id: String(n.id),
                    lat: n.lat,
                    lon: n.lon,
                    label: n.title,
                    href: `/bekendmakingen/${n.id}`,
                  })),
                ]}
                shapes={[]}
                tileUrl={root.map.tileUrl}
                attribution={root.map.attribution}
                label={t('alerts.near_map_label', { place: found.point.label })}
              />
            )}
          </ClientOnly>
        ) : null}
      </div>
    </section>
  )
}

export default function Notices() {
  const t = useT()
  const { search } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('alerts.notices_title')}</h1>
      <p className="lead">{t('alerts.notices_lead')}</p>
      <section aria-labelledby="near-title">
        <h2 id="near-title">{t('alerts.near_title')}</h2>
        <p>{t('alerts.near_lead')}</p>
        <SearchForm values={search?.values ?? {}} errors={search && !search.ok ? search.errors : {}} />
      </section>
      <NearbyResults />
      <AllNotices />
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.notices_title')
