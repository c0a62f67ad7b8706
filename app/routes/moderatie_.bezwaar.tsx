import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { FormError, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { objectToDecision } from '~/modules/moderation/commands.server'
import { hasObjected, hiddenReasonOf } from '~/modules/moderation/queries.server'
import { describeContent } from '~/modules/moderation/shared.server'
import { moderationPermissions } from '~/modules/moderation/permissions'
import { MODERATION_LIMITS, objectionSchema } from '~/modules/moderation/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, moderationPermissions.object, undefined))!
  const url = new URL(request.url)
  const kind = url.searchParams.get('kind') ?? ''
  const id = url.searchParams.get('id') ?? ''
  const content = kind && id ? await describeContent(kind, id) : null
  // Only the author sees this page; for anyone else the content "does not exist" here.
  if (!content || content.authorId !== actor.id) throw new Response('Not found', { status: 404 })
  return json({
    kind,
    id,
    title: content.title,
    hiddenReason: await hiddenReasonOf(kind, id),
    objected: await hasObjected(actor.id, kind, id),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, moderationPermissions.object, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(objectionSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await objectToDecision(actor, parsed.data)
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, '/mijn/meldingen', 'moderation.objection_sent')
}

export default function Objection() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  const form = useStemForm(objectionSchema)
  return (
    <>
      <h1>{t('moderation.objection_title')}</h1>
      <p>
        <strong>{data.title}</strong>
      </p>
      {data.hiddenReason ? <p>{t('moderation.objection_hidden_reason', { reason: data.hiddenReason })}</p> : null}
      {data.objected ? (
        <p className="notice">{t('moderation.objection_done')}</p>
      ) : data.hiddenReason ? (
        <>
          <p className="lead">{t('moderation.objection_lead')}</p>
          <StemFormElement form={form}>
            <FormError form={form} />
            <input type="hidden" name="kind" value={data.kind} />
            <input type="hidden" name="id" value={data.id} />
            <TextAreaField form={form} name="text" label="moderation.field_objection" maxLength={MODERATION_LIMITS.objection} required />
            <SubmitButton form={form} label="moderation.objection_submit" />
          </StemFormElement>
        </>
      ) : (
        <p>{t('moderation.errors.not_hidden')}</p>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'moderation.objection_title')
