import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { requestPasswordReset } from '~/auth/accounts.server'
import { forgotPasswordSchema, LIMITS } from '~/auth/validation'
import { Field, FormError, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { parseForm, refusalFailure } from '~/utils/forms'
import { getLocale } from '~/utils/locale.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(forgotPasswordSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await requestPasswordReset(parsed.data.email, { ip: context.clientIp, locale: await getLocale(request) })
  if (!result.ok) return json(refusalFailure(result, formData), { status: 429 })
  return json({ sent: true as const })
}

export default function ForgotPassword() {
  const t = useT()
  const form = useStemForm(forgotPasswordSchema)
  const data = useActionData<typeof action>()
  if (data && 'sent' in data) {
    return (
      <>
        <h1>{t('forgot.title')}</h1>
        <p role="status">{t('forgot.sent')}</p>
      </>
    )
  }
  return (
    <>
      <h1>{t('forgot.title')}</h1>
      <p>{t('forgot.lead')}</p>
      <StemFormElement form={form}>
        <FormError form={form} />
        <Field form={form} name="email" type="email" label="fields.email" autoComplete="email" required maxLength={LIMITS.email} />
        <SubmitButton form={form} label="forgot.submit" />
      </StemFormElement>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'forgot.title')
