import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { ReactionStatusBadge } from '~/modules/alerts/components'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { myReactions } from '~/modules/alerts/reactions.server'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

/** "Mijn reacties": every reaction on a notice with its receipt number, status and the decision when there is one. */
export async function loader({ request }: LoaderFunctionArgs) {
  // While a helper acts for a resident, these are the resident's reactions.
  const actor = (await requirePermission(request, alertsPermissions.readOwnReactions, undefined))!
  const rows = await myReactions(actor.id)
  return json({
    reactions: rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null })),
  })
}

export default function MyReactions() {
  const t = useT()
  const locale = useLocale()
  const { reactions } = useLoaderData<typeof loader>()
  const day = (iso: string) => formatInstant(iso, locale, 'date')
  return (
    <>
      <h1>{t('alerts.my_reactions_title')}</h1>
      <p className="lead">{t('alerts.my_reactions_lead')}</p>
      {reactions.length === 0 ? (
        <p>
          {t('alerts.my_reactions_none')} <Link to="/bekendmakingen">{t('alerts.notices_title')}</Link>
        </p>
      ) : (
        <ul className="card-list" data-testid="my-reactions">
          {reactions.map((r) => (
            <li key={r.id} data-testid={`my-${r.receiptNumber}`}>
              <h2>
                <Link to={`/bekendmakingen/${r.noticeId}`}>{r.noticeTitle}</Link>
              </h2>
              <p>
                {t(`alerts.reaction_kind.${r.kind}` as MessageKey)} · {t('alerts.inbox_receipt')} <strong>{r.receiptNumber}</strong> ·{' '}
                {day(r.receivedAt)}
                {r.late ? <> · {t('alerts.reaction_late')}</> : null}
              </p>
              <p>
                {t('alerts.inbox_status')}: <ReactionStatusBadge status={r.status} />
                {r.statusReason ? <> — {r.statusReason}</> : null}
              </p>
              {r.decidedAt ? (
                <p>
                  <Link to={`/bekendmakingen/${r.noticeId}#besluit`}>{t('alerts.my_reactions_decision', { date: day(r.decidedAt) })}</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.my_reactions_title')
