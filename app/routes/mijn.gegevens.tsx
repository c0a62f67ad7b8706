import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { latestExport, requestExport } from '~/modules/dossier/export.server'
import { dossierPermissions } from '~/modules/dossier/permissions'
import { dossierSettings } from '~/modules/dossier/settings.server'
import { formatDate } from '~/utils/time'
import { useLocale, useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, dossierPermissions.ownData, undefined))!
  const latest = await latestExport(actor.id)
  return json({
    days: dossierSettings().STEM_EXPORT_VALID_DAYS,
    latest: latest
      ? { status: latest.status, requestedAt: latest.requestedAt.toISOString(), expiresAt: latest.expiresAt?.toISOString() ?? null }
      : null,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, dossierPermissions.ownData, undefined))!
  await requestExport(actor.id)
  return redirectWithFlash(request, '/mijn/gegevens', 'dossier.export_requested')
}

export default function ExportData() {
  const t = useT()
  const locale = useLocale()
  const { days, latest } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('dossier.export_title')}</h1>
      <p className="lead">{t('dossier.export_lead')}</p>
      <p>{t('dossier.export_how', { days })}</p>
      {latest?.status === 'pending' ? (
        <p className="notice" data-testid="export-status">
          {t('dossier.export_pending', { date: formatDate(latest.requestedAt, locale) })}
        </p>
      ) : (
        <>
          {latest?.expiresAt ? (
            <p className="notice" data-testid="export-status">
              {t('dossier.export_ready', { date: formatDate(latest.expiresAt, locale) })}
            </p>
          ) : null}
          <Form method="post">
            <button type="submit">{t('dossier.export_submit')}</button>
          </Form>
        </>
      )}
      <p>
        <Link to="/mijn/dossier">{t('dossier.title')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'dossier.export_title')
