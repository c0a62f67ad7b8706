import { Field, FormError, SelectField, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { useT, type MessageKey } from '~/utils/i18n'
import { indicatorSchema, LIMITS, linkSchema, promiseSchema, RHYTHMS, STATUSES, updateSchema, type SourceKind } from './validation'

/** The staff forms of the beloftemeter: plain HTML forms that also check in the browser. */

export function PromiseForm({ sources, wijken }: { sources: SourceKind[]; wijken: { code: string; name: string }[] }) {
  const t = useT()
  const form = useStemForm(promiseSchema)
  const chosen = form.valuesOf('areaCodes')
  const areaError = form.errorFor('areaCodes')
  return (
    <StemFormElement form={form} aria-labelledby="new-promise">
      <input type="hidden" name="intent" value="create" />
      <FormError form={form} />
      <Field form={form} name="title" label="promises.field.title" maxLength={LIMITS.title} required />
      <TextAreaField form={form} name="body" label="promises.field.body" maxLength={LIMITS.body} required />
      <SelectField
        form={form}
        name="sourceKind"
        label="promises.field.source_kind"
        options={[
          { value: '', label: t('promises.choose') },
          ...sources.map((s) => ({ value: s, label: t(`promises.source_kind.${s}` as MessageKey) })),
        ]}
      />
      <Field
        form={form}
        name="sourceDocument"
        label="promises.field.source_document"
        hint="promises.field.source_document_hint"
        maxLength={LIMITS.document}
        required
      />
      <Field form={form} name="sourceChapter" label="promises.field.source_chapter" maxLength={LIMITS.chapter} />
      <Field form={form} name="sourcePage" label="promises.field.source_page" inputMode="numeric" narrow />
      <Field form={form} name="sourceUrl" label="promises.field.source_url" type="url" maxLength={LIMITS.url} />
      <Field form={form} name="theme" label="promises.field.theme" maxLength={LIMITS.theme} required />
      <Field form={form} name="portfolioHolder" label="promises.field.holder" maxLength={LIMITS.holder} required />
      <fieldset aria-describedby={areaError ? 'areas-error' : undefined}>
        <legend>{t('promises.field.areas')}</legend>
        {areaError ? (
          <p className="error" id="areas-error">
            <span className="visually-hidden">{t('forms.error_prefix')} </span>
            {t(areaError)}
          </p>
        ) : null}
        {wijken.map((w) => (
          <div key={w.code} className="choice">
            <input type="checkbox" id={`area-${w.code}`} name="areaCodes" value={w.code} defaultChecked={chosen.includes(w.code)} />{' '}
            <label htmlFor={`area-${w.code}`}>{w.name}</label>
          </div>
        ))}
      </fieldset>
      <Field form={form} name="dueOn" label="promises.field.due_on" type="date" narrow />
      <SelectField
        form={form}
        name="updateEveryMonths"
        label="promises.field.rhythm"
        options={RHYTHMS.map((n) => ({
          value: String(n),
          label: n === 1 ? t('promises.rhythm_1') : n === 12 ? t('promises.rhythm_12') : t('promises.rhythm_every', { n }),
        }))}
      />
      <SubmitButton form={form} label="promises.create" />
    </StemFormElement>
  )
}

export function UpdateForm({ current }: { current: string }) {
  const t = useT()
  const form = useStemForm(updateSchema)
  return (
    <StemFormElement form={form} aria-labelledby="update-title">
      <input type="hidden" name="intent" value="update" />
      <FormError form={form} />
      <SelectField
        form={form}
        name="status"
        label="promises.field.status"
        options={[
          { value: current, label: t(`promises.status.${current}` as MessageKey) },
          ...STATUSES.filter((s) => s !== current).map((s) => ({ value: s, label: t(`promises.status.${s}` as MessageKey) })),
        ]}
      />
      <TextAreaField
        form={form}
        name="explanation"
        label="promises.field.explanation"
        hint="promises.field.explanation_hint"
        maxLength={LIMITS.explanation}
        required
      />
      <SubmitButton form={form} label="promises.update_submit" />
    </StemFormElement>
  )
}

export function IndicatorForm() {
  const t = useT()
  const form = useStemForm(indicatorSchema)
  return (
    <StemFormElement form={form} aria-labelledby="indicator-title">
      <input type="hidden" name="intent" value="indicator" />
      <Field form={form} name="name" label="promises.field.name" maxLength={LIMITS.name} required />
      <TextAreaField form={form} name="definition" label="promises.field.definition" maxLength={LIMITS.definition} rows={3} required />
      <Field form={form} name="unit" label="promises.field.unit" hint="promises.field.unit_hint" maxLength={LIMITS.unit} narrow required />
      <Field form={form} name="source" label="promises.field.source" maxLength={LIMITS.source} required />
      <SelectField
        form={form}
        name="period"
        label="promises.field.period"
        options={[
          { value: 'year', label: t('promises.field.period_year') },
          { value: 'quarter', label: t('promises.field.period_quarter') },
        ]}
      />
      <Field form={form} name="baselineValue" label="promises.field.baseline_value" inputMode="decimal" narrow />
      <Field form={form} name="baselinePeriod" label="promises.field.baseline_period" maxLength={20} narrow />
      <Field form={form} name="targetValue" label="promises.field.target_value" inputMode="decimal" narrow />
      <Field form={form} name="targetOn" label="promises.field.target_on" type="date" narrow />
      <SubmitButton form={form} label="promises.indicator_submit" />
    </StemFormElement>
  )
}

export function LinkForm({ items }: { items: { value: string; label: string }[] }) {
  const t = useT()
  const form = useStemForm(linkSchema)
  return (
    <StemFormElement form={form} aria-labelledby="link-title">
      <input type="hidden" name="intent" value="link" />
      <SelectField form={form} name="item" label="promises.field.item" options={[{ value: '', label: t('promises.choose') }, ...items]} />
      <SubmitButton form={form} label="promises.link_submit" />
    </StemFormElement>
  )
}
