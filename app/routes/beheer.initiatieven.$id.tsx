import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { formatDate } from '~/modules/participation/declaration'
import { answerProposal } from '~/modules/proposals/commands.server'
import { SupportProgress } from '~/modules/proposals/badges'
import { proposalPermissions } from '~/modules/proposals/permissions'
import { getProposal } from '~/modules/proposals/queries.server'
import { ANSWER_KINDS, answerSchema, LIMITS } from '~/modules/proposals/validation'
import { failure, parseForm } from '~/utils/forms'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { fieldMessages } from '~/utils/result'
import type { FieldErrors } from '~/utils/forms'

async function load(request: Request, idParam: string | undefined) {
  const actor = (await requirePermission(request, proposalPermissions.answer, undefined))!
  const p = /^\d{1,15}$/.test(idParam ?? '') ? await getProposal(Number(idParam)) : null
  if (!p || p.status === 'draft') throw new Response('Not found', { status: 404 })
  return { actor, p }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { p } = await load(request, params.id)
  return json({
    proposal: {
      id: p.id,
      title: p.title,
      summary: p.summary,
      status: p.status,
      supportCount: p.supportCount,
      threshold: p.threshold,
      answerDeadline: p.answerDeadline?.toISOString() ?? null,
    },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, p } = await load(request, params.id)
  const formData = await request.formData()
  const parsed = parseForm(answerSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await answerProposal(p.id, actor.id, { ...parsed.data, link: parsed.data.link || undefined })
  if (!result.ok) return json(failure({ errors: fieldMessages(result) as FieldErrors }, formData), { status: 400 })
  return redirectWithFlash(request, `/initiatieven/${p.id}`, 'proposals.flash.answered')
}

export default function AnswerProposal() {
  const t = useT()
  const locale = useLocale()
  const { proposal: p } = useLoaderData<typeof loader>()
  const form = useStemForm(answerSchema)
  return (
    <>
      <h1>
        {t('proposals.admin.answer')}: {p.title}
      </h1>
      <p>{p.summary}</p>
      <SupportProgress count={p.supportCount} threshold={p.threshold} />
      {p.answerDeadline ? <p>{t('proposals.admin.deadline', { date: formatDate(p.answerDeadline, locale) })}</p> : null}
      <p>
        <Link to={`/initiatieven/${p.id}`}>{p.title}</Link>
      </p>
      {p.status === 'in_progress' ? (
        <>
          <p className="lead">{t('proposals.admin.answer_lead')}</p>
          <StemFormElement form={form}>
            <FormError form={form} />
            <SelectField
              form={form}
              name="kind"
              label="proposals.fields.answer_kind"
              options={[
                { value: '', label: '—' },
                ...ANSWER_KINDS.map((k) => ({ value: k, label: t(`proposals.answer.${k}` as MessageKey) })),
              ]}
            />
            <TextAreaField form={form} name="reasons" label="proposals.fields.reasons" maxLength={LIMITS.reasons} rows={8} required />
            <Field form={form} name="link" label="proposals.fields.link" type="url" maxLength={LIMITS.link} />
            <SubmitButton form={form} label="proposals.admin.answer" />
          </StemFormElement>
        </>
      ) : (
        <p>{t('proposals.errors.not_answerable')}</p>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'proposals.admin.answer')
