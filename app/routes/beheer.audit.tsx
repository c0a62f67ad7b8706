import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { auditEntries } from '~/modules/assisted/assisted.server'
import { assistedPermissions } from '~/modules/assisted/permissions'
import { auditFilterSchema } from '~/modules/assisted/validation'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

const FILTERS = [
  ['actor', 'assisted.audit_actor'],
  ['subject', 'assisted.audit_subject'],
  ['action', 'assisted.audit_action'],
  ['from', 'assisted.audit_from'],
  ['to', 'assisted.audit_to'],
] as const

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, assistedPermissions.readAudit, undefined)
  const url = new URL(request.url)
  const raw = Object.fromEntries(url.searchParams)
  const parsed = auditFilterSchema.safeParse(raw)
  // A filter that does not parse (a bad date) is ignored rather than answered with an error page.
  const filter = parsed.success ? parsed.data : { page: 1 }
  const { rows, hasMore } = await auditEntries({
    ...filter,
    from: 'from' in filter ? filter.from || undefined : undefined,
    to: 'to' in filter ? filter.to || undefined : undefined,
  })
  return json({
    filter: Object.fromEntries(FILTERS.map(([k]) => [k, String(raw[k] ?? '')])) as Record<string, string>,
    page: filter.page,
    hasMore,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      action: r.action,
      subjectUserId: r.subjectUserId,
      reason: r.reason,
      detail: JSON.stringify(r.detail),
    })),
  })
}

export default function AuditViewer() {
  const t = useT()
  const locale = useLocale()
  const { filter, rows, page, hasMore } = useLoaderData<typeof loader>()
  const pageLink = (p: number) => `?${new URLSearchParams({ ...filter, page: String(p) })}`
  return (
    <>
      <h1>{t('assisted.audit_title')}</h1>
      <p className="lead">{t('assisted.audit_lead')}</p>
      <Form method="get">
        {FILTERS.map(([name, label]) => (
          <div className="field narrow" key={name}>
            <label htmlFor={`audit-${name}`}>{t(label as MessageKey)}</label>
            <input id={`audit-${name}`} name={name} defaultValue={filter[name]} maxLength={100} />
          </div>
        ))}
        <button type="submit">{t('assisted.audit_filter')}</button>
      </Form>
      {rows.length === 0 ? (
        <p>{t('assisted.audit_empty')}</p>
      ) : (
        <table data-testid="audit-rows">
          <caption className="visually-hidden">{t('assisted.audit_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assisted.when')}</th>
              <th scope="col">{t('assisted.who')}</th>
              <th scope="col">{t('assisted.what')}</th>
              <th scope="col">{t('assisted.audit_subject')}</th>
              <th scope="col">{t('assisted.why')}</th>
              <th scope="col">{t('assisted.audit_detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatInstant(r.at, locale, 'datetime')}</td>
                <td>{r.actorId ?? '—'}</td>
                <td>{r.action}</td>
                <td>{r.subjectUserId ? <Link to={`/beheer/gebruikers/${r.subjectUserId}`}>{r.subjectUserId}</Link> : '—'}</td>
                <td>{r.reason ?? ''}</td>
                <td>
                  <code>{r.detail}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {page > 1 ? <Link to={pageLink(page - 1)}>{t('common.previous')}</Link> : null}{' '}
        {hasMore ? <Link to={pageLink(page + 1)}>{t('common.next')}</Link> : null}
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'assisted.audit_title')
