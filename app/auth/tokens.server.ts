import { createHash, randomBytes, randomInt } from 'node:crypto'
import { generateIdFromEntropySize } from 'lucia'

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

// No 0/O, 1/I/L: letter codes are typed over from paper.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export function newLetterCode(length = 8): string {
  let code = ''
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}

/** People type codes with spaces, dashes and lower case; none of that should matter. */
export function normaliseLetterCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

/** A new user id, in lucia's form (so modules that create accounts do not import lucia). */
export function newUserId(): string {
  return generateIdFromEntropySize(10)
}
