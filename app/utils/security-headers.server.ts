import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

/*
 * The security headers of every answer (decision 0012). The Content-Security-Policy allows scripts only
 * from this site and inline scripts only with the nonce of this answer (Remix's own, passed through
 * entry.server.tsx and root.tsx); images also from the map tile host; nothing may frame the site.
 */

export interface SecurityHeaderOptions {
  publicUrl?: string
  tileUrl: string
  development?: boolean
}

/** The origin of a tile URL template; `{s}` sub-domains become a wildcard. */
export function tileSource(tileUrl: string): string | null {
  const match = /^(https?):\/\/([^/]+)/i.exec(tileUrl)
  if (!match) return null
  const host = match[2]!.replace(/\{s\}/g, '*')
  if (!/^[a-z0-9.*:-]+$/i.test(host)) return null
  return `${match[1]!.toLowerCase()}://${host}`
}

export function contentSecurityPolicy(nonce: string, options: SecurityHeaderOptions): string {
  const tiles = tileSource(options.tileUrl)
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`],
    // React writes style attributes (progress bars, map sizes); style sheets only from this site.
    ['style-src', "'self'"],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(options.development ? ['ws://localhost:*', 'http://localhost:*'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
  ]
  if (options.publicUrl?.startsWith('https:')) directives.push(['upgrade-insecure-requests'])
  return directives.map((d) => d.join(' ')).join('; ')
}

/** Sets the headers and leaves this answer's nonce in res.locals.cspNonce for the page. */
export function securityHeaders(options: SecurityHeaderOptions) {
  const https = !!options.publicUrl?.startsWith('https:')
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, options))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Permissions-Policy', 'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()')
    if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    next()
  }
}
