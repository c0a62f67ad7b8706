import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { allAccountability } from '~/modules/accountability.server'
import { onTimeShare } from '~/modules/participation/queries.server'
import { formatDate, type ReportBackStatus } from '~/modules/participation/declaration'
import { ReportBackStatusBadge } from '~/modules/participation/components'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

const STATUSES: ReportBackStatus[] = ['overdue', 'late', 'on_time', 'pending']

export async function loader({ request }: LoaderFunctionArgs) {
  const wanted = new URL(request.url).searchParams.get('status')
  const status = STATUSES.find((s) => s === wanted)
  const rows = await allAccountability()
  const counts = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<ReportBackStatus, number>
  return json({ rows: status ? rows.filter((r) => r.status === status) : rows, status: status ?? '', counts, share: onTimeShare(rows) })
}

export default function Accountability() {
  const t = useT()
  const locale = useLocale()
  const { rows, status, counts, share } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('accountability.title')}</h1>
      <p className="lead">{t('accountability.lead')}</p>
      <p data-testid="on-time-share">
        {share === null
          ? t('accountability.no_share')
          : t('accountability.share', { percent: Math.round(share * 100), due: counts.on_time + counts.late + counts.overdue })}
      </p>
      <Form method="get" className="no-print">
        <div className="field">
          <label htmlFor="status">{t('accountability.filter')}</label>
          <select id="status" name="status" defaultValue={status}>
            <option value="">{t('accountability.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`accountability.status.${s}` as MessageKey)} ({counts[s]})
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('accountability.show')}</button>
      </Form>
      {rows.length === 0 ? (
        <p>{t('accountability.empty')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('accountability.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accountability.item')}</th>
              <th scope="col">{t('accountability.closed')}</th>
              <th scope="col">{t('accountability.promised')}</th>
              <th scope="col">{t('accountability.reported')}</th>
              <th scope="col">{t('accountability.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`accountability-${r.status}`}>
                <td>
                  <Link to={r.href}>{r.title}</Link>
                </td>
                <td>{r.closedAt ? formatDate(r.closedAt, locale) : '—'}</td>
                <td>{formatDate(r.reportBackBy, locale)}</td>
                <td>{r.reportedAt ? formatDate(r.reportedAt, locale) : '—'}</td>
                <td>
                  <ReportBackStatusBadge status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'accountability.title')
