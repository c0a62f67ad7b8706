import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { corePermissions } from '~/auth/permissions'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { emailSetting, markAllRead, recentNotifications, saveEmailSetting } from '~/modules/engagement/engagement.server'
import { EMAIL_CHOICES, emailSettingSchema } from '~/modules/engagement/validation'
import { FormError, StemFormElement, SubmitButton, useStemForm } from '~/components/forms'
import { failure, parseForm } from '~/utils/forms'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { getLocale } from '~/utils/locale.server'
import { formatInstant } from '~/utils/time'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.manageOwnAccount, undefined))!
  const [rows, email] = await Promise.all([recentNotifications(actor.id, await getLocale(request)), emailSetting(actor.id)])
  return json({
    email,
    emailConfirmed: actor.emailConfirmed,
    notifications: rows.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      href: n.href,
      createdAt: n.createdAt.toISOString(),
      unread: !n.readAt,
    })),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.manageOwnAccount, undefined))!
  const formData = await request.formData()
  if (formData.get('intent') === 'settings') {
    const parsed = parseForm(emailSettingSchema, formData)
    if (!parsed.ok) return json(failure(parsed, formData), { status: 400 })
    await saveEmailSetting(actor.id, parsed.data.email)
    return redirectWithFlash(request, '/mijn/meldingen', 'engagement.settings_saved')
  }
  await markAllRead(actor.id)
  return redirectWithFlash(request, '/mijn/meldingen', 'engagement.marked_read')
}

export default function Notifications() {
  const t = useT()
  const locale = useLocale()
  const { notifications, email, emailConfirmed } = useLoaderData<typeof loader>()
  const form = useStemForm(emailSettingSchema)
  const chosen = form.failed ? form.valueOf('email') : email
  const error = form.errorFor('email')
  return (
    <>
      <h1>{t('engagement.notifications')}</h1>
      <p className="lead">{t('engagement.notifications_lead')}</p>
      <section aria-labelledby="email-setting">
        <h2 id="email-setting">{t('engagement.settings_title')}</h2>
        <p>{t('engagement.settings_lead')}</p>
        {emailConfirmed ? null : <p className="hint">{t('engagement.settings_no_email')}</p>}
        <StemFormElement form={form} method="post">
          <FormError form={form} />
          <fieldset className="field" aria-describedby={error ? 'email-error' : undefined}>
            <legend>{t('engagement.settings_title')}</legend>
            {error ? (
              <p className="error" id="email-error">
                <span className="visually-hidden">{t('forms.error_prefix')} </span>
                {t(error)}
              </p>
            ) : null}
            {EMAIL_CHOICES.map((c) => (
              <div key={c} className="choice">
                <input type="radio" id={`email-${c}`} value={c} defaultChecked={chosen === c} {...form.register('email')} />{' '}
                <label htmlFor={`email-${c}`}>{t(`engagement.settings_${c}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
          <SubmitButton form={form} label="engagement.settings_save" name="intent" value="settings" />
        </StemFormElement>
      </section>
      <h2>{t('engagement.notifications')}</h2>
      {notifications.length === 0 ? (
        <p>{t('engagement.none')}</p>
      ) : (
        <>
          <ul className="card-list" data-testid="notifications">
            {notifications.map((n) => (
              <li key={n.id}>
                <h3>
                  <Link to={n.href}>{n.title}</Link> {n.unread ? <span className="badge">{t('engagement.unread')}</span> : null}
                </h3>
                <p>{n.body}</p>
                <p>
                  <time dateTime={n.createdAt}>{formatInstant(n.createdAt, locale, 'datetime-long')}</time>
                </p>
              </li>
            ))}
          </ul>
          <Form method="post">
            <button type="submit" className="secondary">
              {t('engagement.mark_read')}
            </button>
          </Form>
        </>
      )}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'engagement.notifications')
