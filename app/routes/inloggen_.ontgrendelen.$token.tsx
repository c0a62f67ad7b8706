import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { tokenIsValid, unlockLogin } from '~/auth/accounts.server'
import { redirectWithFlash } from '~/auth/session.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

// The link mailed after too many wrong passwords for an account (decision 0013). Opening it only shows a
// button — mail scanners open links too —; pressing it uses the link once, and the password works again.
export async function loader({ params }: LoaderFunctionArgs) {
  return json({ valid: await tokenIsValid(params.token ?? '', 'unlock_login') })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await unlockLogin(params.token ?? '')
  if (!result.ok) return json({ valid: false }, { status: 400 })
  return redirectWithFlash(request, '/inloggen', 'flash.login_unlocked')
}

export default function UnlockLogin() {
  const t = useT()
  const loaded = useLoaderData<typeof loader>()
  const { valid } = useActionData<typeof action>() ?? loaded
  if (!valid) {
    return (
      <>
        <h1>{t('unlock.title')}</h1>
        <p>{t('errors.link_invalid')}</p>
        <p>
          <Link to="/wachtwoord-vergeten">{t('login.forgot')}</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1>{t('unlock.title')}</h1>
      <p>{t('unlock.text')}</p>
      <Form method="post">
        <button type="submit">{t('unlock.submit')}</button>
      </Form>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'unlock.title')
