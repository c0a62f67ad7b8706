import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { dossierSources } from '~/modules/dossier/dossier.server'
import { askErasure, cancelErasure, pendingErasure } from '~/modules/dossier/erasure.server'
import { dossierPermissions } from '~/modules/dossier/permissions'
import { dossierSettings } from '~/modules/dossier/settings.server'
import { formatDate } from '~/utils/time'
import { getLocale } from '~/utils/locale.server'
import { translate, useLocale, useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, dossierPermissions.ownData, undefined))!
  const locale = await getLocale(request)
  const pending = await pendingErasure(actor.id)
  return json({
    days: dossierSettings().STEM_ERASURE_GRACE_DAYS,
    dueAt: pending?.dueAt.toISOString() ?? null,
    // What each module keeps, and why (its own sentences).
    keeps: dossierSources().flatMap((s) => (s.keeps ?? []).map((k) => translate(locale, k))),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, dossierPermissions.ownData, undefined))!
  const formData = await request.formData()
  if (formData.get('intent') === 'cancel') {
    await cancelErasure({ userId: actor.id })
    return redirectWithFlash(request, '/mijn/account-verwijderen', 'dossier.erase_cancelled')
  }
  if (formData.get('confirm') !== 'ja') return json({ errors: { confirm: 'dossier.erase_confirm_required' as const } }, { status: 400 })
  await askErasure(actor.id)
  return redirectWithFlash(request, '/mijn/account-verwijderen', 'dossier.erase_requested')
}

export default function EraseAccount() {
  const t = useT()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const error = failed?.errors.confirm
  return (
    <>
      <h1>{t('dossier.erase_title')}</h1>
      {data.dueAt ? (
        <Form method="post" className="notice">
          <p>{t('dossier.erase_pending', { date: formatDate(data.dueAt, locale) })}</p>
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit">{t('dossier.erase_cancel_submit')}</button>
        </Form>
      ) : (
        <p className="lead">{t('dossier.erase_lead', { days: data.days })}</p>
      )}
      <h2>{t('dossier.erase_goes_title')}</h2>
      <ul data-testid="erase-goes">
        <li>{t('dossier.erase_goes_1')}</li>
        <li>{t('dossier.erase_goes_2')}</li>
        <li>{t('dossier.erase_goes_3')}</li>
        <li>{t('dossier.erase_goes_4')}</li>
      </ul>
      <h2>{t('dossier.erase_keeps_title')}</h2>
      <ul data-testid="erase-keeps">
        {data.keeps.map((k) => (
          <li key={k}>{k}</li>
        ))}
        <li>{t('dossier.erase_keeps_audit')}</li>
      </ul>
      {data.dueAt ? null : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="request" />
          <div className="field">
            <input
              id="confirm"
              name="confirm"
              type="checkbox"
              value="ja"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'confirm-error' : undefined}
            />{' '}
            <label htmlFor="confirm">{t('dossier.erase_confirm')}</label>
            {error ? (
              <p id="confirm-error" className="error">
                {t(error)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="danger">
            {t('dossier.erase_submit')}
          </button>
        </Form>
      )}
      <p>
        <Link to="/mijn/dossier">{t('dossier.title')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'dossier.erase_title')
