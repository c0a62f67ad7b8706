import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { ImportUpload, type ImportActionData, type ImportTexts } from '~/components/import-upload'
import { readImportUpload } from '~/components/import-upload.server'
import { requirePermission } from '~/auth/session.server'
import { importNotices } from '~/modules/alerts/notices.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { ALERT_LIMITS } from '~/modules/alerts/validation'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, alertsPermissions.publishNotices, undefined)
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, alertsPermissions.publishNotices, undefined))!
  const upload = await readImportUpload(request, ALERT_LIMITS.importBytes)
  if (!upload) return json<ImportActionData>({ error: 'alerts.import_no_file' }, { status: 400 })
  const name = upload.filename.toLowerCase()
  const format = name.endsWith('.csv') || (!name && !upload.text.trimStart().startsWith('{')) ? 'csv' : 'geojson'
  const report = await importNotices(actor.id, upload.text, format)
  return json<ImportActionData>({ report }, { status: report.imported === 0 && report.errors.length ? 400 : 200 })
}

const TEXTS: ImportTexts = {
  back: 'alerts.admin_title',
  title: 'alerts.import_title',
  hint: 'alerts.import_hint',
  result: 'alerts.import_result',
  errors: 'alerts.import_errors',
  row: 'alerts.import_row',
  file: 'alerts.import_file',
  submit: 'alerts.import_submit',
}

export default function ImportNotices() {
  return (
    <ImportUpload
      backTo="/beheer/bekendmakingen"
      texts={TEXTS}
      accept=".geojson,.json,.csv,application/geo+json,text/csv"
      data={useActionData<ImportActionData>()}
    />
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.import_title')
