import { createCookie } from '@remix-run/node'
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import * as client from 'openid-client'
import { oidcLogins } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { cookiesSecure, env } from '~/utils/env.server'
import { keyedHash, sameSecret, serverSecret } from '~/utils/keyed-hash.server'
import { absoluteUrl } from '~/utils/url.server'
import { ASSURANCE_ORDER, assuranceFrom, type Assurance } from './assurance'
import { scrub } from './scrub.server'
import { log } from '~/utils/log.server'

/*
 * The OpenID Connect client for the identity broker (DigiD), with openid-client 6 (decision 0015):
 * authorization code flow with PKCE, state and nonce; the broker found by discovery; the ID token's
 * signature, issuer, audience, expiry and nonce checked. The state, nonce and PKCE verifier are kept
 * server-side (oidc_logins) under a keyed hash of the state, used once; the browser carries the state in
 * a signed, httpOnly cookie that lives ten minutes, so a callback from another browser is refused too.
 */

export type { Assurance } from './assurance'

export const LOGIN_MINUTES = 10
export const CALLBACK_PATH = '/inloggen/digid/terug'

/** DigiD for residents, eHerkenning for organisations: the same flow, each with its own client at the broker. */
export type BrokerProvider = 'digid' | 'eherkenning'

interface ProviderSettings {
  issuer?: string
  clientId?: string
  clientSecret?: string
  scopes: string
  callbackPath: string
}

function settings(provider: BrokerProvider): ProviderSettings {
  const e = env()
  return provider === 'digid'
    ? {
        issuer: e.DIGID_ISSUER,
        clientId: e.DIGID_CLIENT_ID,
        clientSecret: e.DIGID_CLIENT_SECRET,
        scopes: e.DIGID_SCOPES,
        callbackPath: CALLBACK_PATH,
      }
    : {
        issuer: e.EHERKENNING_ISSUER,
        clientId: e.EHERKENNING_CLIENT_ID,
        clientSecret: e.EHERKENNING_CLIENT_SECRET,
        scopes: e.EHERKENNING_SCOPES,
        callbackPath: '/inloggen/eherkenning/terug',
      }
}

export function providerEnabled(provider: BrokerProvider): boolean {
  const s = settings(provider)
  return !!(s.issuer && s.clientId && s.clientSecret)
}

export const digidEnabled = () => providerEnabled('digid')
export const eherkenningEnabled = () => providerEnabled('eherkenning')

const stateCookies = {
  digid: stateCookieFor('stem_oidc_state', CALLBACK_PATH),
  eherkenning: stateCookieFor('stem_eh_state', '/inloggen/eherkenning/terug'),
}

function stateCookieFor(name: string, path: string) {
  return createCookie(name, {
    httpOnly: true,
    sameSite: 'lax',
    path,
    maxAge: LOGIN_MINUTES * 60,
    secure: cookiesSecure(),
    secrets: [serverSecret()],
  })
}

const discovered = new Map<string, Promise<client.Configuration>>()

/** The broker's configuration by discovery, once per issuer and client (a failed discovery is tried again later). */
function configuration(provider: BrokerProvider, clockSkewSeconds?: number): Promise<client.Configuration> {
  const s = settings(provider)
  if (!providerEnabled(provider)) throw new Error(`${provider} is not configured`)
  const key = `${s.issuer} ${s.clientId}`
  const known = discovered.get(key)
  if (!clockSkewSeconds && known) return known
  const execute = [client.enableNonRepudiationChecks]
  if (env().OIDC_ALLOW_HTTP === 'true') execute.push(client.allowInsecureRequests)
  const config = client.discovery(
    new URL(s.issuer!),
    s.clientId!,
    clockSkewSeconds ? { [client.clockSkew]: clockSkewSeconds } : undefined,
    client.ClientSecretBasic(s.clientSecret!),
    { execute },
  )
  if (clockSkewSeconds) return config
  discovered.set(key, config)
  config.catch(() => {
    if (discovered.get(key) === config) discovered.delete(key)
  })
  return config
}

const stateHash = (state: string) => keyedHash('oidc:state', state)

/** Step 1: where to send the browser, and the cookie that binds the answer to this browser. */
export async function startLogin(input: {
  provider?: BrokerProvider
  linkUserId: string | null
  redirectTo: string
  /** Ask the broker for at least this DigiD level (acr_values), e.g. to vote. */
  minimum?: Assurance | null
}): Promise<{ url: string; cookie: string }> {
  const provider = input.provider ?? 'digid'
  const s = settings(provider)
  const config = await configuration(provider)
  const state = client.randomState()
  const nonce = client.randomNonce()
  const codeVerifier = client.randomPKCECodeVerifier()
  const { db } = getDatabase()
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, sql`now() - interval '1 day'`))
  await db.insert(oidcLogins).values({
    stateHash: stateHash(state),
    provider,
    nonce,
    codeVerifier,
    linkUserId: input.linkUserId,
    redirectTo: input.redirectTo,
    expiresAt: new Date(Date.now() + LOGIN_MINUTES * 60_000),
  })
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: absoluteUrl(s.callbackPath),
    scope: s.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(input.minimum ? { acr_values: acrValuesFrom(input.minimum) } : {}),
  })
  return { url: url.href, cookie: await stateCookies[provider].serialize(state) }
}

export type FinishFailure = { ok: false; reason: 'refused' | 'cancelled' | 'unavailable' }
interface Finished {
  ok: true
  subject: string
  assurance: Assurance
  linkUserId: string | null
  redirectTo: string
}
export type FinishResult =
  | (Finished & {
      /** In memory only: turned into a pseudonym by the caller at once, never stored or logged. */
      bsn: string
    })
  | FinishFailure
export type OrganisationFinishResult = (Finished & { kvkNumber: string; name: string | null }) | FinishFailure

export interface FinishOptions {
  /** Tests only: the client's clock this many seconds ahead (an expired token). */
  clockSkewSeconds?: number
}

/** Step 2 for DigiD: the broker sent the browser back. Everything is checked; any doubt is a refusal. */
export async function finishLogin(request: Request, options: FinishOptions = {}): Promise<FinishResult> {
  const done = await finishAtBroker(request, 'digid', options)
  if (!done.ok) return done
  const bsn = done.claims[env().DIGID_BSN_CLAIM]
  // A token without a BSN (or an eHerkenning token at the DigiD address) is refused.
  if (typeof bsn !== 'string' || !/^\d{8,9}$/.test(bsn)) return { ok: false, reason: 'refused' }
  return { ...done.result, bsn }
}

/** Step 2 for eHerkenning: the token names the organisation by its KVK number, never a person. */
export async function finishOrganisationLogin(request: Request, options: FinishOptions = {}): Promise<OrganisationFinishResult> {
  const done = await finishAtBroker(request, 'eherkenning', options)
  if (!done.ok) return done
  const e = env()
  const kvk = done.claims[e.EHERKENNING_KVK_CLAIM]
  if (typeof kvk !== 'string' || !/^\d{8}$/.test(kvk)) return { ok: false, reason: 'refused' }
  const name = done.claims[e.EHERKENNING_NAME_CLAIM]
  return { ...done.result, kvkNumber: kvk, name: typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : null }
}

async function finishAtBroker(
  request: Request,
  provider: BrokerProvider,
  options: FinishOptions,
): Promise<{ ok: true; result: Finished; claims: Record<string, unknown> } | FinishFailure> {
  const url = new URL(request.url)
  const state = url.searchParams.get('state') ?? ''
  const fromCookie = (await stateCookies[provider].parse(request.headers.get('Cookie'))) as unknown
  if (!state || typeof fromCookie !== 'string' || !sameSecret(fromCookie, state)) return { ok: false, reason: 'refused' }
  const { db } = getDatabase()
  // Used once: a second callback with the same state finds nothing.
  const [login] = await db
    .update(oidcLogins)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(oidcLogins.stateHash, stateHash(state)),
        eq(oidcLogins.provider, provider),
        isNull(oidcLogins.usedAt),
        gt(oidcLogins.expiresAt, sql`now()`),
      ),
    )
    .returning()
  if (!login) return { ok: false, reason: 'refused' }
  if (url.searchParams.get('error')) return { ok: false, reason: 'cancelled' }
  try {
    const config = await configuration(provider, options.clockSkewSeconds)
    // The callback address as registered at the broker, with the broker's parameters.
    const callback = new URL(absoluteUrl(settings(provider).callbackPath))
    callback.search = url.search
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()
    if (!claims) return { ok: false, reason: 'refused' }
    return {
      ok: true,
      claims,
      result: {
        ok: true,
        subject: claims.sub,
        assurance: assuranceFrom(claims.acr),
        linkUserId: login.linkUserId,
        redirectTo: login.redirectTo,
      },
    }
  } catch (error) {
    log().warn({ err: scrub(error) }, `${provider === 'digid' ? 'DigiD' : 'eHerkenning'} log-in refused`)
    return { ok: false, reason: error instanceof client.ClientError || isProtocolError(error) ? 'refused' : 'unavailable' }
  }
}

/** The acr values a broker knows for a minimum DigiD level: that level and every higher one. */
function acrValuesFrom(minimum: Assurance): string {
  return ASSURANCE_ORDER.slice(ASSURANCE_ORDER.indexOf(minimum)).map((level) => DIGID_ACR[level]).join(' ')
}

/** DigiD's SAML authentication classes, as brokers pass them on. */
export const DIGID_ACR: Record<Assurance, string> = {
  basis: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  midden: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  substantieel: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard',
  hoog: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
}

function isProtocolError(error: unknown): boolean {
  return error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError
}
