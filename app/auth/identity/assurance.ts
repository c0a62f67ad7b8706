/*
 * DigiD's levels of assurance and the rules that ask for one (decision 0015). Browser-safe: the permission
 * rules read only what the server put on the actor (`Actor.broker`), never the environment.
 */

export type Assurance = 'basis' | 'midden' | 'substantieel' | 'hoog'
export const ASSURANCE_ORDER: Assurance[] = ['basis', 'midden', 'substantieel', 'hoog']

/** Actions that may ask for a minimum DigiD level (`DIGID_MIN_ASSURANCE_<ACTION>`). */
export type AssuredAction = 'vote'

/**
 * The level of assurance from the `acr` claim. Brokers pass DigiD's SAML classes on, or name the level
 * (NL GOV profile); anything unknown counts as the lowest level, never higher.
 */
export function assuranceFrom(acr: unknown): Assurance {
  if (typeof acr !== 'string') return 'basis'
  const value = acr.toLowerCase()
  if (value.endsWith(':smartcardpki') || value.endsWith('hoog') || value.endsWith(':high')) return 'hoog'
  if (value.endsWith(':smartcard') || value.endsWith('substantieel') || value.endsWith(':substantial')) return 'substantieel'
  if (value.endsWith(':mobiletwofactorcontract') || value.endsWith('midden')) return 'midden'
  return 'basis'
}

export function atLeast(level: Assurance | null | undefined, minimum: Assurance | null | undefined): boolean {
  if (!minimum) return true
  if (!level) return false
  return ASSURANCE_ORDER.indexOf(level) >= ASSURANCE_ORDER.indexOf(minimum)
}
