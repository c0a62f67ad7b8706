import { useId, useRef, type InputHTMLAttributes, type ReactNode } from 'react'
import { Form, useActionData, useNavigation, useSubmit, type FormProps } from '@remix-run/react'
import { useForm, type FieldValues, type Resolver, type UseFormRegister } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { parseForm } from '~/utils/forms'
import { isMessageKey, useT, type MessageKey, type Params } from '~/utils/i18n'
import type { FormFailure } from '~/utils/forms'

/**
 * A form that validates in the browser with react-hook-form and the same zod schema the server uses,
 * and still works as a plain HTML form without JavaScript. Server errors and typed values come back
 * from the action (status 400) and are shown at the same fields.
 */
export function useStemForm<S extends z.ZodTypeAny>(schema: S) {
  const actionData = useActionData<FormFailure | undefined>()
  const failureData = actionData && 'errors' in actionData ? actionData : undefined
  // The browser checks exactly what the server will receive: the form's own FormData (check boxes as
  // "on" or absent, every value of a group, hidden fields and the button pressed), parsed as the action
  // parses it. react-hook-form's own values would turn check boxes into booleans the schema refuses.
  const sent = useRef<{ element: HTMLFormElement; submitter: HTMLButtonElement | null } | null>(null)
  const fallback = zodResolver(schema)
  const resolver: Resolver<FieldValues> = (values, context, options) => {
    if (!sent.current) return fallback(values, context, options)
    const result = parseForm(schema, new FormData(sent.current.element, sent.current.submitter))
    if (result.ok) return { values: result.data as FieldValues, errors: {} }
    // A message for the whole form is shown from the server's answer: let such a form go there.
    const atFields = Object.entries(result.errors).filter(([name]) => name !== 'form')
    if (!atFields.length) return { values, errors: {} }
    return { values: {}, errors: Object.fromEntries(atFields.map(([name, message]) => [name, { type: 'validation', message }])) }
  }
  const form = useForm<FieldValues>({
    resolver,
    mode: 'onSubmit',
    // After a refusal, a field is checked again as it changes, so its message goes while the person
    // corrects it. Not on blur: the blur comes with the mouse-down on the submit button, the message
    // above it goes, the button moves up, and the click lands beside it — the form did not submit.
    reValidateMode: 'onChange',
    shouldUseNativeValidation: false,
  })
  const submit = useSubmit()
  const navigation = useNavigation()
  const onSubmit: FormProps['onSubmit'] = (event) => {
    const formElement = event.currentTarget
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    sent.current = { element: formElement, submitter }
    event.preventDefault()
    void form.handleSubmit(() => submit(submitter ?? formElement))(event)
  }
  const clientErrors = form.formState.errors
  const errorFor = (name: string): MessageKey | undefined => {
    const client = clientErrors[name]?.message
    if (isMessageKey(client)) return client
    return failureData?.errors[name]
  }
  return {
    register: form.register as UseFormRegister<FieldValues>,
    onSubmit,
    errorFor,
    paramsFor: (name: string) => failureData?.params?.[name],
    valueOf: (name: string) => failureData?.values[name],
    /** Every value sent back for a name: all ticked boxes of a group, or the one value, or none. */
    valuesOf: (name: string): string[] => {
      const list = failureData?.lists?.[name]
      if (list) return list
      const one = failureData?.values[name]
      return one === undefined ? [] : [one]
    },
    /** True after the server refused the input: the typed values, not the defaults, are what to show. */
    failed: failureData !== undefined,
    formError: failureData?.errors.form,
    formErrorParams: failureData?.params?.form,
    submitting: navigation.state === 'submitting',
  }
}

export type StemForm = ReturnType<typeof useStemForm>

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'form'> {
  form: StemForm
  name: string
  label: MessageKey
  labelParams?: Params
  hint?: MessageKey
  narrow?: boolean
  /** Ids of more text that describes the control (a notice next to it). */
  describedBy?: string[]
}

/** Ids and state shared by every kind of field: the error, and what describes the control. */
function useFieldMeta(form: StemForm, name: string, hint?: MessageKey, more: string[] = []) {
  const id = useId()
  const error = form.errorFor(name)
  const describedBy = [hint && `${id}-hint`, ...more, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return { id, error, control: { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } }
}

/** Label, hint and error message around a control, linked to it for screen readers. */
function FieldFrame({
  form,
  name,
  meta,
  label,
  labelParams,
  hint,
  narrow,
  children,
}: {
  form: StemForm
  name: string
  meta: ReturnType<typeof useFieldMeta>
  label: MessageKey
  labelParams?: Params
  hint?: MessageKey
  narrow?: boolean
  children: ReactNode
}) {
  const t = useT()
  return (
    <div className={`field${narrow ? ' narrow' : ''}`}>
      <label htmlFor={meta.id}>{t(label, labelParams)}</label>
      {hint ? (
        <p className="hint" id={`${meta.id}-hint`}>
          {t(hint)}
        </p>
      ) : null}
      {meta.error ? (
        <p className="error" id={`${meta.id}-error`}>
          <span className="visually-hidden">{t('forms.error_prefix')} </span>
          {t(meta.error, form.paramsFor(name))}
        </p>
      ) : null}
      {children}
    </div>
  )
}

export function Field({ form, name, label, labelParams, hint, narrow, describedBy, type = 'text', defaultValue, ...rest }: FieldProps) {
  const meta = useFieldMeta(form, name, hint, describedBy)
  // A password is never sent back; a file cannot be (kept files are named next to the field instead).
  const typed = type === 'password' || type === 'file' ? undefined : form.valueOf(name)
  return (
    <FieldFrame form={form} name={name} meta={meta} label={label} labelParams={labelParams} hint={hint} narrow={narrow}>
      <input type={type} defaultValue={typed ?? defaultValue} {...meta.control} {...rest} {...form.register(name)} />
    </FieldFrame>
  )
}

export function FormError({ form }: { form: StemForm }) {
  const t = useT()
  if (!form.formError) return null
  return (
    <div className="form-error" role="alert">
      {t(form.formError, form.formErrorParams)}
    </div>
  )
}

export function StemFormElement({ form, children, ...props }: { form: StemForm; children: ReactNode } & Omit<FormProps, 'onSubmit'>) {
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} {...props}>
      {children}
    </Form>
  )
}

export function SubmitButton({ form, label, name, value }: { form: StemForm; label: MessageKey; name?: string; value?: string }) {
  const t = useT()
  return (
    <button type="submit" name={name} value={value} disabled={form.submitting} aria-disabled={form.submitting}>
      {t(label)}
    </button>
  )
}

export type { Params }

export function SelectField({
  form,
  name,
  label,
  hint,
  options,
  defaultValue,
}: {
  form: StemForm
  name: string
  label: MessageKey
  hint?: MessageKey
  options: { value: string; label: string }[]
  /** The choice shown until the person picks another (what they sent wins after a refusal). */
  defaultValue?: string
}) {
  const meta = useFieldMeta(form, name, hint)
  return (
    <FieldFrame form={form} name={name} meta={meta} label={label} hint={hint}>
      <select
        defaultValue={form.failed ? form.valueOf(name) : (defaultValue ?? form.valueOf(name))}
        {...meta.control}
        {...form.register(name)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

export function TextAreaField({
  form,
  name,
  label,
  hint,
  maxLength,
  rows = 5,
  required,
}: {
  form: StemForm
  name: string
  label: MessageKey
  hint?: MessageKey
  maxLength: number
  rows?: number
  required?: boolean
}) {
  const meta = useFieldMeta(form, name, hint)
  return (
    <FieldFrame form={form} name={name} meta={meta} label={label} hint={hint}>
      <textarea
        rows={rows}
        maxLength={maxLength}
        required={required}
        defaultValue={form.valueOf(name)}
        {...meta.control}
        {...form.register(name)}
      />
    </FieldFrame>
  )
}
