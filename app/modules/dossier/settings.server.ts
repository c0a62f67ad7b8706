import { z } from 'zod'

/*
 * The dossier's and retention's settings, from the environment (checked once; a bad value stops the
 * server with a clear message, like app/utils/env.server.ts). Documented in the privacy statement.
 */
const days = (fallback: number) => z.coerce.number().int().min(1).max(36_500).default(fallback)

const schema = z.object({
  /** Show staff members' names in a resident's dossier (default: only their role). */
  STEM_DOSSIER_STAFF_NAMES: z.enum(['true', 'false']).default('false'),
  /** Days between asking to erase an account and the erasure; the e-mail's cancel link works until then. */
  STEM_ERASURE_GRACE_DAYS: days(14),
  /** Days a prepared data export can be downloaded. */
  STEM_EXPORT_VALID_DAYS: days(7),
  /** Days without a log-in after which an account is anonymised (three years). */
  STEM_RETENTION_INACTIVE_DAYS: days(1095),
  /** Days between the warning e-mail and the anonymisation of an inactive account. */
  STEM_RETENTION_WARNING_DAYS: days(30),
  /** Days a closed or answered contact request is kept. */
  STEM_RETENTION_CONTACT_DAYS: days(365),
  /** Days an attachment of a reaction to a plan notice is kept. */
  STEM_RETENTION_ATTACHMENT_DAYS: days(730),
  /** Days an audit line is kept (seven years). */
  STEM_RETENTION_AUDIT_DAYS: days(2555),
  /** Who residents contact about their data: the data protection officer. */
  STEM_PRIVACY_OFFICER_NAME: z.string().min(1).default('De functionaris gegevensbescherming van de gemeente Groningen'),
  STEM_PRIVACY_OFFICER_EMAIL: z.string().email().default('privacy@stem.example'),
})

export type DossierSettings = z.infer<typeof schema>

/** Read on every call (cheap), so tests can change a setting with process.env. */
export function dossierSettings(): DossierSettings {
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  return parsed.data
}

export const DAY_MS = 24 * 3600 * 1000
