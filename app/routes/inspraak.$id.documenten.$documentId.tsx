import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireConsultation } from '~/modules/consultations/loaders.server'
import { viewConsultation } from '~/modules/consultations/permissions'
import { documentFile } from '~/modules/consultations/queries.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireConsultation(request, params.id, viewConsultation)
  const file = await documentFile(c.id, Number(params.documentId))
  if (!file) throw new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(file.size),
      'Content-Disposition': `inline; filename="${file.filename.replace(/"/g, '')}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=300',
    },
  })
}
