import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/session.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { reactionAttachment, reactionDetail } from '~/modules/alerts/reactions.server'

/** A reaction's attachment for staff; every download is audited (the resident sees it in their dossier). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const reaction = await reactionDetail(Number(params.id))
  if (!reaction) throw new Response('Not found', { status: 404 })
  const actor = (await requirePermission(request, alertsPermissions.handleReactions, { createdBy: reaction.noticeOwner }))!
  const file = await reactionAttachment(actor.id, reaction.id)
  if (!file) throw new Response('Not found', { status: 404 })
  return new Response(file.bytes, {
    headers: {
      'Content-Type': file.type,
      'Content-Disposition': `attachment; filename="${file.name.replace(/[^\w.\- ]+/g, '_')}"`,
      'Cache-Control': 'no-store',
    },
  })
}
