/**
 * `npm run demo`: creates and migrates the database (embedded unless DATABASE_URL is set), seeds
 * Groningen's areas, addresses and one account per role, builds, and starts the production server.
 * Unless a real broker is configured (DIGID_ISSUER) or STEM_STAND_INS=false, it also starts STAND-INS for
 * DigiD/eHerkenning and the BRP (scripts/stand-ins/) with synthetic test persons, printed at start.
 */
import { spawnSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { STAND_IN_PEOPLE, startStandIns } from './stand-ins/start'

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

if (!process.env.DIGID_ISSUER && process.env.STEM_STAND_INS !== 'false') {
  const port = Number(process.env.PORT ?? 3000)
  const standIns = await startStandIns({
    publicUrl: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    brokerPort: Number(process.env.STAND_IN_BROKER_PORT ?? port + 100),
    brpPort: Number(process.env.STAND_IN_BRP_PORT ?? port + 101),
  })
  Object.assign(env, standIns.env)
  console.log(`\n▶ STAND-INS gestart — dit is NIET de echte DigiD, eHerkenning of BRP (alleen voor de demo):`)
  console.log(`  broker (DigiD en eHerkenning): ${standIns.broker.issuer}`)
  console.log(`  BRP bevragen: ${standIns.brp.url}`)
  console.log('  Synthetische testpersonen (verzonnen BSN, bij DigiD invullen):')
  for (const [bsn, person] of Object.entries(STAND_IN_PEOPLE)) console.log(`    ${bsn}  ${person.label}`)
  console.log('  eHerkenning: vul een verzonnen KVK-nummer van 8 cijfers en een naam in.')
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void standIns.close())
}

run('Database migreren en demogegevens laden', 'npx', ['tsx', 'scripts/seed.ts'])
run('Bouwen', 'npx', ['remix', 'build'])
console.log('\n▶ Server starten')
const server = spawn('npx', ['tsx', 'scripts/serve.ts'], { stdio: 'inherit', env })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
