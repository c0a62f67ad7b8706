import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { corePermissions } from '~/auth/permissions'
import { requirePermission } from '~/auth/session.server'
import { modules } from '~/modules/registry'
import { serverModules } from '~/modules/registry.server'
import { accountability } from '~/modules/participation/queries.server'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.openAdmin, undefined))!
  const links: { to: string; label: MessageKey; description: MessageKey }[] = []
  if (corePermissions.manageUsers(actor, undefined).ok || corePermissions.verifyAtDesk(actor, undefined).ok) {
    links.push({ to: '/beheer/gebruikers', label: 'admin.users', description: 'admin.users_description' })
  }
  for (const m of modules) {
    for (const link of m.admin ?? []) {
      if (link.rule(actor, undefined).ok) links.push({ to: link.to, label: link.label, description: link.description })
    }
  }
  // Owners see their own broken promises first.
  const overdue = (await accountability({ ownerId: actor.id, status: 'overdue' })).map((r) => ({
    title: r.title,
    href: r.href,
    reportBackBy: r.reportBackBy,
  }))
  const counts = (await Promise.all(serverModules.map((m) => m.adminCounts?.(actor) ?? []))).flat()
  return json({ links, overdue, counts })
}

export default function AdminHome() {
  const t = useT()
  const { links, overdue, counts } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('admin.title')}</h1>
      {counts.length > 0 ? (
        <ul data-testid="admin-counts">
          {counts.map((c) => (
            <li key={c.to + c.text} className={c.urgent ? 'error' : undefined}>
              <Link to={c.to}>{t(c.text, c.params)}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {overdue.length > 0 ? (
        <section className="denial" aria-labelledby="overdue">
          <h2 id="overdue" style={{ marginTop: 0 }}>
            {t('admin.overdue_title')}
          </h2>
          <p>{t('admin.overdue_lead')}</p>
          <ul>
            {overdue.map((o) => (
              <li key={o.href}>
                <Link to={o.href}>{o.title}</Link> ({o.reportBackBy})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {links.length === 0 ? (
        <p>{t('admin.nothing')}</p>
      ) : (
        <ul className="card-list">
          {links.map((l) => (
            <li key={l.to}>
              <Link to={l.to}>{t(l.label)}</Link>
              <p>{t(l.description)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.title')
