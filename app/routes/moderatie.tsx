import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { monthlySummary } from '~/modules/moderation/queries.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

// Public: counts only, never content or names.
export async function loader(_: LoaderFunctionArgs) {
  return json({ rows: await monthlySummary(12) })
}

export default function ModerationSummary() {
  const t = useT()
  const { rows } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('moderation.summary_title')}</h1>
      <p className="lead">{t('moderation.summary_lead')}</p>
      {rows.length === 0 ? (
        <p>{t('moderation.summary_empty')}</p>
      ) : (
        <table data-testid="moderation-summary">
          <caption className="visually-hidden">{t('moderation.summary_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('moderation.month')}</th>
              <th scope="col">{t('moderation.reason')}</th>
              <th scope="col">{t('moderation.flag_count')}</th>
              <th scope="col">{t('moderation.hidden_count')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.month + r.reason}>
                <td>{r.month}</td>
                <td>{t(`moderation.reason_${r.reason}` as MessageKey)}</td>
                <td>{r.flags}</td>
                <td>{r.hidden}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/api/v1/moderation/summary">{t('moderation.open_data')}</a>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'moderation.summary_title')
