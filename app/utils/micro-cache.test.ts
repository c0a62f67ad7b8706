import type { AddressInfo } from 'node:net'
import express from 'express'
import compression from 'compression'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymousLanguage, createMicroCache } from './micro-cache.server'

// A real HTTP server with the middleware in front of a page that counts its renderings.
// A long TTL for the behaviour (the shared machine may be slow), a short one for expiry.
let base = ''
let shortBase = ''
let renders = 0
const servers: ReturnType<ReturnType<typeof express>['listen']>[] = []

async function start(ttlMs: number): Promise<string> {
  const app = express()
  app.use(compression())
  app.use(createMicroCache({ pages: [/^\/page$/, /^\/slow$/], ttlMs }))
  app.get('/page', (req, res) => {
    renders += 1
    if (req.query.cookie) res.cookie('stem_flash', 'x')
    res.type('html').send(`<p>render ${renders}</p>`)
  })
  app.get('/slow', (_req, res) => {
    renders += 1
    setTimeout(() => res.type('html').send(`<p>slow ${renders}</p>`), 50)
  })
  app.get('/other', (_req, res) => res.type('html').send(`<p>${++renders}</p>`))
  app.post('/write', (_req, res) => res.status(303).setHeader('Location', '/page').end())
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

beforeAll(async () => {
  base = await start(10_000)
  shortBase = await start(100)
})
afterAll(() => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))))

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers, redirect: 'manual' })

describe('micro-cache of anonymous pages', () => {
  it('serves a listed page from the cache, by URL and language, never to someone with another cookie', async () => {
    const first = await get('/page?x=1')
    const text = await first.text()
    expect(first.headers.get('x-micro-cache')).toBe('miss')
    const second = await get('/page?x=1')
    expect(second.headers.get('x-micro-cache')).toBe('hit')
    expect(await second.text()).toBe(text)
    expect((await get('/page?x=2')).headers.get('x-micro-cache')).toBe('miss')
    expect((await get('/page?x=1', { cookie: 'stem_lang=ImVuIg%3D%3D' })).headers.get('x-micro-cache')).toBe('miss')
    const session = await get('/page?x=1', { cookie: 'stem_session=abc' })
    expect(session.headers.get('x-micro-cache')).toBeNull()
    expect(await session.text()).not.toBe(text)
    expect((await get('/page?x=1', { 'cache-control': 'no-cache' })).headers.get('x-micro-cache')).toBe('bypass')
    expect((await get('/other')).headers.get('x-micro-cache')).toBeNull()
  })

  it('keeps no page that sets a cookie; after a write the writer gets rendered pages, others the kept one until the TTL', async () => {
    await get('/page?c=1&cookie=1')
    expect((await get('/page?c=1&cookie=1')).headers.get('x-micro-cache')).toBe('miss')
    await get('/page?w=1')
    expect((await get('/page?w=1')).headers.get('x-micro-cache')).toBe('hit')
    const write = await fetch(base + '/write', { method: 'POST', redirect: 'manual' })
    const fresh = write.headers.get('set-cookie') ?? ''
    expect(fresh).toMatch(/stem_fresh=1/)
    // The writer: rendered, not from the cache (and not kept for others).
    const writer = await get('/page?w=1', { cookie: fresh.split(';')[0]! })
    expect(writer.headers.get('x-micro-cache')).toBeNull()
    // Everyone else: the kept page, at most the TTL old (a write does not throw every page away).
    expect((await get('/page?w=1')).headers.get('x-micro-cache')).toBe('hit')
    await fetch(shortBase + '/page?t=1')
    await new Promise((r) => setTimeout(r, 250))
    expect((await fetch(shortBase + '/page?t=1')).headers.get('x-micro-cache')).toBe('miss')
  })

  it('renders once for many simultaneous misses, and sends gzip to those who accept it', async () => {
    const before = renders
    const answers = await Promise.all(Array.from({ length: 20 }, () => get('/slow')))
    const bodies = new Set(await Promise.all(answers.map((a) => a.text())))
    expect(renders - before).toBe(1)
    expect(bodies.size).toBe(1)
    const zipped = await get('/slow', { 'accept-encoding': 'gzip' })
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    expect(await zipped.text()).toBe([...bodies][0])
  })

  it('reads the language cookie and refuses any other cookie', () => {
    expect(anonymousLanguage(undefined)).toBe('')
    expect(anonymousLanguage('stem_lang=abc')).toBe('abc')
    expect(anonymousLanguage('stem_lang=abc; stem_flash=x')).toBeUndefined()
    expect(anonymousLanguage('stem_fresh=1')).toBeUndefined()
  })
})
