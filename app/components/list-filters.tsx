import type { ReactNode } from 'react'

/*
 * The filter form of a list (initiatieven, inspraak, beloften, besluiten, the reaction inbox): plain GET
 * fields, so a filtered list is a link that can be shared and works without JavaScript. Each control has
 * its own label (and hint); `narrow` fields (a date, a short choice) take less room.
 */

export interface FilterOption {
  value: string
  label: string
}

function FilterField({
  id,
  label,
  hint,
  narrow,
  children,
}: {
  id: string
  label: string
  hint?: string
  narrow?: boolean
  children: ReactNode
}) {
  return (
    <div className={narrow ? 'field narrow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
    </div>
  )
}

export function FilterSearch({
  id,
  name,
  label,
  hint,
  value,
  maxLength,
}: {
  id: string
  name: string
  label: string
  hint?: string
  value: string
  maxLength: number
}) {
  return (
    <FilterField id={id} label={label} hint={hint}>
      <input
        id={id}
        name={name}
        type="search"
        defaultValue={value}
        maxLength={maxLength}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
    </FilterField>
  )
}

/** A choice among `options`; `all` is the first option, with the empty value (no filter), when given. */
export function FilterSelect({
  id,
  name,
  label,
  value,
  all,
  options,
  narrow,
}: {
  id: string
  name: string
  label: string
  value: string
  all?: string
  options: FilterOption[]
  narrow?: boolean
}) {
  return (
    <FilterField id={id} label={label} narrow={narrow}>
      <select id={id} name={name} defaultValue={value}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterField>
  )
}

/** A day (from, to): a date field, narrow. */
export function FilterDate({ id, name, label, value }: { id: string; name: string; label: string; value: string }) {
  return (
    <FilterField id={id} label={label} narrow>
      <input type="date" id={id} name={name} defaultValue={value} />
    </FilterField>
  )
}

/** An on/off filter: checked sends `name=value`. The label follows the box. */
export function FilterCheckbox({
  id,
  name,
  label,
  value,
  checked,
}: {
  id: string
  name: string
  label: string
  value: string
  checked: boolean
}) {
  return (
    <div className="field">
      <input type="checkbox" id={id} name={name} value={value} defaultChecked={checked} /> <label htmlFor={id}>{label}</label>
    </div>
  )
}
