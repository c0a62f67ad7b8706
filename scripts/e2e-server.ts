/**
 * The server the end-to-end tests talk to: the production build on a fresh embedded database with the
 * demo seed, in its own folder. The DigiD/eHerkenning broker and the BRP are stand-ins started here
 * (scripts/stand-ins/, synthetic people) on E2E_PORT + 2 and + 3. Map tiles point nowhere, as on a machine without internet. E-mail goes
 * over SMTP to a real SMTP server started here; what it received is readable as JSON on the next port
 * (E2E_PORT + 1, `/messages`), and the development mailbox still shows the outbox.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startStandIns } from './stand-ins/start'
import { startTestSmtp } from './test-smtp'

const port = process.env.E2E_PORT ?? '3210'
const smtp = await startTestSmtp()
createServer((req, res) => {
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify(req.url === '/messages' ? smtp.received : []))
}).listen(Number(port) + 1, '127.0.0.1')
const standIns = await startStandIns({
  publicUrl: `http://localhost:${port}`,
  brokerPort: Number(port) + 2,
  brpPort: Number(port) + 3,
})
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: port,
  PUBLIC_URL: `http://localhost:${port}`,
  STEM_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'stem-e2e-')), 'pglite'),
  SESSION_SECRET: 'e2e-secret-not-for-production-0123456789',
  COOKIE_SECURE: 'false',
  TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
  // The clock runs often here, so a date-driven transition is seen within a test's patience.
  STEM_TICK_SECONDS: '2',
  // The whole suite logs in well over 50 times within 15 minutes, all from 127.0.0.1.
  LOGIN_LIMIT_PER_IP: '1000',
  // As behind one load balancer: the log-in journey sends attempts "from" many addresses (X-Forwarded-For).
  TRUST_PROXY: '1',
  // One JSON line per request would bury the test report; warnings and errors still show.
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
  SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  DEV_MAILBOX: 'true',
  // STAND-INS, not DigiD, eHerkenning or the BRP: see scripts/stand-ins/.
  ...standIns.env,
}
delete env.DATABASE_URL

const seed = spawn('npx', ['tsx', 'scripts/seed.ts'], { stdio: 'inherit', env })
seed.on('exit', (code) => {
  if (code !== 0) process.exit(code ?? 1)
  const server = spawn('npx', ['tsx', 'scripts/serve.ts'], { stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
  server.on('exit', (c) => process.exit(c ?? 0))
})
