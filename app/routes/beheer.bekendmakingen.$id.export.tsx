import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/session.server'
import { exportReactions } from '~/modules/alerts/decisions.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { noticeOwner } from '~/modules/alerts/reactions.server'

/** Every reaction on a notice: `?formaat=csv`, or `zip` with the CSV and the attachments. Audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const notice = await noticeOwner(Number(params.id))
  if (!notice) throw new Response('Not found', { status: 404 })
  const actor = (await requirePermission(request, alertsPermissions.handleReactions, notice))!
  const format = new URL(request.url).searchParams.get('formaat') ?? 'csv'
  if (format !== 'csv' && format !== 'zip') throw new Response('Unknown format', { status: 400 })
  const file = await exportReactions(actor.id, notice.id, format)
  return new Response(file.body, {
    headers: {
      'Content-Type': file.type,
      'Content-Disposition': `attachment; filename="${file.name}"`,
      'Cache-Control': 'no-store',
    },
  })
}
