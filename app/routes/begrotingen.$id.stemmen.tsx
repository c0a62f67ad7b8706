import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react'
import { withAssistedRecord } from '~/auth/acting.server'
import { requirePermission } from '~/auth/session.server'
import { castBallot } from '~/modules/budgets/ballots.server'
import { getBudget, projectsOf, voterStatus } from '~/modules/budgets/queries.server'
import { budgetPermissions } from '~/modules/budgets/permissions'
import { checkBallot, choiceFromForm, euro } from '~/modules/budgets/rules'
import { useT, type MessageKey, type Params } from '~/utils/i18n'

async function load(request: Request, id: string | undefined) {
  const budget = await getBudget(Number(id))
  if (!budget) throw new Response('Not found', { status: 404 })
  // While a helper acts for a resident, the resident votes (assisted module).
  const actor = (await requirePermission(request, budgetPermissions.vote, budget))!
  const assisted = actor.actingFor
  return { budget, actor, assisted }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { budget, actor, assisted } = await load(request, params.id)
  const projects = await projectsOf(budget.id)
  // Whether this person voted, never what: a changeable ballot is reached only with its receipt. A helper
  // acting for a resident learns whether the resident voted, never what, and cannot change it (issue 14).
  const voted = await voterStatus(budget.id, actor.id)
  const status = voted && assisted ? { ...voted, canChange: false } : voted
  return json({
    budget: {
      id: budget.id,
      title: budget.title,
      amount: budget.amount,
      voteRule: budget.voteRule,
      maxProjects: budget.maxProjects,
      minProjects: budget.minProjects,
      points: budget.points,
      ballotsChangeable: budget.ballotsChangeable,
    },
    projects: projects.map((p) => ({ id: p.id, title: p.title, description: p.description, cost: p.cost })),
    status,
    actingFor: !!assisted,
  })
}

type ActionData =
  | { kind: 'calculated'; selection: Record<string, number>; total: number; error?: MessageKey; params?: Params; receipt?: string }
  | { kind: 'refused'; selection: Record<string, number>; total: number; error: MessageKey; params?: Params; receipt?: string }
  | { kind: 'voted'; receipt: string; changed: boolean }

export async function action({ request, params }: ActionFunctionArgs) {
  const { budget, actor, assisted } = await load(request, params.id)
  const formData = await request.formData()
  const choice = choiceFromForm(budget.voteRule, formData)
  if (!choice)
    return json<ActionData>({ kind: 'refused', selection: {}, total: 0, error: 'budgets.error_unknown_project' }, { status: 400 })
  const selection = Object.fromEntries([...choice.points].map(([k, v]) => [String(k), v]))
  const projects = await projectsOf(budget.id)
  const costs = new Map(projects.map((p) => [p.id, p.cost]))
  const check = checkBallot(budget, costs, choice)
  // The typed receipt (to change a ballot) comes back with the page, like every other field.
  const receipt = String(formData.get('receipt') ?? '').slice(0, 40)
  if (formData.get('intent') === 'calculate') {
    return json<ActionData>({
      kind: 'calculated',
      selection,
      total: check.total,
      receipt,
      ...(check.ok ? {} : { error: check.error, params: check.params }),
    })
  }
  if (!check.ok)
    return json<ActionData>(
      { kind: 'refused', selection, total: check.total, error: check.error, params: check.params, receipt },
      { status: 400 },
    )
  // A ballot a helper enters is the budgets module's offline channel, entered by that helper: like a
  // paper ballot it is not changed online afterwards, and the one-per-person index refuses a second one.
  const result = await withAssistedRecord(
    assisted,
    (db) =>
      castBallot(
        {
          budgetId: budget.id,
          voterUserId: actor.id,
          projectIds: [...choice.points.keys()],
          points: Object.fromEntries(choice.points),
          channel: assisted ? 'paper' : 'online',
          enteredBy: assisted?.helperId ?? null,
          receipt,
        },
        db,
      ),
    (r) => (r.ok ? { action: 'budget.ballot', itemKind: 'budget', itemId: String(budget.id) } : null),
  )
  if (!result.ok) {
    return json<ActionData>(
      { kind: 'refused', selection, total: check.total, error: result.reason, params: result.params, receipt },
      { status: 400 },
    )
  }
  return json<ActionData>({ kind: 'voted', receipt: result.receipt, changed: result.changed })
}

type Picked = Record<string, number>
type Project = ReturnType<typeof useLoaderData<typeof loader>>['projects'][number]

/** The ballot is in: its receipt, to check it later or to change it. */
function Voted({ budgetId, receipt, changed }: { budgetId: number; receipt: string; changed: boolean }) {
  const t = useT()
  return (
    <>
      <h1>{t('budgets.voted_title')}</h1>
      <div role="status" className="notice">
        <p>{t(changed ? 'budgets.vote_changed' : 'budgets.vote_counted')}</p>
        <p>
          {t('budgets.receipt_is')} <strong data-testid="receipt">{receipt}</strong>
        </p>
        <p>{t('budgets.receipt_hint')}</p>
      </div>
      <p>
        <Link to={`/begrotingen/${budgetId}`}>{t('budgets.back')}</Link>
      </p>
    </>
  )
}

/** This person voted and cannot change it (a paper ballot, a fixed ballot, or a helper acting for them). */
function AlreadyVoted() {
  const t = useT()
  const { budget, status, actingFor } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{budget.title}</h1>
      <div className="notice" role="status">
        <p>{t(actingFor ? 'assisted.resident_voted' : status?.channel === 'paper' ? 'budgets.voted_paper' : 'budgets.voted_online')}</p>
      </div>
      <p>
        <Link to={`/begrotingen/${budget.id}`}>{t('budgets.back')}</Link>
      </p>
    </>
  )
}

/** One project on the ballot: points to give (cumulative voting) or a box to tick. */
function ProjectChoice({
  project: p,
  cumulative,
  maxPoints,
  initial,
  setPicked,
}: {
  project: Project
  cumulative: boolean
  maxPoints: number
  initial: Picked
  setPicked: Dispatch<SetStateAction<Picked>>
}) {
  const key = String(p.id)
  return cumulative ? (
    <div className="field narrow">
      <label htmlFor={`points-${p.id}`}>
        {p.title} ({euro(p.cost)})
      </label>
      <p className="hint" id={`points-${p.id}-hint`}>
        {p.description}
      </p>
      <input
        id={`points-${p.id}`}
        name={`points_${p.id}`}
        type="number"
        min={0}
        max={maxPoints}
        inputMode="numeric"
        aria-describedby={`points-${p.id}-hint`}
        defaultValue={initial[key] ?? ''}
        onChange={(e) => setPicked((old) => ({ ...old, [key]: Number(e.currentTarget.value) || 0 }))}
      />
    </div>
  ) : (
    <div className="checkbox">
      <input
        type="checkbox"
        id={`project-${p.id}`}
        name="project"
        value={p.id}
        defaultChecked={!!initial[key]}
        aria-describedby={`project-${p.id}-desc`}
        onChange={(e) => {
          const checked = e.currentTarget.checked
          setPicked((old) => {
            const next = { ...old }
            if (checked) next[key] = 1
            else delete next[key]
            return next
          })
        }}
      />{' '}
      <label htmlFor={`project-${p.id}`}>
        {p.title} — {euro(p.cost)}
      </label>
      <p className="hint" id={`project-${p.id}-desc`}>
        {p.description}
      </p>
    </div>
  )
}

/** The receipt of the earlier ballot, needed to change it. */
function ChangeReceiptField({ defaultValue, error }: { defaultValue: string; error?: MessageKey }) {
  const t = useT()
  return (
    <div className="field narrow">
      <label htmlFor="receipt">{t('budgets.change_receipt')}</label>
      <p className="hint" id="receipt-hint">
        {t('budgets.change_receipt_hint')}
      </p>
      <input
        id="receipt"
        name="receipt"
        autoComplete="off"
        defaultValue={defaultValue}
        aria-describedby="receipt-hint"
        aria-invalid={error === 'budgets.cast_receipt_needed' || error === 'budgets.cast_receipt_wrong' ? true : undefined}
      />
    </div>
  )
}

/** The ballot form, with the remaining budget (or points) counted live once the script runs. */
function VoteForm({ actionData }: { actionData?: Exclude<ActionData, { kind: 'voted' }> }) {
  const t = useT()
  const { budget, projects, status } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const initial: Picked = actionData?.selection ?? {}
  const [picked, setPicked] = useState<Picked>(initial)
  const [hydrated, setHydrated] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  // The live remaining budget takes over from the server's figure once the script runs, starting from
  // what the form holds then: boxes ticked (or points typed) before the script loaded count too.
  useEffect(() => {
    const form = formRef.current
    if (form) {
      const now: Picked = {}
      for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[name="project"]:checked'))) now[input.value] = 1
      for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[name^="points_"]'))) {
        const points = Number(input.value) || 0
        if (points > 0) now[input.name.slice('points_'.length)] = points
      }
      setPicked(now)
    }
    setHydrated(true)
  }, [])
  const total = projects.reduce((sum, p) => sum + (picked[String(p.id)] ? p.cost : 0), 0)
  const pointsUsed = Object.values(picked).reduce((a, b) => a + b, 0)
  const error = actionData?.error
  const remaining = budget.amount - (hydrated ? total : (actionData?.total ?? total))
  return (
    <>
      {error ? (
        <div className="form-error" role="alert">
          {t(error, actionData.params)}
        </div>
      ) : null}
      <Form method="post" noValidate ref={formRef}>
        <fieldset>
          <legend>{t('budgets.projects')}</legend>
          {projects.map((p) => (
            <ProjectChoice
              key={p.id}
              project={p}
              cumulative={budget.voteRule === 'cumulative'}
              maxPoints={budget.points ?? 10}
              initial={initial}
              setPicked={setPicked}
            />
          ))}
        </fieldset>
        {status?.canChange ? <ChangeReceiptField defaultValue={actionData?.receipt ?? ''} error={error} /> : null}
        <p aria-live="polite" data-testid="remaining">
          {budget.voteRule === 'cumulative'
            ? t('budgets.points_left', {
                left: (budget.points ?? 0) - (hydrated ? pointsUsed : Object.values(initial).reduce((a, b) => a + b, 0)),
              })
            : budget.voteRule === 'knapsack'
              ? remaining >= 0
                ? t('budgets.remaining', { amount: euro(remaining) })
                : t('budgets.over', { amount: euro(-remaining) })
              : t('budgets.chosen_count', { count: Object.keys(hydrated ? picked : initial).length })}
        </p>
        <button type="submit" name="intent" value="calculate" className="secondary">
          {t('budgets.calculate')}
        </button>{' '}
        <button type="submit" name="intent" value="vote" disabled={navigation.state === 'submitting'}>
          {t('budgets.cast')}
        </button>
      </Form>
    </>
  )
}

export default function Vote() {
  const t = useT()
  const { budget, status } = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  if (actionData?.kind === 'voted') return <Voted budgetId={budget.id} receipt={actionData.receipt} changed={actionData.changed} />
  if (status && !status.canChange) return <AlreadyVoted />
  return (
    <>
      <h1>{t('budgets.vote_title', { title: budget.title })}</h1>
      <p className="lead">
        {t(`budgets.vote_rule.${budget.voteRule}` as MessageKey, {
          max: budget.maxProjects ?? '',
          min: budget.minProjects ?? 0,
          points: budget.points ?? 0,
          amount: euro(budget.amount),
        })}
      </p>
      {status?.canChange ? <p>{t('budgets.change_hint')}</p> : null}
      <VoteForm actionData={actionData} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Stemmen: ${data?.budget.title ?? ''} — Stem van Groningen` }]
