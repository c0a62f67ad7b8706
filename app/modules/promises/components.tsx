import { Link } from '@remix-run/react'
import { BarChart } from '~/components/charts'
import { formatDate } from '~/utils/time'
import { useLocale, useT, type Locale, type MessageKey } from '~/utils/i18n'
import { WijkMap, type WijkShape } from './wijk-map'

export function PromiseStatusBadge({ status }: { status: string }) {
  const t = useT()
  return <span className={`badge promise-${status}`}>{t(`promises.status.${status}` as MessageKey)}</span>
}

export function OverdueBadge() {
  const t = useT()
  return <span className="badge overdue">{t('promises.overdue')}</span>
}

const number = (v: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format(v)

export interface SeriesPoint {
  period: string
  wijkCode: string
  value: number
}

export interface IndicatorView {
  id: number
  name: string
  definition: string
  unit: string
  source: string
  baselineValue: number | null
  baselinePeriod: string | null
  targetValue: number | null
  targetOn: string | null
  series: SeriesPoint[]
}

/** A period as people read it: 2025, or "2025 K3" in Dutch. */
function periodLabel(period: string, locale: Locale) {
  return locale === 'nl' ? period.replace('-Q', ' K') : period.replace('-Q', ' Q')
}

function SeriesTable({ caption, unit, points }: { caption: string; unit: string; points: SeriesPoint[] }) {
  const t = useT()
  const locale = useLocale()
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('promises.table_period')}</th>
          <th scope="col">{t('promises.table_value', { unit })}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.period}>
            <th scope="row">{periodLabel(p.period, locale)}</th>
            <td>{number(p.value, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * One indicator: what it measures, baseline and target, the city's series as an SVG chart with the same
 * figures in a table, and a table per wijk where the data has wijken. Works without JavaScript.
 */
export function Indicator({
  indicator,
  wijkNames,
  shapes = [],
}: {
  indicator: IndicatorView
  wijkNames: Record<string, string>
  /** The wijken's outlines, for the map of the latest period with wijk figures (none: tables only). */
  shapes?: WijkShape[]
}) {
  const t = useT()
  const locale = useLocale()
  const city = indicator.series.filter((p) => !p.wijkCode)
  const wijken = [...new Set(indicator.series.filter((p) => p.wijkCode).map((p) => p.wijkCode))]
  const latest = indicator.series
    .filter((p) => p.wijkCode)
    .reduce<SeriesPoint | null>((last, p) => (!last || p.period > last.period ? p : last), null)?.period
  const withUnit = (v: number) => `${number(v, locale)} ${indicator.unit}`
  const target =
    indicator.targetValue === null
      ? null
      : indicator.targetOn
        ? t('promises.target', { value: withUnit(indicator.targetValue), date: formatDate(indicator.targetOn, locale) })
        : t('promises.target_no_date', { value: withUnit(indicator.targetValue) })
  return (
    <section aria-labelledby={`indicator-${indicator.id}`} className="indicator" data-testid="indicator">
      <h3 id={`indicator-${indicator.id}`}>{indicator.name}</h3>
      <p>{indicator.definition}</p>
      <ul>
        <li>{t('promises.indicator_unit', { unit: indicator.unit })}</li>
        <li>{t('promises.indicator_source', { source: indicator.source })}</li>
        {indicator.baselineValue !== null ? (
          <li>{t('promises.baseline', { value: withUnit(indicator.baselineValue), period: indicator.baselinePeriod ?? '' })}</li>
        ) : null}
        {target ? <li>{target}</li> : null}
      </ul>
      {indicator.series.length === 0 ? <p>{t('promises.no_data')}</p> : null}
      {city.length > 0 ? (
        <>
          <BarChart
            id={`chart-${indicator.id}`}
            label={t('promises.chart_label', { title: indicator.name })}
            rows={city.map((p) => ({ label: periodLabel(p.period, locale), value: p.value, text: withUnit(p.value) }))}
            reference={indicator.targetValue !== null && target ? { value: indicator.targetValue, text: target } : undefined}
          />
          <SeriesTable caption={`${indicator.name} — ${t('promises.whole_city')}`} unit={indicator.unit} points={city} />
        </>
      ) : null}
      {wijken.length > 0 ? (
        <>
          <h4>{t('promises.per_wijk')}</h4>
          {latest && shapes.length ? (
            <WijkMap
              id={`map-${indicator.id}`}
              label={t('promises.map_label', { title: indicator.name, period: periodLabel(latest, locale) })}
              shapes={shapes}
              values={Object.fromEntries(
                indicator.series.filter((p) => p.wijkCode && p.period === latest).map((p) => [p.wijkCode, p.value]),
              )}
              unit={indicator.unit}
            />
          ) : null}
          {wijken.map((code) => (
            <SeriesTable
              key={code}
              caption={`${indicator.name} — ${wijkNames[code] ?? code}`}
              unit={indicator.unit}
              points={indicator.series.filter((p) => p.wijkCode === code)}
            />
          ))}
        </>
      ) : null}
    </section>
  )
}

export interface HistoryView {
  id: number
  fromStatus: string | null
  status: string
  explanation: string
  createdAt: string
}

export function PromiseHistory({ history }: { history: HistoryView[] }) {
  const t = useT()
  const locale = useLocale()
  const status = (s: string) => t(`promises.status.${s}` as MessageKey)
  return (
    <ol className="promise-history" data-testid="history">
      {history.map((h) => (
        <li key={h.id}>
          <strong>{formatDate(h.createdAt, locale)}</strong>
          {' — '}
          {h.fromStatus === null
            ? t('promises.history_recorded')
            : h.fromStatus === h.status
              ? t('promises.history_update', { status: status(h.status) })
              : t('promises.history_change', { from: status(h.fromStatus), to: status(h.status) })}
          {h.explanation ? <p style={{ whiteSpace: 'pre-wrap' }}>{h.explanation}</p> : null}
        </li>
      ))}
    </ol>
  )
}

export interface PromiseCardView {
  id: number
  title: string
  status: string
  theme: string
  portfolioHolder: string
  nextUpdateBy: string
  overdue: boolean
}

export function PromiseList({ promises }: { promises: PromiseCardView[] }) {
  const t = useT()
  const locale = useLocale()
  return (
    <ul className="card-list">
      {promises.map((p) => (
        <li key={p.id} data-testid="promise">
          <h3 style={{ marginTop: 0 }}>
            <Link to={`/beloften/${p.id}`}>{p.title}</Link>
          </h3>
          <p>
            <PromiseStatusBadge status={p.status} /> {p.overdue ? <OverdueBadge /> : null}
          </p>
          <p className="hint">
            {p.theme} · {p.portfolioHolder}
          </p>
          {p.status !== 'done' && p.status !== 'dropped' ? (
            <p className="hint">{t('promises.next_update', { date: formatDate(p.nextUpdateBy, locale) })}</p>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/**
 * "Deze belofte wordt hiermee uitgevoerd": on the page of an item that serves promises. The item's loader
 * gets the promises with `promisesServedBy(kind, id)` (queries.server.ts); nothing shows when there are none.
 */
export function ServedPromises({ promises }: { promises: { id: number; title: string; status: string }[] }) {
  const t = useT()
  if (!promises.length) return null
  return (
    <aside className="notice" aria-labelledby="served-promises" data-testid="served-promises">
      <h2 id="served-promises" style={{ marginTop: 0 }}>
        {t('promises.served_title')}
      </h2>
      <p>{t('promises.served_intro')}</p>
      <ul>
        {promises.map((p) => (
          <li key={p.id}>
            <Link to={`/beloften/${p.id}`}>{p.title}</Link> <PromiseStatusBadge status={p.status} />
          </li>
        ))}
      </ul>
    </aside>
  )
}

/** "Beloften voor deze wijk", on the wijk's page (/wijken/$code). */
export function WijkPromises({ promises }: { promises: PromiseCardView[] }) {
  const t = useT()
  return (
    <section aria-labelledby="wijk-promises" data-testid="wijk-promises">
      <h2 id="wijk-promises">{t('promises.wijk_title')}</h2>
      {promises.length ? <PromiseList promises={promises} /> : <p>{t('promises.wijk_none')}</p>}
    </section>
  )
}
