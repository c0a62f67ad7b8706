import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { listNotices } from '~/modules/alerts/notices.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { listReactions, noticeOwner, reactionCounts, type InboxFilter } from '~/modules/alerts/reactions.server'
import { REACTION_STATUSES, type FormalKind } from '~/modules/alerts/validation'
import { HandoffBadge, ReactionStatusBadge } from '~/modules/alerts/components'
import { listAreas } from '~/modules/areas/queries.server'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

const KINDS: FormalKind[] = ['zienswijze', 'bezwaar', 'comment']
const isDay = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined)

/** The reaction inbox: across notices for staff, per notice for its owner too. Filters are a plain GET form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const q = url.searchParams
  const noticeId = Number(q.get('bekendmaking')) || undefined
  const owner = noticeId ? await noticeOwner(noticeId) : null
  if (noticeId && !owner) throw new Response('Not found', { status: 404 })
  await requirePermission(request, alertsPermissions.handleReactions, owner ?? undefined)
  const status = q.get('status')
  const kind = q.get('soort')
  const filter: InboxFilter = {
    noticeId,
    status:
      status === 'overdue' || (REACTION_STATUSES as readonly string[]).includes(status ?? '')
        ? (status as InboxFilter['status'])
        : undefined,
    kind: (KINDS as string[]).includes(kind ?? '') ? (kind as FormalKind) : undefined,
    wijk: /^WK\d{6,8}$/.test(q.get('wijk') ?? '') ? q.get('wijk')! : undefined,
    from: isDay(q.get('van')),
    to: isDay(q.get('tot')),
    q: (q.get('zoek') ?? '').trim().slice(0, 100) || undefined,
  }
  const [reactions, counts, notices, wijkList] = await Promise.all([
    listReactions(filter),
    reactionCounts(),
    listNotices({ limit: 200 }),
    listAreas('wijk'),
  ])
  return json({
    filter: { ...filter, zoek: filter.q ?? '' },
    counts,
    notices: notices.map((n) => ({ id: n.id, title: n.title })),
    wijken: wijkList.map((w) => ({ code: w.code, name: w.name })),
    reactions: reactions.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
  })
}

export default function Inbox() {
  const t = useT()
  const locale = useLocale()
  const { filter, counts, notices, wijken, reactions } = useLoaderData<typeof loader>()
  const notice = filter.noticeId ? notices.find((n) => n.id === filter.noticeId) : undefined
  return (
    <>
      <p>
        <Link to="/beheer/bekendmakingen">{t('alerts.admin_title')}</Link>
      </p>
      <h1>{t('alerts.inbox_title')}</h1>
      <p className="lead">{t('alerts.inbox_lead')}</p>
      <p data-testid="inbox-counts">
        {t('alerts.inbox_counts', { received: counts.received, inProgress: counts.inProgress, overdue: counts.overdue })}
      </p>
      <Form method="get" aria-label={t('alerts.inbox_filter')} className="filters">
        <div className="field">
          <label htmlFor="f-notice">{t('alerts.inbox_notice')}</label>
          <select id="f-notice" name="bekendmaking" defaultValue={filter.noticeId ?? ''}>
            <option value="">{t('alerts.inbox_all')}</option>
            {notices.map((n) => (
              <option key={n.id} value={n.id}>
                {n.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kind">{t('alerts.inbox_kind')}</label>
          <select id="f-kind" name="soort" defaultValue={filter.kind ?? ''}>
            <option value="">{t('alerts.inbox_all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`alerts.reaction_kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t('alerts.inbox_status')}</label>
          <select id="f-status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">{t('alerts.inbox_all')}</option>
            {REACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`alerts.reaction_status.${s}` as MessageKey)}
              </option>
            ))}
            <option value="overdue">{t('alerts.inbox_overdue')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-wijk">{t('alerts.inbox_wijk')}</label>
          <select id="f-wijk" name="wijk" defaultValue={filter.wijk ?? ''}>
            <option value="">{t('alerts.inbox_all')}</option>
            {wijken.map((w) => (
              <option key={w.code} value={w.code}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field narrow">
          <label htmlFor="f-from">{t('alerts.inbox_from')}</label>
          <input id="f-from" name="van" type="date" defaultValue={filter.from ?? ''} />
        </div>
        <div className="field narrow">
          <label htmlFor="f-to">{t('alerts.inbox_to')}</label>
          <input id="f-to" name="tot" type="date" defaultValue={filter.to ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-q">{t('alerts.inbox_search')}</label>
          <input id="f-q" name="zoek" type="search" maxLength={100} defaultValue={filter.zoek} />
        </div>
        <button type="submit">{t('alerts.inbox_apply')}</button>
      </Form>
      {notice ? (
        <p>
          <a href={`/beheer/bekendmakingen/${notice.id}/export?formaat=csv`}>{t('alerts.export_csv')}</a> ·{' '}
          <a href={`/beheer/bekendmakingen/${notice.id}/export?formaat=zip`}>{t('alerts.export_zip')}</a> ·{' '}
          <Link to={`/beheer/bekendmakingen/${notice.id}/besluit`}>{t('alerts.decision_link')}</Link>
        </p>
      ) : null}
      {reactions.length === 0 ? (
        <p>{t('alerts.inbox_none')}</p>
      ) : (
        <table data-testid="inbox">
          <caption className="visually-hidden">{t('alerts.inbox_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('alerts.inbox_receipt')}</th>
              <th scope="col">{t('alerts.inbox_notice')}</th>
              <th scope="col">{t('alerts.inbox_kind')}</th>
              <th scope="col">{t('alerts.inbox_from_whom')}</th>
              <th scope="col">{t('alerts.inbox_status')}</th>
              <th scope="col">{t('alerts.inbox_assignee')}</th>
              <th scope="col">{t('alerts.inbox_handoff')}</th>
            </tr>
          </thead>
          <tbody>
            {reactions.map((r) => (
              <tr key={r.id} data-testid={`reaction-${r.receiptNumber}`}>
                <td>
                  <Link to={`/beheer/reacties/${r.id}`}>{r.receiptNumber}</Link>
                  <br />
                  {formatInstant(r.receivedAt, locale, 'date')}
                </td>
                <td>{r.noticeTitle}</td>
                <td>
                  {t(`alerts.reaction_kind.${r.kind}` as MessageKey)}
                  {r.late ? <> · {t('alerts.reaction_late')}</> : null}
                </td>
                <td>
                  {r.authorName}
                  <br />
                  <span className="hint">{r.excerpt}</span>
                  {r.attachmentName ? <> · 📎 {r.attachmentName}</> : null}
                </td>
                <td>
                  <ReactionStatusBadge status={r.status} />
                  {r.overdue ? <strong className="badge warning"> {t('alerts.inbox_overdue')}</strong> : null}
                </td>
                <td>{r.assigneeName ?? '—'}</td>
                <td>
                  <HandoffBadge handoff={r.handoff} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.inbox_title')
