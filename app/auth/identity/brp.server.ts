import { env } from '~/utils/env.server'
import { scrub } from './scrub.server'
import { log } from '~/utils/log.server'

/*
 * Haal Centraal "BRP bevragen" (v2): POST {BRP_API_URL}/personen with a RaadpleegMetBurgerservicenummer
 * question, asking only for the fields we need (address and birth date). The BSN is in the request body
 * and nowhere else; errors are scrubbed before they are logged.
 */

export interface BrpPerson {
  postcode: string
  houseNumber: number
  /** huisletter + huisnummertoevoeging, as findAddress expects it. */
  addition: string
  birthDate: string | null
}

export type BrpAnswer = { ok: true; person: BrpPerson } | { ok: false; reason: 'unavailable' | 'not_found' }

export const brpEnabled = () => !!env().BRP_API_URL

const TIMEOUT_MS = 5000

export async function lookUpPerson(bsn: string): Promise<BrpAnswer> {
  const e = env()
  if (!e.BRP_API_URL) return { ok: false, reason: 'unavailable' }
  try {
    const response = await fetch(`${e.BRP_API_URL.replace(/\/$/, '')}/personen`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'application/json',
        ...(e.BRP_API_KEY ? { 'X-API-Key': e.BRP_API_KEY } : {}),
      },
      body: JSON.stringify({
        type: 'RaadpleegMetBurgerservicenummer',
        burgerservicenummer: [bsn],
        fields: ['geboorte.datum', 'verblijfplaats'],
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    if (!response.ok) {
      log().warn({ status: response.status }, 'BRP answered with an error')
      return { ok: false, reason: 'unavailable' }
    }
    const body = (await response.json()) as { personen?: BrpPersonSource[] }
    const person = body.personen?.[0]
    const address = person?.verblijfplaats?.verblijfadres
    if (!person || !address?.postcode || !address.huisnummer) return { ok: false, reason: 'not_found' }
    return {
      ok: true,
      person: {
        postcode: address.postcode.replace(/\s/g, '').toUpperCase(),
        houseNumber: Number(address.huisnummer),
        addition: `${address.huisletter ?? ''}${address.huisnummertoevoeging ?? ''}`,
        birthDate: person.geboorte?.datum?.datum ?? null,
      },
    }
  } catch (error) {
    log().warn({ err: scrub(error) }, 'BRP not reached')
    return { ok: false, reason: 'unavailable' }
  }
}

interface BrpPersonSource {
  geboorte?: { datum?: { type?: string; datum?: string } }
  verblijfplaats?: {
    type?: string
    verblijfadres?: { postcode?: string; huisnummer?: number; huisletter?: string; huisnummertoevoeging?: string }
  }
}
