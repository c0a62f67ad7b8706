import { describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { addresses, areas } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { importAddresses, importAreas, parseAddressCsv } from './import.server'
import { findAddress } from './queries.server'

const square = (lon: number, lat: number, d = 0.001) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
})

describe('area import', () => {
  it('imports the good features and reports each bad one by row number', async () => {
    const { db } = getDatabase()
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [6.0, 53.0],
          [6.01, 53.01],
          [6.01, 53.0],
          [6.0, 53.01],
          [6.0, 53.0],
        ],
      ],
    }
    const report = await importAreas(
      db,
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { statcode: 'WK099900', statnaam: 'Proefwijk', gemeentecode: 'GM0999' },
            geometry: square(6.0, 53.0, 0.02),
          },
          { type: 'Feature', properties: { statcode: 'XX1', statnaam: 'Fout', gemeentecode: 'GM0999' }, geometry: square(6.1, 53.0) },
          { type: 'Feature', properties: { statcode: 'WK099901', statnaam: '', gemeentecode: 'GM0999' }, geometry: square(6.1, 53.0) },
          {
            type: 'Feature',
            properties: { statcode: 'WK099902', statnaam: 'Punt', gemeentecode: 'GM0999' },
            geometry: { type: 'Point', coordinates: [6, 53] },
          },
          { type: 'Feature', properties: { statcode: 'WK099903', statnaam: 'Strik', gemeentecode: 'GM0999' }, geometry: bowtie },
        ],
      },
      'wijk',
    )
    expect(report.imported).toBe(2)
    expect(report.problems.map((p) => p.row)).toEqual([2, 3, 4])
    expect(report.problems[0]!.reason).toContain('statcode')
    // The self-intersecting "bow tie" is repaired rather than lost.
    const [repaired] = await db
      .select({ valid: sql<boolean>`st_isvalid(${areas.geom})` })
      .from(areas)
      .where(eq(areas.code, 'WK099903'))
    expect(repaired!.valid).toBe(true)
  })

  it('refuses a buurt whose wijk is unknown, and updates on a second import instead of duplicating', async () => {
    const { db } = getDatabase()
    const feature = (wijk: string, name: string) => ({
      type: 'Feature',
      properties: { statcode: 'BU09990000', statnaam: name, gemeentecode: 'GM0999', wijkcode: wijk },
      geometry: square(6.0, 53.0),
    })
    await importAreas(
      db,
      {
        features: [
          { type: 'Feature', properties: { statcode: 'WK099910', statnaam: 'W', gemeentecode: 'GM0999' }, geometry: square(6, 53, 0.02) },
        ],
      },
      'wijk',
    )
    const bad = await importAreas(db, { features: [feature('WK055555', 'X')] }, 'buurt')
    expect(bad.problems[0]!.reason).toContain('WK055555')
    await importAreas(db, { features: [feature('WK099910', 'Eerst')] }, 'buurt')
    await importAreas(db, { features: [feature('WK099910', 'Daarna')] }, 'buurt')
    const rows = await db.select().from(areas).where(eq(areas.code, 'BU09990000'))
    expect(rows.map((r) => r.name)).toEqual(['Daarna'])
  })
})

describe('address import', () => {
  it('keeps the good rows, reports the bad ones, and reads RD New coordinates', async () => {
    const csv = [
      'straatnaam;huisnummer;huisletter;postcode;woonplaats;rd_x;rd_y',
      'Grote Markt;1;;9711LV;Groningen;233883;582095',
      'Nergensstraat;abc;;9711LV;Groningen;233883;582095',
      'Grote Markt;2;A;9711 lv;Groningen;233900;582100',
      'Zonder Plek;3;;9711LV;Groningen;;',
      'Buitenland;4;;9711LV;Groningen;;',
    ].join('\n')
    const parsed = parseAddressCsv(csv)
    expect(parsed.problems).toEqual([
      { row: 3, reason: expect.stringContaining('huisnummer') },
      { row: 5, reason: expect.stringContaining('coordinates') },
      { row: 6, reason: expect.stringContaining('coordinates') },
    ])
    const report = await importAddresses(getDatabase().db, parsed)
    expect(report.imported).toBe(2)
    const found = await findAddress('9711LV', 2, 'a')
    expect(found).toMatchObject({ street: 'Grote Markt', houseLetter: 'A', buurtCode: expect.stringMatching(/^BU0014/) })
  })

  it('imported the real sample and synthetic addresses into the template, every one in a buurt', async () => {
    const { db } = getDatabase()
    const [counts] = await db
      .select({
        real: sql<number>`count(*) filter (where not ${addresses.synthetic} and ${addresses.bagId} is not null)::int`,
        synthetic: sql<number>`count(*) filter (where ${addresses.synthetic})::int`,
        withoutBuurt: sql<number>`count(*) filter (where ${addresses.buurtCode} is null)::int`,
        syntheticOutside: sql<number>`count(*) filter (where ${addresses.synthetic} and not exists (select 1 from areas b where b.code = ${addresses.buurtCode} and st_contains(b.geom, ${addresses.location})))::int`,
        realPostcodeLetters: sql<number>`count(*) filter (where ${addresses.synthetic} and right(${addresses.postcode}, 2) not in ('SA','SD','SS'))::int`,
      })
      .from(addresses)
    expect(counts).toEqual({ real: 6, synthetic: 1500, withoutBuurt: 0, syntheticOutside: 0, realPostcodeLetters: 0 })
  })
})
