import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { createUser } from '~db/factories/users'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { recordPublication } from '~/modules/engagement/engagement.server'
import { createPlace } from './places.server'
import { placeSchema } from './validation'
import { headerOf, startTestSmtp, type ReceivedMail } from '../../../scripts/test-smtp'

/*
 * Kill -9 the worker in the middle of a batch, start it again, and check at a real SMTP server that every
 * alert arrived, none twice (after the receiver drops a repeated Message-ID, as real servers do).
 * On PostgreSQL the child uses this test file's database; on PGlite a data folder made from a dump of it.
 */

let smtp: Awaited<ReturnType<typeof startTestSmtp>>
let received: ReceivedMail[] = []
let port = 0

beforeAll(async () => {
  // A little slow, like a real server, so the kill lands inside a batch.
  smtp = await startTestSmtp({ delayMs: 40 })
  received = smtp.received
  port = smtp.port
})

afterAll(() => smtp.close())

const RESIDENTS = 24

function startChild(extra: Record<string, string>): { child: ChildProcess; output: string[]; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, SMTP_PORT: String(port), NODE_ENV: 'test', PUBLIC_URL: 'http://stem.test' }
  if (!env.DATABASE_URL) delete env.DATABASE_URL
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('app/modules/alerts/durability.child.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()))
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output, exited }
}

describe('alert delivery survives a killed worker', () => {
  it('delivers every alert exactly once after kill -9 mid-batch and a restart', async () => {
    const handle = getDatabase()
    const { db } = handle
    const emails: string[] = []
    for (let i = 0; i < RESIDENTS; i++) {
      const user = await createUser(db, { email: `duur-${i}@example.test` })
      emails.push(user.email)
      const input = placeSchema.parse({
        mode: 'address',
        postcode: '9712JG',
        houseNumber: '3',
        radius: '800',
        topics: ['building'],
        channel: 'immediate',
        consent: 'yes',
      })
      const created = await createPlace(user.id, input)
      expect(created.ok).toBe(true)
      // Some have two places: still one alert per item.
      if (i % 3 === 0) await createPlace(user.id, placeSchema.parse({ ...input, mode: 'area', areaCode: 'BU00140000' }))
    }
    for (const n of [1, 2])
      await recordPublication(db, {
        itemKind: 'durability',
        itemId: String(n),
        title: `Duurzaamheidsplan ${n}`,
        href: `/test/${n}`,
        topic: 'building',
        geometry: { type: 'Point', coordinates: [6.569, 53.22] },
      })
    await db.execute(sql`update outbound_emails set sent_at = now() where sent_at is null`)

    let env: Record<string, string>
    let folder: string | null = null
    if (handle.kind === 'postgres') {
      const [{ name }] = rowsOf<{ name: string }>(await db.execute(sql`select current_database() as name`)) as [{ name: string }]
      const url = new URL(process.env.DATABASE_URL!)
      url.pathname = `/${name}`
      env = { DATABASE_URL: url.toString() }
    } else {
      // One process per embedded folder: hand a copy to the child, read the result back at the end.
      folder = mkdtempSync(path.join(tmpdir(), 'stem-alerts-durability-'))
      const dump = await handle.pglite!.dumpDataDir('none')
      const file = path.join(folder, 'dump.tar')
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
      const seeded = await PGlite.create({ dataDir: path.join(folder, 'pg'), loadDataDir: dump, extensions: { postgis } })
      await seeded.close()
      env = { DATABASE_URL: '', STEM_DATA_DIR: path.join(folder, 'pg') }
    }

    received.length = 0
    const first = startChild(env)
    // Kill it once some — not all — alerts have reached the SMTP server.
    await expect
      .poll(() => (first.output.some((o) => /Error/.test(o)) ? -1 : received.length), {
        timeout: 90_000,
        interval: 20,
        message: first.output.join(''),
      })
      .toBeGreaterThanOrEqual(5)
    first.child.kill('SIGKILL')
    await first.exited
    const atKill = received.length
    expect(atKill).toBeLessThan(RESIDENTS * 2)

    const second = startChild(env)
    const code = await second.exited
    expect(code, second.output.join('')).toBe(0)

    const expected = emails.flatMap((e) => [1, 2].map((n) => `${e}|Duurzaamheidsplan ${n}`)).sort()
    const got = [...new Set(received.map((r) => `${r.to}|${headerOf(r, 'Subject').replace(/^.*: /, '')}`))].sort()
    expect(got).toEqual(expected)
    // Every message id once: a repeat would only be the one in flight at the kill, with the same id.
    const ids = new Set(received.map((r) => headerOf(r, 'Message-ID')))
    expect(ids.size).toBe(RESIDENTS * 2)
    expect(received.length - ids.size).toBeLessThanOrEqual(1)
    if (folder) rmSync(folder, { recursive: true, force: true })
  }, 300_000)
})
