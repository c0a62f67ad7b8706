import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { withAssistedRecord } from '~/auth/acting.server'
import { Field, FormError, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { submitIdea } from '~/modules/budgets/commands.server'
import { getBudget } from '~/modules/budgets/queries.server'
import { formFailure } from '~/modules/budgets/shared.server'
import { budgetPermissions } from '~/modules/budgets/permissions'
import { ideaSchema, LIMITS } from '~/modules/budgets/validation'
import { parseForm } from '~/utils/forms'
import { useT } from '~/utils/i18n'

async function load(request: Request, id: string | undefined) {
  const budget = await getBudget(Number(id))
  if (!budget) throw new Response('Not found', { status: 404 })
  // While a helper acts for a resident, the idea is the resident's (assisted module).
  const actor = (await requirePermission(request, budgetPermissions.submitIdea, budget))!
  const assisted = actor.actingFor
  return { budget, actor, assisted }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { budget } = await load(request, params.id)
  return json({ budget: { id: budget.id, title: budget.title } })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { budget, actor, assisted } = await load(request, params.id)
  const formData = await request.formData()
  const parsed = parseForm(ideaSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const { lat, lon, ...rest } = parsed.data
  const result = await withAssistedRecord(
    assisted,
    (db) => submitIdea(actor.id, budget.id, { ...rest, location: lat !== null && lon !== null ? { lat, lon } : null }, db),
    (r) => (r.ok ? { action: 'budget.idea', itemKind: 'budget', itemId: String(budget.id) } : null),
  )
  if (!result.ok) return json(formFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, `/begrotingen/${budget.id}#idee-${result.id}`, 'budgets.flash_idea_sent')
}

export default function SubmitIdea() {
  const t = useT()
  const { budget } = useLoaderData<typeof loader>()
  const form = useStemForm(ideaSchema)
  return (
    <>
      <h1>{t('budgets.idea_title', { title: budget.title })}</h1>
      <p className="lead">{t('budgets.idea_lead')}</p>
      <StemFormElement form={form}>
        <FormError form={form} />
        <Field form={form} name="title" label="budgets.field_title" required maxLength={LIMITS.title} />
        <TextAreaField
          form={form}
          name="body"
          label="budgets.field_idea_body"
          hint="budgets.field_idea_body_hint"
          required
          maxLength={LIMITS.ideaBody}
        />
        <Field
          form={form}
          name="estimatedCost"
          label="budgets.field_estimated_cost"
          hint="budgets.field_estimated_cost_hint"
          inputMode="numeric"
          maxLength={10}
          narrow
        />
        <fieldset>
          <legend>{t('budgets.field_location')}</legend>
          <p className="hint">{t('budgets.field_location_hint')}</p>
          <Field form={form} name="lat" label="budgets.field_lat" inputMode="decimal" maxLength={12} narrow />
          <Field form={form} name="lon" label="budgets.field_lon" inputMode="decimal" maxLength={12} narrow />
        </fieldset>
        <SubmitButton form={form} label="budgets.idea_submit" />
      </StemFormElement>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Idee insturen — Stem van Groningen' }]
