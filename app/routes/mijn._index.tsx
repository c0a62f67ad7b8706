import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getOwnAccount, resendConfirmation } from '~/auth/accounts.server'
import { corePermissions } from '~/auth/permissions'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { pendingLetter } from '~/auth/residence.server'
import { digidEnabled } from '~/auth/identity/oidc.server'
import { areaNames, formatAddress } from '~/modules/areas/queries.server'
import { getLocale } from '~/utils/locale.server'
import { formatDate } from '~/utils/time'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.manageOwnAccount, undefined))!
  const user = await getOwnAccount(actor.id)
  const names = await areaNames([actor.wijkCode, actor.buurtCode])
  return json({
    displayName: actor.displayName,
    email: actor.email,
    emailConfirmed: actor.emailConfirmed,
    verified: actor.verified,
    verificationMethod: user?.verificationMethod ?? null,
    address: user?.address ? formatAddress(user.address) : null,
    syntheticAddress: user?.address?.synthetic ?? false,
    wijk: actor.wijkCode ? { code: actor.wijkCode, name: names[actor.wijkCode] ?? actor.wijkCode } : null,
    buurt: actor.buurtCode ? { code: actor.buurtCode, name: names[actor.buurtCode] ?? actor.buurtCode } : null,
    legalName: user?.legalName ?? null,
    birthDate: actor.birthDate,
    roles: actor.roles,
    letter: actor.verified ? null : await pendingLetter(actor.id),
    digid: { enabled: digidEnabled(), linked: !!actor.broker?.assurance },
    organisation: actor.broker?.organisation ?? null,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, corePermissions.manageOwnAccount, undefined))!
  const formData = await request.formData()
  if (formData.get('intent') === 'resend-confirmation') {
    await resendConfirmation(actor.id, await getLocale(request))
    return redirectWithFlash(request, '/mijn', 'flash.confirmation_resent')
  }
  return json({ error: 'unknown intent' }, { status: 400 })
}

function Residence() {
  const t = useT()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <h2>{t('mine.residence')}</h2>
      {data.verified ? (
        <dl className="facts" data-testid="residence">
          <dt>{t('mine.address')}</dt>
          <dd>
            {data.address} {data.syntheticAddress ? <span className="badge">{t('mine.synthetic')}</span> : null}
          </dd>
          <dt>{t('mine.buurt')}</dt>
          <dd>{data.buurt ? <Link to={`/wijken/${data.buurt.code}`}>{data.buurt.name}</Link> : '—'}</dd>
          <dt>{t('mine.wijk')}</dt>
          <dd>{data.wijk ? <Link to={`/wijken/${data.wijk.code}`}>{data.wijk.name}</Link> : '—'}</dd>
          <dt>{t('mine.legal_name')}</dt>
          <dd>{data.legalName ?? '—'}</dd>
          <dt>{t('fields.birth_date')}</dt>
          <dd>{data.birthDate ? formatDate(data.birthDate, locale) : '—'}</dd>
          <dt>{t('mine.verified_by')}</dt>
          <dd>{data.verificationMethod ? t(`verification.${data.verificationMethod}` as MessageKey) : '—'}</dd>
        </dl>
      ) : (
        <div className="notice">
          <p>{data.letter ? t('mine.letter_pending', { address: data.letter.address }) : t('mine.not_verified')}</p>
          {data.emailConfirmed ? (
            <p>
              <Link to="/mijn/adres">{data.letter ? t('mine.enter_code') : t('mine.verify')}</Link>
            </p>
          ) : null}
        </div>
      )}
    </>
  )
}

function Account() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <h2>{t('mine.account')}</h2>
      <dl className="facts">
        <dt>{t('fields.email')}</dt>
        <dd>
          {data.email} {data.emailConfirmed ? <span className="badge">{t('mine.confirmed')}</span> : null}{' '}
          <Link to="/mijn/email">{t('mine.change_email')}</Link>
        </dd>
        <dt>{t('engagement.notifications')}</dt>
        <dd>
          <Link to="/mijn/meldingen">{t('engagement.notifications')}</Link>
        </dd>
        <dt>{t('alerts.my_reactions_title')}</dt>
        <dd>
          <Link to="/mijn/reacties">{t('alerts.my_reactions_title')}</Link>
        </dd>
        <dt>{t('assisted.dossier_link')}</dt>
        <dd>
          <Link to="/mijn/dossier">{t('assisted.dossier_link')}</Link>
        </dd>
        {data.roles.length > 0 ? (
          <>
            <dt>{t('mine.roles')}</dt>
            <dd>{data.roles.map((r) => t(`roles.${r.role}` as MessageKey) + (r.scope ? ` (${r.scope})` : '')).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {!data.emailConfirmed ? (
        <div className="notice">
          <p>{t('mine.confirm_first')}</p>
          <Form method="post">
            <button type="submit" name="intent" value="resend-confirmation" className="secondary">
              {t('mine.resend')}
            </button>
          </Form>
        </div>
      ) : null}
    </>
  )
}

export default function Mine() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('mine.title', { name: data.displayName })}</h1>
      <p className="lead">{t('mine.lead')}</p>

      <Account />

      {data.organisation ? (
        <p className="notice" data-testid="organisation">
          {t('mine.organisation', { name: data.organisation.name, kvk: data.organisation.kvkNumber })}
        </p>
      ) : null}

      {data.digid.enabled && !data.organisation ? (
        <section aria-labelledby="digid-heading" data-testid="digid">
          <h2 id="digid-heading">{t('mine.digid')}</h2>
          <p>{data.digid.linked ? t('mine.digid_linked') : t('mine.digid_not_linked')}</p>
          {data.digid.linked ? null : (
            <Form method="post" action="/inloggen/digid" reloadDocument>
              <input type="hidden" name="redirectTo" value="/mijn" />
              <button type="submit">{t('digid.link')}</button>
            </Form>
          )}
          <p>
            <Link to="/mijn/digid">{t('mine.digid_more')}</Link>
          </p>
        </section>
      ) : null}

      {data.organisation ? null : <Residence />}
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'nav.mine')
