import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getActor, redirectWithFlash, requirePermission } from '~/auth/session.server'
import { areaNames } from '~/modules/areas/queries.server'
import { isFollowing } from '~/modules/engagement/engagement.server'
import { setFollowing } from '~/modules/promises/commands.server'
import { Indicator, OverdueBadge, PromiseHistory, PromiseStatusBadge } from '~/modules/promises/components'
import { followPromise, managePromise } from '~/modules/promises/permissions'
import { findPromise, ITEM_KIND, promiseDetail, wijkShapes } from '~/modules/promises/queries.server'
import { formatDate } from '~/utils/time'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const detail = await promiseDetail(Number(params.id))
  if (!detail) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  const { promise, history, indicators, links } = detail
  const wijkCodes = [...new Set([...promise.areaCodes, ...indicators.flatMap((i) => i.series.map((p) => p.wijkCode).filter(Boolean))])]
  return json({
    promise: { ...promise, lastUpdateAt: promise.lastUpdateAt.toISOString(), createdAt: promise.createdAt.toISOString() },
    history: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
    indicators,
    links,
    wijkNames: await areaNames(wijkCodes),
    shapes: indicators.some((i) => i.series.some((p) => p.wijkCode)) ? await wijkShapes() : [],
    loggedIn: !!actor,
    following: actor ? await isFollowing(actor.id, ITEM_KIND, String(promise.id)) : false,
    canManage: managePromise(actor, promise).ok,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, followPromise, undefined))!
  const promise = await findPromise(Number(params.id))
  if (!promise) throw new Response('Not found', { status: 404 })
  const intent = (await request.formData()).get('intent')
  await setFollowing(actor, promise.id, intent !== 'unfollow')
  return redirectWithFlash(
    request,
    `/beloften/${promise.id}`,
    intent === 'unfollow' ? 'promises.flash_unfollowed' : 'promises.flash_followed',
  )
}

function FollowPromise() {
  const t = useT()
  const { promise: p, loggedIn, following } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="follow-title">
      <h2 id="follow-title" className="visually-hidden">
        {t('engagement.follow')}
      </h2>
      {loggedIn ? (
        <Form method="post">
          <p>{following ? t('engagement.following') : t('promises.follow_hint')}</p>
          <button type="submit" name="intent" value={following ? 'unfollow' : 'follow'} className="secondary">
            {t(following ? 'engagement.unfollow' : 'engagement.follow')}
          </button>
        </Form>
      ) : (
        <p>
          <Link to={`/inloggen?redirectTo=/beloften/${p.id}`}>{t('promises.follow_login')}</Link>
        </p>
      )}
    </section>
  )
}

function PromiseFacts() {
  const t = useT()
  const locale = useLocale()
  const { promise: p, wijkNames } = useLoaderData<typeof loader>()
  const finished = p.status === 'done' || p.status === 'dropped'
  return (
    <dl className="facts">
      <dt>{t('promises.source')}</dt>
      <dd>
        {t(`promises.source_kind.${p.sourceKind}` as MessageKey)}: {p.sourceDocument}
        {p.sourceChapter ? `, ${p.sourceChapter}` : ''}
        {p.sourcePage ? `, ${t('promises.source_page', { page: p.sourcePage })}` : ''}
        {p.sourceUrl ? (
          <>
            {' '}
            (<a href={p.sourceUrl}>{t('promises.source_link')}</a>)
          </>
        ) : null}
      </dd>
      <dt>{t('promises.theme')}</dt>
      <dd>{p.theme}</dd>
      <dt>{t('promises.holder')}</dt>
      <dd>{p.portfolioHolder}</dd>
      <dt>{t('promises.area')}</dt>
      <dd>
        {p.areaCodes.length
          ? p.areaCodes.map((c, i) => (
              <span key={c}>
                {i ? ', ' : ''}
                <Link to={`/wijken/${c}`}>{wijkNames[c] ?? c}</Link>
              </span>
            ))
          : t('promises.whole_city')}
      </dd>
      {p.dueOn ? (
        <>
          <dt>{t('promises.due_label')}</dt>
          <dd>{formatDate(p.dueOn, locale)}</dd>
        </>
      ) : null}
      <dt>{t('promises.rhythm')}</dt>
      <dd>
        {p.updateEveryMonths === 1
          ? t('promises.rhythm_1')
          : p.updateEveryMonths === 12
            ? t('promises.rhythm_12')
            : t('promises.rhythm_every', { n: p.updateEveryMonths })}
        {finished ? null : ` — ${t('promises.next_update', { date: formatDate(p.nextUpdateBy, locale) })}`}
      </dd>
    </dl>
  )
}

export default function PromisePage() {
  const t = useT()
  const locale = useLocale()
  const { promise: p, history, indicators, links, wijkNames, shapes, canManage } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to="/beloften">{t('promises.back')}</Link>
        {canManage ? (
          <>
            {' · '}
            <Link to={`/beheer/beloften/${p.id}`}>{t('promises.admin_title')}</Link>
          </>
        ) : null}
      </p>
      <h1>{p.title}</h1>
      <p>
        <PromiseStatusBadge status={p.status} /> {p.overdue ? <OverdueBadge /> : null}
      </p>
      {p.overdue ? (
        <p className="notice" data-testid="overdue">
          {t('promises.overdue_since', { date: formatDate(p.nextUpdateBy, locale) })}
        </p>
      ) : null}
      <blockquote style={{ whiteSpace: 'pre-wrap' }}>{p.body}</blockquote>
      <PromiseFacts />

      <FollowPromise />

      <section aria-labelledby="indicators-title">
        <h2 id="indicators-title">{t('promises.indicators')}</h2>
        {indicators.length === 0 ? (
          <p>{t('promises.no_indicators')}</p>
        ) : (
          indicators.map((i) => <Indicator key={i.id} indicator={i} wijkNames={wijkNames} shapes={shapes} />)
        )}
      </section>

      {links.length > 0 ? (
        <section aria-labelledby="links-title" data-testid="links">
          <h2 id="links-title">{t('promises.links')}</h2>
          <p>{t('promises.links_intro')}</p>
          <ul>
            {links.map((l) => (
              <li key={`${l.itemKind}:${l.itemId}`}>
                <Link to={l.href}>{l.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('promises.history')}</h2>
        <PromiseHistory history={history} />
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, 'promises.page_title', { title: args.data?.promise.title ?? '' })
