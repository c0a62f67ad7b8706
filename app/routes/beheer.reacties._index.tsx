import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { FilterDate, FilterSearch, FilterSelect } from '~/components/list-filters'
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

/** The filters, as a plain GET form: notice, kind, status, wijk, period and a search. */
function InboxFilters() {
  const t = useT()
  const { filter, notices, wijken } = useLoaderData<typeof loader>()
  return (
    <Form method="get" aria-label={t('alerts.inbox_filter')} className="filters">
      <FilterSelect
        id="f-notice"
        name="bekendmaking"
        label={t('alerts.inbox_notice')}
        value={String(filter.noticeId ?? '')}
        all={t('alerts.inbox_all')}
        options={notices.map((n) => ({ value: String(n.id), label: n.title }))}
      />
      <FilterSelect
        id="f-kind"
        name="soort"
        label={t('alerts.inbox_kind')}
        value={filter.kind ?? ''}
        all={t('alerts.inbox_all')}
        options={KINDS.map((k) => ({ value: k, label: t(`alerts.reaction_kind.${k}` as MessageKey) }))}
      />
      <FilterSelect
        id="f-status"
        name="status"
        label={t('alerts.inbox_status')}
        value={filter.status ?? ''}
        all={t('alerts.inbox_all')}
        options={[
          ...REACTION_STATUSES.map((s) => ({ value: s, label: t(`alerts.reaction_status.${s}` as MessageKey) })),
          { value: 'overdue', label: t('alerts.inbox_overdue') },
        ]}
      />
      <FilterSelect
        id="f-wijk"
        name="wijk"
        label={t('alerts.inbox_wijk')}
        value={filter.wijk ?? ''}
        all={t('alerts.inbox_all')}
        options={wijken.map((w) => ({ value: w.code, label: w.name }))}
      />
      <FilterDate id="f-from" name="van" label={t('alerts.inbox_from')} value={filter.from ?? ''} />
      <FilterDate id="f-to" name="tot" label={t('alerts.inbox_to')} value={filter.to ?? ''} />
      <FilterSearch id="f-q" name="zoek" label={t('alerts.inbox_search')} value={filter.zoek ?? ''} maxLength={100} />
      <button type="submit">{t('alerts.inbox_apply')}</button>
    </Form>
  )
}

function ReactionTable() {
  const t = useT()
  const locale = useLocale()
  const { reactions } = useLoaderData<typeof loader>()
  return (
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
  )
}

export default function Inbox() {
  const t = useT()
  const { filter, counts, notices, reactions } = useLoaderData<typeof loader>()
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
      <InboxFilters />
      {notice ? (
        <p>
          <a href={`/beheer/bekendmakingen/${notice.id}/export?formaat=csv`}>{t('alerts.export_csv')}</a> ·{' '}
          <a href={`/beheer/bekendmakingen/${notice.id}/export?formaat=zip`}>{t('alerts.export_zip')}</a> ·{' '}
          <Link to={`/beheer/bekendmakingen/${notice.id}/besluit`}>{t('alerts.decision_link')}</Link>
        </p>
      ) : null}
      {reactions.length === 0 ? <p>{t('alerts.inbox_none')}</p> : <ReactionTable />}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.inbox_title')
