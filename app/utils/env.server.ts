import { z } from 'zod'

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
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  DEV_MAILBOX: z.enum(['true', 'false']).optional(),
  /** Log-ins per IP address per 15 minutes; a desk or wijkpunt behind one address may need more. */
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Verified persons per address before only the desk, with an identity document, may verify one more. */
  VERIFIED_PERSONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(6),
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

/** The development mailbox shows stored e-mail when no SMTP server is configured, or when asked for. */
export const devMailboxEnabled = () => {
  const e = env()
  return e.DEV_MAILBOX ? e.DEV_MAILBOX === 'true' : !e.SMTP_URL
}

export const cookiesSecure = () => {
  const e = env()
  return e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : e.NODE_ENV === 'production' && !!e.PUBLIC_URL?.startsWith('https:')
}
