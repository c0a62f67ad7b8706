import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { count, sql } from 'drizzle-orm'
import type { Database } from '../client'
import { addresses, areas } from '../schema'
import { importAddresses, importAreas, parseAddressCsv } from '../../app/modules/areas/import.server'
import { generateSyntheticAddresses } from '../../app/modules/areas/synthetic.server'

export const groningenDataDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'groningen')

/** The Groningen wijken, buurten, real sample addresses and synthetic addresses. Idempotent. */
export async function seedReference(db: Database, options: { syntheticPerBuurt?: number } = {}) {
  const [{ n }] = (await db.select({ n: count() }).from(areas)) as [{ n: number }]
  if (Number(n) < 170) {
    const wijken = JSON.parse(await readFile(path.join(groningenDataDir, 'wijken-2022.geojson'), 'utf8'))
    const buurten = JSON.parse(await readFile(path.join(groningenDataDir, 'buurten-2022.geojson'), 'utf8'))
    await importAreas(db, wijken, 'wijk')
    await importAreas(db, buurten, 'buurt')
  }
  const csv = await readFile(path.join(groningenDataDir, 'bag-adressen-sample.csv'), 'utf8')
  await importAddresses(db, parseAddressCsv(csv))
  const [{ synthetic }] = (await db
    .select({ synthetic: count() })
    .from(addresses)
    .where(sql`${addresses.synthetic}`)) as [{ synthetic: number }]
  if (Number(synthetic) === 0) await generateSyntheticAddresses(db, options.syntheticPerBuurt ?? 20)
}
