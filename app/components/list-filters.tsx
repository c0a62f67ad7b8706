import type { ReactNode } from 'react'

/*
 * The filter form of a public list (initiatieven, inspraak): plain GET fields, so a filtered list is a
 * link that can be shared and works without JavaScript. Each control has its own label (and hint).
 */

export interface FilterOption {
  value: string
  label: string
}

function FilterField({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
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
}: {
  id: string
  name: string
  label: string
  value: string
  all?: string
  options: FilterOption[]
}) {
  return (
    <FilterField id={id} label={label}>
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
