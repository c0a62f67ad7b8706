import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { flashHeader, requirePermission } from '~/auth/session.server'
import { Field, FormError, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { cleanFromPath, requestContact, RESPONSE_WORKING_DAYS } from '~/modules/contact/contact.server'
import { contactPermissions } from '~/modules/contact/permissions'
import { CONTACT_LIMITS, contactRequestSchema } from '~/modules/contact/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { getLocale } from '~/utils/locale.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, contactPermissions.askForContact, undefined)
  const url = new URL(request.url)
  return json({
    from: cleanFromPath(url.searchParams.get('van') ?? url.searchParams.get('vanaf')),
    name: actor?.displayName ?? '',
    // A resident registered at the desk may have no real address yet; the helper asks for one.
    email: actor?.actingFor ? '' : (actor?.email ?? ''),
    days: RESPONSE_WORKING_DAYS,
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  // While a helper acts for a resident, the actor is the resident: the request is theirs.
  const actor = await requirePermission(request, contactPermissions.askForContact, undefined)
  const formData = await request.formData()
  const parsed = parseForm(contactRequestSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const ip = (context as { clientIp?: string }).clientIp ?? 'unknown'
  const result = await requestContact(parsed.data, {
    ip,
    locale: await getLocale(request),
    userId: actor?.id ?? null,
    assisted: actor?.actingFor,
  })
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirect(`/persoonlijk-contact/status/${result.token}`, {
    headers: { 'Set-Cookie': await flashHeader(request, 'contact.sent') },
  })
}

function ContactForm({ from, name, email }: { from: string | null; name: string; email: string }) {
  const t = useT()
  const form = useStemForm(contactRequestSchema)
  const visitError = form.errorFor('visitDesk')
  return (
    <StemFormElement form={form}>
      <FormError form={form} />
      {from ? <input type="hidden" name="van" value={from} /> : null}
      <Field
        form={form}
        name="name"
        label="contact.field_name"
        autoComplete="name"
        required
        maxLength={CONTACT_LIMITS.name}
        defaultValue={name}
      />
      <TextAreaField
        form={form}
        name="message"
        label="contact.field_message"
        hint="contact.message_hint"
        maxLength={CONTACT_LIMITS.message}
        required
      />
      <fieldset>
        <legend>{t('contact.ways_legend')}</legend>
        <Field form={form} name="phone" label="contact.field_phone" type="tel" autoComplete="tel" maxLength={CONTACT_LIMITS.phone} narrow />
        <Field
          form={form}
          name="email"
          label="contact.field_email"
          hint="contact.email_hint"
          type="email"
          autoComplete="email"
          maxLength={CONTACT_LIMITS.email}
          defaultValue={email}
        />
        <div className="field">
          <label>
            <input type="checkbox" defaultChecked={form.valueOf('visitDesk') === 'on'} {...form.register('visitDesk')} />{' '}
            {t('contact.field_visit')}
          </label>
          {visitError ? <p className="error">{t(visitError)}</p> : null}
        </div>
      </fieldset>
      <SubmitButton form={form} label="contact.submit" />
    </StemFormElement>
  )
}

export default function PersonalContact() {
  const t = useT()
  const { from, name, email, days } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('contact.title')}</h1>
      <p className="lead">{t('contact.lead')}</p>
      <h2>{t('contact.form_title')}</h2>
      <p>{t('contact.form_lead', { days })}</p>
      {from ? <p data-testid="contact-from">{t('contact.opened_from', { page: from })}</p> : null}
      <ContactForm from={from} name={name} email={email} />
      <h2>{t('contact.other_ways')}</h2>
      <h3>{t('contact.phone_title')}</h3>
      <p>{t('contact.phone_text')}</p>
      <h3>{t('contact.desk_title')}</h3>
      <p>{t('contact.desk_text')}</p>
      <h3>{t('contact.wijk_title')}</h3>
      <p>{t('contact.wijk_text')}</p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'contact.title')
