import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { digidEnabled, eherkenningEnabled } from '~/auth/identity/oidc.server'
import { logIn } from '~/auth/accounts.server'
import { createSessionCookie, getActor, redirectWithFlash, safeRedirect } from '~/auth/session.server'
import { loginSchema } from '~/auth/validation'
import { Field, FormError, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { getLocale } from '~/utils/locale.server'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect('/mijn')
  return json({ digid: digidEnabled(), eherkenning: eherkenningEnabled() })
}

const LIMITED = ['errors.rate_limited', 'errors.login_unlock_required']

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(loginSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await logIn(parsed.data, { ip: context.clientIp, locale: await getLocale(request) })
  if (!result.ok) return json(refusalFailure(result, formData), { status: LIMITED.includes(result.reason) ? 429 : 400 })
  const cookie = await createSessionCookie(result.userId)
  return redirectWithFlash(request, safeRedirect(parsed.data.redirectTo, '/mijn'), 'flash.logged_in', [cookie])
}

export default function Login() {
  const t = useT()
  const form = useStemForm(loginSchema)
  const [params] = useSearchParams()
  const { digid, eherkenning } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('login.title')}</h1>
      {digid ? (
        <Form method="post" action="/inloggen/digid" reloadDocument>
          <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
          <button type="submit">{t('login.digid')}</button>
          <p>{t('login.digid_or')}</p>
        </Form>
      ) : null}
      {eherkenning ? (
        <Form method="post" action="/inloggen/eherkenning" reloadDocument>
          <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
          <button type="submit" className="secondary">
            {t('login.eherkenning')}
          </button>
          <p>{t('login.eherkenning_help')}</p>
        </Form>
      ) : null}
      <StemFormElement form={form}>
        <FormError form={form} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field form={form} name="email" type="email" label="fields.email" autoComplete="email" required maxLength={254} />
        <Field
          form={form}
          name="password"
          type="password"
          label="fields.password"
          autoComplete="current-password"
          required
          maxLength={200}
        />
        <SubmitButton form={form} label="login.submit" />
      </StemFormElement>
      <p>
        <Link to="/wachtwoord-vergeten">{t('login.forgot')}</Link>
      </p>
      <p>
        {t('login.no_account')} <Link to="/registreren">{t('login.signup')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'login.title')
