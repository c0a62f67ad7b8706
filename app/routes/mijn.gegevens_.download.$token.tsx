import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/session.server'
import { downloadExport } from '~/modules/dossier/export.server'
import { dossierPermissions } from '~/modules/dossier/permissions'
import { serverT } from '~/utils/locale.server'
import { amsterdamDay } from '~/utils/time'

/** The link in the export e-mail: the archive, for its owner while it has not expired. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, dossierPermissions.ownData, undefined))!
  const archive = await downloadExport(actor.id, params.token ?? '')
  if (!archive) {
    const t = await serverT(request)
    throw new Response(t('dossier.export_gone'), { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const day = amsterdamDay()
  return new Response(new Uint8Array(archive), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="stem-mijn-gegevens-${day}.zip"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
