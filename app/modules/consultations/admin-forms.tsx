import { useId, type ReactNode } from 'react'
import { Field, FormError, StemFormElement, SubmitButton, useStemForm, type StemForm } from '~/components/forms'
import type { Polygon } from 'geojson'
import { DrawArea } from '~/components/maps'
import { ClientOnly } from '~/components/hydrated'
import { useT, type MessageKey } from '~/utils/i18n'
import { useRootData } from '~/utils/root-data'
import { detailsSchema, KINDS, LIMITS, QUESTION_KINDS, questionSchema } from './validation'

/** A form whose fields fall back to stored values (editing), after what the person just typed. */
export function withDefaults(form: StemForm, defaults: Record<string, string | undefined>): StemForm {
  return { ...form, valueOf: (name: string) => form.valueOf(name) ?? defaults[name] }
}

function Frame({
  form,
  name,
  label,
  hint,
  children,
}: {
  form: StemForm
  name: string
  label: MessageKey
  hint?: MessageKey
  children: (control: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode
}) {
  const t = useT()
  const id = useId()
  const error = form.errorFor(name)
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {t(hint)}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          <span className="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error, form.paramsFor(name))}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  )
}

export function Select({
  form,
  name,
  label,
  hint,
  options,
  multiple,
  defaultValue,
}: {
  form: StemForm
  name: string
  label: MessageKey
  hint?: MessageKey
  options: { value: string; label: string; group?: string }[]
  multiple?: boolean
  defaultValue?: string | string[]
}) {
  const typed = form.valueOf(name)
  const groups = [...new Set(options.map((o) => o.group ?? ''))]
  const render = (list: typeof options) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ))
  return (
    <Frame form={form} name={name} label={label} hint={hint}>
      {(control) => (
        <select
          multiple={multiple}
          size={multiple ? 10 : undefined}
          defaultValue={typed ?? defaultValue ?? (multiple ? [] : undefined)}
          {...control}
          {...form.register(name)}
        >
          {groups.length > 1 || groups[0]
            ? groups.map((g) => (
                <optgroup key={g} label={g}>
                  {render(options.filter((o) => (o.group ?? '') === g))}
                </optgroup>
              ))
            : render(options)}
        </select>
      )}
    </Frame>
  )
}

export function TextArea({
  form,
  name,
  label,
  hint,
  maxLength,
  defaultValue,
  rows = 5,
}: {
  form: StemForm
  name: string
  label: MessageKey
  hint?: MessageKey
  maxLength: number
  defaultValue?: string
  rows?: number
}) {
  return (
    <Frame form={form} name={name} label={label} hint={hint}>
      {(control) => (
        <textarea
          rows={rows}
          maxLength={maxLength}
          defaultValue={form.valueOf(name) ?? defaultValue}
          {...control}
          {...form.register(name)}
        />
      )}
    </Frame>
  )
}

export function Checkbox({
  form,
  name,
  label,
  defaultChecked,
}: {
  form: StemForm
  name: string
  label: MessageKey
  defaultChecked?: boolean
}) {
  const t = useT()
  const id = useId()
  const typed = form.valueOf(name)
  return (
    <div className="field">
      <input type="checkbox" id={id} defaultChecked={typed !== undefined ? typed === 'on' : defaultChecked} {...form.register(name)} />{' '}
      <label htmlFor={id} style={{ display: 'inline' }}>
        {t(label)}
      </label>
    </div>
  )
}

export interface AreaOption {
  code: string
  name: string
  kind: 'wijk' | 'buurt'
  wijk: string
}

export interface DetailsDefaults {
  title?: string
  intro?: string
  kind?: string
  goals?: string
  areaScope?: string
  areaCodes?: string[]
  eligibility?: string
  minimumAge?: string
  opensAt?: string
  closesAt?: string
  results?: string
  /** GeoJSON text of a drawn area. */
  areaGeometry?: string
}

function parsePolygon(text: string): Polygon | null {
  try {
    const v = JSON.parse(text) as Polygon
    return v?.type === 'Polygon' ? v : null
  } catch {
    return null
  }
}

/**
 * A polygon drawn on the map, as an extra: without JavaScript the wijk and buurt lists do the job, and an
 * area drawn earlier is kept (a hidden field). The server checks the shape either way.
 */
function DrawnArea({ form, initial }: { form: StemForm; initial: string }) {
  const t = useT()
  const root = useRootData()
  const error = form.errorFor('areaGeometry')
  return (
    <fieldset className="field" aria-describedby="area-draw-hint">
      <legend>{t('consultations.field.area_draw')}</legend>
      <p className="hint" id="area-draw-hint">
        {t('consultations.field.area_draw_hint')}
      </p>
      {error ? (
        <p className="error" id="area-draw-error">
          <span className="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error, form.paramsFor('areaGeometry'))}
        </p>
      ) : null}
      <ClientOnly
        fallback={
          <>
            <p>{t(initial ? 'consultations.field.area_drawn_kept' : 'consultations.field.area_draw_nojs')}</p>
            <input type="hidden" name="areaGeometry" value={initial} />
          </>
        }
      >
        {() =>
          root ? (
            <DrawArea
              name="areaGeometry"
              initial={parsePolygon(initial)}
              tileUrl={root.map.tileUrl}
              attribution={root.map.attribution}
              label={t('consultations.field.area_draw')}
            />
          ) : null
        }
      </ClientOnly>
    </fieldset>
  )
}

/** Which area the consultation is for: the whole city, wijken or buurten from the list, or a drawn shape. */
function AreaFields({
  form,
  areas,
  defaults,
  cityAllowed,
}: {
  form: StemForm
  areas: AreaOption[]
  defaults: DetailsDefaults
  cityAllowed: boolean
}) {
  const t = useT()
  return (
    <>
      <Select
        form={form}
        name="areaScope"
        label="consultations.field.area_scope"
        defaultValue={defaults.areaScope ?? (cityAllowed ? 'city' : 'wijken')}
        options={[
          ...(cityAllowed ? [{ value: 'city', label: t('consultations.field.area_scope_city') }] : []),
          { value: 'wijken', label: t('consultations.field.area_scope_wijken') },
          { value: 'buurten', label: t('consultations.field.area_scope_buurten') },
          { value: 'drawn', label: t('consultations.field.area_scope_drawn') },
        ]}
      />
      <Select
        form={form}
        name="areaCodes"
        label="consultations.field.areas"
        hint="consultations.field.areas_hint"
        multiple
        defaultValue={defaults.areaCodes ?? []}
        options={areas.map((a) => ({ value: a.code, label: a.kind === 'wijk' ? `${a.name} (wijk)` : a.name, group: a.wijk }))}
      />
      <DrawnArea form={form} initial={form.valueOf('areaGeometry') ?? defaults.areaGeometry ?? ''} />
    </>
  )
}

/** Who may take part, from what age, when it opens and closes, and when results show. */
function TakingPartFields({ form, defaults }: { form: StemForm; defaults: DetailsDefaults }) {
  const t = useT()
  return (
    <>
      <Select
        form={form}
        name="eligibility"
        label="consultations.field.eligibility"
        defaultValue={defaults.eligibility ?? 'verified_area'}
        options={[
          { value: 'everyone', label: t('consultations.eligibility.everyone') },
          { value: 'verified_area', label: t('consultations.eligibility.verified_area') },
        ]}
      />
      <Field
        form={form}
        name="minimumAge"
        label="consultations.field.minimum_age"
        inputMode="numeric"
        maxLength={3}
        narrow
        defaultValue={defaults.minimumAge ?? ''}
      />
      <Field form={form} name="opensAt" type="datetime-local" label="consultations.field.opens_at" defaultValue={defaults.opensAt ?? ''} />
      <Field
        form={form}
        name="closesAt"
        type="datetime-local"
        label="consultations.field.closes_at"
        defaultValue={defaults.closesAt ?? ''}
      />
      <Select
        form={form}
        name="results"
        label="consultations.field.results"
        defaultValue={defaults.results ?? 'after_close'}
        options={[
          { value: 'after_close', label: t('consultations.field.results_after_close') },
          { value: 'live', label: t('consultations.field.results_live') },
        ]}
      />
    </>
  )
}

/** Title, introduction, kind, area (from a list, no map needed; or drawn), eligibility, dates, results. */
export function DetailsForm({
  areas,
  defaults = {},
  intent,
  submitLabel,
  cityAllowed,
  kindFixed,
  formError = true,
}: {
  areas: AreaOption[]
  defaults?: DetailsDefaults
  intent: string
  submitLabel: MessageKey
  cityAllowed: boolean
  kindFixed?: boolean
  /** Off where several forms share a page and the page shows form-level errors itself. */
  formError?: boolean
}) {
  const t = useT()
  const form = useStemForm(detailsSchema)
  return (
    <StemFormElement form={form}>
      {formError ? <FormError form={form} /> : null}
      <Field form={form} name="title" label="consultations.field.title" maxLength={LIMITS.title} required defaultValue={defaults.title} />
      <TextArea
        form={form}
        name="intro"
        label="consultations.field.intro"
        hint="consultations.field.intro_hint"
        maxLength={LIMITS.intro}
        defaultValue={defaults.intro}
      />
      {kindFixed ? (
        <input type="hidden" value={defaults.kind} {...form.register('kind')} />
      ) : (
        <Select
          form={form}
          name="kind"
          label="consultations.field.kind"
          defaultValue={defaults.kind ?? 'consultation'}
          options={KINDS.map((k) => ({ value: k, label: t(`consultations.kind.${k}` as MessageKey) }))}
        />
      )}
      <TextArea
        form={form}
        name="goals"
        label="consultations.field.goals"
        hint="consultations.field.goals_hint"
        maxLength={LIMITS.goals * (LIMITS.goal + 2)}
        defaultValue={defaults.goals}
        rows={4}
      />
      <AreaFields form={form} areas={areas} defaults={defaults} cityAllowed={cityAllowed} />
      <TakingPartFields form={form} defaults={defaults} />
      <SubmitButton form={form} label={submitLabel} name="intent" value={intent} />
    </StemFormElement>
  )
}

/** The question builder: one question per post, so it works without JavaScript. */
export function QuestionForm() {
  const t = useT()
  const form = useStemForm(questionSchema)
  return (
    <StemFormElement form={form}>
      <Select
        form={form}
        name="questionKind"
        label="consultations.question.kind"
        defaultValue="single"
        options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`consultations.qkind.${k}` as MessageKey) }))}
      />
      <Field form={form} name="prompt" label="consultations.question.prompt" maxLength={LIMITS.prompt} required />
      <Field form={form} name="help" label="consultations.question.help" maxLength={LIMITS.help} />
      <Checkbox form={form} name="required" label="consultations.question.required" />
      <TextArea
        form={form}
        name="options"
        label="consultations.question.options"
        hint="consultations.question.options_hint"
        maxLength={LIMITS.options * (LIMITS.option + 2)}
        rows={4}
      />
      <Field form={form} name="minChoices" label="consultations.question.min_choices" inputMode="numeric" maxLength={2} narrow />
      <Field form={form} name="maxChoices" label="consultations.question.max_choices" inputMode="numeric" maxLength={2} narrow />
      <Field form={form} name="lowLabel" label="consultations.question.low_label" maxLength={40} />
      <Field form={form} name="highLabel" label="consultations.question.high_label" maxLength={40} />
      <Checkbox form={form} name="allowDontKnow" label="consultations.question.allow_dont_know" />
      <Field form={form} name="maxLength" label="consultations.question.max_length" inputMode="numeric" maxLength={4} narrow />
      <SubmitButton form={form} label="consultations.question_add" name="intent" value="question_add" />
    </StemFormElement>
  )
}
