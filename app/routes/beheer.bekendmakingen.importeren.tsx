import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { importNotices, type ImportReport } from '~/modules/alerts/notices.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { ALERT_LIMITS } from '~/modules/alerts/validation'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, alertsPermissions.publishNotices, undefined)
  return json({})
}

type ActionData = { report: ImportReport } | { error: MessageKey }

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, alertsPermissions.publishNotices, undefined))!
  if (Number(request.headers.get('Content-Length') ?? 0) > ALERT_LIMITS.importBytes + 10_000)
    return json<ActionData>({ error: 'alerts.import_no_file' }, { status: 400 })
  const formData = await request.formData()
  const file = formData.get('file')
  const text =
    file instanceof File && file.size > 0 && file.size <= ALERT_LIMITS.importBytes
      ? await file.text()
      : String(formData.get('content') ?? '')
  if (!text.trim() || text.length > ALERT_LIMITS.importBytes) return json<ActionData>({ error: 'alerts.import_no_file' }, { status: 400 })
  const name = file instanceof File ? file.name.toLowerCase() : ''
  const format = name.endsWith('.csv') || (!name && !text.trimStart().startsWith('{')) ? 'csv' : 'geojson'
  const report = await importNotices(actor.id, text, format)
  return json<ActionData>({ report }, { status: report.imported === 0 && report.errors.length ? 400 : 200 })
}

export default function ImportNotices() {
  const t = useT()
  const data = useActionData<ActionData>()
  const navigation = useNavigation()
  return (
    <>
      <p>
        <Link to="/beheer/bekendmakingen">{t('alerts.admin_title')}</Link>
      </p>
      <h1>{t('alerts.import_title')}</h1>
      <p>{t('alerts.import_hint')}</p>
      {data && 'error' in data ? (
        <div className="form-error" role="alert">
          {t(data.error)}
        </div>
      ) : null}
      {data && 'report' in data ? (
        <section aria-labelledby="import-report" data-testid="import-report">
          <h2 id="import-report" role="status">
            {t('alerts.import_result', { n: data.report.imported })}
          </h2>
          {data.report.errors.length > 0 ? (
            <>
              <h3>{t('alerts.import_errors')}</h3>
              <ul>
                {data.report.errors.map((e) => (
                  <li key={`${e.row}-${e.reason}`}>
                    {t('alerts.import_row', { row: e.row })}: {e.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="file">{t('alerts.import_file')}</label>
          <input type="file" id="file" name="file" accept=".geojson,.json,.csv,application/geo+json,text/csv" />
        </div>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('alerts.import_submit')}
        </button>
      </Form>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.import_title')
