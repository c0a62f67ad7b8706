/**
 * Starts the production server: migrates the database, starts the background work — the mail worker,
 * every module's workers (their server manifests' `workers`) and the clock (app/utils/ticks.server.ts) —
 * and serves the Remix build.
 *
 * On PostgreSQL it serves with one process per core (node:cluster; STEM_WORKERS sets the number, 1 turns
 * it off): the primary migrates and runs the background work — exactly once —; the app processes only
 * serve HTTP (each keeps its own micro-cache, decision 0107). On the embedded database (one process may
 * open its folder) everything runs in one process.
 * Several of these servers can run behind a load balancer on one PostgreSQL server.
 */
import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { closeDatabase, initDatabase } from '../db/runtime'
import { env } from '../app/utils/env.server'
import { createHttpApp } from '../app/utils/http-app.server'
import { startMailWorker, stopMailWorker } from '../app/utils/mail.server'
import { serverModules } from '../app/modules/registry.server'
import { startTicks, stopTicks } from '../app/utils/ticks.server'
import { log } from '../app/utils/log.server'

const config = env()
const workers = process.env.DATABASE_URL ? Math.max(1, Number(process.env.STEM_WORKERS ?? availableParallelism()) || 1) : 1
const clustered = workers > 1

let stopping = false
const onSignal = (stop: (signal: string) => Promise<void>) => {
  const once = (signal: string) => {
    if (stopping) return
    stopping = true
    void stop(signal)
  }
  process.on('SIGTERM', () => once('SIGTERM'))
  process.on('SIGINT', () => once('SIGINT'))
}

/** The background work, in exactly one process. */
const moduleWorkers = serverModules.flatMap((m) => m.workers ?? [])
async function startBackground() {
  startMailWorker()
  for (const w of moduleWorkers) w.start()
  await startTicks()
}
function stopWorkers() {
  stopMailWorker()
  for (const w of moduleWorkers) w.stop()
}
async function stopBackground() {
  stopWorkers()
  await stopTicks()
}

async function serve(withBackground: boolean) {
  const handle = await initDatabase()
  const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
  if (withBackground) await startBackground()
  const cachedPages = serverModules.flatMap((m) => m.cachedPages ?? [])
  const server = createHttpApp(build, process.cwd(), { cachedPages }).listen(config.PORT, () => {
    if (cluster.isWorker && cluster.worker?.id !== 1) return
    log().info(
      { port: config.PORT, database: handle.kind === 'pglite' ? `ingebouwd, ${config.STEM_DATA_DIR}` : 'PostgreSQL', processes: workers },
      `Stem draait op http://localhost:${config.PORT}`,
    )
  })
  onSignal(async (signal) => {
    if (!cluster.isWorker) log().info({ signal }, 'stopping')
    if (withBackground) stopWorkers()
    server.close()
    if (withBackground) await stopTicks()
    server.closeAllConnections()
    // The embedded database must be closed cleanly or its folder may need recovery next time.
    await closeDatabase()
    log().flush()
    process.exit(0)
  })
}

async function primary() {
  // Migrate before any worker opens the database, then run the background work here.
  await initDatabase()
  await startBackground()
  const fork = () => cluster.fork()
  for (let i = 0; i < workers; i++) fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    log().error({ appPid: worker.process.pid, signal, code }, 'app process stopped; starting another')
    fork()
  })
  onSignal(async (signal) => {
    log().info({ signal }, 'stopping')
    const exited = Object.values(cluster.workers ?? {}).map(
      (w) => new Promise<void>((resolve) => (w && !w.isDead() ? (w.once('exit', () => resolve()), w.kill('SIGTERM')) : resolve())),
    )
    await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 10_000))])
    await stopBackground()
    await closeDatabase()
    log().flush()
    process.exit(0)
  })
}

if (clustered && cluster.isPrimary) await primary()
else await serve(!clustered)
