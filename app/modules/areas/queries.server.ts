import { and, asc, eq, sql } from 'drizzle-orm'
import { addresses, areas } from '~db/schema'
import { geometryAsGeoJson } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'

/** House letter and addition are typed in one box ("12a", "12-2", "12 bis"); compare them loosely. */
export function normaliseAddition(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

export async function findAddress(postcode: string, houseNumber: number, addition = '', db: Queryable = getDatabase().db) {
  const wanted = normaliseAddition(addition)
  const candidates = await db
    .select({
      id: addresses.id,
      street: addresses.street,
      houseNumber: addresses.houseNumber,
      houseLetter: addresses.houseLetter,
      addition: addresses.addition,
      postcode: addresses.postcode,
      city: addresses.city,
      buurtCode: addresses.buurtCode,
      synthetic: addresses.synthetic,
    })
    .from(addresses)
    .where(and(eq(addresses.postcode, postcode), eq(addresses.houseNumber, houseNumber)))
  return candidates.find((a) => normaliseAddition(a.houseLetter + a.addition) === wanted) ?? null
}

export type FoundAddress = NonNullable<Awaited<ReturnType<typeof findAddress>>>

export function formatAddress(a: Pick<FoundAddress, 'street' | 'houseNumber' | 'houseLetter' | 'addition' | 'postcode' | 'city'>): string {
  const number = `${a.houseNumber}${a.houseLetter}${a.addition ? `-${a.addition}` : ''}`
  return `${a.street} ${number}, ${a.postcode.slice(0, 4)} ${a.postcode.slice(4)} ${a.city}`
}

/**
 * The buurt (and its wijk) a point lies in. The area layers are generalised, so a point in a gap
 * between polygons gets the nearest buurt.
 */
export async function areasAtAddress(addressId: number, db: Queryable = getDatabase().db) {
  const rows = await db.execute(sql`
    select b.code as buurt_code, b.parent_code as wijk_code
    from ${addresses} a, ${areas} b
    where a.id = ${addressId} and b.kind = 'buurt'
    order by st_contains(b.geom, a.location) desc, a.location <-> b.geom
    limit 1`)
  const row = rowsOf<{ buurt_code: string; wijk_code: string }>(rows)[0]
  return row ? { buurtCode: row.buurt_code, wijkCode: row.wijk_code } : null
}

/** postgres.js returns the rows as the result, PGlite inside `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}

export async function listAreas(kind: 'wijk' | 'buurt', parentCode?: string) {
  const { db } = getDatabase()
  return db
    .select({ code: areas.code, name: areas.name, parentCode: areas.parentCode })
    .from(areas)
    .where(parentCode ? and(eq(areas.kind, kind), eq(areas.parentCode, parentCode)) : eq(areas.kind, kind))
    .orderBy(asc(areas.name))
}

export async function getArea(code: string, withGeometry = true) {
  const { db } = getDatabase()
  const [row] = await db
    .select({
      code: areas.code,
      kind: areas.kind,
      name: areas.name,
      parentCode: areas.parentCode,
      municipalityCode: areas.municipalityCode,
      geometry: withGeometry ? geometryAsGeoJson(areas.geom) : sql<null>`null`,
    })
    .from(areas)
    .where(eq(areas.code, code))
  return row ?? null
}

export async function areaNames(codes: (string | null)[]): Promise<Record<string, string>> {
  const wanted = codes.filter((c): c is string => !!c)
  if (wanted.length === 0) return {}
  const { db } = getDatabase()
  const rows = await db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(sql`${areas.code} in ${wanted}`)
  return Object.fromEntries(rows.map((r) => [r.code, r.name]))
}
