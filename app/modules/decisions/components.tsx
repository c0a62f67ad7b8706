import { Link } from '@remix-run/react'
import { formatDate } from '~/utils/time'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'

const START = '\u0002'
const END = '\u0003'

/** Text with the search words between the markers of queries.server.ts shown as <mark> — never as HTML. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(START)
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <span key={i}>{part.replaceAll(END, '')}</span>
        const [marked, rest = ''] = part.split(END)
        return (
          <span key={i}>
            <mark>{marked}</mark>
            {rest}
          </span>
        )
      })}
    </>
  )
}

export function useDay() {
  const locale = useLocale()
  return (iso: string | Date | null | undefined) => (iso ? formatDate(iso, locale) : '')
}

export const bodyLabel = (body: string) => `decisions.body.${body}` as MessageKey
export const kindLabel = (kind: string) => `decisions.kind.${kind}` as MessageKey
export const themeLabel = (theme: string) => `decisions.theme.${theme}` as MessageKey
export const groundLabel = (ground: string) => `decisions.ground.${ground}` as MessageKey

export interface HistoryLine {
  kind: string
  at: string
  ground: string | null
  until: string | null
  relatedDecisionId: number | null
  note: string | null
}

/** The public history: recorded, secrecy imposed, prolonged (by which decision), released. */
export function DecisionHistory({ history }: { history: HistoryLine[] }) {
  const t = useT()
  const day = useDay()
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('decisions.history_title')}</h2>
      <ol data-testid="history">
        {history.map((h, i) => (
          <li key={i}>
            <strong>{day(h.at)}</strong>: {t(`decisions.history.${h.kind}` as MessageKey)}
            {h.ground ? ` — ${t(groundLabel(h.ground))}` : null}
            {h.until && h.kind !== 'released' ? ` — ${t('decisions.history_until', { date: day(h.until) })}` : null}
            {h.relatedDecisionId ? (
              <>
                {' '}
                (<Link to={`/besluiten/${h.relatedDecisionId}`}>{t('decisions.history_by_decision', { id: h.relatedDecisionId })}</Link>)
              </>
            ) : null}
            {h.kind === 'released' && h.until && h.ground ? (
              <p>{t('decisions.history_released_note', { date: day(h.until), ground: t(groundLabel(h.ground)) })}</p>
            ) : h.note ? (
              <p>{h.note}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
