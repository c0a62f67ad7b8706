import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { formatDate } from '~/modules/participation/declaration'
import { euro } from './rules'

export interface ResultRow {
  id: number
  title: string
  cost: number
  votes: number
  score: number
  selected: boolean
  reason: string
}

/** Server-rendered bar chart of the votes per project; the table below it carries the same figures. */
export function ResultChart({ rows, scoreLabel }: { rows: ResultRow[]; scoreLabel: MessageKey }) {
  const t = useT()
  const max = Math.max(1, ...rows.map((r) => r.score))
  const barHeight = 28
  const labelWidth = 260
  const chartWidth = 360
  const height = rows.length * (barHeight + 8) + 8
  return (
    <figure className="budget-chart">
      <svg
        role="img"
        aria-labelledby="budget-chart-title budget-chart-desc"
        viewBox={`0 0 ${labelWidth + chartWidth + 120} ${height}`}
        width="100%"
        style={{ maxWidth: 760 }}
      >
        <title id="budget-chart-title">{t('budgets.chart_title')}</title>
        <desc id="budget-chart-desc">{t('budgets.chart_desc')}</desc>
        {rows.map((r, i) => {
          const y = 8 + i * (barHeight + 8)
          const w = Math.max(2, (r.score / max) * chartWidth)
          return (
            <g key={r.id}>
              <text x={labelWidth - 8} y={y + barHeight / 2 + 5} textAnchor="end" fontSize="14" fill="#1a1a1a">
                {r.title.length > 34 ? `${r.title.slice(0, 33)}…` : r.title}
              </text>
              <rect
                x={labelWidth}
                y={y}
                width={w}
                height={barHeight}
                fill={r.selected ? '#006b3c' : '#ffffff'}
                stroke={r.selected ? '#006b3c' : '#4a4a4a'}
                strokeWidth="2"
                strokeDasharray={r.selected ? undefined : '4 3'}
              />
              <text x={labelWidth + w + 8} y={y + barHeight / 2 + 5} fontSize="14" fill="#1a1a1a">
                {r.score} {r.selected ? '✓' : ''}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption>
        {t('budgets.chart_legend')} {t(scoreLabel)}
      </figcaption>
    </figure>
  )
}

export function ResultTable({ rows, scoreLabel }: { rows: ResultRow[]; scoreLabel: MessageKey }) {
  const t = useT()
  return (
    <table className="budget-result">
      <caption>{t('budgets.table_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('budgets.project')}</th>
          <th scope="col">{t(scoreLabel)}</th>
          <th scope="col">{t('budgets.cost')}</th>
          <th scope="col">{t('budgets.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-selected={r.selected ? 'yes' : 'no'}>
            <th scope="row">{r.title}</th>
            <td>{r.score}</td>
            <td>{euro(r.cost)}</td>
            <td>{t(`budgets.reason.${r.reason}` as MessageKey)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function PhaseList({
  phases,
  current,
}: {
  phases: { phase: string; startsOn: string | null; endsOn: string | null }[]
  current: string
}) {
  const t = useT()
  const locale = useLocale()
  return (
    <ol className="budget-phases">
      {phases.map((p) => (
        <li key={p.phase} aria-current={p.phase === current ? 'step' : undefined}>
          <strong>{t(`budgets.phase.${p.phase}` as MessageKey)}</strong>
          {p.phase === current ? ` (${t('budgets.phase_now')})` : ''}
          {p.startsOn ? ` — ${formatDate(p.startsOn, locale)}` : ''}
          {p.endsOn ? ` ${t('budgets.until')} ${formatDate(p.endsOn, locale)}` : ''}
        </li>
      ))}
    </ol>
  )
}
