/**
 * Starts the production server: migrates the database, starts the mail and alerts workers and the clock
 * (app/utils/ticks.server.ts), serves the Remix build.
 * Several of these processes can run behind a load balancer on one PostgreSQL server.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { closeDatabase, initDatabase } from '../db/runtime'
import { env } from '../app/utils/env.server'
import { createHttpApp } from '../app/utils/http-app.server'
import { startMailWorker, stopMailWorker } from '../app/utils/mail.server'
import { startAlertsWorker, stopAlertsWorker } from '../app/modules/alerts/worker.server'
import { startTicks, stopTicks } from '../app/utils/ticks.server'

const config = env()
const handle = await initDatabase()
const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
startMailWorker()
startAlertsWorker()
await startTicks()
const server = createHttpApp(build).listen(config.PORT, () => {
  console.log(
    `Stem draait op http://localhost:${config.PORT} (database: ${handle.kind === 'pglite' ? `ingebouwd, ${config.STEM_DATA_DIR}` : 'PostgreSQL'})`,
  )
})

let stopping = false
async function stop(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`${signal}: stopping`)
  stopMailWorker()
  stopAlertsWorker()
  server.close()
  await stopTicks()
  server.closeAllConnections()
  // The embedded database must be closed cleanly or its folder may need recovery next time.
  await closeDatabase()
  process.exit(0)
}
process.on('SIGTERM', () => void stop('SIGTERM'))
process.on('SIGINT', () => void stop('SIGINT'))
