import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { placeLabelOf, unsubscribe } from '~/modules/alerts/places.server'
import { readUnsubscribeToken } from '~/modules/alerts/token.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/*
 * One-click unsubscribe (RFC 8058). GET shows a confirmation (link scanners must not unsubscribe anyone);
 * POST — from the button, or from the mail client with `List-Unsubscribe=One-Click` — deletes the place
 * (or all places), which withdraws the consent. The signed token is the authority; no login needed.
 */

export async function loader({ params }: LoaderFunctionArgs) {
  const token = readUnsubscribeToken(params.token ?? '')
  if (!token) return json({ state: 'invalid' as const, place: null }, { status: 400 })
  if (token.placeId === null) return json({ state: 'all' as const, place: null })
  const label = await placeLabelOf(token.userId, token.placeId)
  return json({ state: label ? ('place' as const) : ('gone' as const), place: label })
}

export async function action({ params }: ActionFunctionArgs) {
  const token = readUnsubscribeToken(params.token ?? '')
  if (!token) return json({ done: false }, { status: 400 })
  await unsubscribe(token.userId, token.placeId)
  return json({ done: true })
}

export default function Unsubscribe() {
  const t = useT()
  const { state, place } = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()?.done
  return (
    <>
      <h1>{t('alerts.unsubscribe_title')}</h1>
      {done ? (
        <p role="status">{t('alerts.unsubscribed')}</p>
      ) : state === 'invalid' ? (
        <p>{t('alerts.unsubscribe_invalid')}</p>
      ) : state === 'gone' ? (
        <p>{t('alerts.unsubscribe_gone')}</p>
      ) : (
        <>
          <p>{state === 'place' ? t('alerts.unsubscribe_lead_place', { place: place ?? '' }) : t('alerts.unsubscribe_lead_all')}</p>
          <Form method="post">
            <button type="submit">{t('alerts.unsubscribe_submit')}</button>
          </Form>
        </>
      )}
      <p>
        <Link to="/mijn/plekken">{t('alerts.places_title')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.unsubscribe_title')
