import { sameSecret, signed } from '~/utils/keyed-hash.server'

/*
 * The one-click unsubscribe link (RFC 8058): `/afmelden/<user>.<place>.<signature>`, an HMAC-SHA256 with
 * SESSION_SECRET. Place `0` means every alert place of the person. No database lookup is needed to check it.
 */

const sign = (userId: string, placeId: number) => signed(`alerts-unsubscribe:${userId}:${placeId}`).slice(0, 32)

export function unsubscribeToken(userId: string, placeId: number | null): string {
  return `${userId}.${placeId ?? 0}.${sign(userId, placeId ?? 0)}`
}

export function readUnsubscribeToken(token: string): { userId: string; placeId: number | null } | null {
  const match = /^([a-zA-Z0-9_-]{1,64})\.(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token)
  if (!match) return null
  const [, userId, place, signature] = match as unknown as [string, string, string, string]
  if (!sameSecret(sign(userId, Number(place)), signature)) return null
  return { userId, placeId: Number(place) || null }
}
