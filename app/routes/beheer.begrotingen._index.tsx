import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { FormError, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { BudgetFields } from '~/modules/budgets/admin-form'
import { createBudget } from '~/modules/budgets/commands.server'
import { listBudgets } from '~/modules/budgets/queries.server'
import { budgetPermissions } from '~/modules/budgets/permissions'
import { euro } from '~/modules/budgets/rules'
import { budgetInputFromForm, budgetSchema } from '~/modules/budgets/validation'
import { listAreas } from '~/modules/areas/queries.server'
import { parseForm } from '~/utils/forms'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  // Helpers see the list to enter paper ballots; staff manage the budgets.
  const actor = await requirePermission(request, budgetPermissions.enterPaperBallot, undefined)
  const rows = await listBudgets()
  return json({
    budgets: rows.map((b) => ({ ...b, closedAt: b.closedAt?.toISOString() ?? null })),
    wijken: await listAreas('wijk'),
    canManage: budgetPermissions.manage(actor, undefined).ok,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, budgetPermissions.manage, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(budgetSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const budget = await createBudget(actor.id, budgetInputFromForm(parsed.data))
  return redirectWithFlash(request, `/beheer/begrotingen/${budget.id}`, 'budgets.flash_created')
}

export default function AdminBudgets() {
  const t = useT()
  const { budgets, wijken, canManage } = useLoaderData<typeof loader>()
  const form = useStemForm(budgetSchema)
  return (
    <>
      <h1>{t('budgets.admin_title')}</h1>
      <ul className="card-list">
        {budgets.map((b) => (
          <li key={b.id}>
            <h2>
              <Link to={canManage ? `/beheer/begrotingen/${b.id}` : `/beheer/begrotingen/${b.id}/papier`}>{b.title}</Link>
            </h2>
            <p>
              {euro(b.amount)} · {b.areaName ?? t('budgets.whole_city')} ·{' '}
              <span className="badge">{t(`budgets.phase.${b.phase}` as MessageKey)}</span>
            </p>
          </li>
        ))}
      </ul>
      {canManage ? (
        <>
          <h2>{t('budgets.new_budget')}</h2>
          <StemFormElement form={form}>
            <FormError form={form} />
            <BudgetFields form={form} wijken={wijken} />
            <SubmitButton form={form} label="budgets.create" />
          </StemFormElement>
        </>
      ) : (
        <p>{t('budgets.helper_hint')}</p>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'budgets.admin_title')
