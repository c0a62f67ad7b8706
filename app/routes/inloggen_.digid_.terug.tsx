import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { completeDigidLogin } from '~/auth/identity/digid.server'
import { digidEnabled, finishLogin } from '~/auth/identity/oidc.server'
import { scrub } from '~/auth/identity/scrub.server'
import { createSessionCookie, getActor, redirectWithFlash } from '~/auth/session.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { log } from '~/utils/log.server'

/** The broker sends the browser back here. A refusal is a page in plain Dutch, never a trace. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!digidEnabled()) throw new Response('Niet gevonden', { status: 404 })
  const result = await finishLogin(request)
  if (!result.ok) return json({ reason: result.reason }, { status: result.reason === 'unavailable' ? 503 : 400 })
  const actor = await getActor(request)
  // A link asked by one account is never completed in another account's session.
  if (result.linkUserId && actor?.id !== result.linkUserId) return json({ reason: 'refused' as const }, { status: 400 })
  try {
    const outcome = await completeDigidLogin({ bsn: result.bsn, assurance: result.assurance }, result.linkUserId)
    const to = outcome.brpStatus === 'ok' ? result.redirectTo : '/mijn/digid'
    if (result.linkUserId)
      return redirectWithFlash(request, to, outcome.samePersonAsOther ? 'flash.digid_linked_same_person' : 'flash.digid_linked')
    const cookie = await createSessionCookie(outcome.userId)
    return redirectWithFlash(request, to, outcome.samePersonAsOther ? 'flash.digid_same_person' : 'flash.digid_logged_in', [cookie])
  } catch (error) {
    // The BSN was in hand here: only a scrubbed line is logged, and the page says nothing more.
    log().warn({ err: scrub(error) }, 'DigiD log-in failed')
    return json({ reason: 'unavailable' as const }, { status: 503 })
  }
}

export default function DigidReturn() {
  const t = useT()
  const { reason } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('digid.failed.title')}</h1>
      <p>{t(`digid.failed.${reason}` as MessageKey)}</p>
      <Form method="post" action="/inloggen/digid" reloadDocument>
        <button type="submit">{t('digid.failed.again')}</button>
      </Form>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'digid.failed.title')
