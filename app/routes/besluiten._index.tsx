import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { FilterDate, FilterSearch, FilterSelect } from '~/components/list-filters'
import { bodyLabel, Highlighted, kindLabel, themeLabel, useDay } from '~/modules/decisions/components'
import { searchDecisions, wijkOptions } from '~/modules/decisions/queries.server'
import { BODIES, DECISION_LIMITS, searchFilters, THEMES } from '~/modules/decisions/validation'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = searchFilters(new URL(request.url).searchParams)
  const { page, ...rest } = filters
  const { rows, total } = await searchDecisions(rest, { limit: DECISION_LIMITS.pageSize, offset: (page - 1) * DECISION_LIMITS.pageSize })
  return json({ filters, rows, total, wijken: await wijkOptions(), pageSize: DECISION_LIMITS.pageSize })
}

function DecisionFilters() {
  const t = useT()
  const { filters, wijken } = useLoaderData<typeof loader>()
  return (
    <Form method="get" role="search" aria-label={t('decisions.search_label')}>
      <FilterSearch
        id="q"
        name="q"
        label={t('decisions.search_words')}
        hint={t('decisions.search_hint')}
        value={filters.q}
        maxLength={200}
      />
      <FilterSelect
        id="orgaan"
        name="orgaan"
        label={t('decisions.filter_body')}
        value={filters.body}
        all={t('decisions.filter_all')}
        options={BODIES.map((b) => ({ value: b, label: t(bodyLabel(b)) }))}
        narrow
      />
      <FilterSelect
        id="thema"
        name="thema"
        label={t('decisions.filter_theme')}
        value={filters.theme}
        all={t('decisions.filter_all')}
        options={THEMES.map((th) => ({ value: th, label: t(themeLabel(th)) }))}
        narrow
      />
      <FilterSelect
        id="wijk"
        name="wijk"
        label={t('decisions.filter_wijk')}
        value={filters.wijk}
        all={t('decisions.filter_all')}
        options={wijken.map((w) => ({ value: w.code, label: w.name }))}
        narrow
      />
      <FilterDate id="van" name="van" label={t('decisions.filter_from')} value={filters.from} />
      <FilterDate id="tot" name="tot" label={t('decisions.filter_to')} value={filters.to} />
      <button type="submit">{t('decisions.search_submit')}</button>
    </Form>
  )
}

function DecisionPages() {
  const t = useT()
  const { filters, total, pageSize } = useLoaderData<typeof loader>()
  const pageLink = (page: number) => {
    const params = new URLSearchParams()
    if (filters.q) params.set('q', filters.q)
    if (filters.body) params.set('orgaan', filters.body)
    if (filters.theme) params.set('thema', filters.theme)
    if (filters.wijk) params.set('wijk', filters.wijk)
    if (filters.from) params.set('van', filters.from)
    if (filters.to) params.set('tot', filters.to)
    params.set('pagina', String(page))
    return `/besluiten?${params}`
  }
  const pages = Math.ceil(total / pageSize)
  if (pages <= 1) return null
  return (
    <nav aria-label={t('decisions.pages')}>
      {filters.page > 1 ? <Link to={pageLink(filters.page - 1)}>{t('decisions.previous')}</Link> : null}{' '}
      {t('decisions.page_of', { page: filters.page, pages })}{' '}
      {filters.page < pages ? <Link to={pageLink(filters.page + 1)}>{t('decisions.next')}</Link> : null}
    </nav>
  )
}

export default function Decisions() {
  const t = useT()
  const day = useDay()
  const { rows, total } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('decisions.title')}</h1>
      <p className="lead">{t('decisions.lead')}</p>
      <p>
        <Link to="/besluiten/geheim">{t('decisions.register_link')}</Link>
      </p>
      <DecisionFilters />
      <h2 role="status">{t('decisions.results', { n: total })}</h2>
      {rows.length === 0 ? (
        <p>{t('decisions.none')}</p>
      ) : (
        <ul className="card-list" data-testid="decisions">
          {rows.map((d) => (
            <li key={d.id}>
              <h3>
                <Link to={`/besluiten/${d.id}`}>
                  <Highlighted text={d.titleHighlight} />
                </Link>
              </h3>
              <p>
                <span className="badge">{t(bodyLabel(d.body))}</span> {t(kindLabel(d.kind))} · {day(d.decidedOn)}
                {d.theme ? ` · ${t(themeLabel(d.theme))}` : ''}
                {d.areaName ? ` · ${d.areaName}` : ''}
              </p>
              <p>
                <Highlighted text={d.excerpt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <DecisionPages />
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'decisions.title')
