import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { DetailsForm } from '~/modules/consultations/admin-forms'
import { StatusBadge } from '~/modules/consultations/components'
import { createConsultation, manageConsultation, mayPublishIn, publishableWijken, publishCityWide } from '~/modules/consultations/permissions'
import { areaOptions, ownerList, refOf, resolveArea } from '~/modules/consultations/queries.server'
import { createDraft } from '~/modules/consultations/commands.server'
import { detailsSchema } from '~/modules/consultations/validation'
import { failure, parseForm } from '~/utils/forms'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { fieldMessages } from '~/utils/result'
import leafletStyles from 'leaflet/dist/leaflet.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, createConsultation, undefined))!
  const mine = (await ownerList()).filter((c) => manageConsultation(actor, refOf(c)).ok)
  const cityAllowed = publishCityWide(actor, undefined).ok
  return json({
    rows: mine.map((c) => ({ id: c.id, title: c.title, status: c.status, kind: c.kind })),
    areas: await areaOptions(publishableWijken(actor)),
    cityAllowed,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, createConsultation, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(detailsSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const area = await resolveArea(parsed.data)
  if (!area.ok) return json(failure({ errors: { [area.field]: area.reason } }, formData), { status: 400 })
  // A wijkteam moderator may only publish in their own wijken; the rule says why not.
  await requirePermission(request, mayPublishIn, area.wijkCodes)
  const created = await createDraft(actor, parsed.data)
  if (!created.ok) return json(failure({ errors: fieldMessages(created) as Record<string, MessageKey> }, formData), { status: 400 })
  return redirectWithFlash(request, `/beheer/inspraak/${created.id}`, 'consultations.admin_created')
}

export default function AdminConsultations() {
  const t = useT()
  const { rows, areas, cityAllowed } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('consultations.admin')}</h1>
      <p>{t('consultations.admin_lead')}</p>
      {rows.length === 0 ? (
        <p>{t('consultations.admin_none')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('consultations.admin')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consultations.field.title')}</th>
              <th scope="col">{t('consultations.field.kind')}</th>
              <th scope="col">{t('consultations.lifecycle')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/beheer/inspraak/${r.id}`}>{r.title}</Link>
                </td>
                <td>{t(`consultations.kind.${r.kind}` as MessageKey)}</td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('consultations.admin_new')}</h2>
      <DetailsForm areas={areas} intent="create" submitLabel="consultations.admin_create" cityAllowed={cityAllowed} />
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'consultations.admin')
