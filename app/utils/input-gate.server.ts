import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { ServerBuild } from '@remix-run/node'

/*
 * One input gate (decision 0013) in front of every route, so no route has to remember it:
 * - request bodies other than uploads are limited before anything reads them (forms: 1 MB);
 * - a path or query with broken percent-encoding or control characters is refused with 400;
 * - input the database cannot take (a NUL byte, "abc" or 1e30 where a number is stored) answers 400,
 *   never 500, and the failed query is not logged with the values the person sent.
 * Uploads (multipart) keep their own streamed limits (app/utils/uploads.server.ts).
 */

/** The largest form (urlencoded) or other non-upload body. */
export const FORM_BODY_LIMIT = 1024 * 1024

function page(title: string, text: string): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Stem</title></head><body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Naar de voorpagina</a> · <a href="/persoonlijk-contact">Persoonlijk contact</a></p></main></body></html>`
}

export const TOO_LARGE_PAGE = page(
  'Dit is te veel tekst',
  'Wat u stuurde is groter dan 1 MB en is niet verwerkt. Ga terug: uw tekst staat meestal nog in het formulier. Maak hem korter en verstuur hem opnieuw.',
)
export const BAD_ADDRESS_PAGE = page(
  'Dit adres kunnen we niet lezen',
  'Het adres van deze pagina bevat tekens die niet kunnen. Controleer de link, of ga naar de voorpagina.',
)

function refuse(res: ExpressResponse, status: number, html: string, close = false) {
  if (close) res.setHeader('Connection', 'close')
  res.status(status).type('text/html; charset=utf-8').send(html)
}

/** Refuses bodies over the limit by their declared length, before any byte is read. */
export function bodyLimit(limit = FORM_BODY_LIMIT) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const type = (req.get('content-type') ?? '').toLowerCase()
    if (type.startsWith('multipart/form-data')) return next()
    const declared = req.get('content-length')
    if (declared === undefined) {
      // A body without a declared length (chunked) could be endless; browsers always declare forms.
      if (req.get('transfer-encoding')) return refuse(res, 411, TOO_LARGE_PAGE, true)
      return next()
    }
    if (Number(declared) > limit) {
      // Stop reading: the connection closes after this answer, so the rest of the body is never taken in.
      refuse(res, 413, TOO_LARGE_PAGE, true)
      res.on('finish', () => req.socket.destroy())
      return
    }
    next()
  }
}

// C0 control characters and DEL, percent-encoded; tab, line feed and carriage return are text in a query.
const CONTROL_IN_PATH = /%(?:[01][0-9a-f]|7f)/i
const CONTROL_IN_QUERY = /%(?:0[0-8bcef]|1[0-9a-f]|7f)/i

/** Whether a path and query can be read: valid percent-encoding, no control characters. */
export function readableUrl(url: string): boolean {
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  const query = q === -1 ? '' : url.slice(q + 1)
  if (CONTROL_IN_PATH.test(path) || CONTROL_IN_QUERY.test(query)) return false
  try {
    decodeURIComponent(path)
    for (const part of query.split('&')) decodeURIComponent(part.replace(/\+/g, ' '))
  } catch {
    return false
  }
  // Decoded characters that should never be in an address (also when written without encoding).
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return !/[\u0000-\u001f\u007f]/.test(path)
}

export function urlGate() {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (!readableUrl(req.originalUrl)) return refuse(res, 400, BAD_ADDRESS_PAGE)
    next()
  }
}

/** The database error code of a failed query, from our drivers (postgres.js, PGlite) through drizzle. */
function databaseCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null
  const code = e?.code ?? e?.cause?.code
  return typeof code === 'string' ? code : undefined
}

/**
 * Input the database refused as data: class 22 (a NUL byte, "abc" or 1e30 for a number, a date out of
 * range), or a percent-decoding error in a route. These are the sender's mistake: 400, not 500.
 */
export function isBadInputError(error: unknown): boolean {
  if (error instanceof URIError) return true
  const code = databaseCode(error)
  return !!code && /^22[0-9A-Z]{3}$/.test(code)
}

export const badInputResponse = () =>
  new Response('Deze invoer kunnen we niet lezen. Controleer wat u invulde of de link die u gebruikte.', {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })

type Handler = (args: never) => unknown

/** A loader or action whose bad-input errors become a 400 answer. */
export function guardHandler<F extends Handler>(fn: F): F {
  const guarded = async (args: Parameters<F>[0]) => {
    try {
      return await fn(args as never)
    } catch (error) {
      if (isBadInputError(error)) throw badInputResponse()
      throw error
    }
  }
  return guarded as unknown as F
}

/** A route module with its loader and action guarded. */
export function guardRouteModule<M extends { loader?: Handler; action?: Handler }>(mod: M): M {
  return {
    ...mod,
    ...(mod.loader ? { loader: guardHandler(mod.loader) } : {}),
    ...(mod.action ? { action: guardHandler(mod.action) } : {}),
  }
}

/** The server build with every route's loader and action behind the gate. */
export function guardBuild(build: ServerBuild): ServerBuild {
  const routes: ServerBuild['routes'] = {}
  for (const [id, route] of Object.entries(build.routes)) {
    if (route) routes[id] = { ...route, module: guardRouteModule(route.module) }
  }
  return { ...build, routes }
}

/** What may be logged about a failed query: its SQL and the database's code, never the values sent. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) }
  const e = error as Error & { query?: string; params?: unknown; cause?: unknown }
  if (typeof e.query === 'string') {
    return { error: 'Failed query', query: e.query, code: databaseCode(error) }
  }
  return { error: withoutAddresses(e.message), name: e.name, code: databaseCode(error), stack: e.stack && withoutAddresses(e.stack) }
}

/** E-mail addresses (an SMTP server's refusal names its recipient) are personal data: not in the log. */
const withoutAddresses = (text: string) => text.replace(/[^\s<>"'(),;:]+(@|＠)[^\s<>"'(),;:]+/g, '[e-mailadres]')
