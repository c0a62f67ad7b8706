import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { FilterCheckbox, FilterSearch, FilterSelect } from '~/components/list-filters'
import { listAreas } from '~/modules/areas/queries.server'
import { PromiseList } from '~/modules/promises/components'
import { filterOptions, listPromises } from '~/modules/promises/queries.server'
import { LIMITS, STATUSES } from '~/modules/promises/validation'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const [wijken, options] = await Promise.all([listAreas('wijk'), filterOptions()])
  const pick = (name: string, among: readonly string[]) => among.find((v) => v === url.searchParams.get(name))
  const filters = {
    theme: pick('thema', options.themes),
    status: pick('stand', STATUSES) as (typeof STATUSES)[number] | undefined,
    holder: pick('wethouder', options.holders),
    wijk: pick(
      'wijk',
      wijken.map((w) => w.code),
    ),
    q: (url.searchParams.get('zoek') ?? '').slice(0, LIMITS.search),
    overdue: url.searchParams.get('te-laat') === 'ja',
  }
  const rows = await listPromises(filters)
  return json({
    filters: {
      ...filters,
      theme: filters.theme ?? '',
      status: filters.status ?? '',
      holder: filters.holder ?? '',
      wijk: filters.wijk ?? '',
    },
    options,
    wijken: wijken.map((w) => ({ code: w.code, name: w.name })),
    rows,
  })
}

export default function Promises() {
  const t = useT()
  const { filters, options, wijken, rows } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('promises.title')}</h1>
      <p className="lead">{t('promises.lead')}</p>
      <Form method="get" className="filters" role="search" aria-label={t('promises.filter_legend')}>
        <FilterSearch id="zoek" name="zoek" label={t('promises.search')} value={filters.q} maxLength={LIMITS.search} />
        <FilterSelect
          id="thema"
          name="thema"
          label={t('promises.theme')}
          value={filters.theme}
          all={t('promises.all')}
          options={options.themes.map((v) => ({ value: v, label: v }))}
        />
        <FilterSelect
          id="stand"
          name="stand"
          label={t('promises.status_label')}
          value={filters.status}
          all={t('promises.all')}
          options={STATUSES.map((s) => ({ value: s, label: t(`promises.status.${s}` as MessageKey) }))}
        />
        <FilterSelect
          id="wethouder"
          name="wethouder"
          label={t('promises.holder')}
          value={filters.holder}
          all={t('promises.all')}
          options={options.holders.map((v) => ({ value: v, label: v }))}
        />
        <FilterSelect
          id="wijk"
          name="wijk"
          label={t('promises.wijk')}
          value={filters.wijk}
          all={t('promises.all')}
          options={wijken.map((w) => ({ value: w.code, label: w.name }))}
        />
        <FilterCheckbox id="te-laat" name="te-laat" value="ja" label={t('promises.only_overdue')} checked={filters.overdue} />
        <button type="submit">{t('promises.show')}</button>
      </Form>
      <p role="status">{t('promises.count', { n: rows.length })}</p>
      {rows.length === 0 ? <p>{t('promises.empty')}</p> : <PromiseList promises={rows} />}
      <p>
        <a href="/api/v1/promises.csv">{t('promises.csv')}</a> · <a href="/api/v1/promises">{t('promises.open_data')}</a>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'promises.title')
