import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/session.server'
import { contactRequestById, idFromStatusToken } from '~/modules/contact/contact.server'
import { contactPermissions } from '~/modules/contact/permissions'
import { absoluteUrl } from '~/utils/url.server'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'

// The link from the confirmation e-mail: signed, so it works without logging in and shows only this request.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, contactPermissions.askForContact, undefined)
  const id = idFromStatusToken(params.token ?? '')
  const row = id ? await contactRequestById(id) : null
  if (!row) throw new Response('Not found', { status: 404 })
  return json({
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    fromPath: row.fromPath,
    link: absoluteUrl(`/persoonlijk-contact/status/${params.token}`),
  })
}

export default function ContactStatus() {
  const t = useT()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const date = (iso: string) => formatInstant(iso, locale, 'date')
  return (
    <>
      <h1>{t('contact.status_title')}</h1>
      <p className="lead">{t('contact.status_lead')}</p>
      <dl className="facts" data-testid="contact-status">
        <dt>{t('contact.status')}</dt>
        <dd>
          <span className="badge">{t(`contact.status_${data.status}` as MessageKey)}</span>
        </dd>
        <dt>{t('contact.asked_on')}</dt>
        <dd>{date(data.createdAt)}</dd>
        <dt>{t('contact.due')}</dt>
        <dd>{date(data.dueAt)}</dd>
        {data.fromPath ? (
          <>
            <dt>{t('contact.about_page')}</dt>
            <dd>{data.fromPath}</dd>
          </>
        ) : null}
      </dl>
      <p>{t('contact.status_link')}</p>
      <p>
        <code>{data.link}</code>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'contact.status_title')
