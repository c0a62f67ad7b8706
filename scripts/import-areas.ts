/**
 * Imports CBS-style area GeoJSON for any municipality:
 *   npm run import:areas -- wijk path/to/wijken.geojson
 *   npm run import:areas -- buurt path/to/buurten.geojson
 * Import the wijken first. Bad features are reported by number and skipped; the rest is imported.
 */
import { readFile } from 'node:fs/promises'
import { closeDatabase, initDatabase } from '../db/runtime'
import { importAreas } from '../app/modules/areas/import.server'
import { progressBar, printReport } from './lib/progress'

const [kind, file] = process.argv.slice(2)
if ((kind !== 'wijk' && kind !== 'buurt') || !file) {
  console.error('Usage: npm run import:areas -- <wijk|buurt> <file.geojson>')
  process.exit(2)
}
let geoJson: unknown
try {
  geoJson = JSON.parse(await readFile(file, 'utf8'))
} catch (error) {
  console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
const handle = await initDatabase()
try {
  const bar = progressBar(`${kind}en`)
  const report = await importAreas(handle.db, geoJson, kind, bar.update)
  bar.stop()
  printReport(report)
} finally {
  await closeDatabase()
}
