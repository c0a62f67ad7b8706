import { gzipSync } from 'node:zlib'
import type { NextFunction, Request, Response } from 'express'

/*
 * A micro-cache of rendered pages for visitors without a session (docs/decisions/0107-micro-cache-of-anonymous-pages.md).
 * Only pages a module lists (ServerManifest.cachedPages), only GET, only when the request carries no
 * cookie except the language cookie, only a 200 without Set-Cookie; kept for at most `ttlMs` (2 s by
 * default, STEM_MICRO_CACHE_MS, 0 switches it off), keyed by host, full URL and the language cookie.
 * Writes do not empty it: a visitor who just wrote gets a short cookie that bypasses it (they see their
 * own change at once), and everyone else sees it within `ttlMs`. Emptying it at every write made it
 * useless exactly when the site is busy — with residents supporting, every support threw away every
 * page (docs/decisions/0107). A request with `Cache-Control: no-cache` (a hard reload; the benchmark
 * measures the uncached page that way) is rendered too.
 *
 * Under load a page is rendered once per key at a time: requests that miss while it is being rendered
 * wait for that rendering (no stampede of fifty identical renders when an entry expires), and in the
 * second half of its life an entry is still served while one request renders its successor. No entry
 * is ever served older than `ttlMs`.
 */

export interface MicroCacheOptions {
  pages: RegExp[]
  ttlMs: number
  maxEntries?: number
  maxBytes?: number
}

interface Entry {
  /** Renew from here on (one request renders while the others are still served this entry). */
  renewAt: number
  until: number
  status: number
  headers: [string, string | string[]][]
  body: Buffer
  gzip: Buffer
}

const LANGUAGE_COOKIE = 'stem_lang'
/** Set after a write so the writer's next pages are rendered fresh (no cache between them and their change). */
export const FRESH_COOKIE = 'stem_fresh'
const FRESH_SECONDS = 10
const DROPPED_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'vary', 'connection', 'date'])

export function microCacheTtl(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.STEM_MICRO_CACHE_MS ?? 2000)
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 5000) : 2000
}

/** The language cookie's raw value when it is the only cookie; undefined when any other cookie is sent. */
export function anonymousLanguage(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return ''
  let language = ''
  for (const part of cookieHeader.split(';')) {
    const trimmed = part.trim()
    if (!trimmed) continue
    const eq = trimmed.indexOf('=')
    const name = eq < 0 ? trimmed : trimmed.slice(0, eq)
    if (name !== LANGUAGE_COOKIE) return undefined
    language = trimmed.slice(eq + 1)
  }
  return language
}

export function createMicroCache({ pages, ttlMs, maxEntries = 2000, maxBytes = 2_000_000 }: MicroCacheOptions) {
  const entries = new Map<string, Entry>()
  /** Keys being rendered now, with what the waiting requests get: the entry, or nothing (render yourself). */
  const rendering = new Map<string, Promise<Entry | undefined>>()

  /** Marks `key` as rendered by this request; the function returned hands the waiting requests its entry (or none), once. */
  function claimRendering(key: string, res: Response): (entry: Entry | undefined) => void {
    let settle: (entry: Entry | undefined) => void = () => {}
    let settled = false
    const promise = new Promise<Entry | undefined>((resolve) => {
      settle = (entry) => {
        if (settled) return
        settled = true
        if (rendering.get(key) === promise) rendering.delete(key)
        resolve(entry)
      }
    })
    rendering.set(key, promise)
    res.on('close', () => settle(undefined))
    return settle
  }

  /** Keeps the page just sent when it may be shown to every anonymous visitor; returns the entry, if kept. */
  function store(key: string, res: Response, chunks: Buffer[]): Entry | undefined {
    const cacheControl = String(res.getHeader('cache-control') ?? '')
    if (res.statusCode !== 200 || res.getHeader('set-cookie') || /private|no-store/i.test(cacheControl)) return undefined
    const body = Buffer.concat(chunks)
    const headers = Object.entries(res.getHeaders())
      .filter(([name]) => !DROPPED_HEADERS.has(name))
      .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)] as [string, string | string[]])
    if (entries.size >= maxEntries) entries.clear()
    const at = Date.now()
    const entry = { renewAt: at + ttlMs / 2, until: at + ttlMs, status: 200, headers, body, gzip: gzipSync(body) }
    entries.set(key, entry)
    return entry
  }

  return function microCache(req: Request, res: Response, next: NextFunction) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // A write: the writer sees rendered pages for a while, so never a page from before their change.
      res.cookie(FRESH_COOKIE, '1', { maxAge: FRESH_SECONDS * 1000, httpOnly: true, sameSite: 'lax', path: '/' })
      return next()
    }
    if (ttlMs <= 0 || req.method !== 'GET' || !pages.some((p) => p.test(req.path))) return next()
    const language = anonymousLanguage(req.headers.cookie)
    if (language === undefined) return next()
    const key = `${req.hostname}\n${req.originalUrl}\n${language}`
    const fresh = /no-cache|no-store|max-age=0/i.test(req.get('cache-control') ?? '')
    const now = Date.now()
    let hit = fresh ? undefined : entries.get(key)
    if (hit && hit.until <= now) {
      entries.delete(key)
      hit = undefined
    }
    const inFlight = fresh ? undefined : rendering.get(key)
    if (hit && (hit.renewAt > now || inFlight)) return send(req, res, hit)
    if (!hit && inFlight) {
      void inFlight.then((entry) => (entry && entry.until > Date.now() ? send(req, res, entry) : next()))
      return
    }
    // This request renders the page (a miss, or the first to ask for an entry's successor): render as
    // usual and keep what was sent.
    const settle = fresh ? noSettle : claimRendering(key, res)
    captureBody(res, maxBytes, (chunks) => settle(chunks && !fresh ? store(key, res, chunks) : undefined))
    if (fresh) res.setHeader('X-Micro-Cache', 'bypass')
    else res.setHeader('X-Micro-Cache', 'miss')
    next()
  }
}

const noSettle = (): void => {}

function send(req: Request, res: Response, hit: Entry) {
  res.status(hit.status)
  for (const [name, value] of hit.headers) res.setHeader(name, value)
  res.setHeader('X-Micro-Cache', 'hit')
  res.setHeader('Vary', 'Accept-Encoding')
  if (req.acceptsEncodings('gzip') === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip')
    res.setHeader('Content-Length', hit.gzip.length)
    res.end(hit.gzip)
  } else {
    res.setHeader('Content-Length', hit.body.length)
    res.end(hit.body)
  }
}

/**
 * Keeps what the response sends (the uncompressed bytes; compression sits outside) and, once it has
 * ended, hands `ended` the chunks — or undefined when they came to more than `maxBytes`.
 */
function captureBody(res: Response, maxBytes: number, ended: (chunks: Buffer[] | undefined) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  let keep = true
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => Response
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (!keep || chunk === undefined || chunk === null || typeof chunk === 'function') return
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array)
    size += buf.length
    if (size > maxBytes) keep = false
    else chunks.push(buf)
  }
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0])
    return write(chunk, ...rest)
  }) as typeof res.write
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0])
    const result = end(chunk, ...rest)
    ended(keep ? chunks : undefined)
    return result
  }) as typeof res.end
}
