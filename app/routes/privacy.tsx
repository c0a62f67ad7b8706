import type { MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { dossierSettings } from '~/modules/dossier/settings.server'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

export function loader() {
  const s = dossierSettings()
  return json({
    inactive: s.STEM_RETENTION_INACTIVE_DAYS,
    warning: s.STEM_RETENTION_WARNING_DAYS,
    contact: s.STEM_RETENTION_CONTACT_DAYS,
    attachments: s.STEM_RETENTION_ATTACHMENT_DAYS,
    audit: s.STEM_RETENTION_AUDIT_DAYS,
    exports: s.STEM_EXPORT_VALID_DAYS,
    grace: s.STEM_ERASURE_GRACE_DAYS,
    officer: { name: s.STEM_PRIVACY_OFFICER_NAME, email: s.STEM_PRIVACY_OFFICER_EMAIL },
  })
}

export default function Privacy() {
  const t = useT()
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('dossier.privacy_title')}</h1>
      <p className="lead">{t('dossier.privacy_lead')}</p>
      <h2>{t('dossier.privacy_who_title')}</h2>
      <p>{t('dossier.privacy_who')}</p>
      <h2>{t('dossier.privacy_what_title')}</h2>
      <ul>
        <li>{t('dossier.privacy_what_account')}</li>
        <li>{t('dossier.privacy_what_residence')}</li>
        <li>{t('dossier.privacy_what_participation')}</li>
        <li>{t('dossier.privacy_what_places')}</li>
        <li>{t('dossier.privacy_what_contact')}</li>
        <li>{t('dossier.privacy_what_helpers')}</li>
        <li>{t('dossier.privacy_what_access')}</li>
      </ul>
      <p>{t('dossier.privacy_basis')}</p>
      <h2>{t('dossier.privacy_howlong_title')}</h2>
      <ul data-testid="retention">
        <li>{t('dossier.privacy_howlong_inactive', { days: d.inactive, warning: d.warning })}</li>
        <li>{t('dossier.privacy_howlong_contact', { days: d.contact })}</li>
        <li>{t('dossier.privacy_howlong_attachments', { days: d.attachments })}</li>
        <li>{t('dossier.privacy_howlong_audit', { days: d.audit })}</li>
        <li>{t('dossier.privacy_howlong_exports', { days: d.exports })}</li>
      </ul>
      <h2>{t('dossier.privacy_rights_title')}</h2>
      <ul>
        <li>
          <Link to="/mijn/dossier">{t('dossier.privacy_rights_see')}</Link>
        </li>
        <li>
          <Link to="/mijn/gegevens">{t('dossier.privacy_rights_take')}</Link>
        </li>
        <li>
          <Link to="/mijn/toestemmingen">{t('dossier.privacy_rights_consent')}</Link>
        </li>
        <li>
          <Link to="/mijn/account-verwijderen">{t('dossier.privacy_rights_erase', { days: d.grace })}</Link>
        </li>
        <li>{t('dossier.privacy_rights_correct')}</li>
        <li>{t('dossier.privacy_rights_complain')}</li>
      </ul>
      <h2>{t('dossier.privacy_contact_title')}</h2>
      <p data-testid="privacy-officer">{t('dossier.privacy_contact', { name: d.officer.name, email: d.officer.email })}</p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'dossier.privacy_title')
