import { useId } from 'react'
import type { StemForm } from '~/components/forms'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { formatDay } from './deadline'
import { formatInstant } from '~/utils/time'

/** Radio buttons or check boxes in a fieldset, with the error under the legend (works without JavaScript). */
export function ChoiceGroup({
  form,
  name,
  legend,
  type,
  options,
  defaultValue,
}: {
  form: StemForm
  name: string
  legend: MessageKey
  type: 'radio' | 'checkbox'
  options: { value: string; label: string }[]
  defaultValue?: string | string[]
}) {
  const t = useT()
  const id = useId()
  const error = form.errorFor(name)
  // After refused input, exactly what was ticked (every box of the group); otherwise the saved choice.
  const chosen = form.failed ? form.valuesOf(name) : Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []
  return (
    <fieldset className="field" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t(legend)}</legend>
      {error ? (
        <p className="error" id={`${id}-error`}>
          <span className="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error, form.paramsFor(name))}
        </p>
      ) : null}
      {options.map((o) => (
        <div key={o.value} className="choice">
          <input
            type={type}
            id={`${id}-${o.value}`}
            value={o.value}
            defaultChecked={chosen.includes(o.value)}
            aria-invalid={error ? true : undefined}
            {...form.register(name)}
          />{' '}
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  )
}

export function Deadline({ deadline }: { deadline: string | null }) {
  const t = useT()
  if (!deadline) return <>{t('alerts.no_deadline')}</>
  return (
    <>
      {t('alerts.deadline')} <time dateTime={deadline}>{formatDay(deadline)}</time>
    </>
  )
}

/** The server-rendered SVG map, trusted: it is built by map.server.ts from numbers only. */
export function SvgMap({ svg }: { svg: string }) {
  if (!svg) return null
  return <div className="svg-map" dangerouslySetInnerHTML={{ __html: svg }} />
}

type Handoff =
  | { state: 'off' }
  | { state: 'delivered'; at: string }
  | { state: 'waiting'; attempts: number; lastError: string | null; nextAt: string }
  | { state: 'failed'; attempts: number; lastError: string | null }

/** Where a reaction is: received, in behandeling, beantwoord, niet-ontvankelijk. */
export function ReactionStatusBadge({ status }: { status: string }) {
  const t = useT()
  return (
    <span className="badge" data-status={status}>
      {t(`alerts.reaction_status.${status}` as MessageKey)}
    </span>
  )
}

/** The hand-over to the case system, as staff see it. */
export function HandoffBadge({ handoff }: { handoff: Handoff }) {
  const t = useT()
  const locale = useLocale()
  const when = (iso: string) => formatInstant(iso, locale, 'datetime')
  if (handoff.state === 'off') return <>{t('alerts.handoff_off')}</>
  if (handoff.state === 'delivered') return <>{t('alerts.handoff_delivered', { at: when(handoff.at) })}</>
  if (handoff.state === 'failed') return <>{t('alerts.handoff_failed', { n: handoff.attempts, error: handoff.lastError ?? '' })}</>
  return (
    <>
      {t(handoff.attempts ? 'alerts.handoff_retrying' : 'alerts.handoff_waiting', {
        n: handoff.attempts,
        at: when(handoff.nextAt),
        error: handoff.lastError ?? '',
      })}
    </>
  )
}
