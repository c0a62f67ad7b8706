import type { LoaderFunctionArgs } from '@remix-run/node'
import { getActor } from '~/auth/session.server'
import { proposalPermissions } from '~/modules/proposals/permissions'
import { documentFile, getProposal } from '~/modules/proposals/queries.server'
import { pdfResponse } from '~/utils/pdf.server'

/**
 * A document of a proposal, for whoever may see the proposal (a draft: its author and staff). To anyone
 * else it does not exist: 404, as for a hidden proposal, so a draft's documents give nothing away.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const p = /^\d{1,15}$/.test(params.id ?? '') ? await getProposal(Number(params.id)) : null
  if (!p || p.hiddenReason || !proposalPermissions.view(await getActor(request), p).ok) throw new Response('Not found', { status: 404 })
  const file = /^\d{1,15}$/.test(params.documentId ?? '') ? await documentFile(p.id, Number(params.documentId)) : null
  if (!file) throw new Response('Not found', { status: 404 })
  return pdfResponse(file, proposalPermissions.view(null, p).ok ? 'public' : 'private')
}
