import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { redirectWithFlash } from '~/auth/session.server'
import { cancelErasure, findErasureByToken } from '~/modules/dossier/erasure.server'
import { formatDate } from '~/utils/time'
import { useLocale, useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/* The link in the erasure e-mail: works without logging in (the person may have forgotten the password). */

export async function loader({ params }: LoaderFunctionArgs) {
  const erasure = await findErasureByToken(params.token ?? '')
  if (!erasure) throw new Response('Not found', { status: 404 })
  return json({ dueAt: erasure.dueAt.toISOString() })
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (!(await cancelErasure({ token: params.token ?? '' }))) throw new Response('Not found', { status: 404 })
  return redirectWithFlash(request, '/', 'dossier.erase_cancelled')
}

export default function CancelErasure() {
  const t = useT()
  const locale = useLocale()
  const { dueAt } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('dossier.erase_cancel_title')}</h1>
      <p className="lead">{t('dossier.erase_cancel_lead', { date: formatDate(dueAt, locale) })}</p>
      <Form method="post">
        <button type="submit">{t('dossier.erase_cancel_submit')}</button>
      </Form>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'dossier.erase_cancel_title')
