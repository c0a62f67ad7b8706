import { Writable } from 'node:stream'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { ActionFunctionArgs } from '@remix-run/node'
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { getDatabase } from '~db/runtime'
import { handleError } from '~/entry.server'
import { createHttpApp } from './http-app.server'
import { createLogger, pathForLog, requestIdFor, setLogger } from './log.server'
import { testBuild } from './test-build'

/** A pino destination that keeps every line, as the server would write them to standard output. */
function captureLines() {
  const lines: string[] = []
  let pending = ''
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString()
      const parts = pending.split('\n')
      pending = parts.pop()!
      lines.push(...parts.filter(Boolean))
      done()
    },
  })
  return { lines, stream }
}

// A route that fails the way real ones do: a query with what the person typed, refused by the database.
const failingRoute = {
  action: async ({ request }: ActionFunctionArgs) => {
    const form = await request.formData()
    const { log } = await import('./log.server')
    log().info({ route: 'fails' }, 'handling the form')
    const email = String(form.get('email'))
    const name = String(form.get('name'))
    // A unique violation: the database's detail names the typed values ("Key (email)=(…) already exists").
    await getDatabase().db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table typed (email text primary key, name text) on commit drop`)
      await tx.execute(sql`insert into typed values (${email}, ${name})`)
      await tx.execute(sql`insert into typed values (${email}, ${name})`)
    })
    return null
  },
  default: () => null,
}
const build = testBuild({ 'routes/fails': { path: 'fails', module: failingRoute } })
build.entry.module = { ...build.entry.module, handleError }

let server: Server | undefined
afterEach(async () => {
  setLogger(undefined)
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

async function start(trustProxy?: string) {
  server = createHttpApp(build, process.cwd(), trustProxy ? { trustProxy } : {}).listen(0, '127.0.0.1')
  await new Promise((resolve) => server!.once('listening', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

describe('structured logs', () => {
  it("gives a failing request's every log line its id, answers it in X-Request-Id, and logs nothing that was typed", async () => {
    const { lines, stream } = captureLines()
    setLogger(createLogger(stream, { level: 'info' }))
    const base = await start()
    const typed = { email: 'anna.devries@example.test', name: 'Anna de Vries Geheimnaam', password: 'mijn-geheime-zin' }
    const res = await fetch(`${base}/fails?email=anna.devries%40example.test&q=Geheimnaam`, {
      method: 'POST',
      headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'stem_session=geheim-koekje' },
      body: new URLSearchParams(typed),
    })
    expect(res.status).toBe(500)
    const requestId = res.headers.get('x-request-id')
    expect(requestId).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    // The request line is written when the answer has gone out.
    for (let i = 0; i < 100 && !lines.some((l) => l.includes('"request failed"')); i++) await new Promise((r) => setTimeout(r, 10))

    const ours = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(ours.length).toBeGreaterThanOrEqual(3)
    // Every line is JSON and carries the request's id: the route's own, the error, the request line.
    expect(ours.map((l) => l.requestId)).toEqual(ours.map(() => requestId))
    expect(ours.map((l) => l.msg)).toEqual(expect.arrayContaining(['handling the form', 'request error', 'request failed']))
    expect(ours.find((l) => l.msg === 'request failed')).toMatchObject({ method: 'POST', path: '/fails', status: 500 })
    const text = lines.join('\n')
    for (const value of [...Object.values(typed), 'Geheimnaam', 'geheim-koekje', '@', '%40']) expect(text).not.toContain(value)
  })

  it('takes the id of a trusted proxy only when it is safe, and never from a client directly', async () => {
    const base = await start('1')
    const ask = (id: string) => fetch(`${base}/fails`, { headers: { 'X-Request-Id': id } }).then((r) => r.headers.get('x-request-id'))
    expect(await ask('lb-7f3a9c21-0001')).toBe('lb-7f3a9c21-0001')
    const unsafe = await ask('x" injected=1 <script>')
    expect(unsafe).not.toContain('script')
    expect(unsafe).toMatch(/^[A-Z2-9]{4}-/)
    expect(requestIdFor('lb-7f3a9c21-0001', false)).not.toBe('lb-7f3a9c21-0001')
    expect(requestIdFor('a'.repeat(500), true)).toHaveLength(14)
  })

  it('keeps query strings, tokens and addresses out of logged paths', () => {
    expect(pathForLog('/inloggen?redirectTo=/mijn&email=a@b.nl')).toBe('/inloggen')
    expect(pathForLog('/wachtwoord-herstellen/dQw4w9WgXcQdQw4w9WgXcQdQw4w9WgXcQ')).toBe('/wachtwoord-herstellen/:token')
    expect(pathForLog('/api/v1/x/anna%40example.test')).toBe('/api/v1/x/:token')
    expect(pathForLog('/inspraak/12')).toBe('/inspraak/12')
    expect(pathForLog('/build/_shared/chunk-4KQ2ZVXYAB.js')).toBe('/build/_shared/chunk-4KQ2ZVXYAB.js')
  })
})
