import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { useStemForm } from '~/components/forms'
import { createProposal, publishProposal } from '~/modules/proposals/commands.server'
import { ProposalForm } from '~/modules/proposals/components'
import { readProposalForm } from '~/modules/proposals/form.server'
import { proposalPermissions } from '~/modules/proposals/permissions'
import { wijkOptions } from '~/modules/proposals/queries.server'
import { proposalSchema } from '~/modules/proposals/validation'
import { proposalDb } from '~/modules/proposals/db.server'
import type { FormFailure } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, proposalPermissions.create, undefined)
  return json({ wijken: await wijkOptions() })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, proposalPermissions.create, undefined))!
  const form = await readProposalForm(request)
  if (!form.ok) return form.response
  const db = proposalDb()
  const created = await createProposal(db, actor.id, form.data, form.image)
  if (!created.ok) return json<FormFailure>({ errors: created.errors, values: form.values }, { status: 400 })
  if (form.intent === 'publish') {
    await publishProposal(db, created.id, actor.id)
    return redirectWithFlash(request, `/initiatieven/${created.id}`, 'proposals.flash.published')
  }
  return redirectWithFlash(request, `/initiatieven/${created.id}`, 'proposals.flash.created')
}

export default function NewProposal() {
  const t = useT()
  const { wijken } = useLoaderData<typeof loader>()
  const form = useStemForm(proposalSchema)
  return (
    <>
      <h1>{t('proposals.new')}</h1>
      <p className="lead">{t('proposals.new_lead')}</p>
      <ProposalForm form={form} wijken={wijken} mode="create" />
    </>
  )
}

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export const meta: MetaFunction = (args) => pageTitle(args, 'proposals.new')
