import type { Refusal } from '~/utils/result'
import type { MessageKey, Params } from '~/utils/i18n'
import { amsterdamDay, amsterdamInstant } from '~/utils/time'
import { typedInput, type FormFailure } from '~/utils/forms'

/*
 * What the budgets module's server files share: the item kind and address of a budget, the one result
 * shape of its commands (app/utils/result.ts, with the values of the message), and calendar helpers.
 */

export const ITEM_KIND = 'budget'
export const href = (id: number) => `/begrotingen/${id}`

/** A refused command: the message key, the form field it belongs to, and the values of the message. */
export type BudgetRefusal = Refusal<MessageKey> & { field: string; params?: Params }

/** What a command of this module answers: `{ ok: true, … }` or a refusal. */
export type BudgetOutcome<Value extends object = object> = ({ ok: true } & Value) | BudgetRefusal

export function refuse(field: string, reason: MessageKey, params?: Params): BudgetRefusal {
  return params ? { ok: false, reason, field, params } : { ok: false, reason, field }
}

/** A refusal as a form shows it: the message next to its field, and what was typed. */
export function formFailure(refusal: BudgetRefusal, formData: FormData): FormFailure {
  return {
    errors: { [refusal.field]: refusal.reason },
    ...(refusal.params ? { params: { [refusal.field]: refusal.params } } : {}),
    ...typedInput(formData),
  }
}

export function today(): string {
  return dutchDate(new Date())
}

/** The calendar date (YYYY-MM-DD) in the Netherlands at this moment. */
export function dutchDate(now: Date): string {
  return amsterdamDay(now)
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** A date at the start (or the end) of that day in the Netherlands. */
export function dateOf(isoDate: string | null | undefined, endOfDay = false): Date | null {
  if (!isoDate) return null
  return endOfDay ? amsterdamInstant(isoDate, 23, 59, 59) : amsterdamInstant(isoDate)
}
