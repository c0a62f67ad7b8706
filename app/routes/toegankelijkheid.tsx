import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

/* The accessibility statement, in the order of the Dutch model statement (digitoegankelijk.nl). */
export default function Accessibility() {
  const t = useT()
  return (
    <>
      <h1>{t('dossier.a11y_title')}</h1>
      <p className="lead">{t('dossier.a11y_lead')}</p>
      <h2>{t('dossier.a11y_scope_title')}</h2>
      <p>{t('dossier.a11y_scope')}</p>
      <h2>{t('dossier.a11y_status_title')}</h2>
      <p>{t('dossier.a11y_status')}</p>
      <h2>{t('dossier.a11y_evidence_title')}</h2>
      <p>{t('dossier.a11y_evidence')}</p>
      <p>{t('dossier.a11y_evidence_result')}</p>
      <h2>{t('dossier.a11y_exceptions_title')}</h2>
      <ul>
        <li>{t('dossier.a11y_exception_maps')}</li>
        <li>{t('dossier.a11y_exception_pdf')}</li>
        <li>{t('dossier.a11y_exception_automatic')}</li>
      </ul>
      <h2>{t('dossier.a11y_feedback_title')}</h2>
      <p>
        {t('dossier.a11y_feedback')} <Link to="/persoonlijk-contact?van=%2Ftoegankelijkheid">{t('contact.button')}</Link>
      </p>
      <h2>{t('dossier.a11y_enforcement_title')}</h2>
      <p>{t('dossier.a11y_enforcement')}</p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'dossier.a11y_title')
