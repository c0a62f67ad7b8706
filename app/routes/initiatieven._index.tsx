import type { LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { ClientOnly } from '~/components/hydrated'
import { FilterSearch, FilterSelect } from '~/components/list-filters'
import { MarkerMap } from '~/components/maps'
import { useRootData } from '~/utils/root-data'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getActor } from '~/auth/session.server'
import { Highlighted, StatusBadge } from '~/modules/proposals/badges'
import { proposalPermissions } from '~/modules/proposals/permissions'
import { draftsOf, listProposals, mapPoints, parseListQuery, wijkOptions } from '~/modules/proposals/queries.server'
import { SORTS, STATUSES, THEMES } from '~/modules/proposals/choices'
import type { ListQuery } from '~/modules/proposals/validation'
import { formatDate } from '~/utils/time'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request)
  const url = new URL(request.url)
  const query = parseListQuery(url.searchParams)
  // The map is a view of the same filtered list, asked for with ?weergave=kaart; the list stays below it.
  const showMap = url.searchParams.get('weergave') === 'kaart'
  const [result, wijken, drafts, points] = await Promise.all([
    listProposals(query),
    wijkOptions(),
    actor ? draftsOf(actor.id) : Promise.resolve([]),
    showMap ? mapPoints(query) : Promise.resolve(null),
  ])
  return json({ ...result, query, wijken, drafts, points, canCreate: proposalPermissions.create(actor, undefined).ok })
}

function pageHref(query: ListQuery, page: number, map = false) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && k !== 'page') params.set(k, String(v))
  if (page > 1) params.set('page', String(page))
  if (map) params.set('weergave', 'kaart')
  const s = params.toString()
  return s ? `/initiatieven?${s}` : '/initiatieven'
}

function ProposalFilters() {
  const t = useT()
  const { query, wijken } = useLoaderData<typeof loader>()
  return (
    <section role="search">
      <Form method="get" className="filters" aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t('proposals.filter.heading')}</h2>
        <FilterSearch id="f-q" name="q" label={t('proposals.filter.q')} value={query.q ?? ''} maxLength={200} />
        <FilterSelect
          id="f-wijk"
          name="wijk"
          label={t('proposals.filter.wijk')}
          value={query.wijk ?? ''}
          all={t('proposals.filter.all')}
          options={[
            { value: 'gemeente', label: t('proposals.fields.city_wide') },
            ...wijken.map((w) => ({ value: w.code, label: w.name })),
          ]}
        />
        <FilterSelect
          id="f-theme"
          name="theme"
          label={t('proposals.filter.theme')}
          value={query.theme ?? ''}
          all={t('proposals.filter.all')}
          options={THEMES.map((th) => ({ value: th, label: t(`proposals.theme.${th}` as MessageKey) }))}
        />
        <FilterSelect
          id="f-status"
          name="status"
          label={t('proposals.filter.status')}
          value={query.status ?? ''}
          all={t('proposals.filter.all')}
          options={STATUSES.map((s) => ({ value: s, label: t(`proposals.status.${s}` as MessageKey) }))}
        />
        <FilterSelect
          id="f-sort"
          name="sort"
          label={t('proposals.filter.sort')}
          value={query.sort ?? ''}
          options={SORTS.map((s) => ({ value: s === 'newest' ? '' : s, label: t(`proposals.sort.${s}` as MessageKey) }))}
        />
        <button type="submit">{t('proposals.filter.submit')}</button>
      </Form>
    </section>
  )
}

function ProposalMap({ points }: { points: NonNullable<SerializeFrom<typeof loader>['points']> }) {
  const t = useT()
  const root = useRootData()
  return (
    <section aria-labelledby="map-heading">
      <h2 id="map-heading">{t('proposals.map_heading')}</h2>
      <p>{t('proposals.map_count', { count: points.length })}</p>
      {root ? (
        <ClientOnly fallback={<p className="map-fallback">{t('map.fallback')}</p>}>
          {() => (
            <MarkerMap markers={points} tileUrl={root.map.tileUrl} attribution={root.map.attribution} label={t('proposals.map_heading')} />
          )}
        </ClientOnly>
      ) : null}
    </section>
  )
}

function ProposalPages() {
  const t = useT()
  const { page, pages, query, points } = useLoaderData<typeof loader>()
  return (
    <nav aria-label={t('proposals.pagination')} className="pagination">
      {page > 1 ? (
        <Link to={pageHref(query, page - 1, !!points)} rel="prev">
          {t('proposals.prev')}
        </Link>
      ) : null}{' '}
      <span>{t('proposals.page', { page, pages })}</span>{' '}
      {page < pages ? (
        <Link to={pageHref(query, page + 1, !!points)} rel="next">
          {t('proposals.next')}
        </Link>
      ) : null}
    </nav>
  )
}

export default function Proposals() {
  const t = useT()
  const locale = useLocale()
  const { rows, total, page, pages, query, drafts, points, canCreate } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('proposals.title')}</h1>
      <p className="lead">{t('proposals.lead')}</p>
      <p className="hint">{t('proposals.fictional')}</p>
      <p>
        <Link to="/initiatieven/nieuw" className="button">
          {t('proposals.new')}
        </Link>
      </p>
      {canCreate && drafts.length ? (
        <section aria-labelledby="drafts">
          <h2 id="drafts">{t('proposals.mine_drafts')}</h2>
          <ul>
            {drafts.map((d) => (
              <li key={d.id}>
                <Link to={`/initiatieven/${d.id}`}>{d.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ProposalFilters />
      <p role="status">{t('proposals.results', { count: total })}</p>
      <p className="view-switch">
        {points ? (
          <Link to={pageHref(query, page)}>{t('proposals.view_list')}</Link>
        ) : (
          <Link to={pageHref(query, page, true)}>{t('proposals.view_map')}</Link>
        )}
      </p>
      {points ? <ProposalMap points={points} /> : null}
      {rows.length === 0 ? (
        <p>{t('proposals.none')}</p>
      ) : (
        <ul className="card-list" data-testid="proposals">
          {rows.map((p) => (
            <li key={p.id}>
              <h3>
                <Link to={`/initiatieven/${p.id}`}>{p.title}</Link>
              </h3>
              <p>
                <StatusBadge status={p.status} /> <span className="badge">{t(`proposals.theme.${p.theme}` as MessageKey)}</span>{' '}
                {p.wijkName ?? t('proposals.fields.city_wide')}
              </p>
              <p>{p.headline ? <Highlighted text={p.headline} /> : p.summary}</p>
              {p.threshold ? <p>{t('proposals.progress', { count: p.supportCount, threshold: p.threshold })}</p> : null}
              {p.status === 'published' && p.windowEndsAt ? (
                <p>{t('proposals.window_ends', { date: formatDate(p.windowEndsAt, locale) })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? <ProposalPages /> : null}
      <p>
        <a href="/api/v1/proposals">{t('proposals.open_data')}</a>
      </p>
    </>
  )
}

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export const meta: MetaFunction = (args) => pageTitle(args, 'proposals.title')
