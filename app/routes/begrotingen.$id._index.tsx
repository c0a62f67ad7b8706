import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getActor, redirectWithFlash, requirePermission } from '~/auth/session.server'
import { Denial } from '~/components/denial'
import { ResultChart, ResultTable, PhaseList } from '~/modules/budgets/components'
import { checkReceipt, publicBudget, publicIdeas, voterStatus } from '~/modules/budgets/queries.server'
import { ITEM_KIND } from '~/modules/budgets/shared.server'
import { budgetPermissions } from '~/modules/budgets/permissions'
import { euro } from '~/modules/budgets/rules'
import { receiptSchema } from '~/modules/budgets/validation'
import { isFollowing } from '~/modules/engagement/engagement.server'
import { WeighingDeclaration } from '~/modules/participation/components'
import { formatDate } from '~/modules/participation/declaration'
import { declarationOf, findItem } from '~/modules/participation/queries.server'
import { followBudget } from '~/modules/budgets/commands.server'
import { parseForm } from '~/utils/forms'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { ServedPromises } from '~/modules/promises/components'
import { promisesServedBy } from '~/modules/promises/queries.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, budgetPermissions.view, undefined)
  const view = await publicBudget(Number(params.id))
  if (!view) throw new Response('Not found', { status: 404 })
  const { budget } = view
  const actor = await getActor(request)
  const item = await findItem({ kind: ITEM_KIND, itemId: String(budget.id) })
  const declaration = item ? await declarationOf(item.id) : null
  const ideas = await publicIdeas(budget.id)
  const eligibility = budgetPermissions.eligible(actor, budget)
  return json({
    servedPromises: await promisesServedBy(ITEM_KIND, String(budget.id)),
    view: {
      ...view,
      budget: {
        ...budget,
        createdBy: undefined,
        result: budget.result,
        closedAt: budget.closedAt?.toISOString() ?? null,
        createdAt: undefined,
      },
    },
    declaration: declaration?.current ? { ...declaration.current, createdAt: declaration.current.createdAt.toISOString() } : null,
    ideas,
    loggedIn: !!actor,
    following: actor ? await isFollowing(actor.id, ITEM_KIND, String(budget.id)) : false,
    denial: actor && !eligibility.ok ? eligibility.reason : null,
    voted: actor ? await voterStatus(budget.id, actor.id) : null,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const view = await publicBudget(Number(params.id))
  if (!view) throw new Response('Not found', { status: 404 })
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'receipt') {
    await requirePermission(request, budgetPermissions.view, undefined)
    const parsed = parseForm(receiptSchema, formData)
    if (!parsed.ok) return json(parsed, { status: 400 })
    const found = await checkReceipt(view.budget.id, parsed.data.receipt)
    return json({ receipt: found ? (view.closed ? 'counted' : 'received') : 'unknown' })
  }
  const actor = (await requirePermission(request, budgetPermissions.follow, undefined))!
  await followBudget(actor.id, view.budget.id, intent !== 'unfollow')
  return redirectWithFlash(
    request,
    `/begrotingen/${view.budget.id}`,
    intent === 'unfollow' ? 'budgets.flash_unfollowed' : 'budgets.flash_followed',
  )
}

/** The budget's voting rule, minimum age, whether ballots can change and the tally rule. */
function BudgetRules() {
  const t = useT()
  const { budget } = useLoaderData<typeof loader>().view
  return (
    <>
      <h2>{t('budgets.rules_title')}</h2>
      <p>
        {t(`budgets.vote_rule.${budget.voteRule}` as MessageKey, {
          max: budget.maxProjects ?? '',
          min: budget.minProjects ?? 0,
          points: budget.points ?? 0,
          amount: euro(budget.amount),
        })}
      </p>
      <p>
        {budget.minimumAge ? t('budgets.minimum_age', { age: budget.minimumAge }) : t('budgets.no_minimum_age')}{' '}
        {budget.ballotsChangeable ? t('budgets.changeable_yes') : t('budgets.changeable_no')}
      </p>
      <p>{t(`budgets.rule.${budget.tallyMethod}` as MessageKey)}</p>
    </>
  )
}

/** What the visitor can do in the current phase: vote (or change a vote), or submit an idea. */
function PhaseNotice() {
  const t = useT()
  const { view, loggedIn, denial, voted } = useLoaderData<typeof loader>()
  const { budget } = view
  if (budget.phase === 'voting') {
    return (
      <div className="notice">
        {voted ? (
          <p>{t(voted.channel === 'paper' ? 'budgets.voted_paper' : 'budgets.voted_online')}</p>
        ) : denial ? (
          <Denial reason={denial} />
        ) : null}
        {!denial && (!voted || voted.canChange) ? (
          <p>
            <Link to={`/begrotingen/${budget.id}/stemmen`}>{voted ? t('budgets.change_vote') : t('budgets.vote_now')}</Link>
          </p>
        ) : null}
        {!loggedIn ? (
          <p>
            <Link to={`/begrotingen/${budget.id}/stemmen`}>{t('budgets.vote_now')}</Link>
          </p>
        ) : null}
      </div>
    )
  }
  if (budget.phase === 'ideas') {
    return (
      <div className="notice">
        {denial ? <Denial reason={denial} /> : null}
        <p>
          <Link to={`/begrotingen/${budget.id}/idee`}>{t('budgets.submit_idea')}</Link>
        </p>
      </div>
    )
  }
  return null
}

/** The result of a closed budget: the summary, the rule comparison, the chart and the table. */
function BudgetResult() {
  const t = useT()
  const { view } = useLoaderData<typeof loader>()
  const { budget, projects } = view
  const scoreLabel: MessageKey = budget.voteRule === 'cumulative' ? 'budgets.points_label' : 'budgets.votes'
  const rows = projects
    .map((p) => ({
      id: p.id,
      title: p.title,
      cost: p.cost,
      votes: p.votes ?? 0,
      score: p.score ?? 0,
      selected: !!p.selected,
      reason: p.reason ?? '',
    }))
    .sort((a, b) => b.score - a.score || a.cost - b.cost || a.id - b.id)
  const selected = projects.filter((p) => p.selected)
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">{t('budgets.result')}</h2>
      <p>
        {t('budgets.result_summary', {
          ballots: budget.result?.ballots ?? view.ballots,
          count: selected.length,
          total: euro(budget.result?.totalCost ?? 0),
          amount: euro(budget.amount),
        })}
      </p>
      {budget.result?.comparison ? (
        <p>
          {t('budgets.comparison', {
            mes: budget.result.comparison.prefersEqualShares,
            greedy: budget.result.comparison.prefersGreedy,
            chosen: t(budget.result.comparison.chosen === 'greedy' ? 'budgets.comparison_greedy' : 'budgets.comparison_mes'),
          })}
        </p>
      ) : null}
      <ResultChart rows={rows} scoreLabel={scoreLabel} />
      <ResultTable rows={rows} scoreLabel={scoreLabel} />
    </section>
  )
}

/** The projects on the ballot, while the budget is not closed. */
function ProjectList() {
  const t = useT()
  const { projects } = useLoaderData<typeof loader>().view
  if (projects.length === 0) return null
  return (
    <>
      <h2>{t('budgets.projects')}</h2>
      <ul className="card-list">
        {projects.map((p) => (
          <li key={p.id}>
            <h3>{p.title}</h3>
            <p>{p.description}</p>
            <p>
              {t('budgets.cost')}: {euro(p.cost)}
            </p>
          </li>
        ))}
      </ul>
    </>
  )
}

/** How far the selected projects are: progress and milestones, with their photos. */
function Execution() {
  const t = useT()
  const locale = useLocale()
  const { budget, projects } = useLoaderData<typeof loader>().view
  const selected = projects.filter((p) => p.selected)
  if (!selected.some((p) => p.milestones.length) && budget.phase !== 'execution') return null
  return (
    <section aria-labelledby="execution-heading">
      <h2 id="execution-heading">{t('budgets.execution')}</h2>
      {selected.map((p) => {
        const last = p.milestones[p.milestones.length - 1]
        return (
          <div key={p.id} id={`project-${p.id}`}>
            <h3>{p.title}</h3>
            <p>
              <label htmlFor={`progress-${p.id}`}>{t('budgets.progress')}</label>{' '}
              <progress id={`progress-${p.id}`} max={100} value={last?.progress ?? 0}>
                {last?.progress ?? 0}%
              </progress>{' '}
              {last?.progress ?? 0}%
            </p>
            {p.milestones.length ? (
              <ol>
                {p.milestones.map((m) => (
                  <li key={m.id}>
                    <time dateTime={m.on}>{formatDate(m.on, locale)}</time> — {m.progress}%: {m.text}
                    {m.hasPhoto ? (
                      <div>
                        <img src={`/begrotingen/${budget.id}/foto/${m.id}`} alt={m.photoAlt ?? ''} width={400} loading="lazy" />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p>{t('budgets.no_milestones')}</p>
            )}
          </div>
        )
      })}
    </section>
  )
}

/** The residents' ideas with their review status (hidden ones by their reason only). */
function IdeaList() {
  const t = useT()
  const { ideas } = useLoaderData<typeof loader>()
  if (ideas.length === 0) return null
  return (
    <>
      <h2>{t('budgets.ideas')}</h2>
      <ul className="card-list">
        {ideas.map((i) => (
          <li key={i.id} id={`idee-${i.id}`}>
            {i.hiddenReason ? (
              <p>{t('budgets.hidden', { reason: i.hiddenReason })}</p>
            ) : (
              <>
                <h3>{i.title}</h3>
                <p>{i.body}</p>
              </>
            )}
            <p>
              <span className="badge">{t(`budgets.idea_status.${i.status}` as MessageKey)}</span>
              {i.cost ? ` ${t('budgets.cost')}: ${euro(i.cost)}` : ''}
            </p>
            {i.publicReason ? <p>{t('budgets.review_reason', { reason: i.publicReason })}</p> : null}
          </li>
        ))}
      </ul>
    </>
  )
}

/** Check a ballot receipt: received while voting runs, counted once closed. */
function ReceiptCheck() {
  const t = useT()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <h2>{t('budgets.receipt_check')}</h2>
      <Form method="post">
        <div className="field narrow">
          <label htmlFor="receipt">{t('budgets.receipt_code')}</label>
          <input id="receipt" name="receipt" maxLength={20} autoComplete="off" />
        </div>
        <button type="submit" name="intent" value="receipt">
          {t('budgets.receipt_submit')}
        </button>
      </Form>
      {actionData && 'receipt' in actionData ? (
        <p role="status">{t(`budgets.receipt_${actionData.receipt}` as MessageKey)}</p>
      ) : actionData && 'errors' in actionData ? (
        <p className="error" role="alert">
          {t('budgets.receipt_invalid')}
        </p>
      ) : null}
    </>
  )
}

export default function BudgetPage() {
  const t = useT()
  const { view, declaration, loggedIn, following, servedPromises } = useLoaderData<typeof loader>()
  const { budget, phases, closed } = view
  return (
    <>
      <h1>{budget.title}</h1>
      <p className="lead">
        {t('budgets.summary', { amount: euro(budget.amount), area: view.areaName ?? t('budgets.whole_city') })}
        {budget.source ? ` ${t('budgets.imported', { source: budget.source })}` : ''}
      </p>
      {budget.description ? <p>{budget.description}</p> : null}
      {declaration ? <WeighingDeclaration declaration={declaration} /> : null}
      <ServedPromises promises={servedPromises} />

      <h2>{t('budgets.phases')}</h2>
      <PhaseList phases={phases} current={budget.phase} />

      <BudgetRules />
      <PhaseNotice />

      {closed ? <BudgetResult /> : <ProjectList />}
      <Execution />
      <IdeaList />

      {loggedIn ? (
        <Form method="post">
          {following ? <p>{t('engagement.following')}</p> : null}
          <button type="submit" name="intent" value={following ? 'unfollow' : 'follow'} className="secondary">
            {t(following ? 'engagement.unfollow' : 'engagement.follow')}
          </button>
        </Form>
      ) : null}

      <ReceiptCheck />
      <p>
        <a href={`/api/v1/budgets/${budget.id}`}>{t('budgets.open_data')}</a>
        {closed ? (
          <>
            {' · '}
            <a href={`/api/v1/budgets/${budget.id}/pabulib`}>{t('budgets.pabulib_download')}</a>
          </>
        ) : null}
      </p>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.view.budget.title ?? 'Begroting'} — Stem van Groningen` }]
