import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { Field, FormError, SelectField, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { ChoiceGroup, Deadline } from '~/modules/alerts/components'
import { NOTICE_KINDS, todayInAmsterdam } from '~/modules/alerts/deadline'
import { listNotices, publishFromForm } from '~/modules/alerts/notices.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { placeCountsPerWijk } from '~/modules/alerts/places.server'
import { ALERT_LIMITS, LOCATION_MODES, noticeSchema } from '~/modules/alerts/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, alertsPermissions.publishNotices, undefined)
  const notices = await listNotices({ limit: 50 })
  return json({
    counts: (await placeCountsPerWijk()).filter((c) => c.places > 0),
    notices: notices.map(({ geometry: _g, ...n }) => n),
    today: todayInAmsterdam(),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, alertsPermissions.publishNotices, undefined))!
  const formData = await request.formData()
  const parsed = parseForm(noticeSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await publishFromForm(actor.id, parsed.data)
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirect(`/bekendmakingen/${result.id}`)
}

function PublishForm({ today }: { today: string }) {
  const t = useT()
  const form = useStemForm(noticeSchema)
  return (
    <StemFormElement form={form} aria-labelledby="publish">
      <FormError form={form} />
      <SelectField
        form={form}
        name="kind"
        label="alerts.kind"
        options={[{ value: '', label: '—' }, ...NOTICE_KINDS.map((k) => ({ value: k, label: t(`alerts.kind.${k}` as MessageKey) }))]}
      />
      <Field form={form} name="title" label="alerts.title" required maxLength={ALERT_LIMITS.title} />
      <TextAreaField form={form} name="description" label="alerts.description" required maxLength={ALERT_LIMITS.description} />
      <Field
        form={form}
        name="startsOn"
        type="date"
        label="alerts.starts_on"
        hint="alerts.starts_on_hint"
        defaultValue={today}
        required
        narrow
      />
      <ChoiceGroup
        form={form}
        name="locationMode"
        legend="alerts.location_mode"
        type="radio"
        defaultValue="address"
        options={LOCATION_MODES.map((m) => ({ value: m, label: t(`alerts.location_mode_${m}` as MessageKey) }))}
      />
      <fieldset>
        <legend>{t('alerts.location_mode_address')}</legend>
        <Field form={form} name="postcode" label="fields.postcode" maxLength={10} narrow />
        <Field form={form} name="houseNumber" label="fields.house_number" inputMode="numeric" maxLength={5} narrow />
        <Field form={form} name="addition" label="fields.addition" maxLength={10} narrow />
      </fieldset>
      <fieldset>
        <legend>{t('alerts.location_mode_point')}</legend>
        <Field form={form} name="lat" label="alerts.lat" inputMode="decimal" maxLength={12} narrow />
        <Field form={form} name="lon" label="alerts.lon" inputMode="decimal" maxLength={12} narrow />
      </fieldset>
      <fieldset>
        <legend>{t('alerts.location_mode_geojson')}</legend>
        <TextAreaField form={form} name="geojson" label="alerts.geojson" maxLength={ALERT_LIMITS.geoJsonChars} rows={3} />
      </fieldset>
      <Field
        form={form}
        name="locationLabel"
        label="alerts.location_label"
        hint="alerts.location_label_hint"
        maxLength={ALERT_LIMITS.location}
      />
      <Field form={form} name="reference" label="alerts.reference" maxLength={60} narrow />
      <SubmitButton form={form} label="alerts.admin_publish" />
    </StemFormElement>
  )
}

export default function AdminNotices() {
  const t = useT()
  const { counts, notices, today } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('alerts.admin_title')}</h1>
      <p>
        <Link to="/beheer/bekendmakingen/importeren">{t('alerts.import_title')}</Link> ·{' '}
        <Link to="/beheer/reacties">{t('alerts.inbox_title')}</Link>
      </p>
      <h2 id="publish">{t('alerts.admin_publish')}</h2>
      <PublishForm today={today} />
      <h2>{t('alerts.notices_title')}</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id}>
            <Link to={`/bekendmakingen/${n.id}`}>{n.title}</Link> — {t(`alerts.kind.${n.kind}` as MessageKey)} ·{' '}
            <Deadline deadline={n.reactionDeadline} /> ·{' '}
            <Link to={`/beheer/reacties?bekendmaking=${n.id}`} aria-label={`${t('alerts.inbox_link')}: ${n.title}`}>
              {t('alerts.inbox_link')}
            </Link>{' '}
            ·{' '}
            <Link to={`/beheer/bekendmakingen/${n.id}/besluit`} aria-label={`${t('alerts.decision_link')}: ${n.title}`}>
              {t('alerts.decision_link')}
            </Link>{' '}
            ·{' '}
            <Link to={`/beheer/bekendmakingen/${n.id}/intrekken`} aria-label={`${t('alerts.withdraw_link')}: ${n.title}`}>
              {t('alerts.withdraw_link')}
            </Link>
          </li>
        ))}
      </ul>
      <h2>{t('alerts.counts_title')}</h2>
      <p>{t('alerts.counts_lead')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('alerts.area_code')}</th>
            <th scope="col">{t('alerts.places')}</th>
          </tr>
        </thead>
        <tbody>
          {counts.map((c) => (
            <tr key={c.code}>
              <td>{c.name}</td>
              <td>{c.places}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.admin_title')
