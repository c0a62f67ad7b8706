import { z } from 'zod'
import { trustProxyProblem } from './proxy.server'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  STEM_DATA_DIR: z.string().default('.data/pglite'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Stem van Groningen <noreply@stem.example>'),
  SESSION_SECRET: z.string().min(16).optional(),
  PUBLIC_URL: z.string().url().optional(),
  TILE_URL: z.string().default('https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z.string().default('Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a>'),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** A hop count or the proxies' addresses/networks (decision 0013); never "trust every proxy". */
  TRUST_PROXY: z
    .string()
    .default('false')
    .superRefine((v, ctx) => {
      const problem = trustProxyProblem(v)
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem })
    }),
  DEV_MAILBOX: z.enum(['true', 'false']).optional(),
  /** How much the server logs (decision 0016): JSON lines on standard output; info in production. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** Log-ins per IP address per 15 minutes; a desk or wijkpunt behind one address may need more. */
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Where reactions on plan notices are handed to the case system (CloudEvents over HTTPS); off when unset. */
  CASE_WEBHOOK_URL: z.string().url().optional(),
  /** The shared secret the hand-over is signed with (HMAC-SHA256); required with CASE_WEBHOOK_URL. */
  CASE_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** Verified persons per address before only the desk, with an identity document, may verify one more. */
  VERIFIED_PERSONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(6),
  /** DigiD through an OpenID Connect broker (decision 0015): off unless issuer, client and secret are set. */
  DIGID_ISSUER: z.string().url().optional(),
  DIGID_CLIENT_ID: z.string().min(1).optional(),
  DIGID_CLIENT_SECRET: z.string().min(1).optional(),
  DIGID_SCOPES: z.string().default('openid'),
  /** The claim that carries the BSN; brokers differ ("bsn", or an NL GOV style name). */
  DIGID_BSN_CLAIM: z.string().default('bsn'),
  /** The minimum DigiD level to cast a budget ballot, for voters verified through DigiD; unset: no minimum. */
  DIGID_MIN_ASSURANCE_VOTE: z.enum(['basis', 'midden', 'substantieel', 'hoog']).optional(),
  /** eHerkenning for organisations through the broker (decision 0015): off unless issuer, client and secret are set. */
  EHERKENNING_ISSUER: z.string().url().optional(),
  EHERKENNING_CLIENT_ID: z.string().min(1).optional(),
  EHERKENNING_CLIENT_SECRET: z.string().min(1).optional(),
  EHERKENNING_SCOPES: z.string().default('openid'),
  /** The claims with the organisation's KVK number and its name. */
  EHERKENNING_KVK_CLAIM: z.string().default('kvk'),
  EHERKENNING_NAME_CLAIM: z.string().default('organisation_name'),
  /** Only for the stand-ins on a developer's machine: allow a broker or BRP over plain http. */
  OIDC_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
  /** Haal Centraal BRP bevragen (v2), e.g. https://brp.example/haalcentraal/api/brp; off when unset. */
  BRP_API_URL: z.string().url().optional(),
  BRP_API_KEY: z.string().optional(),
})

export type Env = z.infer<typeof schema>

let cached: Env | undefined

/** The environment, checked once: a bad setting stops the server at start with a clear message. */
export function env(): Env {
  if (cached) return cached
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems}`)
  }
  cached = parsed.data
  return cached
}

export const isProduction = () => env().NODE_ENV === 'production'

/** Forgets the checked environment, so a test can change it. */
export function resetEnvForTests() {
  cached = undefined
}

/**
 * The development mailbox shows every stored e-mail (password-reset links too) to anyone: only outside
 * production without an SMTP server, or when DEV_MAILBOX=true says so explicitly (the demo does).
 */
export const devMailboxEnabled = () => {
  const e = env()
  if (e.DEV_MAILBOX) return e.DEV_MAILBOX === 'true'
  return !e.SMTP_URL && e.NODE_ENV !== 'production'
}

export const cookiesSecure = () => {
  const e = env()
  return e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : e.NODE_ENV === 'production' && !!e.PUBLIC_URL?.startsWith('https:')
}
