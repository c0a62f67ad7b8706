import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { ImportUpload, type ImportActionData, type ImportTexts } from '~/components/import-upload'
import { readImportUpload } from '~/components/import-upload.server'
import { requirePermission } from '~/auth/session.server'
import { importDecisions } from '~/modules/decisions/commands.server'
import { decisionsPermissions } from '~/modules/decisions/permissions'
import { DECISION_LIMITS } from '~/modules/decisions/validation'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, decisionsPermissions.manage, undefined)
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, decisionsPermissions.manage, undefined))!
  const upload = await readImportUpload(request, DECISION_LIMITS.importBytes)
  if (!upload) return json<ImportActionData>({ error: 'decisions.import_no_file' }, { status: 400 })
  const report = await importDecisions(actor.id, upload.text)
  return json<ImportActionData>({ report }, { status: report.imported === 0 && report.errors.length ? 400 : 200 })
}

const TEXTS: ImportTexts = {
  back: 'decisions.admin_title',
  title: 'decisions.import_title',
  hint: 'decisions.import_hint',
  result: 'decisions.import_result',
  errors: 'decisions.import_errors',
  row: 'decisions.import_row',
  file: 'decisions.import_file',
  submit: 'decisions.import_submit',
}

export default function ImportDecisions() {
  return (
    <ImportUpload
      backTo="/beheer/besluiten"
      texts={TEXTS}
      accept=".csv,.json,text/csv,application/json"
      data={useActionData<ImportActionData>()}
    />
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'decisions.import_title')
