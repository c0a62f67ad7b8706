import type { MetaFunction } from '@remix-run/node'
import { useSearchParams } from '@remix-run/react'
import { useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'

// The request form with a staff queue comes with the assisted-participation module; until then this
// page gives the ways to reach a person today.
export default function PersonalContact() {
  const t = useT()
  const [params] = useSearchParams()
  const from = params.get('vanaf')
  return (
    <>
      <h1>{t('contact.title')}</h1>
      <p className="lead">{t('contact.lead')}</p>
      {from ? <p>{t('contact.from_page', { page: from })}</p> : null}
      <h2>{t('contact.phone_title')}</h2>
      <p>{t('contact.phone_text')}</p>
      <h2>{t('contact.desk_title')}</h2>
      <p>{t('contact.desk_text')}</p>
      <h2>{t('contact.wijk_title')}</h2>
      <p>{t('contact.wijk_text')}</p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'contact.title')
