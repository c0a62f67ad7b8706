import type { AddressInfo } from 'node:net'
import { request as httpRequest, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import * as inloggen from '~/routes/inloggen'
import { createHttpApp } from './http-app.server'
import { parseTrustProxy } from './proxy.server'
import { testBuild } from './test-build'
import { contentSecurityPolicy, securityHeaders } from './security-headers.server'

const build = testBuild({ 'routes/inloggen': { path: 'inloggen', module: inloggen } })
let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function start(options: Parameters<typeof createHttpApp>[2] = {}) {
  server = createHttpApp(build, process.cwd(), options).listen(0, '127.0.0.1')
  await new Promise((resolve) => server!.once('listening', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

function logInAs(base: string, n: number, forwardedFor: string) {
  return fetch(`${base}/inloggen`, {
    method: 'POST',
    headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwardedFor },
    body: new URLSearchParams({ email: `poging${n}@example.test`, password: 'een fout wachtwoord' }),
  })
}

describe('the client address behind a load balancer', () => {
  it('refuses "trust every proxy" and reads hop counts and networks', () => {
    expect(() => parseTrustProxy('true')).toThrow(/number of proxies/)
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/not an address/)
    expect(() => parseTrustProxy('proxy.example')).toThrow(/not an address/)
    expect(parseTrustProxy('false')).toBe(false)
    expect(parseTrustProxy('2')).toBe(2)
    expect(parseTrustProxy('10.0.0.0/8, 192.0.2.7,loopback')).toEqual(['10.0.0.0/8', '192.0.2.7', 'loopback'])
  })

  it('counts log-ins per address the load balancer saw: a made-up X-Forwarded-For does not get past the limit', async () => {
    const base = await start({ trustProxy: '1' })
    const statuses: number[] = []
    // The attacker writes a new address each time; the load balancer appends the one it saw.
    for (let n = 0; n < 55; n++) statuses.push((await logInAs(base, n, `198.51.100.${n}, 203.0.113.5`)).status)
    expect(statuses.slice(0, 50).every((s) => s === 400)).toBe(true)
    expect(statuses.slice(50)).toEqual([429, 429, 429, 429, 429])
  })

  it('trusts only the listed proxies: the address before an unlisted hop is not believed', async () => {
    const base = await start({ trustProxy: '10.0.0.0/8' })
    // 127.0.0.1 (the test's socket) is not listed: the forwarded header is ignored, the socket counts.
    const statuses: number[] = []
    for (let n = 0; n < 52; n++) statuses.push((await logInAs(base, 100 + n, `198.51.100.${n}`)).status)
    expect(statuses.slice(50)).toEqual([429, 429])
  })
})

describe('the input gate', () => {
  it('answers a 200 MB form with 413 within a second, without taking it in', async () => {
    const base = new URL(await start())
    const before = process.memoryUsage().rss
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const total = 200 * 1024 * 1024
    const started = performance.now()
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: base.hostname,
          port: base.port,
          path: '/inloggen',
          method: 'POST',
          headers: { Origin: base.origin, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': total },
        },
        (res) => {
          let body = ''
          res.on('data', (c: Buffer) => (body += c.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        },
      )
      // The server may close while we are still sending: that is the point.
      req.on('error', (error) =>
        (error as NodeJS.ErrnoException).code === 'ECONNRESET' || (error as NodeJS.ErrnoException).code === 'EPIPE'
          ? undefined
          : reject(error),
      )
      let sent = 0
      const pump = () => {
        while (sent < total) {
          sent += chunk.length
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        req.end()
      }
      req.write('email=a%40example.test&password=')
      pump()
    })
    const elapsed = performance.now() - started
    expect(answer.status).toBe(413)
    expect(answer.body).toContain('Dit is te veel tekst')
    expect(elapsed).toBeLessThan(1000)
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024)
  })

  it('answers broken percent-encoding and control characters in the address with 400', async () => {
    const base = await start()
    for (const path of ['/inloggen/%E0%A4%A', '/inloggen?redirectTo=%', '/inloggen?x=%00', '/in%01loggen', '/inloggen?x=%7F']) {
      const res = await fetch(base + path)
      expect(res.status, path).toBe(400)
      expect(await res.text()).toContain('Dit adres kunnen we niet lezen')
    }
    expect((await fetch(`${base}/inloggen?redirectTo=%2Fmijn%0A`)).status).toBe(200)
  })
})

describe('security headers', () => {
  it('sends a nonce policy that names the tile host, and HSTS only for an https site', async () => {
    const policy = contentSecurityPolicy('abc123abc123abc123==', { tileUrl: 'https://{s}.tiles.example/{z}/{x}/{y}.png' })
    expect(policy).toContain("script-src 'self' 'nonce-abc123abc123abc123=='")
    expect(policy).toContain("img-src 'self' data: blob: https://*.tiles.example")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).not.toMatch(/script-src[^;]*unsafe/)
    const base = await start()
    const res = await fetch(`${base}/inloggen`)
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1]
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('permissions-policy')).toContain('camera=()')
    expect(res.headers.get('strict-transport-security')).toBeNull()
    const second = await fetch(`${base}/inloggen`)
    expect(second.headers.get('content-security-policy')).not.toContain(nonce!)
    const app = securityHeaders({ publicUrl: 'https://stem.example', tileUrl: 'https://tiles.example/{z}.png' })
    const headers: Record<string, string> = {}
    app({} as never, { locals: {}, setHeader: (n: string, v: string) => (headers[n] = v) } as never, () => {})
    expect(headers['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains')
  })
})
