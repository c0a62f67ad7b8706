/**
 * Proposals benchmark (synthetic, clearly not real data): seeds 20 000 proposals and 1 000 000 supports
 * with generate_series, serves the production build (`npx remix build` first), and measures with
 * autocannon at 50 connections the list page, a detail page and the support action, next to a bare
 * node:http server in the same run. PostgreSQL when DATABASE_URL is set (in a fresh database that is
 * dropped afterwards), else the embedded database in a temporary folder.
 *
 *   npm run bench -- proposals   → one JSON line
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../db/client'
import { seedReference } from '../../db/seeds/reference'
import { refreshHotScores } from '../../app/modules/proposals/supports.server'
import { cannon as httpCannon, fig, waitFor } from './http'

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 20_000)
const SUPPORTS = Number(process.env.BENCH_SUPPORTS ?? 1_000_000)
const PER_PROPOSAL = Math.ceil(SUPPORTS / PROPOSALS)
const USERS = 50_000
const CONNECTIONS = 50
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const APP_PORT = Number(process.env.PORT ?? 3122) + 50
const BASE_PORT = APP_PORT + 1

export async function seed(handle: DatabaseHandle) {
  const q = (text: string) => handle.raw(text)
  await seedReference(handle.db)
  // A full birth date: the age rule reads it (issue 14); with the year alone every support was refused.
  await q(`insert into users (id, email, display_name, email_confirmed_at, verified_at, verification_method, birth_year, birth_date, wijk_code)
           select 'bench-' || g, 'bench-' || g || '@example.test', 'Bench ' || g, now(), now(), 'desk', 1980, '1980-06-15', null
           from generate_series(1, ${USERS}) g on conflict do nothing`)
  await q(`insert into proposals (author_id, title, summary, body, body_html, theme, wijk_code, status, threshold, minimum_age,
                                  published_at, window_ends_at, support_count)
           select 'bench-' || (1 + g % ${USERS}),
                  'Voorstel ' || g || ': meer ' || (array['bomen','bankjes','fietsenrekken','speelplekken','lantaarns'])[1 + g % 5] || ' in de wijk',
                  'Een fictief voorstel voor de benchmark, nummer ' || g || ', over ' || (array['groen','verkeer','spelen','veiligheid'])[1 + g % 4] || '.',
                  'Uitleg bij voorstel ' || g || '. Dit is synthetische tekst voor de benchmark.',
                  '<p>Uitleg bij voorstel ' || g || '.</p>',
                  (array['groen','verkeer','wonen','spelen','cultuur','veiligheid','duurzaamheid','overig'])[1 + g % 8],
                  case when g % 4 = 0 then null else 'WK0014' || lpad((g % 20)::text, 2, '0') end,
                  'published', 1000000, 16, now() - make_interval(mins => g), now() + interval '90 days', 0
           from generate_series(1, ${PROPOSALS}) g`)
  // Pairs (proposal, user) are unique: proposal p gets users k + ${PER_PROPOSAL}·(p mod 1000), k < ${PER_PROPOSAL}.
  await q(`insert into proposal_supports (proposal_id, user_id, created_at)
           select p.id, 'bench-' || (1 + (k + ${PER_PROPOSAL} * (p.id % 1000)) % ${USERS}), now() - make_interval(hours => k)
           from (select id from proposals order by id limit ${PROPOSALS}) p, generate_series(0, ${PER_PROPOSAL - 1}) k
           limit ${SUPPORTS}
           on conflict do nothing`)
  await q(`update proposals p set support_count = s.n from (select proposal_id, count(*)::int n from proposal_supports group by proposal_id) s
           where s.proposal_id = p.id`)
  await refreshHotScores(handle.db)
  // Sessions for the support action: residents who support a proposal they did not support yet.
  await q(`insert into sessions (id, user_id, expires_at) select 'benchsession' || g, 'bench-' || g, now() + interval '1 day'
           from generate_series(1, ${USERS}) g on conflict do nothing`)
  await q('analyze')
  const [row] = (
    await handle.raw('select min(id)::int as lo, max(id)::int as hi, (select count(*)::int from proposal_supports) as n from proposals')
  ).rows as {
    lo: number
    hi: number
    n: number
  }[]
  return row!
}

/** Supports rows in the database (a separate connection; the embedded database is read by the app itself). */
async function countSupports(dbUrl: string | undefined, _dataDir: string | undefined): Promise<number | null> {
  if (!dbUrl) return null
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from proposal_supports`
    return row!.n
  } finally {
    await sql.end()
  }
}

const cannon = (opts: autocannon.Options) => httpCannon({ connections: CONNECTIONS, duration: DURATION }, opts)

/** Bypasses the micro-cache of anonymous pages (app/utils/micro-cache.server.ts), as a hard reload does. */
const UNCACHED = { 'cache-control': 'no-cache' }

function probe(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) =>
    http
      .get(url, { headers }, (res) => {
        res.resume()
        resolve(String(res.headers['x-micro-cache'] ?? 'none'))
      })
      .on('error', reject),
  )
}

// eslint-disable-next-line max-lines-per-function -- the benchmark reads as its steps in order: seed, serve, measure each page, compare
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
  const baseline = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' })
    res.end('ok')
  })
  try {
    const seedStart = Date.now()
    const handle = await openDatabase(dbUrl ? { url: dbUrl } : { dataDir })
    await migrateDatabase(handle)
    const { lo, hi, n } = await seed(handle)
    await handle.close()
    const seedMs = Date.now() - seedStart

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(APP_PORT),
      PUBLIC_URL: `http://localhost:${APP_PORT}`,
      SESSION_SECRET: 'bench-secret-not-for-production-0123456789',
      COOKIE_SECURE: 'false',
      SMTP_URL: '',
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
    await new Promise<void>((r) => baseline.listen(BASE_PORT, '127.0.0.1', r))

    // Warm up, then measure: first without the micro-cache (every request rendered), then as served.
    const detailId = lo + Math.floor((hi - lo) / 2)
    await cannon({ url: `${app}/initiatieven`, duration: 2, headers: UNCACHED })
    const listUncached = fig(await cannon({ url: `${app}/initiatieven`, headers: UNCACHED }))
    const detailUncached = fig(await cannon({ url: `${app}/initiatieven/${detailId}`, headers: UNCACHED }))
    await probe(`${app}/initiatieven`)
    const cache = await probe(`${app}/initiatieven`)
    const list = fig(await cannon({ url: `${app}/initiatieven` }))
    const detail = fig(await cannon({ url: `${app}/initiatieven/${detailId}` }))
    const before = await countSupports(dbUrl, dataDir)
    let next = 0
    // Residents supporting city-wide proposals (every fourth), so that any verified bench resident may.
    const supporting = (connections = CONNECTIONS) =>
      cannon({
        url: app,
        connections,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              next += 1
              const user = 1 + (next % USERS)
              const proposal = lo - 1 + 4 * (1 + ((next * 7919) % Math.floor((hi - lo + 1) / 4)))
              return {
                ...req,
                path: `/initiatieven/${proposal}`,
                headers: {
                  'content-type': 'application/x-www-form-urlencoded',
                  origin: app,
                  cookie: `stem_session=benchsession${user}`,
                },
                body: 'intent=support',
              }
            },
          },
        ],
      })
    const support = fig(await supporting())
    const after = await countSupports(dbUrl, dataDir)
    const counted = after === null || before === null ? null : after - before
    // A refused support is answered quickly too: a figure made of refusals would measure the wrong thing.
    if (support.status['4xx'] > 0 || support.status['5xx'] > 0 || counted === 0) {
      throw new Error(`the support action was refused, not measured: ${JSON.stringify(support.status)}, ${counted} counted`)
    }
    // Visitors reading the list while residents support (10 connections): what a busy evening looks like.
    const [listBusy, supportBusy] = await Promise.all([cannon({ url: `${app}/initiatieven` }).then(fig), supporting(10).then(fig)])
    const base = fig(await cannon({ url: `http://127.0.0.1:${BASE_PORT}/` }))
    return {
      bench: 'proposals',
      db: dbUrl ? 'postgres' : 'pglite',
      proposals: hi - lo + 1,
      supports: n,
      seed_ms: seedMs,
      connections: CONNECTIONS,
      seconds: DURATION,
      list_rps: list.rps,
      detail_rps: detail.rps,
      support_rps: support.rps,
      baseline_rps: base.rps,
      list_p99_ms: list.p99,
      detail_p99_ms: detail.p99,
      support_p99_ms: support.p99,
      list_share_of_baseline: Number((list.rps / base.rps).toFixed(4)),
      micro_cache: cache,
      list_uncached_rps: listUncached.rps,
      list_uncached_p99_ms: listUncached.p99,
      detail_uncached_rps: detailUncached.rps,
      detail_uncached_p99_ms: detailUncached.p99,
      list_uncached_share_of_baseline: Number((listUncached.rps / base.rps).toFixed(4)),
      list_during_supports_rps: listBusy.rps,
      list_during_supports_p99_ms: listBusy.p99,
      supports_during_list_rps: supportBusy.rps,
      app_processes: dbUrl ? Number(process.env.STEM_WORKERS ?? availableParallelism()) : 1,
      // A support is answered with a redirect (3xx); a repeat support by the same resident also redirects
      // and is not counted again, hence the count of new supports rows next to it.
      supports_counted: counted,
      errors: {
        list: list.errors,
        detail: detail.errors,
        support: support.errors,
        list_uncached: listUncached.errors,
        detail_uncached: detailUncached.errors,
        list_during_supports: listBusy.errors,
        supports_during_list: supportBusy.errors,
      },
      status: {
        list: list.status,
        detail: detail.status,
        support: support.status,
        list_uncached: listUncached.status,
        detail_uncached: detailUncached.status,
        list_during_supports: listBusy.status,
        supports_during_list: supportBusy.status,
      },
    }
  } finally {
    baseline.close()
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 1500))
    }
    await drop?.()
    if (dataDir) rmSync(path.dirname(dataDir), { recursive: true, force: true })
  }
}
