import { useT, type MessageKey } from '~/utils/i18n'
import { MARK_END, MARK_START } from './choices'

/*
 * What shows a proposal in a list or on its page. Kept apart from the form (components.tsx) and the
 * schemas (validation.ts), so the list page does not load react-hook-form and zod.
 */

/** Shows ts_headline output: the markers become <mark>; everything else is text, escaped by React. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(MARK_START)
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <span key={i}>{part.replaceAll(MARK_END, '')}</span>
        const [hit, rest = ''] = part.split(MARK_END)
        return (
          <span key={i}>
            <mark>{hit}</mark>
            {rest.replaceAll(MARK_END, '')}
          </span>
        )
      })}
    </>
  )
}

export function SupportProgress({ count, threshold }: { count: number; threshold: number | null }) {
  const t = useT()
  if (!threshold) return null
  const text = t('proposals.progress', { count, threshold })
  return (
    <div className="proposal-progress">
      <progress max={threshold} value={Math.min(count, threshold)} aria-label={t('proposals.progress_label')}>
        {text}
      </progress>
      <p>
        <strong>{text}</strong>
      </p>
    </div>
  )
}

export function StatusBadge({ status }: { status: string }) {
  const t = useT()
  return <span className={`badge status-${status}`}>{t(`proposals.status.${status}` as MessageKey)}</span>
}
