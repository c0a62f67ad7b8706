import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { requestEmailChange } from '~/auth/accounts.server'
import { corePermissions } from '~/auth/permissions'
import { requirePermission } from '~/auth/session.server'
import { changeEmailSchema, LIMITS } from '~/auth/validation'
import { Field, FormError, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { parseForm, refusalFailure } from '~/utils/forms'
import { getLocale } from '~/utils/locale.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, corePermissions.manageOwnAccount, undefined)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.manageOwnAccount, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(changeEmailSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await requestEmailChange(actor.id, parsed.data, await getLocale(request))
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return json({ sent: true as const })
}

export default function ChangeEmail() {
  const t = useT()
  const form = useStemForm(changeEmailSchema)
  const data = useActionData<typeof action>()
  return (
    <>
      <h1>{t('change_email.title')}</h1>
      {data && 'sent' in data ? (
        <p role="status">{t('change_email.sent')}</p>
      ) : (
        <StemFormElement form={form}>
          <FormError form={form} />
          <Field form={form} name="email" type="email" label="fields.new_email" autoComplete="email" required maxLength={LIMITS.email} />
          <Field
            form={form}
            name="password"
            type="password"
            label="fields.current_password"
            autoComplete="current-password"
            required
            maxLength={LIMITS.password.max}
          />
          <SubmitButton form={form} label="change_email.submit" />
        </StemFormElement>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'change_email.title')
