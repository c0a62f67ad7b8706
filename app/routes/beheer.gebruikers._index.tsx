import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { canFindUsers } from '~/modules/admin/permissions'
import { corePermissions } from '~/auth/permissions'
import { crowdedAddresses, personsPerAddress } from '~/auth/residence.server'
import { requirePermission } from '~/auth/session.server'
import { searchUsers } from '~/modules/admin/queries.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, canFindUsers, undefined))!
  const url = new URL(request.url)
  const q = url.searchParams.get('q') ?? ''
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('pagina')) || 1))
  // Helpers see no e-mail addresses (issue 14); staff and admins do, and see crowded addresses.
  const withEmail = corePermissions.seeEmailAddresses(actor, undefined).ok
  const result = await searchUsers(actor.id, q, page, { withEmail })
  const crowdedMin = Math.max(2, personsPerAddress() - 2)
  return json({ q, page, withEmail, ...result, crowded: withEmail ? await crowdedAddresses(crowdedMin) : null, crowdedMin })
}

export default function AdminUsers() {
  const t = useT()
  const { q, page, rows, hasMore, withEmail, crowded, crowdedMin } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('admin.users')}</h1>
      <Form method="get" role="search">
        <div className="field">
          <label htmlFor="q">{t(withEmail ? 'admin.search_label' : 'admin.search_label_name')}</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <button type="submit">{t('admin.search')}</button>
      </Form>
      <table>
        <caption className="visually-hidden">{t('admin.users')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.display_name')}</th>
            {withEmail ? <th scope="col">{t('fields.email')}</th> : null}
            <th scope="col">{t('admin.verified')}</th>
            <th scope="col">{t('mine.roles')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id}>
              <td>
                <Link to={`/beheer/gebruikers/${u.id}`}>{u.displayName}</Link>
              </td>
              {withEmail ? <td>{u.email}</td> : null}
              <td>{u.verified ? t('common.yes') : t('common.no')}</td>
              <td>{u.roles.map((r) => t(`roles.${r}` as MessageKey)).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {page > 1 ? <Link to={`?q=${encodeURIComponent(q)}&pagina=${page - 1}`}>{t('common.previous')}</Link> : null}{' '}
        {hasMore ? <Link to={`?q=${encodeURIComponent(q)}&pagina=${page + 1}`}>{t('common.next')}</Link> : null}
      </p>
      {crowded ? (
        <section aria-labelledby="crowded-title" data-testid="crowded-addresses">
          <h2 id="crowded-title">{t('admin.crowded_title')}</h2>
          <p>{t('admin.crowded_lead', { min: crowdedMin })}</p>
          {crowded.length ? (
            <ul>
              {crowded.map((a) => (
                <li key={a.address}>
                  {a.address}: {t('admin.crowded_persons', { persons: a.persons })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('admin.crowded_none')}</p>
          )}
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.users')
