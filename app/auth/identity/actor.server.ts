import { getDatabase } from '~db/runtime'
import { env } from '~/utils/env.server'
import type { BrokerFacts } from '../permissions'
import { atLeast, type Assurance, type AssuredAction } from './assurance'

/*
 * What the identity broker said about an account, for the permission rules (decision 0015): the DigiD
 * level of its latest log-in and whether it is an organisation. One small query per request, beside the
 * roles; the configured minimum levels are applied here so the rules stay free of the environment.
 */
export async function brokerFacts(userId: string, verificationMethod: string | null): Promise<BrokerFacts | null> {
  const { raw } = getDatabase()
  const { rows } = await raw(
    `select (select assurance from identity_links where user_id = $1) as assurance, o.name, o.kvk_number
       from (select 1) one left join organisation_links o on o.user_id = $1`,
    [userId],
  )
  const row = rows[0] as { assurance: string | null; name: string | null; kvk_number: string | null } | undefined
  if (!row || (!row.assurance && !row.kvk_number)) return null
  const assurance = (row.assurance as Assurance | null) ?? null
  return {
    assurance,
    assuranceTooLowFor: verificationMethod === 'oidc' ? tooLowFor(assurance) : [],
    organisation: row.kvk_number ? { name: row.name ?? '', kvkNumber: row.kvk_number } : null,
  }
}

function tooLowFor(level: Assurance | null): AssuredAction[] {
  const minimum = env().DIGID_MIN_ASSURANCE_VOTE
  return minimum && !atLeast(level, minimum) ? ['vote'] : []
}

/** The configured minimum level for an action, for the page that explains it. */
export function minimumAssurance(action: AssuredAction): Assurance | null {
  return action === 'vote' ? (env().DIGID_MIN_ASSURANCE_VOTE ?? null) : null
}
