import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { corePermissions } from '~/auth/permissions'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { markAllRead, recentNotifications } from '~/modules/engagement/engagement.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.manageOwnAccount, undefined))!
  const rows = await recentNotifications(actor.id)
  return json({
    notifications: rows.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      href: n.href,
      createdAt: n.createdAt.toISOString(),
      unread: !n.readAt,
    })),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.manageOwnAccount, undefined))!
  await markAllRead(actor.id)
  return redirectWithFlash(request, '/mijn/meldingen', 'engagement.marked_read')
}

export default function Notifications() {
  const t = useT()
  const { notifications } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('engagement.notifications')}</h1>
      <p className="lead">{t('engagement.notifications_lead')}</p>
      {notifications.length === 0 ? (
        <p>{t('engagement.none')}</p>
      ) : (
        <>
          <ul className="card-list" data-testid="notifications">
            {notifications.map((n) => (
              <li key={n.id}>
                <h2>
                  <Link to={n.href}>{n.title}</Link> {n.unread ? <span className="badge">{t('engagement.unread')}</span> : null}
                </h2>
                <p>{n.body}</p>
                <p>
                  <time dateTime={n.createdAt}>
                    {new Date(n.createdAt).toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })}
                  </time>
                </p>
              </li>
            ))}
          </ul>
          <Form method="post">
            <button type="submit" className="secondary">
              {t('engagement.mark_read')}
            </button>
          </Form>
        </>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'engagement.notifications')
