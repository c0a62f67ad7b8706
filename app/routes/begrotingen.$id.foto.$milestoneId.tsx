import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/session.server'
import { milestonePhoto } from '~/modules/budgets/queries.server'
import { budgetPermissions } from '~/modules/budgets/permissions'

/** A milestone's photo, resized to JPEG when it was uploaded. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, budgetPermissions.view, undefined)
  const id = Number(params.milestoneId)
  const photo = Number.isSafeInteger(id) && id > 0 ? await milestonePhoto(id) : null
  if (!photo) throw new Response('Not found', { status: 404 })
  return new Response(photo, {
    headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'public, max-age=86400' },
  })
}
