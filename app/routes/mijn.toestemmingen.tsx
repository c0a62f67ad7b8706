import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { consentsOf, withdrawConsent } from '~/modules/dossier/dossier.server'
import { dossierPermissions } from '~/modules/dossier/permissions'
import { formatDate } from '~/utils/time'
import { getLocale } from '~/utils/locale.server'
import { useLocale, useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, dossierPermissions.ownData, undefined))!
  return json({ consents: await consentsOf(actor.id, await getLocale(request)) })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, dossierPermissions.ownData, undefined))!
  const consent = String((await request.formData()).get('consent') ?? '').slice(0, 100)
  if (!(await withdrawConsent(actor.id, consent))) return json({ error: 'dossier.consent_gone' as const }, { status: 400 })
  return redirectWithFlash(request, '/mijn/toestemmingen', 'dossier.consent_withdrawn')
}

export default function Consents() {
  const t = useT()
  const locale = useLocale()
  const { consents } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  return (
    <>
      <h1>{t('dossier.consents_title')}</h1>
      <p className="lead">{t('dossier.consents_lead')}</p>
      {failed?.error ? (
        <p className="error" role="alert">
          {t(failed.error)}
        </p>
      ) : null}
      {consents.length ? (
        <ul className="consents" data-testid="consents">
          {consents.map((c) => (
            <li key={c.id}>
              <p>
                <strong>{c.text}</strong>
                <br />
                {t('dossier.consent_given', { date: formatDate(c.givenAt, locale), version: c.version })}
              </p>
              <p id={`effect-${c.id.replace(/\W/g, '-')}`}>{c.effect}</p>
              <Form method="post">
                <input type="hidden" name="consent" value={c.id} />
                <button type="submit" aria-describedby={`effect-${c.id.replace(/\W/g, '-')}`}>
                  {t('dossier.consent_withdraw')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('dossier.consents_none')}</p>
      )}
      <p>
        <Link to="/mijn/dossier">{t('dossier.title')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'dossier.consents_title')
