import path from 'node:path'
import express from 'express'
import compression from 'compression'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import { env } from './env.server'
import { createMicroCache, microCacheTtl } from './micro-cache.server'
import { allowedOriginsFor, isSameOriginMutation } from './origin.server'
import { parseTrustProxy } from './proxy.server'
import { bodyLimit, describeError, guardBuild, urlGate } from './input-gate.server'
import { securityHeaders } from './security-headers.server'
import { withRequestScope } from './request-scope.server'
import { log, requestLog } from './log.server'

export interface HttpAppOptions {
  /** Pages for the micro-cache of anonymous HTML (ServerManifest.cachedPages); none: no cache. */
  cachedPages?: RegExp[]
  microCacheMs?: number
  /** Overrides TRUST_PROXY (tests). */
  trustProxy?: string
}

/** The HTTP application around the Remix build: static files, security headers, the origin check. */
export function createHttpApp(build: ServerBuild, root = process.cwd(), options: HttpAppOptions = {}) {
  const app = express()
  app.disable('x-powered-by')
  const trust = parseTrustProxy(options.trustProxy ?? env().TRUST_PROXY)
  if (trust !== false) app.set('trust proxy', trust)
  // First: the request's id (in every log line of it and in the X-Request-Id answer header, decision 0016).
  app.use(requestLog({ trustProxy: trust !== false }))
  // Headers on every answer, also the gate's; then the input gate: nothing reads a body or a path it refuses.
  app.use(securityHeaders({ publicUrl: env().PUBLIC_URL, tileUrl: env().TILE_URL, development: env().NODE_ENV === 'development' }))
  app.use(urlGate())
  app.use(bodyLimit())
  app.use(compression())
  // After compression (it keeps the page as rendered), before the static files (no file lookup for a
  // cached page) and the origin check (every write, even a refused one, gives the writer fresh pages).
  if (options.cachedPages?.length) {
    app.use(createMicroCache({ pages: options.cachedPages, ttlMs: options.microCacheMs ?? microCacheTtl() }))
  }
  // Fingerprinted assets can be cached forever; the rest of public/ for an hour.
  app.use('/build', express.static(path.join(root, 'public/build'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }))
  app.use((req, res, next) => {
    // RFC 8058 one-click unsubscribe: mail clients POST without Origin; the signed token is the authority.
    if (req.method === 'POST' && req.path.startsWith('/afmelden/')) return next()
    const allowed = allowedOriginsFor(req.get('host') ?? null, req.protocol, env().PUBLIC_URL)
    if (isSameOriginMutation(req.method, { get: (n) => req.get(n) ?? null }, allowed)) return next()
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send('Dit formulier kwam niet van deze website en is niet verwerkt. Ga terug, laad de pagina opnieuw en probeer het nog eens.')
  })
  const remix = createRequestHandler({
    build: guardBuild(build),
    mode: env().NODE_ENV,
    getLoadContext: (req, res) => ({
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      cspNonce: String(res.locals.cspNonce ?? ''),
      requestId: String(res.locals.requestId ?? ''),
    }),
  })
  // One session lookup for all the loaders of a page (app/auth/session.server.ts).
  app.all('*', (req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD' ? withRequestScope(() => remix(req, res, next)) : remix(req, res, next),
  )
  // What escaped the Remix handler (its document could not be rendered): logged, and a plain page with
  // the code a resident can quote to the helpdesk — never Express's stack trace.
  app.use(((error, _req, res, _next) => {
    log().error({ err: describeError(error) }, 'unhandled error')
    if (res.headersSent) return void res.end()
    res
      .status(500)
      .type('text/plain; charset=utf-8')
      .send(`Er ging iets mis aan onze kant. Probeer het later nog eens. Foutcode: ${String(res.locals.requestId ?? '')}`)
  }) as express.ErrorRequestHandler)
  return app
}
