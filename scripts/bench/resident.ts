/**
 * `npm run bench -- resident`: what a logged-in resident's page costs — requests per second for one
 * page (a document request: the root loader and the page's loader) and for its data request, on the
 * embedded database or on DATABASE_URL. Measures the per-request work every logged-in person pays: the
 * session lookup, the roles, the acting-for check of the server entry (app/auth/acting.server.ts).
 * BENCH_SECONDS (default 10) per figure; `npx remix build` first. On the embedded database it first
 * counts the queries one request makes (the app in this process): a figure the machine's load does not move.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import postgres from 'postgres'
import type { ServerBuild } from '@remix-run/node'
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../db/client'
import { setDatabase } from '../../db/runtime'
import { createHttpApp } from '../../app/utils/http-app.server'
import { seedReference } from '../../db/seeds/reference'
import { cannon as httpCannon, fig, waitFor } from './http'

const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 10
const APP_PORT = Number(process.env.PORT ?? 3122) + 60
const PAGE = '/initiatieven'

const cannon = (opts: autocannon.Options) => httpCannon({ connections: CONNECTIONS, duration: DURATION }, opts)

/** Queries per request, counted at the embedded database with the app served in this process. */
async function queriesPerRequest(handle: DatabaseHandle, cookie: string): Promise<Record<string, number>> {
  const pglite = handle.pglite!
  let count = 0
  const query = pglite.query.bind(pglite)
  const exec = pglite.exec.bind(pglite)
  pglite.query = ((...args: Parameters<typeof query>) => (count++, query(...args))) as typeof pglite.query
  pglite.exec = ((...args: Parameters<typeof exec>) => (count++, exec(...args))) as typeof pglite.exec
  setDatabase(handle)
  const build = (await import(path.resolve('build/index.js'))) as ServerBuild
  const server = createHttpApp(build, process.cwd()).listen(APP_PORT + 1)
  const get = (p: string, headers: Record<string, string>) =>
    new Promise<void>((resolve, reject) =>
      http.get(`http://localhost:${APP_PORT + 1}${p}`, { headers }, (res) => res.resume().on('end', resolve)).on('error', reject),
    )
  const counted = async (p: string, headers: Record<string, string>) => {
    await get(p, headers)
    count = 0
    for (let i = 0; i < 5; i++) await get(p, headers)
    return count / 5
  }
  try {
    return {
      document_resident: await counted(PAGE, { cookie }),
      data_resident: await counted(`${PAGE}?_data=routes%2Finitiatieven._index`, { cookie }),
      document_visitor: await counted(PAGE, { 'cache-control': 'no-cache' }),
    }
  } finally {
    await new Promise((r) => server.close(r))
    setDatabase(undefined)
  }
}

export async function run(): Promise<Record<string, unknown>> {
  if (!existsSync('build/index.js')) throw new Error('run `npx remix build` first')
  const url = process.env.DATABASE_URL
  let dbUrl: string | undefined
  let dataDir: string | undefined
  let drop: (() => Promise<void>) | undefined
  if (url) {
    const name = `stem_bench_${randomBytes(4).toString('hex')}`
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    await admin.end()
    const u = new URL(url)
    u.pathname = `/${name}`
    dbUrl = u.toString()
    drop = async () => {
      const a = postgres(url, { max: 1, onnotice: () => {} })
      await a.unsafe(`drop database if exists ${name} with (force)`).finally(() => a.end())
    }
  } else {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'stem-bench-')), 'pglite')
  }
  let server: ChildProcess | undefined
  try {
    const handle = await openDatabase(dbUrl ? { url: dbUrl } : { dataDir })
    await migrateDatabase(handle)
    await seedReference(handle.db)
    await handle.raw(`insert into users (id, email, display_name, email_confirmed_at, verified_at, verification_method, birth_year)
                      values ('bench-resident', 'bench-resident@example.test', 'Bench Bewoner', now(), now(), 'desk', 1980)`)
    await handle.raw(`insert into sessions (id, user_id, expires_at) values ('benchresidentsession', 'bench-resident', now() + interval '20 days')`)
    const queries = dbUrl ? null : await queriesPerRequest(handle, 'stem_session=benchresidentsession')
    await handle.close()

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(APP_PORT),
      PUBLIC_URL: `http://localhost:${APP_PORT}`,
      SESSION_SECRET: 'bench-secret-not-for-production-0123456789',
      COOKIE_SECURE: 'false',
      STEM_WORKERS: '1',
    }
    delete env.SMTP_URL
    if (dbUrl) env.DATABASE_URL = dbUrl
    else {
      delete env.DATABASE_URL
      env.STEM_DATA_DIR = dataDir
    }
    server = spawn('npx', ['tsx', 'scripts/serve.ts'], { env, stdio: 'ignore', detached: true })
    const app = `http://localhost:${APP_PORT}`
    await waitFor(`${app}/healthz`)
    const headers = { cookie: 'stem_session=benchresidentsession' }
    await cannon({ url: `${app}${PAGE}`, headers, duration: 2 })
    const page = fig(await cannon({ url: `${app}${PAGE}`, headers }))
    const data = fig(await cannon({ url: `${app}${PAGE}?_data=routes%2Finitiatieven._index`, headers }))
    return {
      bench: 'resident',
      database: dbUrl ? 'postgresql' : 'pglite',
      page: PAGE,
      seconds: DURATION,
      connections: CONNECTIONS,
      queries,
      document: page,
      data,
      loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
    }
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 1500))
    }
    if (dataDir) rmSync(path.dirname(dataDir), { recursive: true, force: true })
    await drop?.()
  }
}
