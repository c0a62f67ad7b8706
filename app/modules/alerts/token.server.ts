import { createHmac, timingSafeEqual } from 'node:crypto'
import { env, isProduction } from '~/utils/env.server'

/*
 * The one-click unsubscribe link (RFC 8058): `/afmelden/<user>.<place>.<signature>`, an HMAC-SHA256 with
 * SESSION_SECRET. Place `0` means every alert place of the person. No database lookup is needed to check it.
 */

function secret(): string {
  const s = env().SESSION_SECRET
  if (s) return s
  if (isProduction()) throw new Error('SESSION_SECRET must be set in production')
  return 'stem-development-secret-never-in-production'
}

const sign = (userId: string, placeId: number) =>
  createHmac('sha256', secret()).update(`alerts-unsubscribe:${userId}:${placeId}`).digest('base64url').slice(0, 32)

export function unsubscribeToken(userId: string, placeId: number | null): string {
  return `${userId}.${placeId ?? 0}.${sign(userId, placeId ?? 0)}`
}

export function readUnsubscribeToken(token: string): { userId: string; placeId: number | null } | null {
  const match = /^([a-zA-Z0-9_-]{1,64})\.(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token)
  if (!match) return null
  const [, userId, place, signature] = match as unknown as [string, string, string, string]
  const expected = Buffer.from(sign(userId, Number(place)))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  return { userId, placeId: Number(place) || null }
}
