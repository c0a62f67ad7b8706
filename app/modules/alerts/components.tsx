import { useId } from 'react'
import type { StemForm } from '~/components/forms'
import { useT, type MessageKey } from '~/utils/i18n'
import { formatDay } from './deadline'

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
