import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/session.server'
import { proposalPermissions, type ProposalFacts } from '~/modules/proposals/permissions'
import { getProposal, proposalImage } from '~/modules/proposals/queries.server'

/** The proposal's image: the stored WebP, never the uploaded original. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const p = /^\d{1,15}$/.test(params.id ?? '') ? await getProposal(Number(params.id)) : null
  if (!p || p.hiddenReason) throw new Response('Not found', { status: 404 })
  await requirePermission(request, proposalPermissions.view, p as ProposalFacts)
  const image = await proposalImage(p.id)
  if (!image) throw new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(image.data), {
    headers: {
      'Content-Type': image.contentType,
      'Cache-Control': p.status === 'draft' ? 'private, no-store' : 'public, max-age=3600',
    },
  })
}
