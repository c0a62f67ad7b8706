import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { ASSURANCE_ORDER, type Assurance } from '~/auth/identity/assurance'
import { digidEnabled, startLogin } from '~/auth/identity/oidc.server'
import { getActor, safeRedirect } from '~/auth/session.server'

/**
 * Log in with DigiD, or link it to the logged-in account: off to the broker. A form posts here. An
 * organisation's session (eHerkenning) never gets DigiD linked: the person logs in as themselves instead.
 */
export async function loader() {
  throw redirect('/inloggen')
}

export async function action({ request }: ActionFunctionArgs) {
  if (!digidEnabled()) throw new Response('Niet gevonden', { status: 404 })
  const formData = await request.formData()
  const actor = await getActor(request)
  const minimum = formData.get('minimum')
  const { url, cookie } = await startLogin({
    linkUserId: actor && !actor.broker?.organisation ? actor.id : null,
    redirectTo: safeRedirect(formData.get('redirectTo'), '/mijn'),
    minimum: ASSURANCE_ORDER.includes(minimum as Assurance) ? (minimum as Assurance) : null,
  })
  return redirect(url, { headers: { 'Set-Cookie': cookie } })
}
