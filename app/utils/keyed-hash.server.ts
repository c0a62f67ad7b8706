import { createHmac, timingSafeEqual } from 'node:crypto'
import { env, isProduction } from './env.server'

/**
 * The one place the server's secret is read for keyed hashes (signed links, pseudonyms). Each use names
 * its purpose, so a value signed for one purpose is never valid for another.
 */
export function serverSecret(): string {
  const secret = env().SESSION_SECRET
  if (secret) return secret
  if (isProduction()) throw new Error('SESSION_SECRET must be set in production (npm run demo sets one for you)')
  return 'stem-development-secret-never-in-production'
}

/** HMAC-SHA256 of `value` for `purpose`, base64url. */
export function keyedHash(purpose: string, value: string, secret: string = serverSecret()): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('base64url')
}

/** HMAC-SHA256 of a message that already names its purpose (`contact-request:12`), base64url. */
export function signed(message: string): string {
  return createHmac('sha256', serverSecret()).update(message).digest('base64url')
}

/** Compares two strings in constant time (for signatures and tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
