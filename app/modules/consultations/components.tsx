import { BarChart as SharedBarChart } from '~/components/charts'
import { ClientOnly } from '~/components/hydrated'
import { PointMap } from '~/components/maps'
import { useT, type MessageKey, type Params } from '~/utils/i18n'
import { useRootData } from '~/utils/root-data'
import { fieldOf, LIMITS, type QuestionView } from './validation'

export function StatusBadge({ status }: { status: string }) {
  const t = useT()
  return <span className={`badge consultation-${status}`}>{t(`consultations.status.${status}` as MessageKey)}</span>
}

type Values = Record<string, string | string[] | undefined>

const has = (v: string | string[] | undefined, x: string) => (Array.isArray(v) ? v.includes(x) : v === x)

const describedByOf = (q: QuestionView, error?: MessageKey) =>
  [q.help && `${fieldOf(q)}-help`, error && `${fieldOf(q)}-error`].filter(Boolean).join(' ') || undefined

/** The fieldset around one question: its prompt, help, hint and error message. */
function QuestionFrame({
  q,
  hint,
  error,
  errorParams,
  children,
}: {
  q: QuestionView
  hint: string | null
  error?: MessageKey
  errorParams?: Params
  children: React.ReactNode
}) {
  const t = useT()
  const name = fieldOf(q)
  return (
    <fieldset
      className={`question question-${q.kind}`}
      id={`vraag-${q.id}`}
      aria-describedby={describedByOf(q, error)}
      data-testid={`question-${q.kind}`}
    >
      <legend>
        {q.prompt} <span className="hint">{q.required ? t('consultations.required') : t('consultations.optional')}</span>
      </legend>
      {q.help || hint ? (
        <p className="hint" id={`${name}-help`}>
          {[q.help, hint].filter(Boolean).join(' ')}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${name}-error`}>
          <span className="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error, errorParams)}
        </p>
      ) : null}
      {children}
    </fieldset>
  )
}

type Current = Values[string]

function Choices({ type, name, options, current }: { type: 'radio' | 'checkbox'; name: string; options: string[]; current: Current }) {
  return options.map((o, i) => (
    <div key={o} className="choice">
      <input type={type} id={`${name}-${i}`} name={name} value={String(i)} defaultChecked={has(current, String(i))} />{' '}
      <label htmlFor={`${name}-${i}`}>{o}</label>
    </div>
  ))
}

function Scale({ q, current }: { q: QuestionView; current: Current }) {
  const t = useT()
  const name = fieldOf(q)
  const points = ['1', '2', '3', '4', '5', ...(q.config.allowDontKnow ? ['dont_know'] : [])]
  return (
    <div className="scale">
      {points.map((p) => (
        <span key={p} className="choice" style={{ marginRight: '1rem' }}>
          <input type="radio" id={`${name}-${p}`} name={name} value={p} defaultChecked={has(current, p)} />{' '}
          <label htmlFor={`${name}-${p}`}>
            {p === 'dont_know'
              ? t('consultations.dont_know')
              : p === '1'
                ? `1 (${q.config.lowLabel ?? ''})`
                : p === '5'
                  ? `5 (${q.config.highLabel ?? ''})`
                  : p}
          </label>
        </span>
      ))}
    </div>
  )
}

function Ranking({ name, options, current }: { name: string; options: string[]; current: Current }) {
  const t = useT()
  const chosen = Array.isArray(current) ? current : current ? [current] : []
  return options.map((_, position) => (
    <div key={position} className="field narrow">
      <label htmlFor={`${name}-rank-${position}`}>{t('consultations.rank_position', { n: position + 1 })}</label>
      <select id={`${name}-rank-${position}`} name={name} defaultValue={chosen[position] ?? ''}>
        <option value="">{t('consultations.choose')}</option>
        {options.map((o, i) => (
          <option key={o} value={String(i)}>
            {o}
          </option>
        ))}
      </select>
    </div>
  ))
}

function OpenText({ q, current, error }: { q: QuestionView; current: Current; error?: MessageKey }) {
  const name = fieldOf(q)
  return (
    <>
      <label htmlFor={`${name}-text`} className="visually-hidden">
        {q.prompt}
      </label>
      <textarea
        id={`${name}-text`}
        name={name}
        rows={5}
        defaultValue={typeof current === 'string' ? current : ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(q, error)}
      />
    </>
  )
}

function MapPoint({ name, values }: { name: string; values: Values }) {
  const t = useT()
  const root = useRootData()
  const lat = values[`${name}_lat`]
  const lon = values[`${name}_lon`]
  const initial = typeof lat === 'string' && typeof lon === 'string' && lat && lon ? { lat: Number(lat), lon: Number(lon) } : null
  const text = (k: string) => (typeof values[`${name}_${k}`] === 'string' ? (values[`${name}_${k}`] as string) : '')
  return (
    <>
      {root ? (
        <ClientOnly fallback={initial ? <p>{t('consultations.map_current', { lat: initial.lat, lon: initial.lon })}</p> : null}>
          {() => (
            <PointMap
              name={name}
              initial={initial}
              tileUrl={root.map.tileUrl}
              attribution={root.map.attribution}
              label={t('consultations.map_label')}
              chosenText={(la, lo) => t('consultations.map_chosen', { lat: la, lon: lo })}
              clearText={t('consultations.map_clear')}
            />
          )}
        </ClientOnly>
      ) : null}
      <div className="field narrow">
        <label htmlFor={`${name}-postcode`}>{t('consultations.postcode')}</label>
        <input id={`${name}-postcode`} name={`${name}_postcode`} maxLength={10} autoComplete="off" defaultValue={text('postcode')} />
      </div>
      <div className="field narrow">
        <label htmlFor={`${name}-number`}>{t('consultations.house_number')}</label>
        <input id={`${name}-number`} name={`${name}_number`} maxLength={6} inputMode="numeric" defaultValue={text('number')} />
      </div>
      <div className="field narrow">
        <label htmlFor={`${name}-addition`}>{t('consultations.addition')}</label>
        <input id={`${name}-addition`} name={`${name}_addition`} maxLength={10} defaultValue={text('addition')} />
      </div>
    </>
  )
}

/** One question of the answer form: plain HTML controls, so it works without JavaScript. */
export function QuestionInput({
  q,
  values,
  error,
  errorParams,
}: {
  q: QuestionView
  values: Values
  error?: MessageKey
  errorParams?: Params
}) {
  const t = useT()
  const name = fieldOf(q)
  const options = q.config.options ?? []
  const current = values[name]
  const frame = (hint: string | null, body: React.ReactNode) => (
    <QuestionFrame q={q} hint={hint} error={error} errorParams={errorParams}>
      {body}
    </QuestionFrame>
  )
  switch (q.kind) {
    case 'single':
      return frame(null, <Choices type="radio" name={name} options={options} current={current} />)
    case 'multiple':
      return frame(
        t('consultations.choices_hint', { min: q.config.minChoices ?? 0, max: q.config.maxChoices ?? options.length }),
        <Choices type="checkbox" name={name} options={options} current={current} />,
      )
    case 'scale':
      return frame(`1 = ${q.config.lowLabel ?? ''}, 5 = ${q.config.highLabel ?? ''}`, <Scale q={q} current={current} />)
    case 'ranking':
      return frame(t('consultations.rank_hint'), <Ranking name={name} options={options} current={current} />)
    case 'open':
      return frame(
        t('consultations.open_hint', { max: q.config.maxLength ?? LIMITS.openDefault }),
        <OpenText q={q} current={current} error={error} />,
      )
    case 'map_point':
      return frame(t('consultations.map_hint'), <MapPoint name={name} values={values} />)
  }
}

/** The consultation results' bar chart: the shared one (app/components/charts.tsx) with this module's label. */
export function BarChart({
  id,
  title,
  rows,
  valueLabel,
}: {
  id: string
  title: string
  rows: { label: string; count: number; share: number }[]
  valueLabel: (r: { count: number; share: number }) => string
}) {
  const t = useT()
  return (
    <SharedBarChart
      id={id}
      label={t('consultations.chart_label', { title })}
      rows={rows.map((r) => ({ label: r.label, value: r.share, text: valueLabel(r) }))}
      scaleMax={Math.max(1, ...rows.map((r) => r.share))}
    />
  )
}

export const percent = (share: number) => `${Math.round(share * 100)}%`
