import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { useStemForm } from '~/components/forms'
import { publishProposal, updateProposal } from '~/modules/proposals/commands.server'
import { ProposalForm } from '~/modules/proposals/components'
import { discardKeptUploads, failureKeepingUploads, readProposalForm } from '~/modules/proposals/form.server'
import { proposalPermissions, type ProposalFacts } from '~/modules/proposals/permissions'
import { documentsOf, getProposal, wijkOptions } from '~/modules/proposals/queries.server'
import { documentTitleField, proposalFormSchema } from '~/modules/proposals/validation'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { fieldMessages } from '~/utils/result'
import type { FieldErrors } from '~/utils/forms'

async function load(request: Request, idParam: string | undefined) {
  const p = /^\d{1,15}$/.test(idParam ?? '') ? await getProposal(Number(idParam)) : null
  if (!p) throw new Response('Not found', { status: 404 })
  const actor = (await requirePermission(request, proposalPermissions.edit, p as ProposalFacts))!
  return { p, actor }
}

/** A stored point as the map's hidden fields, so saving again keeps it. */
function pointValues(geo: string | null): { lat?: string; lon?: string } {
  if (!geo) return {}
  const g = JSON.parse(geo) as { type?: string; coordinates?: number[] }
  if (g.type !== 'Point' || !g.coordinates) return {}
  return { lon: String(g.coordinates[0]), lat: String(g.coordinates[1]) }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { p } = await load(request, params.id)
  const documents = await documentsOf(p.id)
  return json({
    wijken: await wijkOptions(),
    status: p.status,
    documents: documents.map(({ id, title, filename, size }) => ({ id, title, filename, size })),
    values: {
      title: p.title,
      summary: p.summary,
      body: p.body,
      theme: p.theme,
      wijkCode: p.wijkCode ?? '',
      ...pointValues(p.geo),
      ...Object.fromEntries(documents.map((d) => [documentTitleField(d.id), d.title])),
    },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { p, actor } = await load(request, params.id)
  const form = await readProposalForm(request, actor.id, await documentsOf(p.id))
  if (!form.ok) return form.response
  const { image, documents: add, remove, titles } = form.uploads
  const result = await updateProposal(p.id, actor.id, form.data, image, { add, remove, titles })
  if (!result.ok) return failureKeepingUploads(actor.id, form.uploads, fieldMessages(result) as FieldErrors, form.input)
  await discardKeptUploads(form.uploads)
  if (form.intent === 'publish' && p.status === 'draft') {
    await publishProposal(p.id, actor.id)
    return redirectWithFlash(request, `/initiatieven/${p.id}`, 'proposals.flash.published')
  }
  return redirectWithFlash(request, `/initiatieven/${p.id}`, 'proposals.flash.saved')
}

export default function EditProposal() {
  const t = useT()
  const { wijken, status, documents, values } = useLoaderData<typeof loader>()
  const form = useStemForm(proposalFormSchema)
  // Without an action result the stored values fill the fields.
  const withStored = { ...form, valueOf: (name: string) => form.valueOf(name) ?? (values as Record<string, string>)[name] }
  return (
    <>
      <h1>{t('proposals.edit')}</h1>
      <p className="lead">{t('proposals.edit_lead')}</p>
      <ProposalForm
        form={withStored}
        wijken={wijken}
        mode={status === 'draft' ? 'edit-draft' : 'edit-published'}
        canChangeWijk={status === 'draft'}
        documents={documents}
      />
    </>
  )
}

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export const meta: MetaFunction = (args) => pageTitle(args, 'proposals.edit')
