import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireConsultation } from '~/modules/consultations/loaders.server'
import { viewConsultation } from '~/modules/consultations/permissions'
import { documentFile } from '~/modules/consultations/queries.server'
import { pdfResponse } from '~/utils/pdf.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c, ref } = await requireConsultation(request, params.id, viewConsultation)
  const file = await documentFile(c.id, Number(params.documentId))
  if (!file) throw new Response('Not found', { status: 404 })
  // Cached only where anyone may read it.
  return pdfResponse(file, viewConsultation(null, ref).ok ? 'public' : 'private')
}
