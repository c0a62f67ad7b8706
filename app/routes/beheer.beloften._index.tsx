import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { listAreas } from '~/modules/areas/queries.server'
import { PromiseForm } from '~/modules/promises/admin-forms'
import { createPromise } from '~/modules/promises/commands.server'
import { OverdueBadge, PromiseStatusBadge } from '~/modules/promises/components'
import { managePromise, recordPromises, sourcesFor } from '~/modules/promises/permissions'
import { listPromises } from '~/modules/promises/queries.server'
import { promiseSchema } from '~/modules/promises/validation'
import { failure, parseForm, refusalFailure } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, recordPromises, undefined))!
  const rows = (await listPromises()).filter((p) => managePromise(actor, p).ok)
  const wijken = await listAreas('wijk')
  return json({ rows, sources: sourcesFor(actor), wijken: wijken.map((w) => ({ code: w.code, name: w.name })) })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, recordPromises, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(promiseSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const wijken = new Set((await listAreas('wijk')).map((w) => w.code))
  if (parsed.data.areaCodes.some((c) => !wijken.has(c)))
    return json(failure({ errors: { areaCodes: 'promises.error.area_invalid' } }, formData), { status: 400 })
  const created = await createPromise(actor, parsed.data)
  if (!created.ok) return json(refusalFailure(created, formData), { status: 400 })
  return redirectWithFlash(request, `/beheer/beloften/${created.id}`, 'promises.flash_created')
}

export default function AdminPromises() {
  const t = useT()
  const { rows, sources, wijken } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('promises.admin_title')}</h1>
      <h2>{t('promises.admin_list')}</h2>
      {rows.length ? (
        <table>
          <caption className="visually-hidden">{t('promises.admin_list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('promises.field.title')}</th>
              <th scope="col">{t('promises.theme')}</th>
              <th scope="col">{t('promises.status_label')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/beheer/beloften/${r.id}`}>{r.title}</Link>
                </td>
                <td>{r.theme}</td>
                <td>
                  <PromiseStatusBadge status={r.status} /> {r.overdue ? <OverdueBadge /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('promises.empty')}</p>
      )}
      <h2 id="new-promise">{t('promises.admin_new')}</h2>
      <PromiseForm sources={sources} wijken={wijken} />
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'promises.admin_title')
