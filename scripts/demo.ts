/**
 * `npm run demo`: creates and migrates the database (embedded unless DATABASE_URL is set), seeds
 * Groningen's areas, addresses and one account per role, builds, and starts the production server.
 */
import { spawnSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const dataDir = process.env.STEM_DATA_DIR ?? '.data/pglite'
const stateDir = path.dirname(path.resolve(dataDir))
mkdirSync(stateDir, { recursive: true })

// A session secret that survives restarts of the demo, kept beside the embedded database.
const secretFile = path.join(stateDir, 'session-secret')
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 })
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  STEM_DATA_DIR: dataDir,
  SESSION_SECRET: process.env.SESSION_SECRET ?? readFileSync(secretFile, 'utf8').trim(),
  // The demo has no SMTP server: its mail is read at /dev/mail, which production keeps off unless asked.
  DEV_MAILBOX: process.env.DEV_MAILBOX ?? 'true',
}

function run(step: string, command: string, args: string[]) {
  console.log(`\n▶ ${step}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  if (result.status !== 0) {
    console.error(`✖ ${step} failed`)
    process.exit(result.status ?? 1)
  }
}

run('Database migreren en demogegevens laden', 'npx', ['tsx', 'scripts/seed.ts'])
run('Bouwen', 'npx', ['remix', 'build'])
console.log('\n▶ Server starten')
const server = spawn('npx', ['tsx', 'scripts/serve.ts'], { stdio: 'inherit', env })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
