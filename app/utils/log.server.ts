import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import type { RequestHandler } from 'express'
import pino, { type DestinationStream, type Logger } from 'pino'

/**
 * The one logger of the server (decision 0016): pino, one JSON object per line. Every line written while
 * a request is handled carries that request's id (`requestId`), from an AsyncLocalStorage set by
 * `requestLog()`, so a resident's "Foutcode" finds every line of their request.
 *
 * Never log personal data or what someone typed: no bodies, no query strings, no e-mail addresses.
 * The `redact` list below is a safety net for headers and fields that may slip into a logged object.
 */
const REDACT = [
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.token',
  '*.params',
  'params',
  'email',
  'password',
  'token',
]

const requestStore = new AsyncLocalStorage<{ requestId: string }>()

function level(): string {
  if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL
  // Tests stay quiet unless they ask (a test reads its own destination stream).
  if (process.env.NODE_ENV === 'test') return 'silent'
  return process.env.NODE_ENV === 'production' ? 'info' : 'debug'
}

/** A logger writing to `destination` (standard output when none): for the server and for tests. */
export function createLogger(destination?: DestinationStream, options: { level?: string } = {}): Logger {
  return pino(
    {
      level: options.level ?? level(),
      base: { pid: process.pid },
      redact: { paths: REDACT, censor: '[weggelaten]' },
      // The request id of the request being handled, on every line written while handling it.
      mixin: () => {
        const store = requestStore.getStore()
        return store ? { requestId: store.requestId } : {}
      },
    },
    destination ?? pino.destination(1),
  )
}

let current: Logger | undefined

/** The server's logger. */
export function log(): Logger {
  current ??= createLogger()
  return current
}

/** Replaces the server's logger (tests read the lines from their own stream); none: the default again. */
export function setLogger(logger: Logger | undefined) {
  current = logger
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestStore.getStore()?.requestId
}

// Letters and digits a person can read out over the phone: no 0/O, 1/I/L.
const ID_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
/** A new request id, e.g. `K7QM-29XD-RT4F`. */
export function newRequestId(): string {
  const bytes = randomBytes(12)
  let id = ''
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) id += '-'
    id += ID_ALPHABET[bytes[i]! % ID_ALPHABET.length]
  }
  return id
}

/** What an id from a proxy may look like: short, and nothing that could break a log line or a page. */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/

/** The id of a request: the proxy's X-Request-Id when the proxy is trusted and the id is safe, else a new one. */
export function requestIdFor(header: string | undefined, fromTrustedProxy: boolean): string {
  return fromTrustedProxy && header && SAFE_REQUEST_ID.test(header) ? header : newRequestId()
}

/**
 * A path fit for the log: no query string (it may hold an e-mail address or a search), and the
 * single-use tokens and addresses in paths (`/wachtwoord-herstellen/<token>`) replaced; file names
 * (with a dot, such as the build's `chunk-4KQ2ZV.js`) stay.
 */
export function pathForLog(url: string): string {
  const pathOnly = url.split('?')[0]!.split('#')[0]!
  return pathOnly
    .split('/')
    .map((segment) =>
      /@|%40/i.test(segment) || (segment.length >= 16 && /[A-Z0-9_]/.test(segment) && !segment.includes('.')) ? ':token' : segment,
    )
    .join('/')
}

/**
 * Express middleware: gives the request its id (response header `X-Request-Id`, `res.locals.requestId`),
 * runs the rest of the request inside it, and logs one line when the answer is sent.
 */
export function requestLog(options: { trustProxy: boolean }): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFor(req.get('x-request-id'), options.trustProxy)
    res.locals.requestId = requestId
    res.setHeader('X-Request-Id', requestId)
    const started = process.hrtime.bigint()
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const line = { requestId, method: req.method, path: pathForLog(req.originalUrl), status: res.statusCode, ms: Math.round(ms) }
      if (res.statusCode >= 500) log().error(line, 'request failed')
      else log().info(line, 'request')
    })
    requestStore.run({ requestId }, next)
  }
}
