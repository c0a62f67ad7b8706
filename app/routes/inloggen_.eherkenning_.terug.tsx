import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { completeOrganisationLogin } from '~/auth/identity/eherkenning.server'
import { eherkenningEnabled, finishOrganisationLogin } from '~/auth/identity/oidc.server'
import { scrub } from '~/auth/identity/scrub.server'
import { log } from '~/utils/log.server'
import { createSessionCookie, redirectWithFlash } from '~/auth/session.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/** The broker sends the browser back here after eHerkenning: the session becomes the organisation's. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!eherkenningEnabled()) throw new Response('Niet gevonden', { status: 404 })
  const result = await finishOrganisationLogin(request)
  if (!result.ok) return json({ reason: result.reason }, { status: result.reason === 'unavailable' ? 503 : 400 })
  try {
    const outcome = await completeOrganisationLogin({ kvkNumber: result.kvkNumber, name: result.name })
    const cookie = await createSessionCookie(outcome.userId)
    return redirectWithFlash(request, result.redirectTo, 'flash.eherkenning_logged_in', [cookie])
  } catch (error) {
    log().warn({ err: scrub(error) }, 'eHerkenning log-in failed')
    return json({ reason: 'unavailable' as const }, { status: 503 })
  }
}

export default function EherkenningReturn() {
  const t = useT()
  const { reason } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('eherkenning.failed.title')}</h1>
      <p>{t(`eherkenning.failed.${reason}` as MessageKey)}</p>
      <Form method="post" action="/inloggen/eherkenning" reloadDocument>
        <button type="submit">{t('digid.failed.again')}</button>
      </Form>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'eherkenning.failed.title')
