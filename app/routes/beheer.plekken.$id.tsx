import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { placesForStaff, residentName } from '~/modules/alerts/places.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/** A helper or staff member looks at a resident's places, e.g. to help at the desk: only with a reason, always audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, alertsPermissions.viewResidentPlaces, undefined))!
  const user = await residentName(params.id ?? '')
  if (!user) throw new Response('Not found', { status: 404 })
  const reason = (new URL(request.url).searchParams.get('reden') ?? '').trim().slice(0, 500)
  if (reason.length < 5) return json({ user, reason: '', places: null })
  return json({ user, reason, places: await placesForStaff(actor.id, user.id, reason) })
}

export default function ResidentPlaces() {
  const t = useT()
  const { user, reason, places } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to={`/beheer/gebruikers/${user.id}`}>{user.displayName}</Link>
      </p>
      <h1>
        {t('alerts.places_title')}: {user.displayName}
      </h1>
      <p className="notice">{t('admin.access_logged')}</p>
      {places ? (
        <>
          <p>
            {t('fields.reason')}: {reason}
          </p>
          <ul>
            {places.map((p) => (
              <li key={p.id}>
                {p.label} {p.radiusM ? `(${t('alerts.radius_of', { m: p.radiusM })})` : ''} —{' '}
                {p.topics.map((topic) => t(`alerts.topic.${topic}` as MessageKey)).join(', ')}
              </li>
            ))}
          </ul>
          {places.length === 0 ? <p>{t('alerts.places_none')}</p> : null}
        </>
      ) : (
        <Form method="get">
          <div className="field">
            <label htmlFor="reden">{t('fields.reason')}</label>
            <input id="reden" name="reden" required minLength={5} maxLength={500} />
          </div>
          <button type="submit">{t('alerts.places_title')}</button>
        </Form>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.places_title')
