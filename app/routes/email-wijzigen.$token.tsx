import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { confirmEmailChange } from '~/auth/accounts.server'
import { redirectWithFlash } from '~/auth/session.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await confirmEmailChange(params.token ?? '')
  if (result.ok) return redirectWithFlash(request, '/mijn', 'flash.email_changed')
  return json({ reason: result.reason }, { status: 400 })
}

export default function ConfirmEmailChange() {
  const t = useT()
  const { reason } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('change_email.failed_title')}</h1>
      <p>{t(reason)}</p>
      <p>
        <Link to="/mijn/email">{t('change_email.try_again')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'change_email.failed_title')
