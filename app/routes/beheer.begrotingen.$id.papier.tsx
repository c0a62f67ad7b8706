import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { enterPaperBallot } from '~/modules/budgets/ballots.server'
import { getBudget, projectsOf } from '~/modules/budgets/queries.server'
import { budgetPermissions } from '~/modules/budgets/permissions'
import { choiceFromForm, euro } from '~/modules/budgets/rules'
import { paperSchema } from '~/modules/budgets/validation'
import { parseForm, typedValues, type FieldErrors } from '~/utils/forms'
import { useT, type Params } from '~/utils/i18n'
import type { Actor } from '~/auth/permissions'

async function load(request: Request, id: string | undefined) {
  const actor = (await requirePermission(request, budgetPermissions.enterPaperBallot, undefined))!
  const budget = await getBudget(Number(id))
  if (!budget) throw new Response('Not found', { status: 404 })
  return { budget, actor }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { budget } = await load(request, params.id)
  const projects = await projectsOf(budget.id)
  return json({
    budget: {
      id: budget.id,
      title: budget.title,
      amount: budget.amount,
      voteRule: budget.voteRule,
      points: budget.points,
      phase: budget.phase,
    },
    projects: projects.map((p) => ({ id: p.id, title: p.title, cost: p.cost })),
  })
}

type ActionData =
  | { ok: true }
  | { ok: false; errors: FieldErrors; params?: Record<string, Params>; values: Record<string, string>; selection: Record<string, number> }

export async function action({ request, params }: ActionFunctionArgs) {
  const { budget, actor } = await load(request, params.id)
  const formData = await request.formData()
  const values = typedValues(formData)
  const choice = choiceFromForm(budget.voteRule, formData)
  const selection = choice ? Object.fromEntries([...choice.points].map(([k, v]) => [String(k), v])) : {}
  const refuse = (errors: FieldErrors, p?: Record<string, Params>) =>
    json<ActionData>({ ok: false, errors, params: p, values, selection }, { status: 400 })
  const parsed = parseForm(paperSchema, formData)
  if (!parsed.ok) return refuse(parsed.errors)
  if (!choice) return refuse({ ballot: 'budgets.error_unknown_project' })
  const result = await enterPaperBallot((actor as Actor).id, budget.id, { ...parsed.data, choice })
  if (!result.ok) return refuse({ [result.field]: result.reason }, result.params ? { [result.field]: result.params } : undefined)
  return json<ActionData>({ ok: true })
}

type Failed = Extract<ActionData, { ok: false }> | null

function FieldError({ failed, name }: { failed: Failed; name: string }) {
  const t = useT()
  return failed?.errors[name] ? (
    <p className="error" id={`${name}-error`}>
      {t(failed.errors[name]!, failed.params?.[name])}
    </p>
  ) : null
}

/** Who cast the paper ballot: name, birth date and address, as on the form. */
function ResidentFields({ failed }: { failed: Failed }) {
  const t = useT()
  return (
    <fieldset>
      <legend>{t('budgets.paper_resident')}</legend>
      {(
        [
          ['legalName', 'budgets.paper_legal_name', 120],
          ['birthDate', 'budgets.paper_birth_date', 10],
          ['postcode', 'fields.postcode', 10],
          ['houseNumber', 'fields.house_number', 5],
          ['addition', 'fields.addition', 10],
        ] as const
      ).map(([name, label, max]) => (
        <div className={name === 'legalName' ? 'field' : 'field narrow'} key={name}>
          <label htmlFor={name}>{t(label)}</label>
          <FieldError failed={failed} name={name} />
          <input
            id={name}
            name={name}
            maxLength={max}
            defaultValue={failed?.values[name]}
            aria-invalid={failed?.errors[name] ? true : undefined}
            aria-describedby={failed?.errors[name] ? `${name}-error` : undefined}
          />
        </div>
      ))}
    </fieldset>
  )
}

/** The choices on the paper ballot: points per project (cumulative voting) or the ticked projects. */
function BallotFields({ failed }: { failed: Failed }) {
  const t = useT()
  const { budget, projects } = useLoaderData<typeof loader>()
  return (
    <fieldset>
      <legend>{t('budgets.paper_ballot', { amount: euro(budget.amount) })}</legend>
      <FieldError failed={failed} name="ballot" />
      {projects.map((p) =>
        budget.voteRule === 'cumulative' ? (
          <div className="field narrow" key={p.id}>
            <label htmlFor={`points-${p.id}`}>
              {p.title} ({euro(p.cost)})
            </label>
            <input
              id={`points-${p.id}`}
              name={`points_${p.id}`}
              inputMode="numeric"
              maxLength={4}
              defaultValue={failed?.selection[String(p.id)] ?? ''}
            />
          </div>
        ) : (
          <div className="checkbox" key={p.id}>
            <input type="checkbox" id={`project-${p.id}`} name="project" value={p.id} defaultChecked={!!failed?.selection[String(p.id)]} />{' '}
            <label htmlFor={`project-${p.id}`}>
              {p.title} — {euro(p.cost)}
            </label>
          </div>
        ),
      )}
    </fieldset>
  )
}

export default function PaperBallot() {
  const t = useT()
  const { budget } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const failed = data && !data.ok ? data : null
  return (
    <>
      <h1>{t('budgets.paper_title')}</h1>
      <p className="lead">{t('budgets.paper_lead', { title: budget.title })}</p>
      {budget.phase !== 'voting' ? <p className="notice">{t('budgets.cast_closed')}</p> : null}
      {data?.ok ? (
        <p role="status" className="notice">
          {t('budgets.paper_done')}
        </p>
      ) : null}
      {failed?.errors.form ? (
        <div className="form-error" role="alert">
          {t(failed.errors.form)}
        </div>
      ) : null}
      <Form method="post" noValidate key={data?.ok ? 'done' : 'form'}>
        <ResidentFields failed={failed} />
        <BallotFields failed={failed} />
        <div className="field">
          <label htmlFor="reason">{t('fields.reason')}</label>
          <FieldError failed={failed} name="reason" />
          <p className="hint" id="reason-hint">
            {t('budgets.paper_reason_hint')}
          </p>
          <input id="reason" name="reason" maxLength={500} defaultValue={failed?.values.reason} aria-describedby="reason-hint" />
        </div>
        <button type="submit">{t('budgets.paper_submit')}</button>
      </Form>
      <p>
        <Link to={`/beheer/begrotingen/${budget.id}`}>{t('budgets.back')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Papieren stembiljet — Stem van Groningen' }]
