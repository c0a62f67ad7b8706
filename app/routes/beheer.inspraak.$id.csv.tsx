import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireConsultation } from '~/modules/consultations/loaders.server'
import { manageConsultation } from '~/modules/consultations/permissions'
import { csvOf } from '~/modules/consultations/results.server'
import { logExport } from '~/modules/consultations/commands.server'

/** The owner's export: every response without a name, with exact map points. The export is logged. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c, actor } = await requireConsultation(request, params.id, manageConsultation)
  await logExport(actor!, c.id)
  return new Response(await csvOf(c.id, { roundPoints: false }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="inspraak-${c.id}-reacties.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
