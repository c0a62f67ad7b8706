import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { safeRedirect } from '~/auth/session.server'
import { isLocale } from '~/utils/i18n'
import { localeCookie } from '~/utils/locale.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const locale = formData.get('locale')
  const to = safeRedirect(formData.get('redirectTo'))
  if (!isLocale(locale)) return redirect(to)
  return redirect(to, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } })
}
