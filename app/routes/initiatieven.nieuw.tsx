import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { useStemForm } from '~/components/forms'
import { withAssistedRecord } from '~/auth/acting.server'
import { createProposal, publishProposal } from '~/modules/proposals/commands.server'
import { ProposalForm } from '~/modules/proposals/components'
import { discardKeptUploads, failureKeepingUploads, readProposalForm } from '~/modules/proposals/form.server'
import { proposalPermissions } from '~/modules/proposals/permissions'
import { wijkOptions } from '~/modules/proposals/queries.server'
import { proposalFormSchema } from '~/modules/proposals/validation'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { fieldMessages } from '~/utils/result'
import type { FieldErrors } from '~/utils/forms'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, proposalPermissions.create, undefined)
  return json({ wijken: await wijkOptions() })
}

export async function action({ request }: ActionFunctionArgs) {
  // While a helper acts for a resident, the resident is the author (assisted module).
  const actor = (await requirePermission(request, proposalPermissions.create, undefined))!
  const assisted = actor.actingFor
  const form = await readProposalForm(request, actor.id)
  if (!form.ok) return form.response
  const created = await withAssistedRecord(
    assisted,
    async (db) => {
      const made = await createProposal(actor.id, form.data, form.uploads.image, form.uploads.documents, db)
      if (made.ok && form.intent === 'publish') await publishProposal(made.id, actor.id, db)
      return made
    },
    (r) =>
      r.ok
        ? { action: form.intent === 'publish' ? 'proposal.publish' : 'proposal.create', itemKind: 'proposal', itemId: String(r.id) }
        : null,
  )
  if (!created.ok) return failureKeepingUploads(actor.id, form.uploads, fieldMessages(created) as FieldErrors, form.input)
  await discardKeptUploads(form.uploads)
  if (form.intent === 'publish') return redirectWithFlash(request, `/initiatieven/${created.id}`, 'proposals.flash.published')
  return redirectWithFlash(request, `/initiatieven/${created.id}`, 'proposals.flash.created')
}

export default function NewProposal() {
  const t = useT()
  const { wijken } = useLoaderData<typeof loader>()
  const form = useStemForm(proposalFormSchema)
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
