import { env } from '~/utils/env.server'
import { keyedHash, serverSecret } from '~/utils/keyed-hash.server'

/*
 * The person key: one value per real person, used for one-person-one-vote. It is derived from the
 * verified person — never from the account and never from a free field — and is a keyed hash, so the
 * database holds no name, birth date or BSN in it and a database administrator without the secret cannot
 * recompute it. PERSON_KEY_SECRET (when set) keeps keys stable across a SESSION_SECRET rotation.
 *
 * Two derivations, one key space:
 * - a person verified by letter or at the desk: normalised name + full birth date. Not the address: a
 *   person who moves stays one person (a second account verified at a new address must not vote
 *   twice), and the address adds nothing a fabricated name would not — the cap on verified persons per
 *   address limits those (decision 0004);
 * - a person verified through DigiD: the BSN from the broker, hashed at once and never stored.
 */

function personSecret(): string {
  return (env() as { PERSON_KEY_SECRET?: string }).PERSON_KEY_SECRET ?? serverSecret()
}

/** Lower case, no diacritics, no spaces or punctuation: "J. de Vries-Bakker" → "jdevriesbakker". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/** The key of a person verified by letter or at the desk. `birthDate` is YYYY-MM-DD. */
export function personKeyFromIdentity(input: { name: string; birthDate: string }): string {
  return keyedHash('person:identity', `${normaliseName(input.name)}|${input.birthDate}`, personSecret())
}

/** The pseudonym of a person identified by DigiD: the BSN goes in, only the keyed hash comes out. */
export function personKeyFromBsn(bsn: string): string {
  return keyedHash('person:bsn', bsn.replace(/\D/g, ''), personSecret())
}
