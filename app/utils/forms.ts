import type { z } from 'zod'
import type { MessageKey, Params } from './i18n'
import { fieldMessages, type Refusal } from './result'

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

/** Control characters other than tab and line breaks: never text a person meant to type. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

/** Values as typed, to send back (without control characters); passwords are never echoed. */
export function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !/password|wachtwoord/i.test(key)) values[key] = value.replace(CONTROL_CHARACTERS_ALL, '')
  }
  return values
}

/** Every value of each name sent more than once, so a group of ticked check boxes comes back whole. */
export function typedLists(formData: FormData): Record<string, string[]> {
  const lists: Record<string, string[]> = {}
  for (const key of new Set(formData.keys())) {
    const all = formData
      .getAll(key)
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.replace(CONTROL_CHARACTERS_ALL, ''))
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
  // No prototype: a field named __proto__ or constructor is just a field.
  const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = Object.create(null) as Record<string, never>
  const unreadable: FieldErrors = {}
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key)
    raw[key] = all.length > 1 ? all : all[0]!
    if (all.some((v) => typeof v === 'string' && CONTROL_CHARACTERS.test(v))) unreadable[key] = 'errors.control_characters'
  }
  // The database takes no NUL byte and no page shows stray control characters: a message at the field.
  if (Object.keys(unreadable).length) return { ok: false, errors: unreadable, ...typedInput(formData) }
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

/**
 * What to send back when a command refused (app/utils/result.ts): the message at its field (or at each of
 * `fields`), the values its message needs (`params`), and everything typed.
 */
export function refusalFailure(refusal: Refusal, formData: FormData): FormFailure {
  const errors = fieldMessages(refusal) as FieldErrors
  const params = refusal.params === undefined ? undefined : { [refusal.field ?? 'form']: refusal.params }
  return { errors, params, ...typedInput(formData) }
}
