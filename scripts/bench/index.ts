/**
 * `npm run bench -- <name>`: runs one benchmark and prints its result as one JSON line (one line per
 * result when `run()` returns several). Benchmarks live beside this file as <name>.ts and export `run()`.
 * Figures go to docs/performance.md.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
const name = process.argv.slice(2).find((a) => a !== '--')
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`)
  process.exit(2)
}
type Result = Record<string, unknown>
const bench = (await import(pathToFileURL(path.join(here, `${name}.ts`)).href)) as { run: () => Promise<Result | Result[]> }
const results = await bench.run()
for (const result of Array.isArray(results) ? results : [results]) console.log(JSON.stringify(result))
