import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { confirmEmail } from '~/auth/accounts.server'
import { createSessionCookie, redirectWithFlash } from '~/auth/session.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

// Confirming on GET is what people expect from a link in an e-mail; the token is single-use.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await confirmEmail(params.token ?? '')
  // Whoever opened the mailed link owns the address: a new account is logged in with it (sign-up no
  // longer logs in, so that it answers the same for a known address — decision 0013).
  if (result.ok) return redirectWithFlash(request, '/mijn', 'flash.email_confirmed', [await createSessionCookie(result.userId)])
  return json({ ok: false }, { status: 400 })
}

export default function ConfirmEmail() {
  const t = useT()
  return (
    <>
      <h1>{t('confirm.failed_title')}</h1>
      <p>{t('confirm.failed_text')}</p>
      <p>
        <Link to="/mijn">{t('confirm.to_mine')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'confirm.failed_title')
