import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, TextAreaField, useStemForm, type StemForm } from '~/components/forms'
import { recordFromForm } from '~/modules/decisions/commands.server'
import { bodyLabel, groundLabel, kindLabel, themeLabel, useDay } from '~/modules/decisions/components'
import { amsterdamDay } from '~/utils/time'
import { decisionsPermissions } from '~/modules/decisions/permissions'
import { staffList } from '~/modules/decisions/queries.server'
import {
  BODIES,
  CHOOSABLE_KINDS,
  DECISION_LIMITS,
  decisionSchema,
  SECRECY_GROUNDS,
  THEMES,
  UNTIL_KINDS,
} from '~/modules/decisions/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, decisionsPermissions.manage, undefined)
  return json({ decisions: await staffList(), today: amsterdamDay(new Date()) })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, decisionsPermissions.manage, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(decisionSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await recordFromForm(actor.id, parsed.data)
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirect(`/beheer/besluiten/${result.id}`)
}

/** Where the decision applies: an area, a place, a point or a drawn shape. */
function WhereFields({ form }: { form: StemForm }) {
  const t = useT()
  return (
    <fieldset>
      <legend>{t('decisions.where')}</legend>
      <Field form={form} name="areaCode" label="decisions.field.areaCode" hint="decisions.area_hint" maxLength={12} narrow />
      <Field form={form} name="locationLabel" label="decisions.field.locationLabel" maxLength={200} />
      <Field form={form} name="lat" label="decisions.field.lat" inputMode="decimal" maxLength={14} narrow />
      <Field form={form} name="lon" label="decisions.field.lon" inputMode="decimal" maxLength={14} narrow />
      <TextAreaField
        form={form}
        name="geojson"
        label="decisions.field.geojson"
        hint="decisions.geojson_hint"
        maxLength={DECISION_LIMITS.geoJsonChars}
        rows={3}
      />
    </fieldset>
  )
}

/** Whether the decision is secret for now, on which ground, and until when. */
function SecretFields({ form }: { form: StemForm }) {
  const t = useT()
  return (
    <fieldset>
      <legend>{t('decisions.secret_legend')}</legend>
      <div className="field">
        <label>
          <input type="checkbox" name="secret" value="yes" defaultChecked={form.valueOf('secret') === 'yes'} />{' '}
          {t('decisions.field.secret')}
        </label>
      </div>
      <Field
        form={form}
        name="generalSubject"
        label="decisions.field.generalSubject"
        hint="decisions.subject_hint"
        maxLength={DECISION_LIMITS.subject}
      />
      <SelectField
        form={form}
        name="ground"
        label="decisions.ground"
        options={[{ value: '', label: '—' }, ...SECRECY_GROUNDS.map((g) => ({ value: g, label: t(groundLabel(g)) }))]}
      />
      <Field form={form} name="secretUntil" type="date" label="decisions.field.secretUntil" narrow />
      <Field
        form={form}
        name="secretUntilTime"
        type="time"
        step={1}
        label="decisions.field.secretUntilTime"
        hint="decisions.time_hint"
        narrow
      />
      <SelectField
        form={form}
        name="secretUntilKind"
        label="decisions.field.secretUntilKind"
        options={UNTIL_KINDS.map((k) => ({ value: k, label: t(`decisions.until_kind.${k}`) }))}
      />
    </fieldset>
  )
}

function RecordForm({ today }: { today: string }) {
  const t = useT()
  const form = useStemForm(decisionSchema)
  return (
    <StemFormElement form={form} aria-labelledby="record">
      <FormError form={form} />
      <SelectField form={form} name="body" label="decisions.body" options={BODIES.map((b) => ({ value: b, label: t(bodyLabel(b)) }))} />
      <SelectField
        form={form}
        name="kind"
        label="decisions.kind"
        options={CHOOSABLE_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))}
      />
      <Field form={form} name="decidedOn" type="date" label="decisions.decided_on" defaultValue={today} required narrow />
      <Field form={form} name="title" label="decisions.field.title" required maxLength={DECISION_LIMITS.title} />
      <TextAreaField
        form={form}
        name="summary"
        label="decisions.field.summary"
        hint="decisions.summary_hint"
        maxLength={DECISION_LIMITS.summary}
        required
      />
      <TextAreaField form={form} name="fullText" label="decisions.field.fullText" maxLength={DECISION_LIMITS.fullText} rows={8} />
      <Field form={form} name="documentUrl" type="url" label="decisions.field.documentUrl" maxLength={500} />
      <SelectField
        form={form}
        name="theme"
        label="decisions.theme"
        options={[{ value: '', label: '—' }, ...THEMES.map((th) => ({ value: th, label: t(themeLabel(th)) }))]}
      />
      <WhereFields form={form} />
      <Field form={form} name="links" label="decisions.field.links" hint="decisions.links_hint" maxLength={1000} />
      <Field form={form} name="reportBackId" label="decisions.field.reportBackId" inputMode="numeric" maxLength={13} narrow />
      <Field form={form} name="reference" label="decisions.field.reference" maxLength={120} narrow />
      <SecretFields form={form} />
      <SubmitButton form={form} label="decisions.record_submit" />
    </StemFormElement>
  )
}

export default function AdminDecisions() {
  const t = useT()
  const day = useDay()
  const { decisions, today } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('decisions.admin_title')}</h1>
      <p>
        <Link to="/beheer/besluiten/importeren">{t('decisions.import_title')}</Link>
      </p>
      <h2 id="record">{t('decisions.record_title')}</h2>
      <RecordForm today={today} />
      <h2>{t('decisions.admin_list')}</h2>
      <ul data-testid="staff-decisions">
        {decisions.map((d) => (
          <li key={d.id}>
            <Link to={`/beheer/besluiten/${d.id}`}>{d.title}</Link> — {t(bodyLabel(d.body))} · {day(d.decidedOn)}
            {d.status === 'secret' ? ` · ${t('decisions.secret_badge', { date: day(d.until) })}` : ''}
          </li>
        ))}
      </ul>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'decisions.admin_title')
