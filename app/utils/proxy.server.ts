import { isIP } from 'node:net'

/**
 * TRUST_PROXY (decision 0013): which proxies in front of the app may tell the client's address in
 * X-Forwarded-For. A hop count ("1": one load balancer) or the proxies' addresses and networks
 * ("10.0.0.0/8, 192.0.2.7"); never "every proxy": then anyone can write a different address in the header
 * and every per-address limit is void. The client address is then the one the last trusted proxy saw.
 */
export type TrustProxy = false | number | string[]

/** Express's names for the private ranges. */
const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal'])

function validEntry(entry: string): boolean {
  if (NAMED.has(entry)) return true
  const [address, bits, ...rest] = entry.split('/')
  if (rest.length || !address) return false
  const family = isIP(address)
  if (!family) return false
  if (bits === undefined) return true
  if (!/^\d{1,3}$/.test(bits)) return false
  return Number(bits) <= (family === 4 ? 32 : 128)
}

/** Reads the setting; a message in the error explains what is allowed. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim()
  if (v === '' || v === 'false' || v === '0') return false
  if (v === 'true')
    throw new Error(
      'TRUST_PROXY=true trusts every proxy and lets anyone choose their address; give the number of proxies (1) or their addresses',
    )
  if (/^\d+$/.test(v)) {
    const hops = Number(v)
    if (hops > 10) throw new Error('TRUST_PROXY: at most 10 proxies')
    return hops
  }
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
  const wrong = entries.filter((e) => !validEntry(e))
  if (wrong.length) throw new Error(`TRUST_PROXY: not an address or network: ${wrong.join(', ')}`)
  return entries
}

/** The problem with a setting, for the environment check; null when it is fine. */
export function trustProxyProblem(value: string | undefined): string | null {
  try {
    parseTrustProxy(value)
    return null
  } catch (error) {
    return (error as Error).message
  }
}
