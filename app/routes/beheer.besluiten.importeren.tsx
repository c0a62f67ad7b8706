import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { importDecisions, type ImportReport } from '~/modules/decisions/commands.server'
import { decisionsPermissions } from '~/modules/decisions/permissions'
import { DECISION_LIMITS } from '~/modules/decisions/validation'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, decisionsPermissions.manage, undefined)
  return json({})
}

type ActionData = { report: ImportReport } | { error: MessageKey }

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, decisionsPermissions.manage, undefined))!
  if (Number(request.headers.get('Content-Length') ?? 0) > DECISION_LIMITS.importBytes + 10_000)
    return json<ActionData>({ error: 'decisions.import_no_file' }, { status: 400 })
  const formData = await request.formData()
  const file = formData.get('file')
  const text =
    file instanceof File && file.size > 0 && file.size <= DECISION_LIMITS.importBytes
      ? await file.text()
      : String(formData.get('content') ?? '')
  if (!text.trim() || text.length > DECISION_LIMITS.importBytes)
    return json<ActionData>({ error: 'decisions.import_no_file' }, { status: 400 })
  const report = await importDecisions(actor.id, text)
  return json<ActionData>({ report }, { status: report.imported === 0 && report.errors.length ? 400 : 200 })
}

export default function ImportDecisions() {
  const t = useT()
  const data = useActionData<ActionData>()
  const navigation = useNavigation()
  return (
    <>
      <p>
        <Link to="/beheer/besluiten">{t('decisions.admin_title')}</Link>
      </p>
      <h1>{t('decisions.import_title')}</h1>
      <p>{t('decisions.import_hint')}</p>
      {data && 'error' in data ? (
        <div className="form-error" role="alert">
          {t(data.error)}
        </div>
      ) : null}
      {data && 'report' in data ? (
        <section aria-labelledby="import-report" data-testid="import-report">
          <h2 id="import-report" role="status">
            {t('decisions.import_result', { n: data.report.imported })}
          </h2>
          {data.report.errors.length > 0 ? (
            <>
              <h3>{t('decisions.import_errors')}</h3>
              <ul>
                {data.report.errors.map((e) => (
                  <li key={`${e.row}-${e.reason}`}>
                    {t('decisions.import_row', { row: e.row })}: {e.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="file">{t('decisions.import_file')}</label>
          <input type="file" id="file" name="file" accept=".csv,.json,text/csv,application/json" />
        </div>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('decisions.import_submit')}
        </button>
      </Form>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'decisions.import_title')
