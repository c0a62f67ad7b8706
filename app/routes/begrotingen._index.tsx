import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { listBudgets } from '~/modules/budgets/queries.server'
import { budgetPermissions } from '~/modules/budgets/permissions'
import { euro } from '~/modules/budgets/rules'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, budgetPermissions.view, undefined)
  const rows = await listBudgets()
  return json({ budgets: rows.map((b) => ({ ...b, closedAt: b.closedAt?.toISOString() ?? null })) })
}

export default function Budgets() {
  const t = useT()
  const { budgets } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('budgets.title')}</h1>
      <p className="lead">{t('budgets.lead')}</p>
      {budgets.length === 0 ? <p>{t('budgets.none')}</p> : null}
      <ul className="card-list">
        {budgets.map((b) => (
          <li key={b.id}>
            <h2>
              <Link to={`/begrotingen/${b.id}`}>{b.title}</Link>
            </h2>
            <p>
              {t('budgets.summary', { amount: euro(b.amount), area: b.areaName ?? t('budgets.whole_city') })}{' '}
              <span className="badge">{t(`budgets.phase.${b.phase}` as MessageKey)}</span>
            </p>
          </li>
        ))}
      </ul>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'budgets.title')
