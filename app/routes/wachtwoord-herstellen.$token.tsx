import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { resetPassword, tokenIsValid } from '~/auth/accounts.server'
import { createSessionCookie, destroyAllSessions, redirectWithFlash } from '~/auth/session.server'
import { LIMITS, resetPasswordSchema } from '~/auth/validation'
import { Field, FormError, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ valid: await tokenIsValid(params.token ?? '', 'reset_password') })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(resetPasswordSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await resetPassword(params.token ?? '', parsed.data.password)
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  // Anyone who was logged in with the old password is logged out everywhere.
  await destroyAllSessions(result.userId)
  const cookie = await createSessionCookie(result.userId)
  return redirectWithFlash(request, '/mijn', 'flash.password_reset', [cookie])
}

export default function ResetPassword() {
  const t = useT()
  const { valid } = useLoaderData<typeof loader>()
  const form = useStemForm(resetPasswordSchema)
  if (!valid) {
    return (
      <>
        <h1>{t('reset.title')}</h1>
        <p>{t('errors.link_invalid')}</p>
        <p>
          <Link to="/wachtwoord-vergeten">{t('reset.new_link')}</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1>{t('reset.title')}</h1>
      <StemFormElement form={form}>
        <FormError form={form} />
        <Field
          form={form}
          name="password"
          type="password"
          label="fields.new_password"
          hint="signup.password_hint"
          autoComplete="new-password"
          required
          maxLength={LIMITS.password.max}
        />
        <SubmitButton form={form} label="reset.submit" />
      </StemFormElement>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'reset.title')
