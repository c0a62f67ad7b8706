import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { createSessionCookie, getActor, redirectWithFlash } from '~/auth/session.server'
import { LIMITS } from '~/auth/validation'
import { Field, FormError, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { claimWithCode } from '~/modules/assisted/assisted.server'
import { claimSchema } from '~/modules/assisted/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { getLocale } from '~/utils/locale.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

// For visitors: a logged-in person already has their account.
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect('/mijn')
  return json({})
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (await getActor(request)) throw redirect('/mijn')
  const formData = await request.formData()
  const parsed = parseForm(claimSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const ip = (context as { clientIp?: string }).clientIp ?? 'unknown'
  const result = await claimWithCode(parsed.data, { ip, locale: await getLocale(request) })
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, '/mijn/dossier', 'assisted.claimed_flash', [await createSessionCookie(result.userId)])
}

export default function Claim() {
  const t = useT()
  const form = useStemForm(claimSchema)
  return (
    <>
      <h1>{t('assisted.claim_title')}</h1>
      <p className="lead">{t('assisted.claim_lead')}</p>
      <StemFormElement form={form}>
        <FormError form={form} />
        <Field
          form={form}
          name="code"
          label="fields.letter_code"
          autoComplete="one-time-code"
          required
          maxLength={LIMITS.letterCode}
          narrow
        />
        <Field form={form} name="email" label="fields.email" type="email" autoComplete="email" required maxLength={LIMITS.email} />
        <Field
          form={form}
          name="password"
          label="fields.new_password"
          hint="signup.password_hint"
          type="password"
          autoComplete="new-password"
          required
          maxLength={LIMITS.password.max}
        />
        <SubmitButton form={form} label="assisted.claim_submit" />
      </StemFormElement>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'assisted.claim_title')
