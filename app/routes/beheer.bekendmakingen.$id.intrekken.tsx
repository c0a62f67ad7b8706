import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { FormError, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { getNotice, withdrawNotice } from '~/modules/alerts/notices.server'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { ALERT_LIMITS, withdrawSchema } from '~/modules/alerts/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/** Staff withdraw a published notice with a public reason (see withdrawNotice for what follows). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, alertsPermissions.publishNotices, undefined)
  const notice = await getNotice(Number(params.id))
  if (!notice) throw new Response('Not found', { status: 404 })
  return json({ notice: { id: notice.id, title: notice.title, withdrawn: notice.status === 'withdrawn' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, alertsPermissions.publishNotices, undefined))!
  const id = Number(params.id)
  const formData = await request.formData()
  const parsed = parseForm(withdrawSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await withdrawNotice(actor.id, id, parsed.data.reason)
  if (!result.ok) {
    if (result.reason === 'alerts.error_not_found') throw new Response('Not found', { status: 404 })
    return json(refusalFailure(result, formData), { status: 400 })
  }
  return redirectWithFlash(request, `/bekendmakingen/${id}`, 'alerts.withdrawn_flash')
}

export default function WithdrawNotice() {
  const t = useT()
  const { notice } = useLoaderData<typeof loader>()
  const form = useStemForm(withdrawSchema)
  return (
    <>
      <p>
        <Link to="/beheer/bekendmakingen">{t('alerts.admin_title')}</Link>
      </p>
      <h1>{t('alerts.withdraw_title')}</h1>
      <p>
        <Link to={`/bekendmakingen/${notice.id}`}>{notice.title}</Link>
      </p>
      {notice.withdrawn ? (
        <p className="notice">{t('alerts.error_already_withdrawn')}</p>
      ) : (
        <>
          <p>{t('alerts.withdraw_lead')}</p>
          <StemFormElement form={form} aria-label={t('alerts.withdraw_title')}>
            <FormError form={form} />
            <TextAreaField
              form={form}
              name="reason"
              label="alerts.withdraw_reason"
              hint="alerts.withdraw_reason_hint"
              maxLength={ALERT_LIMITS.withdrawReason.max}
              rows={4}
              required
            />
            <SubmitButton form={form} label="alerts.withdraw_submit" />
          </StemFormElement>
        </>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.withdraw_title')
