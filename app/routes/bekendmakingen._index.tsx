import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Deadline } from '~/modules/alerts/components'
import { formatDay } from '~/modules/alerts/deadline'
import { listNotices } from '~/modules/alerts/notices.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader(_: LoaderFunctionArgs) {
  const notices = await listNotices({ limit: 200 })
  return json({ notices: notices.map(({ geometry: _g, ...n }) => n) })
}

export default function Notices() {
  const t = useT()
  const { notices } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('alerts.notices_title')}</h1>
      <p className="lead">{t('alerts.notices_lead')}</p>
      <p>
        <Link to="/mijn/plekken">{t('alerts.follow_places')}</Link>
      </p>
      {notices.length === 0 ? (
        <p>{t('alerts.notices_none')}</p>
      ) : (
        <ul className="card-list" data-testid="notices">
          {notices.map((n) => (
            <li key={n.id}>
              <h2>
                <Link to={`/bekendmakingen/${n.id}`}>{n.title}</Link>
              </h2>
              <p>
                <span className="badge">{t(`alerts.kind.${n.kind}` as MessageKey)}</span> {n.locationLabel}
              </p>
              <p>
                {t('alerts.published_on')} {formatDay(n.publishedOn)} · <Deadline deadline={n.reactionDeadline} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.notices_title')
