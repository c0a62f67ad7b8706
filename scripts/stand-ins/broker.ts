import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import Provider from 'oidc-provider'

/*
 * STAND-IN for the identity broker (DigiD and eHerkenning through OpenID Connect) — for tests and the demo
 * only. A real OpenID Connect provider (oidc-provider) that asks for a synthetic BSN on a plain form and
 * issues an ID token with `sub`, the `bsn` claim and `acr` (DigiD's level); for the eHerkenning client it
 * asks for a KVK number and an organisation name instead (claims `kvk` and `organisation_name`, no BSN).
 * Never point production at it.
 */

export const ACR = {
  basis: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  midden: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  substantieel: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard',
  hoog: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
} as const

export interface BrokerStandIn {
  issuer: string
  port: number
  provider: Provider
  close(): Promise<void>
}

export interface BrokerOptions {
  port?: number
  clientId: string
  clientSecret: string
  redirectUris: string[]
  /** A private JWK (RS256) to sign with; tests use it to forge tokens. */
  signingKey?: Record<string, unknown>
  /** The issuer when the broker is reached through a proxy (tests); by default its own address. */
  issuer?: string
  /** A second client for eHerkenning (organisations). */
  organisationClient?: { clientId: string; clientSecret: string; redirectUris: string[] }
}

const ORGANISATION = 'kvk:'

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => resolve(new URLSearchParams(body)))
  })
}

/** The same strict headers as Stem's own pages, so the stand-in's form passes the journeys' header check. */
function pageHeaders(): Record<string, string> {
  const nonce = randomBytes(16).toString('base64')
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

// eslint-disable-next-line max-lines-per-function -- one OIDC stand-in's configuration, read as the broker's published set-up
export async function startBrokerStandIn(options: BrokerOptions): Promise<BrokerStandIn> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`
  const clients = [{ client_id: options.clientId, client_secret: options.clientSecret, redirect_uris: options.redirectUris }]
  const organisationClientId = options.organisationClient?.clientId
  if (options.organisationClient) {
    const c = options.organisationClient
    clients.push({ client_id: c.clientId, client_secret: c.clientSecret, redirect_uris: c.redirectUris })
  }
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      ...c,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      default_acr_values: Object.values(ACR),
    })),
    ...(options.signingKey ? { jwks: { keys: [options.signingKey] } } : {}),
    acrValues: Object.values(ACR),
    claims: { acr: null, openid: ['sub', 'bsn', 'kvk', 'organisation_name'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['stand-in-broker-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/stand-in/${interaction.uid}` },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => {
        const sub = createHash('sha256').update(`stand-in:${id}`).digest('hex')
        if (!id.startsWith(ORGANISATION)) return { sub, bsn: id }
        const [kvk, name] = id.slice(ORGANISATION.length).split(':') as [string, string]
        return { sub, kvk, organisation_name: Buffer.from(name, 'base64url').toString('utf8') }
      },
    }),
  })
  provider.proxy = true
  const callback = provider.callback()
  server.on('request', (req, res) => {
    const match = req.url?.match(/^\/stand-in\/([\w-]+)$/)
    if (!match) return callback(req, res)
    void (async () => {
      const details = await provider.interactionDetails(req, res)
      const organisation = !!organisationClientId && details.params.client_id === organisationClientId
      if (req.method === 'GET' && organisation) {
        res.writeHead(200, pageHeaders())
        res.end(`<!doctype html><html lang="nl"><head><title>eHerkenning (stand-in)</title></head><body><main>
<h1>eHerkenning — stand-in voor test en demo</h1><p>Dit is niet de echte eHerkenning. Vul een verzonnen organisatie in.</p>
<form method="post" action="/stand-in/${escape(details.uid)}">
<label for="kvk">KVK-nummer</label> <input id="kvk" name="kvk" inputmode="numeric" required>
<label for="name">Naam van de organisatie</label> <input id="name" name="name" required>
<button type="submit">Inloggen</button></form></main></body></html>`)
        return
      }
      if (req.method === 'GET') {
        res.writeHead(200, pageHeaders())
        res.end(`<!doctype html><html lang="nl"><head><title>DigiD (stand-in)</title></head><body><main>
<h1>DigiD — stand-in voor test en demo</h1><p>Dit is niet de echte DigiD. Vul een verzonnen BSN in.</p>
<form method="post" action="/stand-in/${escape(details.uid)}">
<label for="bsn">BSN</label> <input id="bsn" name="bsn" inputmode="numeric" required>
<label for="level">Niveau</label> <select id="level" name="level"><option>midden</option><option>substantieel</option><option>basis</option><option>hoog</option></select>
<button type="submit">Inloggen</button></form></main></body></html>`)
        return
      }
      const form = await readBody(req)
      const accountId = organisation
        ? `${ORGANISATION}${(form.get('kvk') ?? '').replace(/\D/g, '')}:${Buffer.from(form.get('name') ?? '').toString('base64url')}`
        : (form.get('bsn') ?? '').replace(/\D/g, '')
      const level = (form.get('level') ?? (organisation ? 'substantieel' : 'midden')) as keyof typeof ACR
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) })
      grant.addOIDCScope(String(details.params.scope ?? 'openid'))
      grant.addOIDCClaims(organisation ? ['kvk', 'organisation_name', 'acr'] : ['bsn', 'acr'])
      const grantId = await grant.save()
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId, acr: ACR[level] ?? ACR.midden }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      )
    })().catch(() => {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Stand-in: onbekende of verlopen inlog')
    })
  })
  return { issuer, port: port!, provider, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
