import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getActor, redirectWithFlash, requirePermission } from '~/auth/session.server'
import { isFollowing } from '~/modules/engagement/engagement.server'
import { DECISION_ITEM_KIND, setFollowing } from '~/modules/decisions/commands.server'
import { bodyLabel, DecisionHistory, groundLabel, kindLabel, themeLabel, useDay } from '~/modules/decisions/components'
import { decisionsPermissions } from '~/modules/decisions/permissions'
import { publicDecision } from '~/modules/decisions/queries.server'
import { isMessageKey, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const decision = await publicDecision(Number(params.id))
  if (!decision) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  return json({
    decision,
    canFollow: decisionsPermissions.follow(actor, undefined).ok,
    following: actor ? await isFollowing(actor.id, DECISION_ITEM_KIND, String(decision.id)) : false,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, decisionsPermissions.follow, undefined))!
  const id = Number(params.id)
  const decision = await publicDecision(id)
  if (!decision) throw new Response('Not found', { status: 404 })
  const intent = String((await request.formData()).get('intent') ?? '')
  if (intent !== 'follow' && intent !== 'unfollow') return json({ error: 'decisions.error_intent' as MessageKey }, { status: 400 })
  await setFollowing(actor.id, id, intent === 'follow')
  return redirectWithFlash(request, `/besluiten/${id}`, intent === 'follow' ? 'decisions.followed' : 'decisions.unfollowed')
}

type ShownDecision = SerializeFrom<typeof loader>['decision']

function FollowForm({ id, following, canFollow, secret }: { id: number; following: boolean; canFollow: boolean; secret: boolean }) {
  const t = useT()
  if (!canFollow)
    return (
      <p>
        <Link to={`/inloggen?redirectTo=${encodeURIComponent(`/besluiten/${id}`)}`}>{t('decisions.follow_login')}</Link>
      </p>
    )
  return (
    <Form method="post">
      <p>{t(secret ? 'decisions.follow_secret_hint' : 'decisions.follow_hint')}</p>
      <button type="submit" name="intent" value={following ? 'unfollow' : 'follow'}>
        {t(following ? 'decisions.unfollow' : 'decisions.follow')}
      </button>
    </Form>
  )
}

function FedBy({ d }: { d: Extract<ShownDecision, { status: 'public' }> }) {
  const t = useT()
  return (
    <section aria-labelledby="fed-by">
      <h2 id="fed-by">{t('decisions.fed_by')}</h2>
      <ul data-testid="fed-by">
        {d.links.map((l) => (
          <li key={`${l.kind}:${l.itemId}`}>
            {isMessageKey(`decisions.item_kind.${l.kind}`) ? t(`decisions.item_kind.${l.kind}` as MessageKey) : l.kind}:{' '}
            {l.href ? <Link to={l.href}>{l.title}</Link> : `#${l.itemId}`}
          </li>
        ))}
        {d.reportBackId ? (
          <li>
            {t('decisions.answers_report_back')}:{' '}
            {d.reportBackItemHref ? <Link to={d.reportBackItemHref}>{d.reportBackItemTitle}</Link> : null}
            {d.reportBackSummary ? <p>{d.reportBackSummary}</p> : null}
          </li>
        ) : null}
      </ul>
    </section>
  )
}

function SecretDecision({
  d,
  following,
  canFollow,
}: {
  d: Extract<ShownDecision, { status: 'secret' }>
  following: boolean
  canFollow: boolean
}) {
  const t = useT()
  const day = useDay()
  return (
    <>
      <p>
        <Link to="/besluiten/geheim">{t('decisions.register_title')}</Link>
      </p>
      <h1>{t('decisions.secret_heading', { subject: d.subject })}</h1>
      <p className="notice" data-testid="secret-notice">
        {t('decisions.secret_explained')}
      </p>
      <dl className="facts" data-testid="register-entry">
        <dt>{t('decisions.decided_on')}</dt>
        <dd>{day(d.decidedOn)}</dd>
        <dt>{t('decisions.body')}</dt>
        <dd>{t(bodyLabel(d.body))}</dd>
        <dt>{t('decisions.subject')}</dt>
        <dd>{d.subject}</dd>
        <dt>{t('decisions.ground')}</dt>
        <dd data-testid="ground">{d.ground ? t(groundLabel(d.ground)) : ''}</dd>
        <dt>{t(d.untilKind === 'review' ? 'decisions.review_on' : 'decisions.secret_until')}</dt>
        <dd data-testid="secret-until">{day(d.until)}</dd>
      </dl>
      <p>{t(d.untilKind === 'review' ? 'decisions.review_explained' : 'decisions.until_explained')}</p>
      <FollowForm id={d.id} following={following} canFollow={canFollow} secret />
      <DecisionHistory history={d.history} />
    </>
  )
}

export default function DecisionPage() {
  const t = useT()
  const day = useDay()
  const { decision: d, canFollow, following } = useLoaderData<typeof loader>()
  if (d.status === 'secret') return <SecretDecision d={d} following={following} canFollow={canFollow} />
  return (
    <>
      <p>
        <Link to="/besluiten">{t('decisions.title')}</Link>
      </p>
      <h1>{d.title}</h1>
      {d.releasedAt ? (
        <p className="notice" data-testid="released-notice">
          {t('decisions.released_notice', { date: day(d.releasedAt), ground: d.ground ? t(groundLabel(d.ground)) : '' })}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('decisions.decided_on')}</dt>
        <dd>{day(d.decidedOn)}</dd>
        <dt>{t('decisions.body')}</dt>
        <dd>{t(bodyLabel(d.body))}</dd>
        <dt>{t('decisions.kind')}</dt>
        <dd>{t(kindLabel(d.kind))}</dd>
        {d.theme ? (
          <>
            <dt>{t('decisions.theme')}</dt>
            <dd>{t(themeLabel(d.theme))}</dd>
          </>
        ) : null}
        <dt>{t('decisions.where')}</dt>
        <dd>{[d.locationLabel, d.areaName].filter(Boolean).join(', ') || t('decisions.whole_city')}</dd>
        {d.reference ? (
          <>
            <dt>{t('decisions.reference')}</dt>
            <dd>{d.reference}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('decisions.summary')}</h2>
      <p data-testid="summary" style={{ whiteSpace: 'pre-wrap' }}>
        {d.summary}
      </p>
      {d.fullText ? (
        <>
          <h2>{t('decisions.full_text')}</h2>
          <div data-testid="full-text" style={{ whiteSpace: 'pre-wrap' }}>
            {d.fullText}
          </div>
        </>
      ) : null}
      {d.documentUrl ? (
        <p>
          <a href={d.documentUrl} rel="noopener noreferrer">
            {t('decisions.document')}
          </a>
        </p>
      ) : null}
      {d.prolongsDecisionId ? (
        <p>
          <Link to={`/besluiten/${d.prolongsDecisionId}`}>{t('decisions.prolongs', { id: d.prolongsDecisionId })}</Link>
        </p>
      ) : null}
      {d.links.length > 0 || d.reportBackId ? <FedBy d={d} /> : null}
      <FollowForm id={d.id} following={following} canFollow={canFollow} secret={false} />
      <DecisionHistory history={d.history} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const d = args.data?.decision
  return pageTitle(args, 'decisions.page_title', { name: d ? (d.status === 'secret' ? d.subject : d.title) : '' })
}
