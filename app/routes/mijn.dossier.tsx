import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { dossierOf, enteredBy } from '~/modules/assisted/assisted.server'
import { ActionText, itemPath } from '~/modules/assisted/actions'
import { assistedPermissions } from '~/modules/assisted/permissions'
import { contactRequestsOf } from '~/modules/contact/contact.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, assistedPermissions.readOwnDossier, undefined))!
  const dossier = await dossierOf(actor.id)
  const contact = await contactRequestsOf(actor.id)
  return json({
    actions: dossier.actions.map((a) => ({
      id: a.id,
      at: a.createdAt.toISOString(),
      action: a.action,
      item: itemPath(a.itemKind, a.itemId),
      by: enteredBy(a.helperId ?? '?', a.channel),
    })),
    access: dossier.access.map((e) => ({ id: e.id, at: e.at.toISOString(), action: e.action, actorId: e.actorId, reason: e.reason })),
    contact: contact.map((c) => ({
      id: c.id,
      at: c.createdAt.toISOString(),
      status: c.status,
      token: c.token,
      message: c.message.slice(0, 120),
    })),
  })
}

export default function Dossier() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  const when = (iso: string) => new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })
  return (
    <>
      <h1>{t('assisted.dossier_title')}</h1>
      <p className="lead">{t('assisted.dossier_lead')}</p>
      <h2>{t('assisted.dossier_entered')}</h2>
      {data.actions.length ? (
        <ul data-testid="dossier-entered">
          {data.actions.map((a) => (
            <li key={a.id}>
              {when(a.at)}: <ActionText action={a.action} item={a.item} /> — {a.by}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('assisted.dossier_none')}</p>
      )}
      <h2>{t('assisted.dossier_contact')}</h2>
      {data.contact.length ? (
        <ul>
          {data.contact.map((c) => (
            <li key={c.id}>
              {when(c.at)}: <Link to={`/persoonlijk-contact/status/${c.token}`}>{c.message}</Link>{' '}
              <span className="badge">{t(`contact.status_${c.status}` as MessageKey)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('assisted.dossier_none')}</p>
      )}
      <h2>{t('assisted.dossier_access')}</h2>
      {data.access.length ? (
        <table data-testid="dossier-access">
          <caption className="visually-hidden">{t('assisted.dossier_access')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assisted.when')}</th>
              <th scope="col">{t('assisted.who')}</th>
              <th scope="col">{t('assisted.what')}</th>
              <th scope="col">{t('assisted.why')}</th>
            </tr>
          </thead>
          <tbody>
            {data.access.map((e) => (
              <tr key={e.id}>
                <td>{when(e.at)}</td>
                <td>{e.actorId ? t('assisted.staff_member', { id: e.actorId }) : '—'}</td>
                <td>{e.action}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('assisted.dossier_none')}</p>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'assisted.dossier_title')
