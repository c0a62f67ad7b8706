/**
 * Imports a BAG-style address CSV (comma or semicolon separated; columns straatnaam, huisnummer,
 * huisletter, huisnummertoevoeging, postcode, woonplaats, nummeraanduiding_id and lon/lat or rd_x/rd_y):
 *   npm run import:addresses -- path/to/adressen.csv
 * Each address is placed in its buurt; bad rows are reported by row number and skipped.
 */
import { readFile } from 'node:fs/promises'
import { closeDatabase, initDatabase } from '../db/runtime'
import { importAddresses, parseAddressCsv } from '../app/modules/areas/import.server'
import { progressBar, printReport } from './lib/progress'

const [file] = process.argv.slice(2)
if (!file) {
  console.error('Usage: npm run import:addresses -- <file.csv>')
  process.exit(2)
}
let text: string
try {
  text = await readFile(file, 'utf8')
} catch (error) {
  console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
const handle = await initDatabase()
try {
  const parsed = parseAddressCsv(text)
  const bar = progressBar('adressen')
  const report = await importAddresses(handle.db, parsed, { onProgress: bar.update })
  bar.stop()
  printReport(report)
} finally {
  await closeDatabase()
}
