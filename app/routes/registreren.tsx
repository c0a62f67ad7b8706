import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { signUp } from '~/auth/accounts.server'
import { getActor, redirectWithFlash } from '~/auth/session.server'
import { LIMITS, signupSchema } from '~/auth/validation'
import { Field, FormError, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { parseForm, refusalFailure } from '~/utils/forms'
import { getLocale } from '~/utils/locale.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect('/mijn')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(signupSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await signUp(parsed.data, { ip: context.clientIp, locale: await getLocale(request) })
  if (!result.ok) return json(refusalFailure(result, formData), { status: result.reason === 'errors.rate_limited' ? 429 : 400 })
  // The same answer whether or not the address already had an account (decision 0013): no log-in here;
  // the link in the e-mail confirms the address and logs the new account in.
  return redirectWithFlash(request, '/', 'flash.signed_up')
}

export default function SignUp() {
  const t = useT()
  const form = useStemForm(signupSchema)
  return (
    <>
      <h1>{t('signup.title')}</h1>
      <p className="lead">{t('signup.lead')}</p>
      <StemFormElement form={form}>
        <FormError form={form} />
        <Field
          form={form}
          name="displayName"
          label="fields.display_name"
          hint="signup.name_hint"
          autoComplete="nickname"
          required
          maxLength={LIMITS.displayName}
        />
        <Field form={form} name="email" type="email" label="fields.email" autoComplete="email" required maxLength={LIMITS.email} />
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
        <p>{t('signup.privacy')}</p>
        <SubmitButton form={form} label="signup.submit" />
      </StemFormElement>
      <p>
        {t('signup.have_account')} <Link to="/inloggen">{t('nav.login')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'signup.title')
