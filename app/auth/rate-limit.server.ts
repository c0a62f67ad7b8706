import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'
import { getDatabase } from '~db/runtime'
import { env } from '~/utils/env.server'

// rate-limiter-flexible keeps its counters in our `rate_limits` table (created by a migration), so every
// app process behind a load balancer shares them. Its queries run through our own driver.
const storeClient = {
  query: (q: { text: string; values?: unknown[] }) => getDatabase().raw(q.text, q.values),
}

/** A limiter on the shared table; modules define their own limits with it. */
export function limiter(keyPrefix: string, points: number, durationSeconds: number, blockSeconds = 0) {
  return new RateLimiterPostgres({
    storeClient,
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    points,
    duration: durationSeconds,
    blockDuration: blockSeconds,
  })
}

/** Wrong passwords for one account, from all addresses together, before the unlock link is needed. */
export const FAILED_LOGINS_PER_ACCOUNT = 20

let limiters: ReturnType<typeof createLimiters> | undefined
function createLimiters() {
  return {
    loginPerIp: limiter('login_ip', env().LOGIN_LIMIT_PER_IP, 15 * 60),
    // Per account and address (decision 0013): an attacker's failures never lock the owner out.
    failedLoginPerAccountIp: limiter('login_fail_ip', 5, 15 * 60, 15 * 60),
    // Per account over all addresses: past this, the password alone no longer logs in until the owner
    // follows the unlock link mailed to them (decision 0013); the count ends with that link or after a day.
    failedLoginPerAccount: limiter('login_fail_account', FAILED_LOGINS_PER_ACCOUNT, 24 * 60 * 60),
    signupPerIp: limiter('signup_ip', 10, 60 * 60),
    // Mails to an owner whose address someone tried to sign up with: a few a day, never a flood.
    signupNoticePerAccount: limiter('signup_notice_account', 3, 24 * 60 * 60),
    resetPerIp: limiter('reset_ip', 10, 60 * 60),
    resetPerAccount: limiter('reset_account', 3, 60 * 60),
    letterPerAccount: limiter('letter_account', 3, 24 * 60 * 60),
  }
}
export type LimiterName = keyof ReturnType<typeof createLimiters>

function get(name: LimiterName) {
  limiters ??= createLimiters()
  return limiters[name]
}

export type LimitResult = { ok: true } | { ok: false; retryAfterMinutes: number }

function blocked(res: unknown): LimitResult {
  if (res instanceof RateLimiterRes) return { ok: false, retryAfterMinutes: Math.max(1, Math.ceil(res.msBeforeNext / 60000)) }
  throw res
}

/** Counts one attempt; refuses when the limit is used up. */
export async function consume(name: LimiterName, key: string): Promise<LimitResult> {
  try {
    await get(name).consume(key.toLowerCase())
    return { ok: true }
  } catch (res) {
    return blocked(res)
  }
}

/**
 * Counts one attempt and says whether this very attempt used the limit up (the first one past it):
 * something that must happen once per lock-out — one e-mail to the owner — happens for that one only.
 */
export async function consumeAndTell(name: LimiterName, key: string): Promise<{ ok: true } | { ok: false; justNow: boolean }> {
  const limiter = get(name)
  try {
    await limiter.consume(key.toLowerCase())
    return { ok: true }
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res
    return { ok: false, justNow: res.consumedPoints === limiter.points + 1 }
  }
}

/** Whether more attempts than the limit allows were counted (the one past it included). */
export async function isPast(name: LimiterName, key: string): Promise<boolean> {
  const res = await get(name).get(key.toLowerCase())
  return !!res && res.consumedPoints > get(name).points && res.msBeforeNext > 0
}

/** Whether the limit is already used up, without counting an attempt. */
export async function check(name: LimiterName, key: string): Promise<LimitResult> {
  const res = await get(name).get(key.toLowerCase())
  if (res && res.remainingPoints <= 0 && res.msBeforeNext > 0) return blocked(res)
  return { ok: true }
}

export async function reset(name: LimiterName, key: string): Promise<void> {
  await get(name).delete(key.toLowerCase())
}
