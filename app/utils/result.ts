/**
 * The one result shape of a command (issue 13): every module's commands answer
 * `{ ok: true, … }` or a refusal. A refusal names its `reason` (a message key or a short code the
 * route turns into one), and — when one field of the form is at fault — that `field`; a form with
 * several faulty fields lists them in `fields` (field → message key), so the page can show each
 * message next to its field; `params` carries the values a message needs.
 */
export type Refusal<Reason extends string = string> = {
  ok: false
  reason: Reason
  field?: string
  fields?: Record<string, string>
  /** Values the message needs ("try again in {minutes} minutes"). */
  params?: Record<string, string | number>
}

export type Outcome<Value extends object = object, Reason extends string = string> = ({ ok: true } & Value) | Refusal<Reason>

export function refuse<Reason extends string>(reason: Reason, field?: string): Refusal<Reason> {
  return field === undefined ? { ok: false, reason } : { ok: false, reason, field }
}

/** "Too many attempts": the wait goes with the refusal, in `params.minutes`, for the message. */
export function rateLimited(minutes: number, field?: string): Refusal<'errors.rate_limited'> {
  return { ...refuse('errors.rate_limited', field), params: { minutes } }
}

/** A refusal for a form with several faulty fields; the first field's message is the reason. */
export function refuseFields(fields: Record<string, string>): Refusal {
  const [field, reason] = Object.entries(fields)[0] ?? ['form', 'errors.required']
  return { ok: false, reason, field, fields }
}

/** Field messages of a refusal, for a form: `fields` when given, else the one field (or `form`). */
export function fieldMessages(refusal: Refusal): Record<string, string> {
  return refusal.fields ?? { [refusal.field ?? 'form']: refusal.reason }
}
