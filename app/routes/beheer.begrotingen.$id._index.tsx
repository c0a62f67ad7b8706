import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { addMilestone, promoteIdea, reviewIdea, setPhase, updateBudget } from '~/modules/budgets/commands.server'
import { ideasOf, publicBudget } from '~/modules/budgets/queries.server'
import { BudgetFields } from '~/modules/budgets/admin-form'
import { listAreas } from '~/modules/areas/queries.server'
import { useStemForm } from '~/components/forms'
import { budgetPermissions } from '~/modules/budgets/permissions'
import { processPhoto } from '~/modules/budgets/photo.server'
import { euro, PHASES } from '~/modules/budgets/rules'
import { budgetInputFromForm, budgetSchema, LIMITS, milestoneSchema, reviewSchema } from '~/modules/budgets/validation'
import { formFailure } from '~/modules/budgets/shared.server'
import type { BudgetPhase } from '~db/schema'
import { failure, parseForm, type FormFailure } from '~/utils/forms'
import { useT, type MessageKey } from '~/utils/i18n'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, budgetPermissions.manage, undefined)
  const view = await publicBudget(Number(params.id))
  if (!view) throw new Response('Not found', { status: 404 })
  const ideas = await ideasOf(view.budget.id)
  return json({
    budget: {
      id: view.budget.id,
      title: view.budget.title,
      phase: view.budget.phase,
      amount: view.budget.amount,
      closed: view.closed,
      tallyMethod: view.budget.tallyMethod,
      voteRule: view.budget.voteRule,
    },
    ballots: view.ballots,
    projects: view.projects.map((p) => ({ id: p.id, title: p.title, cost: p.cost, selected: p.selected ?? false })),
    ideas: ideas.map((i) => ({ ...i, location: undefined })),
    wijken: await listAreas('wijk'),
    settings: settingsOf(view),
  })
}

type Result = FormFailure & { section: string }

/** The stored settings as form values, for the edit form. */
function settingsOf(view: NonNullable<Awaited<ReturnType<typeof publicBudget>>>): Record<string, string> {
  const b = view.budget
  const values: Record<string, string> = {
    title: b.title,
    description: b.description,
    areaCode: b.areaCode ?? '',
    amount: String(b.amount),
    voteRule: b.voteRule,
    maxProjects: b.maxProjects?.toString() ?? '',
    minProjects: b.minProjects?.toString() ?? '',
    points: b.points?.toString() ?? '',
    tallyMethod: b.tallyMethod,
    minScore: b.minScore?.toString() ?? '',
    minimumAge: b.minimumAge?.toString() ?? '',
    ballotsChangeable: b.ballotsChangeable ? 'yes' : 'no',
    declarationNote: b.declarationNote ?? '',
  }
  for (const p of view.phases) {
    values[`${p.phase}Start`] = p.startsOn ?? ''
    values[`${p.phase}End`] = p.endsOn ?? ''
  }
  return values
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, budgetPermissions.manage, undefined))!
  const id = Number(params.id)
  const view = await publicBudget(id)
  if (!view) throw new Response('Not found', { status: 404 })
  if (Number(request.headers.get('Content-Length') ?? 0) > LIMITS.photoBytes + 100_000)
    return json<Result>({ section: 'milestone', errors: { photo: 'budgets.error_photo_size' }, values: {} }, { status: 400 })
  const formData = await request.formData()
  const intent = formData.get('intent')
  const back = `/beheer/begrotingen/${id}`
  if (intent === 'phase') {
    const phase = String(formData.get('phase'))
    if (!(PHASES as readonly string[]).includes(phase))
      return json<Result>({ section: 'phase', errors: { phase: 'errors.required' }, values: {} }, { status: 400 })
    const result = await setPhase(actor.id, id, phase as BudgetPhase)
    if (!result.ok) return json<Result>({ section: 'phase', ...formFailure(result, formData) }, { status: 400 })
    return redirectWithFlash(request, back, phase === 'result' ? 'budgets.flash_closed' : 'budgets.flash_phase')
  }
  if (intent === 'settings') {
    const parsed = parseForm(budgetSchema, formData)
    if (!parsed.ok) return json<Result>({ section: 'settings', ...parsed }, { status: 400 })
    const result = await updateBudget(actor.id, id, budgetInputFromForm(parsed.data))
    if (!result.ok) return json<Result>({ section: 'settings', ...formFailure(result, formData) }, { status: 400 })
    return redirectWithFlash(request, back, 'budgets.flash_saved')
  }
  if (intent === 'review') {
    const parsed = parseForm(reviewSchema, formData)
    if (!parsed.ok) return json<Result>({ section: `idea-${String(formData.get('ideaId'))}`, ...parsed }, { status: 400 })
    const d = parsed.data
    const review =
      d.decision === 'feasible'
        ? { decision: 'feasible' as const, cost: d.cost!, reason: d.reason }
        : d.decision === 'unfeasible'
          ? { decision: 'unfeasible' as const, reason: d.reason }
          : { decision: 'merge' as const, into: d.into!, reason: d.reason }
    const result = await reviewIdea(actor.id, d.ideaId, review)
    if (!result.ok) return json<Result>({ section: `idea-${d.ideaId}`, ...formFailure(result, formData) }, { status: 400 })
    return redirectWithFlash(request, back, 'budgets.flash_reviewed')
  }
  if (intent === 'promote') {
    const result = await promoteIdea(actor.id, Number(formData.get('ideaId')))
    if (!result.ok) return json<Result>({ section: 'projects', ...formFailure(result, formData) }, { status: 400 })
    return redirectWithFlash(request, back, 'budgets.flash_promoted')
  }
  if (intent === 'milestone') {
    const parsed = parseForm(milestoneSchema, formData)
    if (!parsed.ok) return json<Result>({ section: 'milestone', ...parsed, values: parsed.values }, { status: 400 })
    let photo: string | null = null
    const file = formData.get('photo')
    if (file && typeof file !== 'string' && file.size > 0) {
      photo = await processPhoto(Buffer.from(await file.arrayBuffer()))
      if (!photo)
        return json<Result>({ section: 'milestone', ...failure({ errors: { photo: 'budgets.error_photo' } }, formData) }, { status: 400 })
    }
    const result = await addMilestone(actor.id, id, { ...parsed.data, photo, photoAlt: parsed.data.photoAlt || null })
    if (!result.ok) return json<Result>({ section: 'milestone', ...formFailure(result, formData) }, { status: 400 })
    return redirectWithFlash(request, back, 'budgets.flash_milestone')
  }
  return json<Result>({ section: 'form', errors: { form: 'errors.required' }, values: {} }, { status: 400 })
}

function Errors({ section, data }: { section: string; data: Result | undefined }) {
  const t = useT()
  if (!data || data.section !== section) return null
  return (
    <div className="form-error" role="alert">
      <ul>
        {Object.entries(data.errors).map(([field, key]) => (
          <li key={field}>{t(key, data.params?.[field])}</li>
        ))}
      </ul>
    </div>
  )
}

const NEXT: Record<string, string | null> = {
  information: 'ideas',
  ideas: 'review',
  review: 'voting',
  voting: 'result',
  result: 'execution',
  execution: null,
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Idea = LoaderData['ideas'][number]

/** The button that moves the budget to its next phase (closing the vote is one). */
function PhaseChange() {
  const t = useT()
  const { budget } = useLoaderData<typeof loader>()
  const data = useActionData<Result>()
  const next = NEXT[budget.phase]
  return (
    <>
      <h2>{t('budgets.phase_change')}</h2>
      <Errors section="phase" data={data} />
      {next ? (
        <Form method="post">
          <input type="hidden" name="phase" value={next} />
          {next === 'result' ? <p>{t('budgets.close_hint')}</p> : null}
          <button type="submit" name="intent" value="phase">
            {next === 'result' ? t('budgets.close_voting') : t('budgets.to_phase', { phase: t(`budgets.phase.${next}` as MessageKey) })}
          </button>
        </Form>
      ) : (
        <p>{t('budgets.last_phase')}</p>
      )}
    </>
  )
}

/** The budget's settings, folded away; the voting rules are locked once voting starts. */
function SettingsPanel() {
  const t = useT()
  const { budget, wijken, settings } = useLoaderData<typeof loader>()
  const settingsForm = useStemForm(budgetSchema)
  const data = useActionData<Result>()
  return (
    <details>
      <summary>{t('budgets.settings')}</summary>
      <Errors section="settings" data={data} />
      <Form method="post" noValidate>
        <BudgetFields
          form={settingsForm}
          wijken={wijken}
          defaults={settings}
          rulesLocked={['voting', 'result', 'execution'].includes(budget.phase)}
        />
        <button type="submit" name="intent" value="settings">
          {t('budgets.save_settings')}
        </button>
      </Form>
    </details>
  )
}

/** The review of a submitted idea: feasible (with a cost), unfeasible, or merged into another. */
function ReviewForm({ idea: i }: { idea: Idea }) {
  const t = useT()
  const { ideas } = useLoaderData<typeof loader>()
  const data = useActionData<Result>()
  const value = (name: string) => data?.values?.[name]
  return (
    <Form method="post" noValidate>
      <Errors section={`idea-${i.id}`} data={data} />
      <input type="hidden" name="ideaId" value={i.id} />
      <fieldset>
        <legend>{t('budgets.review_decision', { title: i.title })}</legend>
        {(['feasible', 'unfeasible', 'merge'] as const).map((d) => (
          <div className="checkbox" key={d}>
            <input type="radio" id={`decision-${i.id}-${d}`} name="decision" value={d} defaultChecked={value('decision') === d} />{' '}
            <label htmlFor={`decision-${i.id}-${d}`}>{t(`budgets.decision.${d}` as MessageKey)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field narrow">
        <label htmlFor={`cost-${i.id}`}>{t('budgets.field_reviewed_cost')}</label>
        <input id={`cost-${i.id}`} name="cost" inputMode="numeric" maxLength={10} defaultValue={value('cost')} />
      </div>
      <div className="field">
        <label htmlFor={`into-${i.id}`}>{t('budgets.field_merge_into')}</label>
        <select id={`into-${i.id}`} name="into" defaultValue={value('into') ?? ''}>
          <option value="">—</option>
          {ideas
            .filter((o) => o.id !== i.id && o.status !== 'merged')
            .map((o) => (
              <option key={o.id} value={o.id}>
                #{o.id} {o.title}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`reason-${i.id}`}>{t('budgets.field_public_reason')}</label>
        <textarea id={`reason-${i.id}`} name="reason" maxLength={LIMITS.reason} rows={3} defaultValue={value('reason')} />
      </div>
      <button type="submit" name="intent" value="review">
        {t('budgets.review_submit')}
      </button>
    </Form>
  )
}

/** One idea with its status, its review form while submitted, and promotion once feasible. */
function IdeaCard({ idea: i }: { idea: Idea }) {
  const t = useT()
  return (
    <section aria-labelledby={`idea-${i.id}-title`} className="card">
      <h3 id={`idea-${i.id}-title`}>
        #{i.id} {i.title}
      </h3>
      <p>{i.body}</p>
      <p>
        {t('budgets.by', { name: i.authorName ?? '—' })} ·{' '}
        <span className="badge">{t(`budgets.idea_status.${i.status}` as MessageKey)}</span>
        {i.estimatedCost ? ` · ${t('budgets.estimated', { amount: euro(i.estimatedCost) })}` : ''}
        {i.reviewedCost ? ` · ${t('budgets.reviewed', { amount: euro(i.reviewedCost) })}` : ''}
      </p>
      {i.status === 'submitted' ? <ReviewForm idea={i} /> : null}
      {i.status === 'feasible' && !i.projectId ? (
        <Form method="post">
          <input type="hidden" name="ideaId" value={i.id} />
          <button type="submit" name="intent" value="promote">
            {t('budgets.promote', { title: i.title })}
          </button>
        </Form>
      ) : null}
      {i.publicReason ? <p>{t('budgets.review_reason', { reason: i.publicReason })}</p> : null}
    </section>
  )
}

/** A milestone (progress, text, optional photo) for a selected project, once the budget is closed. */
function MilestoneForm() {
  const t = useT()
  const { projects } = useLoaderData<typeof loader>()
  const data = useActionData<Result>()
  const value = (name: string) => data?.values?.[name]
  return (
    <>
      <h2 id="milestone-heading">{t('budgets.milestone_title')}</h2>
      <Errors section="milestone" data={data} />
      <Form method="post" encType="multipart/form-data" aria-labelledby="milestone-heading">
        <div className="field">
          <label htmlFor="m-project">{t('budgets.project')}</label>
          <select id="m-project" name="projectId" defaultValue={value('projectId')}>
            {projects
              .filter((p) => p.selected)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
          </select>
        </div>
        <div className="field narrow">
          <label htmlFor="m-on">{t('budgets.field_date')}</label>
          <input id="m-on" name="on" type="date" required defaultValue={value('on')} />
        </div>
        <div className="field narrow">
          <label htmlFor="m-progress">{t('budgets.field_progress')}</label>
          <input id="m-progress" name="progress" inputMode="numeric" maxLength={3} required defaultValue={value('progress')} />
        </div>
        <div className="field">
          <label htmlFor="m-text">{t('budgets.field_milestone_text')}</label>
          <textarea id="m-text" name="text" rows={3} maxLength={LIMITS.milestone} required defaultValue={value('text')} />
        </div>
        <div className="field">
          <label htmlFor="m-photo">{t('budgets.field_photo')}</label>
          <p className="hint" id="m-photo-hint">
            {t('budgets.field_photo_hint')}
          </p>
          <input id="m-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="m-photo-hint" />
        </div>
        <div className="field">
          <label htmlFor="m-alt">{t('budgets.field_photo_alt')}</label>
          <input id="m-alt" name="photoAlt" maxLength={200} defaultValue={value('photoAlt')} />
        </div>
        <button type="submit" name="intent" value="milestone">
          {t('budgets.milestone_submit')}
        </button>
      </Form>
    </>
  )
}

export default function AdminBudget() {
  const t = useT()
  const { budget, ballots, projects, ideas } = useLoaderData<typeof loader>()
  const data = useActionData<Result>()
  return (
    <>
      <h1>{budget.title}</h1>
      <p>
        <Link to={`/begrotingen/${budget.id}`}>{t('budgets.public_page')}</Link>
        {' · '}
        <Link to={`/beheer/begrotingen/${budget.id}/papier`}>{t('budgets.paper_title')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('budgets.field_amount')}</dt>
        <dd>{euro(budget.amount)}</dd>
        <dt>{t('budgets.phases')}</dt>
        <dd>{t(`budgets.phase.${budget.phase}` as MessageKey)}</dd>
        <dt>{t('budgets.field_tally_method')}</dt>
        <dd>{t(`budgets.method_name.${budget.tallyMethod}` as MessageKey)}</dd>
        <dt>{t('budgets.ballots')}</dt>
        <dd>{ballots}</dd>
      </dl>

      <PhaseChange />
      <SettingsPanel />

      <h2>{t('budgets.ideas')}</h2>
      {ideas.length === 0 ? <p>{t('budgets.no_ideas')}</p> : null}
      {ideas.map((i) => (
        <IdeaCard key={i.id} idea={i} />
      ))}

      <h2>{t('budgets.projects')}</h2>
      <Errors section="projects" data={data} />
      <ul>
        {projects.map((p) => (
          <li key={p.id}>
            {p.title} — {euro(p.cost)} {budget.closed ? (p.selected ? `(${t('budgets.reason.selected')})` : '') : ''}
          </li>
        ))}
      </ul>

      {budget.closed ? <MilestoneForm /> : null}
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Begroting beheren — Stem van Groningen' }]
