import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { eherkenningEnabled, startLogin } from '~/auth/identity/oidc.server'
import { safeRedirect } from '~/auth/session.server'

/** Log in with eHerkenning, as an organisation: off to the broker. A form posts here. */
export async function loader() {
  throw redirect('/inloggen')
}

export async function action({ request }: ActionFunctionArgs) {
  if (!eherkenningEnabled()) throw new Response('Niet gevonden', { status: 404 })
  const formData = await request.formData()
  const { url, cookie } = await startLogin({
    provider: 'eherkenning',
    linkUserId: null,
    redirectTo: safeRedirect(formData.get('redirectTo'), '/mijn'),
  })
  return redirect(url, { headers: { 'Set-Cookie': cookie } })
}
