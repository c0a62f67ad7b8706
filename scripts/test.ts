/**
 * `npm test`: type check, lint, the unit and database suite on embedded PGlite and — with DATABASE_URL
 * set — on that PostgreSQL server, then the end-to-end journeys in Debian's Chromium. Prints one line
 * "N passed, N failed" at the end and exits non-zero when anything failed.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'

interface Step {
  name: string
  command: string[]
  env?: Record<string, string>
  /** Reads the counts from the step's JSON report. */
  counts?: () => { passed: number; failed: number }
}

const vitestCounts = (file: string) => () => {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number }
  return { passed: report.numPassedTests, failed: report.numFailedTests }
}

const playwrightCounts = () => {
  const report = JSON.parse(readFileSync('test-results/e2e.json', 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number }
  }
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected }
}

const steps: Step[] = [
  { name: 'setup (system packages)', command: ['bash', 'scripts/setup.sh', '--test'] },
  { name: 'type check', command: ['npx', 'tsc'] },
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings=0', '.'] },
  {
    name: 'unit and database tests (embedded PGlite)',
    command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest-pglite.json'],
    env: { STEM_TEST_DB: 'pglite' },
    counts: vitestCounts('test-results/vitest-pglite.json'),
  },
]
if (process.env.DATABASE_URL) {
  steps.push({
    name: 'unit and database tests (PostgreSQL)',
    command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest-postgres.json'],
    env: { STEM_TEST_DB: 'postgres' },
    counts: vitestCounts('test-results/vitest-postgres.json'),
  })
} else {
  console.log('DATABASE_URL is not set: the suite runs on embedded PGlite only.')
}
steps.push(
  { name: 'build', command: ['npx', 'remix', 'build'] },
  { name: 'end-to-end (Chromium)', command: ['npx', 'playwright', 'test'], env: { CI: 'true' }, counts: playwrightCounts },
)

rmSync('test-results', { recursive: true, force: true })
let passed = 0
let failed = 0
const failedSteps: string[] = []
for (const step of steps) {
  console.log(`\n━━ ${step.name}`)
  const started = Date.now()
  const result = spawnSync(step.command[0]!, step.command.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } })
  console.log(`━━ ${step.name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${Math.round((Date.now() - started) / 1000)} s)`)
  if (step.counts) {
    try {
      const c = step.counts()
      passed += c.passed
      failed += c.failed
    } catch {
      if (result.status !== 0) failed += 1
    }
  }
  if (result.status !== 0) failedSteps.push(step.name)
}
if (failedSteps.length) console.log(`\nFailed: ${failedSteps.join(', ')}`)
if (failedSteps.length && failed === 0) failed = failedSteps.length
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failedSteps.length ? 1 : 0)
