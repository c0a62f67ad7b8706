import { Link } from '@remix-run/react'
import type { DenialReason } from '~/auth/permissions'
import { useT, type MessageKey } from '~/utils/i18n'

const NEXT_STEP: Record<DenialReason, { to: string; label: MessageKey } | null> = {
  not_logged_in: { to: '/inloggen', label: 'denial.not_logged_in.action' },
  email_not_confirmed: { to: '/mijn', label: 'denial.email_not_confirmed.action' },
  not_verified: { to: '/mijn/adres', label: 'denial.not_verified.action' },
  outside_area: { to: '/mijn', label: 'denial.outside_area.action' },
  too_young: null,
  closed: null,
  blocked: { to: '/persoonlijk-contact', label: 'denial.blocked.action' },
  not_allowed: { to: '/persoonlijk-contact', label: 'denial.not_allowed.action' },
  assurance_too_low: { to: '/mijn/digid', label: 'denial.assurance_too_low.action' },
  organisation: null,
}

/** Turns a permission reason into a sentence and the next step a person can take. */
export function Denial({ reason, headingLevel = 2 }: { reason: DenialReason; headingLevel?: 1 | 2 }) {
  const t = useT()
  const next = NEXT_STEP[reason]
  const Heading = headingLevel === 1 ? 'h1' : 'h2'
  return (
    <div className="denial" data-denial={reason}>
      <Heading>{t(`denial.${reason}.title` as MessageKey)}</Heading>
      <p>{t(`denial.${reason}.text` as MessageKey)}</p>
      {next ? (
        <p>
          <Link to={next.to}>{t(next.label)}</Link>
        </p>
      ) : null}
    </div>
  )
}
