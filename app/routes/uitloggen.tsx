import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { destroySession, redirectWithFlash } from '~/auth/session.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await destroySession(request)
  return redirectWithFlash(request, '/', 'flash.logged_out', [cookie])
}
