import { Field, SelectField, TextAreaField, type StemForm } from '~/components/forms'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { DECIDERS, describeDeclaration, formatDate, LEVELS, LIMITS, type DeclarationFields, type ReportBackStatus } from './declaration'

export interface DeclarationView extends DeclarationFields {
  version: number
  createdAt: string
  changeNote: string | null
}

/**
 * "Hoe telt je mening?": shown at the top of every item and next to every submit button, generated from
 * the declaration's fields. Public changes after opening are listed with what it said before.
 */
export function WeighingDeclaration({
  declaration,
  history = [],
  compact = false,
}: {
  declaration: DeclarationView
  history?: DeclarationView[]
  compact?: boolean
}) {
  const t = useT()
  const locale = useLocale()
  const lines = describeDeclaration(declaration, t, locale)
  return (
    <aside className="notice weighing" aria-label={t('weighing.title')}>
      {compact ? <strong>{t('weighing.title')}</strong> : <h2 style={{ marginTop: 0 }}>{t('weighing.title')}</h2>}
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {history.length > 0 ? (
        <details>
          <summary>{t('weighing.changed', { date: formatDate(declaration.createdAt, locale) })}</summary>
          {declaration.changeNote ? <p>{t('weighing.change_note', { note: declaration.changeNote })}</p> : null}
          {history.map((old) => (
            <div key={old.version}>
              <p>{t('weighing.before', { date: formatDate(old.createdAt, locale) })}</p>
              <ul>
                {describeDeclaration(old, t, locale).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          ))}
        </details>
      ) : null}
    </aside>
  )
}

export function ReportBackStatusBadge({ status }: { status: ReportBackStatus }) {
  const t = useT()
  return <span className={`badge status-${status}`}>{t(`accountability.status.${status}` as MessageKey)}</span>
}

/** The declaration's fields inside an owner's form (consultation, budget, …). */
export function DeclarationFormFields({ form, showChangeNote }: { form: StemForm; showChangeNote?: boolean }) {
  const t = useT()
  return (
    <fieldset>
      <legend>{t('weighing.form_legend')}</legend>
      <p className="hint">{t('weighing.form_hint')}</p>
      <SelectField
        form={form}
        name="level"
        label="weighing.field.level"
        options={[
          { value: '', label: t('weighing.choose') },
          ...LEVELS.map((l) => ({ value: l, label: t(`weighing.level_name.${l}` as MessageKey) })),
        ]}
      />
      <Field
        form={form}
        name="decidedBy"
        label="weighing.field.decided_by"
        hint="weighing.field.decided_by_hint"
        list="deciders"
        maxLength={LIMITS.decidedBy}
        required
      />
      <datalist id="deciders">
        {DECIDERS.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <Field form={form} name="decisionExpectedOn" type="date" label="weighing.field.decision_expected_on" narrow />
      <TextAreaField
        form={form}
        name="usedFor"
        label="weighing.field.used_for"
        hint="weighing.field.used_for_hint"
        maxLength={LIMITS.usedFor}
        required
      />
      <Field
        form={form}
        name="minimumParticipants"
        label="weighing.field.minimum_participants"
        hint="weighing.field.minimum_participants_hint"
        inputMode="numeric"
        narrow
      />
      <Field
        form={form}
        name="reportBackBy"
        type="date"
        label="weighing.field.report_back_by"
        hint="weighing.field.report_back_by_hint"
        required
        narrow
      />
      {showChangeNote ? <Field form={form} name="changeNote" label="weighing.field.change_note" maxLength={LIMITS.changeNote} /> : null}
    </fieldset>
  )
}
