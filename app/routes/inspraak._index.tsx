import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { FilterSearch, FilterSelect } from '~/components/list-filters'
import { ClientOnly } from '~/components/hydrated'
import { MarkerMap } from '~/components/maps'
import { listAreas } from '~/modules/areas/queries.server'
import { StatusBadge } from '~/modules/consultations/components'
import { listConsultations } from '~/modules/consultations/queries.server'
import { KINDS, LIMITS, OWNER_ROLES, STATUSES, type Status } from '~/modules/consultations/validation'
import { formatDate } from '~/modules/participation/declaration'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { useRootData } from '~/utils/root-data'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

const PUBLIC_STATUSES = STATUSES.filter((s) => s !== 'draft' && s !== 'review')

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const wijken = await listAreas('wijk')
  const area = wijken.find((w) => w.code === url.searchParams.get('gebied'))?.code
  const status = PUBLIC_STATUSES.find((s) => s === url.searchParams.get('stand'))
  const kind = KINDS.find((k) => k === url.searchParams.get('soort'))
  const owner = OWNER_ROLES.find((o) => o === url.searchParams.get('eigenaar'))
  const q = (url.searchParams.get('zoek') ?? '').slice(0, LIMITS.search)
  const rows = await listConsultations({ area, status: status as Status | undefined, kind, owner, q })
  const names = Object.fromEntries(wijken.map((w) => [w.code, w.name]))
  return json({
    filters: { area: area ?? '', status: status ?? '', kind: kind ?? '', owner: owner ?? '', q },
    wijken: wijken.map((w) => ({ code: w.code, name: w.name })),
    rows: rows.map(({ point, ...r }) => ({
      ...r,
      point: point ? ((JSON.parse(point) as { coordinates: [number, number] }).coordinates ?? null) : null,
      intro: r.intro.length > 220 ? `${r.intro.slice(0, 217)}…` : r.intro,
      area: r.areaCodes.length ? r.areaCodes.map((c) => names[c] ?? c).join(', ') : null,
      opensAt: r.opensAt?.toISOString() ?? null,
      closesAt: r.closesAt?.toISOString() ?? null,
    })),
  })
}

function ConsultationFilters() {
  const t = useT()
  const { filters, wijken } = useLoaderData<typeof loader>()
  return (
    <Form method="get" className="filters" role="search">
      <FilterSearch
        id="zoek"
        name="zoek"
        label={t('consultations.filter.search')}
        hint={t('consultations.filter.search_hint')}
        value={filters.q}
        maxLength={LIMITS.search}
      />
      <FilterSelect
        id="gebied"
        name="gebied"
        label={t('consultations.filter.area')}
        value={filters.area}
        all={t('consultations.filter.all_areas')}
        options={wijken.map((w) => ({ value: w.code, label: w.name }))}
      />
      <FilterSelect
        id="stand"
        name="stand"
        label={t('consultations.filter.status')}
        value={filters.status}
        all={t('consultations.filter.all_statuses')}
        options={PUBLIC_STATUSES.map((s) => ({ value: s, label: t(`consultations.status.${s}` as MessageKey) }))}
      />
      <FilterSelect
        id="soort"
        name="soort"
        label={t('consultations.filter.kind')}
        value={filters.kind}
        all={t('consultations.filter.all_kinds')}
        options={KINDS.map((k) => ({ value: k, label: t(`consultations.kind.${k}` as MessageKey) }))}
      />
      <FilterSelect
        id="eigenaar"
        name="eigenaar"
        label={t('consultations.filter.owner')}
        value={filters.owner}
        all={t('consultations.filter.all_owners')}
        options={OWNER_ROLES.map((o) => ({ value: o, label: t(`consultations.owner.${o}` as MessageKey) }))}
      />
      <button type="submit">{t('consultations.filter.submit')}</button>
    </Form>
  )
}

export default function Consultations() {
  const t = useT()
  const locale = useLocale()
  const { rows } = useLoaderData<typeof loader>()
  const root = useRootData()
  const markers = rows.flatMap((r) =>
    r.point ? [{ id: String(r.id), lon: r.point[0], lat: r.point[1], label: r.title, href: `/inspraak/${r.id}` }] : [],
  )
  return (
    <>
      <h1>{t('consultations.title')}</h1>
      <p className="lead">{t('consultations.lead')}</p>
      <p className="hint">{t('consultations.fictional')}</p>
      <ConsultationFilters />
      <p aria-live="polite">{t('consultations.count', { n: rows.length })}</p>
      {root && markers.length ? (
        <ClientOnly fallback={null}>
          {() => (
            <MarkerMap
              markers={markers}
              tileUrl={root.map.tileUrl}
              attribution={root.map.attribution}
              label={t('consultations.list_map_label')}
            />
          )}
        </ClientOnly>
      ) : null}
      {markers.length && markers.length < rows.length ? <p className="hint">{t('consultations.list_map_city')}</p> : null}
      {rows.length === 0 ? (
        <p>{t('consultations.none')}</p>
      ) : (
        <ul className="card-list">
          {rows.map((r) => (
            <li key={r.id}>
              <h2 style={{ fontSize: '1.15rem', marginTop: 0 }}>
                <Link to={`/inspraak/${r.id}`}>{r.title}</Link>
              </h2>
              <p>
                <StatusBadge status={r.status} /> <span className="badge">{t(`consultations.kind.${r.kind}` as MessageKey)}</span>
              </p>
              <p>{r.area ?? t('consultations.city')}</p>
              {r.status === 'open' && r.closesAt ? <p>{t('consultations.closes', { date: formatDate(r.closesAt, locale) })}</p> : null}
              {r.status === 'scheduled' && r.opensAt ? <p>{t('consultations.opens', { date: formatDate(r.opensAt, locale) })}</p> : null}
              <p>{r.intro}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'consultations.title')
