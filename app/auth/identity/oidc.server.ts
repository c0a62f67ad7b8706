import { createCookie } from '@remix-run/node'
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import * as client from 'openid-client'
import { oidcLogins } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { cookiesSecure, env } from '~/utils/env.server'
import { keyedHash, sameSecret, serverSecret } from '~/utils/keyed-hash.server'
import { absoluteUrl } from '~/utils/url.server'
import { scrub } from './scrub.server'
import { log } from '~/utils/log.server'

/*
 * The OpenID Connect client for the identity broker (DigiD), with openid-client 6 (decision 0015):
 * authorization code flow with PKCE, state and nonce; the broker found by discovery; the ID token's
 * signature, issuer, audience, expiry and nonce checked. The state, nonce and PKCE verifier are kept
 * server-side (oidc_logins) under a keyed hash of the state, used once; the browser carries the state in
 * a signed, httpOnly cookie that lives ten minutes, so a callback from another browser is refused too.
 */

export const LOGIN_MINUTES = 10
export const CALLBACK_PATH = '/inloggen/digid/terug'

export type Assurance = 'basis' | 'midden' | 'substantieel' | 'hoog'
export const ASSURANCE_ORDER: Assurance[] = ['basis', 'midden', 'substantieel', 'hoog']

export function digidEnabled(): boolean {
  const e = env()
  return !!(e.DIGID_ISSUER && e.DIGID_CLIENT_ID && e.DIGID_CLIENT_SECRET)
}

const stateCookie = createCookie('stem_oidc_state', {
  httpOnly: true,
  sameSite: 'lax',
  path: CALLBACK_PATH,
  maxAge: LOGIN_MINUTES * 60,
  secure: cookiesSecure(),
  secrets: [serverSecret()],
})

let discovered: { issuer: string; config: Promise<client.Configuration> } | undefined

/** The broker's configuration by discovery, once per issuer (a failed discovery is tried again later). */
function configuration(clockSkewSeconds?: number): Promise<client.Configuration> {
  const e = env()
  if (!digidEnabled()) throw new Error('DigiD is not configured')
  if (!clockSkewSeconds && discovered && discovered.issuer === e.DIGID_ISSUER) return discovered.config
  const execute = [client.enableNonRepudiationChecks]
  if (e.OIDC_ALLOW_HTTP === 'true') execute.push(client.allowInsecureRequests)
  const config = client.discovery(
    new URL(e.DIGID_ISSUER!),
    e.DIGID_CLIENT_ID!,
    clockSkewSeconds ? { [client.clockSkew]: clockSkewSeconds } : undefined,
    client.ClientSecretBasic(e.DIGID_CLIENT_SECRET!),
    { execute },
  )
  if (clockSkewSeconds) return config
  const entry = { issuer: e.DIGID_ISSUER!, config }
  discovered = entry
  config.catch(() => {
    if (discovered === entry) discovered = undefined
  })
  return config
}

const stateHash = (state: string) => keyedHash('oidc:state', state)

/** Step 1: where to send the browser, and the cookie that binds the answer to this browser. */
export async function startLogin(input: { linkUserId: string | null; redirectTo: string }): Promise<{ url: string; cookie: string }> {
  const config = await configuration()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const codeVerifier = client.randomPKCECodeVerifier()
  const { db } = getDatabase()
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, sql`now() - interval '1 day'`))
  await db.insert(oidcLogins).values({
    stateHash: stateHash(state),
    provider: 'digid',
    nonce,
    codeVerifier,
    linkUserId: input.linkUserId,
    redirectTo: input.redirectTo,
    expiresAt: new Date(Date.now() + LOGIN_MINUTES * 60_000),
  })
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: absoluteUrl(CALLBACK_PATH),
    scope: env().DIGID_SCOPES,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  })
  return { url: url.href, cookie: await stateCookie.serialize(state) }
}

export type FinishFailure = { ok: false; reason: 'refused' | 'cancelled' | 'unavailable' }
export type FinishResult =
  | {
      ok: true
      /** In memory only: turned into a pseudonym by the caller at once, never stored or logged. */
      bsn: string
      subject: string
      assurance: Assurance
      linkUserId: string | null
      redirectTo: string
    }
  | FinishFailure

export interface FinishOptions {
  /** Tests only: the client's clock this many seconds ahead (an expired token). */
  clockSkewSeconds?: number
}

/** Step 2: the broker sent the browser back. Everything is checked; any doubt is a refusal. */
export async function finishLogin(request: Request, options: FinishOptions = {}): Promise<FinishResult> {
  const url = new URL(request.url)
  const state = url.searchParams.get('state') ?? ''
  const fromCookie = (await stateCookie.parse(request.headers.get('Cookie'))) as unknown
  if (!state || typeof fromCookie !== 'string' || !sameSecret(fromCookie, state)) return { ok: false, reason: 'refused' }
  const { db } = getDatabase()
  // Used once: a second callback with the same state finds nothing.
  const [login] = await db
    .update(oidcLogins)
    .set({ usedAt: sql`now()` })
    .where(and(eq(oidcLogins.stateHash, stateHash(state)), isNull(oidcLogins.usedAt), gt(oidcLogins.expiresAt, sql`now()`)))
    .returning()
  if (!login) return { ok: false, reason: 'refused' }
  if (url.searchParams.get('error')) return { ok: false, reason: 'cancelled' }
  try {
    const config = await configuration(options.clockSkewSeconds)
    // The callback address as registered at the broker, with the broker's parameters.
    const callback = new URL(absoluteUrl(CALLBACK_PATH))
    callback.search = url.search
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()
    const bsn = claims?.[env().DIGID_BSN_CLAIM]
    if (!claims || typeof bsn !== 'string' || !/^\d{8,9}$/.test(bsn)) return { ok: false, reason: 'refused' }
    return {
      ok: true,
      bsn,
      subject: claims.sub,
      assurance: assuranceFrom(claims.acr),
      linkUserId: login.linkUserId,
      redirectTo: login.redirectTo,
    }
  } catch (error) {
    log().warn({ err: scrub(error) }, 'DigiD log-in refused')
    return { ok: false, reason: error instanceof client.ClientError || isProtocolError(error) ? 'refused' : 'unavailable' }
  }
}

function isProtocolError(error: unknown): boolean {
  return error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError
}

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

export function atLeast(level: Assurance | null | undefined, minimum: Assurance | undefined): boolean {
  if (!minimum) return true
  if (!level) return false
  return ASSURANCE_ORDER.indexOf(level) >= ASSURANCE_ORDER.indexOf(minimum)
}
