import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { prolongSecrecy } from '~/modules/decisions/commands.server'
import { bodyLabel, DecisionHistory, groundLabel, kindLabel, useDay } from '~/modules/decisions/components'
import { amsterdamDay } from '~/utils/time'
import { decisionsPermissions } from '~/modules/decisions/permissions'
import { staffDecision } from '~/modules/decisions/queries.server'
import { BODIES, DECISION_LIMITS, prolongSchema, SECRECY_GROUNDS, UNTIL_KINDS } from '~/modules/decisions/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, decisionsPermissions.manage, undefined)
  const decision = await staffDecision(Number(params.id))
  if (!decision) throw new Response('Not found', { status: 404 })
  return json({ decision, today: amsterdamDay(new Date()) })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, decisionsPermissions.manage, undefined))!
  const id = Number(params.id)
  if (!(await staffDecision(id))) throw new Response('Not found', { status: 404 })
  const formData = await request.formData()
  const parsed = parseForm(prolongSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await prolongSecrecy(actor.id, id, parsed.data)
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, `/beheer/besluiten/${id}`, 'decisions.prolonged')
}

function ProlongForm({ today }: { today: string }) {
  const t = useT()
  const form = useStemForm(prolongSchema)
  return (
    <StemFormElement form={form} aria-labelledby="prolong">
      <FormError form={form} />
      <SelectField form={form} name="body" label="decisions.body" options={BODIES.map((b) => ({ value: b, label: t(bodyLabel(b)) }))} />
      <Field form={form} name="decidedOn" type="date" label="decisions.decided_on" defaultValue={today} required narrow />
      <SelectField
        form={form}
        name="ground"
        label="decisions.ground"
        options={SECRECY_GROUNDS.map((g) => ({ value: g, label: t(groundLabel(g)) }))}
      />
      <Field form={form} name="secretUntil" type="date" label="decisions.field.secretUntil" required narrow />
      <SelectField
        form={form}
        name="secretUntilKind"
        label="decisions.field.secretUntilKind"
        options={UNTIL_KINDS.map((k) => ({ value: k, label: t(`decisions.until_kind.${k}`) }))}
      />
      <TextAreaField
        form={form}
        name="note"
        label="decisions.field.note"
        hint="decisions.note_hint"
        maxLength={DECISION_LIMITS.note}
        required
      />
      <SubmitButton form={form} label="decisions.prolong_submit" />
    </StemFormElement>
  )
}

export default function AdminDecision() {
  const t = useT()
  const day = useDay()
  const { decision: d, today } = useLoaderData<typeof loader>()
  const content = d.secret ?? d
  return (
    <>
      <p>
        <Link to="/beheer/besluiten">{t('decisions.admin_title')}</Link>
      </p>
      <h1>{content.title}</h1>
      <p>
        <Link to={`/besluiten/${d.id}`}>{t('decisions.public_page')}</Link>
      </p>
      {d.status === 'secret' ? (
        <p className="notice" data-testid="staff-secret">
          {t('decisions.staff_secret', {
            subject: d.title,
            ground: d.secretGround ? t(groundLabel(d.secretGround)) : '',
            date: day(d.secretUntil),
          })}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('decisions.decided_on')}</dt>
        <dd>{day(d.decidedOn)}</dd>
        <dt>{t('decisions.body')}</dt>
        <dd>{t(bodyLabel(d.body))}</dd>
        <dt>{t('decisions.kind')}</dt>
        <dd>{t(kindLabel(d.kind))}</dd>
      </dl>
      <h2>{t('decisions.summary')}</h2>
      <p style={{ whiteSpace: 'pre-wrap' }}>{content.summary}</p>
      {content.fullText ? (
        <>
          <h2>{t('decisions.full_text')}</h2>
          <div style={{ whiteSpace: 'pre-wrap' }}>{content.fullText}</div>
        </>
      ) : null}
      {d.status === 'secret' ? (
        <>
          <h2 id="prolong">{t('decisions.prolong_title')}</h2>
          <p>{t('decisions.prolong_hint')}</p>
          <ProlongForm today={today} />
        </>
      ) : null}
      <DecisionHistory history={d.history} />
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'decisions.admin_title')
