import { RateLimiterRes } from 'rate-limiter-flexible'
import { limiter } from './rate-limit.server'

// The limits of the desk, contact and moderation forms, on the shared `rate_limits` table through the core's limiter.
let limiters: ReturnType<typeof create> | undefined
function create() {
  return {
    /** Personal contact requests: five an hour from one address is plenty for people, not for bots. */
    contactPerIp: limiter('contact_ip', 5, 60 * 60),
    /** Claiming an account with a paper code. */
    claimPerIp: limiter('claim_ip', 10, 60 * 60),
    /** Flags by one person. */
    flagPerUser: limiter('flag_user', 30, 60 * 60),
  }
}

export type DeskLimit = keyof ReturnType<typeof create>

/** Counts one attempt; `{ ok: false, minutes }` when the limit is used up. */
export async function consumeDesk(name: DeskLimit, key: string): Promise<{ ok: true } | { ok: false; minutes: number }> {
  limiters ??= create()
  try {
    await limiters[name].consume(key.toLowerCase())
    return { ok: true }
  } catch (res) {
    if (res instanceof RateLimiterRes) return { ok: false, minutes: Math.max(1, Math.ceil(res.msBeforeNext / 60000)) }
    throw res
  }
}
