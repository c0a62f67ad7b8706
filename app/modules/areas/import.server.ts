import { sql } from 'drizzle-orm'
import { parse } from 'csv-parse/sync'
import { addresses, areas } from '~db/schema'
import { multiPolygonFromGeoJson } from '~db/schema/geo'
import type { Database } from '~db/client'

/*
 * Importers for reference data of any Dutch municipality: CBS-style area GeoJSON and BAG-style address
 * CSV. A bad row is reported (row number, reason) and skipped; the good rows are still imported.
 * Importing the same file twice updates instead of duplicating.
 */

export interface RowProblem {
  row: number
  reason: string
}

export interface ImportReport {
  imported: number
  problems: RowProblem[]
}

export type Progress = (done: number, total: number) => void

interface Feature {
  type?: string
  id?: unknown
  properties?: Record<string, unknown> | null
  geometry?: { type?: string; coordinates?: unknown } | null
}

const AREA_CODE = { wijk: /^WK\d{6}$/, buurt: /^BU\d{8}$/ } as const

/** Imports wijken or buurten from a CBS-style FeatureCollection (statcode, statnaam, wijkcode). */
export async function importAreas(
  db: Database,
  geoJson: unknown,
  kind: 'wijk' | 'buurt',
  onProgress: Progress = () => {},
): Promise<ImportReport> {
  const features = (geoJson as { features?: Feature[] })?.features
  if (!Array.isArray(features)) return { imported: 0, problems: [{ row: 0, reason: 'not a GeoJSON FeatureCollection' }] }
  const problems: RowProblem[] = []
  let imported = 0
  for (const [index, feature] of features.entries()) {
    const row = index + 1
    const props = feature?.properties ?? {}
    const code = String(props.statcode ?? feature?.id ?? '')
    const name = String(props.statnaam ?? '').trim()
    const municipality = String(props.gemeentecode ?? '')
    const parent = kind === 'buurt' ? String(props.wijkcode ?? '') : null
    const geometryType = feature?.geometry?.type
    const reason = !AREA_CODE[kind].test(code)
      ? `statcode "${code}" is not a CBS ${kind} code`
      : !name
        ? 'statnaam is empty'
        : !/^GM\d{4}$/.test(municipality)
          ? `gemeentecode "${municipality}" is not a CBS municipality code`
          : kind === 'buurt' && !AREA_CODE.wijk.test(parent ?? '')
            ? `wijkcode "${parent}" is not a CBS wijk code`
            : geometryType !== 'Polygon' && geometryType !== 'MultiPolygon'
              ? `geometry must be a Polygon or MultiPolygon, not ${geometryType ?? 'missing'}`
              : null
    if (reason) {
      problems.push({ row, reason })
      onProgress(row, features.length)
      continue
    }
    try {
      await db.transaction(async (tx) => {
        const [check] = rows<{ valid: boolean }>(
          await tx.execute(sql`select st_isvalid(g) as valid from (select ${multiPolygonFromGeoJson(feature.geometry!)} as g) s`),
        )
        // Generalised layers often have tiny self-intersections; repair them instead of losing the area.
        const geom = check?.valid
          ? multiPolygonFromGeoJson(feature.geometry!)
          : sql`st_multi(st_collectionextract(st_makevalid(${multiPolygonFromGeoJson(feature.geometry!)}), 3))`
        if (kind === 'buurt') {
          const [wijk] = rows<{ code: string }>(await tx.execute(sql`select code from ${areas} where code = ${parent}`))
          if (!wijk) throw new RowError(`wijk ${parent} is not imported yet: import the wijken first`)
        }
        await tx
          .insert(areas)
          .values({ code, kind, name, parentCode: parent, municipalityCode: municipality, geom: geom as unknown as string })
          .onConflictDoUpdate({
            target: areas.code,
            set: { name, parentCode: parent, municipalityCode: municipality, geom: geom as unknown as string, importedAt: sql`now()` },
          })
      })
      imported++
    } catch (error) {
      problems.push({ row, reason: error instanceof RowError ? error.message : `invalid geometry: ${errorMessage(error)}` })
    }
    onProgress(row, features.length)
  }
  return { imported, problems }
}

class RowError extends Error {}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error)
}

function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}

/** Column names as BAG extracts and PDOK use them, with English alternatives. */
const COLUMNS = {
  street: ['straatnaam', 'openbareruimtenaam', 'street'],
  houseNumber: ['huisnummer', 'house_number'],
  houseLetter: ['huisletter', 'house_letter'],
  addition: ['huisnummertoevoeging', 'toevoeging', 'addition'],
  postcode: ['postcode'],
  city: ['woonplaats', 'woonplaatsnaam', 'city'],
  bagId: ['nummeraanduiding_id', 'identificatie', 'bag_id'],
  lon: ['lon', 'longitude', 'lng'],
  lat: ['lat', 'latitude'],
  rdX: ['rd_x', 'x'],
  rdY: ['rd_y', 'y'],
} as const

const POSTCODE = /^[1-9][0-9]{3}(?!SA|SD|SS)[A-Z]{2}$/

export interface AddressRow {
  bagId: string | null
  street: string
  houseNumber: number
  houseLetter: string
  addition: string
  postcode: string
  city: string
  lon?: number
  lat?: number
  rdX?: number
  rdY?: number
}

/** Reads and checks a BAG-style CSV (comma or semicolon separated). */
export function parseAddressCsv(text: string): { rows: { row: number; address: AddressRow }[]; problems: RowProblem[] } {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  let records: Record<string, string>[]
  try {
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    })
  } catch (error) {
    return { rows: [], problems: [{ row: 0, reason: `not a readable CSV: ${errorMessage(error)}` }] }
  }
  const pick = (record: Record<string, string>, names: readonly string[]) => {
    for (const name of names) if (record[name] !== undefined && record[name] !== '') return record[name]
    return undefined
  }
  const result: { row: number; address: AddressRow }[] = []
  const problems: RowProblem[] = []
  records.forEach((record, index) => {
    const row = index + 2 // the header is row 1
    const postcode = (pick(record, COLUMNS.postcode) ?? '').toUpperCase().replace(/\s+/g, '')
    const houseNumber = Number(pick(record, COLUMNS.houseNumber))
    const street = pick(record, COLUMNS.street)
    const city = pick(record, COLUMNS.city)
    const num = (names: readonly string[]) => {
      const v = pick(record, names)
      return v === undefined ? undefined : Number(v.replace(',', '.'))
    }
    const lon = num(COLUMNS.lon)
    const lat = num(COLUMNS.lat)
    const rdX = num(COLUMNS.rdX)
    const rdY = num(COLUMNS.rdY)
    const hasWgs = lon !== undefined && lat !== undefined && Number.isFinite(lon) && Number.isFinite(lat)
    const hasRd = rdX !== undefined && rdY !== undefined && Number.isFinite(rdX) && Number.isFinite(rdY)
    const reason = !POSTCODE.test(postcode)
      ? `postcode "${postcode}" is not a Dutch postcode`
      : !Number.isInteger(houseNumber) || houseNumber < 1 || houseNumber > 99999
        ? `huisnummer "${pick(record, COLUMNS.houseNumber) ?? ''}" is not a number from 1 to 99999`
        : !street
          ? 'straatnaam is empty'
          : !city
            ? 'woonplaats is empty'
            : !hasWgs && !hasRd
              ? 'no coordinates (lon/lat or rd_x/rd_y)'
              : hasWgs && (lon! < 3.2 || lon! > 7.3 || lat! < 50.7 || lat! > 53.7)
                ? `coordinates ${lon}, ${lat} are outside the Netherlands`
                : null
    if (reason) {
      problems.push({ row, reason })
      return
    }
    result.push({
      row,
      address: {
        bagId: pick(record, COLUMNS.bagId) ?? null,
        street: street!,
        houseNumber,
        houseLetter: (pick(record, COLUMNS.houseLetter) ?? '').toUpperCase(),
        addition: (pick(record, COLUMNS.addition) ?? '').toUpperCase(),
        postcode,
        city: city!,
        ...(hasWgs ? { lon, lat } : { rdX, rdY }),
      },
    })
  })
  return { rows: result, problems }
}

/** Imports parsed addresses in batches, placing each in its buurt by point-in-polygon. */
export async function importAddresses(
  db: Database,
  parsed: ReturnType<typeof parseAddressCsv>,
  options: { synthetic?: boolean; onProgress?: Progress; batchSize?: number } = {},
): Promise<ImportReport> {
  const problems = [...parsed.problems]
  const total = parsed.rows.length
  const batchSize = options.batchSize ?? 500
  let imported = 0
  for (let start = 0; start < total; start += batchSize) {
    const batch = parsed.rows.slice(start, start + batchSize)
    try {
      await insertAddresses(
        db,
        batch.map((b) => b.address),
        options.synthetic ?? false,
      )
      imported += batch.length
    } catch {
      // One bad row spoils a batch: retry row by row to find it and keep the rest.
      for (const { row, address } of batch) {
        try {
          await insertAddresses(db, [address], options.synthetic ?? false)
          imported++
        } catch (error) {
          problems.push({ row, reason: errorMessage(error) })
        }
      }
    }
    options.onProgress?.(Math.min(start + batchSize, total), total)
  }
  problems.sort((a, b) => a.row - b.row)
  return { imported, problems }
}

async function insertAddresses(db: Database, list: AddressRow[], synthetic: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const values = list.map((a) => ({
      bagId: a.bagId,
      street: a.street,
      houseNumber: a.houseNumber,
      houseLetter: a.houseLetter,
      addition: a.addition,
      postcode: a.postcode,
      city: a.city,
      synthetic,
      location: (a.lon !== undefined
        ? sql`st_setsrid(st_makepoint(${a.lon}, ${a.lat}), 4326)`
        : sql`st_transform(st_setsrid(st_makepoint(${a.rdX}, ${a.rdY}), 28992), 4326)`) as unknown as string,
    }))
    const inserted = await tx
      .insert(addresses)
      .values(values)
      .onConflictDoUpdate({
        target: [addresses.postcode, addresses.houseNumber, addresses.houseLetter, addresses.addition],
        set: {
          bagId: sql`excluded.bag_id`,
          street: sql`excluded.street`,
          city: sql`excluded.city`,
          location: sql`excluded.location`,
          synthetic: sql`excluded.synthetic`,
        },
      })
      .returning({ id: addresses.id })
    await assignBuurten(
      tx as unknown as Database,
      inserted.map((r) => r.id),
    )
  })
}

/** The buurt containing each address; in a gap between generalised polygons, the nearest one. */
export async function assignBuurten(db: Database, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  await db.execute(sql`
    update ${addresses} a set buurt_code = (
      select b.code from ${areas} b where b.kind = 'buurt'
      order by st_contains(b.geom, a.location) desc, a.location <-> b.geom limit 1)
    where a.id in ${ids}`)
}
