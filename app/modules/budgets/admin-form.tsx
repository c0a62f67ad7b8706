import { useId } from 'react'
import { Field, type StemForm } from '~/components/forms'
import { useT, type MessageKey } from '~/utils/i18n'
import { PHASES, TALLY_METHODS } from './rules'
import { LIMITS } from './validation'

/** A select that also takes the stored value (edit form); errors come back at the form's top. */
function Choice({
  form,
  name,
  label,
  options,
  value,
}: {
  form: StemForm
  name: string
  label: MessageKey
  options: { value: string; label: string }[]
  value: string
}) {
  const t = useT()
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <select id={id} defaultValue={value} {...form.register(name)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

type FieldValue = (name: string) => string

/** How people vote: the rule, how many projects, how many points. */
function VoteRuleFields({ form, value: d }: { form: StemForm; value: FieldValue }) {
  const t = useT()
  return (
    <>
      <Choice
        form={form}
        name="voteRule"
        value={d('voteRule')}
        label="budgets.field_vote_rule"
        options={['knapsack', 'approval', 'cumulative'].map((r) => ({ value: r, label: t(`budgets.vote_rule_name.${r}` as MessageKey) }))}
      />
      <Field
        form={form}
        name="maxProjects"
        label="budgets.field_max_projects"
        hint="budgets.field_max_projects_hint"
        inputMode="numeric"
        maxLength={3}
        narrow
        defaultValue={d('maxProjects')}
      />
      <Field
        form={form}
        name="minProjects"
        label="budgets.field_min_projects"
        inputMode="numeric"
        maxLength={3}
        narrow
        defaultValue={d('minProjects')}
      />
      <Field
        form={form}
        name="points"
        label="budgets.field_points"
        hint="budgets.field_points_hint"
        inputMode="numeric"
        maxLength={4}
        narrow
        defaultValue={d('points')}
      />
    </>
  )
}

/** How the votes are counted, who may vote, whether a ballot can change, and the note for the declaration. */
function CountingFields({ form, value: d }: { form: StemForm; value: FieldValue }) {
  const t = useT()
  return (
    <>
      <Choice
        form={form}
        name="tallyMethod"
        value={d('tallyMethod')}
        label="budgets.field_tally_method"
        options={TALLY_METHODS.map((m) => ({ value: m, label: t(`budgets.method_name.${m}` as MessageKey) }))}
      />
      <Field
        form={form}
        name="minScore"
        label="budgets.field_min_score"
        hint="budgets.field_min_score_hint"
        inputMode="numeric"
        maxLength={8}
        narrow
        defaultValue={d('minScore')}
      />
      <Field
        form={form}
        name="minimumAge"
        label="budgets.field_minimum_age"
        inputMode="numeric"
        maxLength={3}
        narrow
        defaultValue={d('minimumAge')}
      />
      <Choice
        form={form}
        name="ballotsChangeable"
        value={d('ballotsChangeable') || 'yes'}
        label="budgets.field_changeable"
        options={[
          { value: 'yes', label: t('budgets.yes') },
          { value: 'no', label: t('budgets.no') },
        ]}
      />
      <Field
        form={form}
        name="declarationNote"
        label="budgets.field_declaration_note"
        hint="budgets.field_declaration_note_hint"
        maxLength={LIMITS.declarationNote}
        defaultValue={d('declarationNote')}
      />
    </>
  )
}

/** Where the budget applies, how much it holds, and how people vote and how the votes are counted. */
function RuleFields({ form, wijken, value: d }: { form: StemForm; wijken: { code: string; name: string }[]; value: FieldValue }) {
  const t = useT()
  return (
    <fieldset>
      <legend>{t('budgets.rules_title')}</legend>
      <Choice
        form={form}
        name="areaCode"
        value={d('areaCode')}
        label="budgets.field_area"
        options={[{ value: '', label: t('budgets.whole_city') }, ...wijken.map((w) => ({ value: w.code, label: `${w.name} (${w.code})` }))]}
      />
      <Field
        form={form}
        name="amount"
        label="budgets.field_amount"
        inputMode="numeric"
        required
        maxLength={10}
        narrow
        defaultValue={d('amount')}
      />
      <VoteRuleFields form={form} value={d} />
      <CountingFields form={form} value={d} />
    </fieldset>
  )
}

/** The start and end date of each phase. */
function PhaseDates({ form, value: d }: { form: StemForm; value: FieldValue }) {
  const t = useT()
  return (
    <fieldset>
      <legend>{t('budgets.phases')}</legend>
      {PHASES.map((p) => (
        <div key={p} className="phase-dates">
          <Field
            form={form}
            name={`${p}Start`}
            type="date"
            label={`budgets.phase_start.${p}` as MessageKey}
            narrow
            defaultValue={d(`${p}Start`)}
          />
          <Field
            form={form}
            name={`${p}End`}
            type="date"
            label={`budgets.phase_end.${p}` as MessageKey}
            narrow
            defaultValue={d(`${p}End`)}
          />
        </div>
      ))}
    </fieldset>
  )
}

/** The budget's settings, shared by the create and edit forms. `defaults` fills the edit form. */
export function BudgetFields({
  form,
  wijken,
  defaults = {},
  rulesLocked = false,
}: {
  form: StemForm
  wijken: { code: string; name: string }[]
  defaults?: Record<string, string>
  rulesLocked?: boolean
}) {
  const t = useT()
  const uid = useId()
  const d = (name: string) => form.valueOf(name) ?? defaults[name] ?? ''
  return (
    <>
      <Field form={form} name="title" label="budgets.field_title" required maxLength={LIMITS.title} defaultValue={d('title')} />
      <div className="field">
        <label htmlFor={`${uid}-description`}>{t('budgets.field_description')}</label>
        <textarea
          id={`${uid}-description`}
          rows={4}
          maxLength={LIMITS.description}
          defaultValue={d('description')}
          {...form.register('description')}
        />
      </div>
      {rulesLocked ? <p className="notice">{t('budgets.rules_locked')}</p> : null}
      <RuleFields form={form} wijken={wijken} value={d} />
      <PhaseDates form={form} value={d} />
    </>
  )
}
