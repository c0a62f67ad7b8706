import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission, safeRedirect } from '~/auth/session.server'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { flagContent } from '~/modules/moderation/commands.server'
import { describeContent } from '~/modules/moderation/shared.server'
import { moderationPermissions } from '~/modules/moderation/permissions'
import { FLAG_REASONS, flagSchema, MODERATION_LIMITS } from '~/modules/moderation/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, moderationPermissions.flag, undefined)
  const url = new URL(request.url)
  const kind = url.searchParams.get('kind') ?? ''
  const id = url.searchParams.get('id') ?? ''
  const content = kind && id ? await describeContent(kind, id) : null
  if (!content) throw new Response('Not found', { status: 404 })
  return json({
    kind,
    id,
    terug: safeRedirect(url.searchParams.get('terug'), content.href),
    title: content.title,
    excerpt: content.excerpt,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, moderationPermissions.flag, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(flagSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await flagContent(actor.id, parsed.data)
  if (!result.ok) return json(refusalFailure(result, formData), { status: result.reason === 'errors.not_found' ? 404 : 400 })
  return redirectWithFlash(request, safeRedirect(parsed.data.terug), result.created ? 'moderation.flagged' : 'moderation.already_flagged')
}

export default function Flag() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  const form = useStemForm(flagSchema)
  return (
    <>
      <h1>{t('moderation.flag_title')}</h1>
      <p className="lead">{t('moderation.flag_lead')}</p>
      <p>{t('moderation.flag_about')}</p>
      <blockquote>
        <strong>{data.title}</strong>
        <br />
        {data.excerpt}
      </blockquote>
      <StemFormElement form={form}>
        <FormError form={form} />
        <input type="hidden" name="kind" value={data.kind} />
        <input type="hidden" name="id" value={data.id} />
        <input type="hidden" name="terug" value={data.terug} />
        <SelectField
          form={form}
          name="reason"
          label="moderation.field_reason"
          options={[
            { value: '', label: t('moderation.choose') },
            ...FLAG_REASONS.map((r) => ({ value: r, label: t(`moderation.reason_${r}` as MessageKey) })),
          ]}
        />
        <Field form={form} name="text" label="moderation.field_text" hint="moderation.text_hint" maxLength={MODERATION_LIMITS.text} />
        <SubmitButton form={form} label="moderation.flag_submit" />
      </StemFormElement>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'moderation.flag_title')
