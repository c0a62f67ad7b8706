import type { z } from 'zod'
import type { MessageKey, Params } from './i18n'

export type FieldErrors = Record<string, MessageKey>

/** What an action returns for bad input: the messages per field and everything the person typed. */
export interface FormFailure {
  errors: FieldErrors
  values: Record<string, string>
  /** Every value of a name sent more than once (a group of check boxes, a multiple select). */
  lists?: Record<string, string[]>
  /** Values for placeholders in a message, per field (e.g. minutes to wait). */
  params?: Record<string, Params>
}

export type Parsed<T> = { ok: true; data: T } | ({ ok: false } & FormFailure)

/** Values as typed, to send back; passwords are never echoed. */
export function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !/password|wachtwoord/i.test(key)) values[key] = value
  }
  return values
}

/** Every value of each name sent more than once, so a group of ticked check boxes comes back whole. */
export function typedLists(formData: FormData): Record<string, string[]> {
  const lists: Record<string, string[]> = {}
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === 'string')
    if (all.length > 1 && !/password|wachtwoord/i.test(key)) lists[key] = all
  }
  return lists
}

/** What to send back after bad input: single values and whole groups. */
export function typedInput(formData: FormData): Pick<FormFailure, 'values' | 'lists'> {
  return { values: typedValues(formData), lists: typedLists(formData) }
}

/** Validates form data with a zod schema whose messages are translation keys. */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): Parsed<z.infer<S>> {
  const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {}
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key)
    raw[key] = all.length > 1 ? all : all[0]!
  }
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data }
  return { ok: false, errors: zodErrors(result.error), ...typedInput(formData) }
}

export function zodErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message as MessageKey
  }
  return errors
}

export function failure(result: { errors: FieldErrors; params?: Record<string, Params> }, formData: FormData): FormFailure {
  return { errors: result.errors, params: result.params, ...typedInput(formData) }
}
