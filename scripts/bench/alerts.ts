/**
 * Alerts benchmark on synthetic places (clearly not real people): `npm run bench -- alerts`.
 * Creates ALERTS_BENCH_PLACES places (default 1 000 000 on PostgreSQL, 100 000 on the embedded database)
 * spread over the municipality — 80 % points with radii of 100–2000 m, 20 % drawn squares — owned by
 * 100 000 synthetic residents, then matches 100 items (70 points, 30 polygons) with the GIST index, 10 of
 * them again with index scans switched off (full scan), and times the fan-out of one item that matches
 * 100 000 residents (stage 1: one delivery row per resident). Each match runs in a transaction that is
 * rolled back, so every item is timed on the same data. Prints one JSON line.
 *
 * On PostgreSQL use a scratch database: DATABASE_URL=postgres://postgres@127.0.0.1:5432/stem_bench_alerts
 */
import { performance } from 'node:perf_hooks'
import { sql } from 'drizzle-orm'
import { migrateDatabase, openDatabase, type Database, type Queryable } from '../../db/client'
import { rowsOf } from '../../app/modules/areas/queries.server'
import { setDatabase } from '../../db/runtime'
import { seedReference } from '../../db/seeds/reference'
import { recordPublication } from '../../app/modules/engagement/engagement.server'
import { BUFFER_FACTOR } from '../../app/modules/alerts/places.server'
import { countMatchingResidents, matchPublication } from '../../app/modules/alerts/worker.server'

const RESIDENTS = 100_000
const ITEMS = 100
const SCAN_ITEMS = 10

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d

class Rollback extends Error {}

type Mode = 'match' | 'queue' | 'scan' | 'legacy'

/**
 * One item timed on the same data each time (the transaction is rolled back): `match` counts the
 * residents it concerns (the matching alone), `queue` also inserts their deliveries as the worker does,
 * `scan` is `match` without index or bitmap scans, `legacy` is the earlier query on the wide
 * `alert_places` table (buffered geometry, distance on the spheroid), for comparison in the same run.
 */
async function timed(db: Database, publicationId: number, mode: Mode): Promise<{ ms: number; n: number }> {
  let result = { ms: 0, n: 0 }
  try {
    await db.transaction(async (tx) => {
      if (mode === 'scan') {
        await tx.execute(sql`set local enable_indexscan = off`)
        await tx.execute(sql`set local enable_bitmapscan = off`)
      }
      const t0 = performance.now()
      const n =
        mode === 'queue'
          ? await matchPublication(tx, publicationId)
          : mode === 'legacy'
            ? await legacyCount(tx, publicationId)
            : await countMatchingResidents(tx, publicationId)
      result = { ms: performance.now() - t0, n }
      throw new Rollback()
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
  }
  return result
}

async function legacyCount(db: Queryable, publicationId: number): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`
      with item as (select pub.topic, pub.geometry as g from publications pub where pub.id = ${publicationId})
      select count(distinct p.user_id)::int as n
      from item join alert_places p on ST_Intersects(p.match_geom, item.g)
      where item.topic = any(p.topics)
        and (p.radius_m is null or ST_DWithin(p.geom::geography, item.g::geography, p.radius_m))`),
  )
  return Number(rows[0]?.n ?? 0)
}

// eslint-disable-next-line max-lines-per-function -- the benchmark reads as its steps in order: load, match, scan, fan out
export async function run() {
  const url = process.env.DATABASE_URL
  const handle = await openDatabase(url ? { url, max: 4 } : { dataDir: 'memory://' })
  await migrateDatabase(handle)
  setDatabase(handle)
  const db = handle.db
  const places = Number(process.env.ALERTS_BENCH_PLACES ?? (url ? 1_000_000 : 100_000))
  await seedReference(db, { syntheticPerBuurt: 1 })
  // Start clean (a scratch database may hold an earlier run).
  await db.execute(sql`delete from alert_deliveries`)
  await db.execute(sql`delete from publications where item_kind like 'bench%'`)
  await db.execute(sql`delete from alert_places where consent_version = 'bench'`)
  await db.execute(sql`delete from users where id like 'bench-%'`)
  const t0 = performance.now()
  await db.execute(sql`
    insert into users (id, email, display_name, email_confirmed_at)
    select 'bench-' || n, 'bench-' || n || '@example.test', 'Proefpersoon ' || n, now() from generate_series(0, ${RESIDENTS - 1}::int) n`)
  const points = Math.round(places * 0.8)
  for (let from = 0; from < places; from += 100_000) {
    const to = Math.min(places, from + 100_000)
    await db.execute(sql`
      insert into alert_places (user_id, kind, label, geom, match_geom, radius_m, topics, channel, consent_version, consented_at)
      select 'bench-' || (i % ${RESIDENTS}::int),
             case when i < ${points}::int then 'point'::alert_place_kind else 'drawn'::alert_place_kind end,
             'Proefplek ' || i,
             g, case when i < ${points}::int then ST_Buffer(g::geography, r * ${BUFFER_FACTOR}::float8, 8)::geometry else g end,
             case when i < ${points}::int then r end,
             case i % 4 when 0 then array['building'] when 1 then array['building', 'traffic'] when 2 then array['green', 'events'] else array['traffic'] end,
             'immediate', 'bench', now()
      from (
        select i, r,
               case when i < ${points}::int then ST_SetSRID(ST_MakePoint(x, y), 4326)
                    else ST_MakeEnvelope(x, y, x + 0.002 + random() * 0.01, y + 0.0015 + random() * 0.006, 4326) end as g
        from (select i, 6.45 + random() * 0.3 as x, 53.14 + random() * 0.14 as y, (100 + floor(random() * 1900))::int as r
              from generate_series(${from}::int, ${to - 1}::int) i) raw
      ) s`)
  }
  // Places near each other on the same pages: an index match then reads few pages (see docs/performance.md).
  if (process.env.ALERTS_BENCH_CLUSTER !== '0') await db.execute(sql`cluster alert_place_match using alert_place_match_reach_gist`)
  await db.execute(sql`analyze alert_places`)
  await db.execute(sql`analyze alert_place_match`)
  const loadSeconds = (performance.now() - t0) / 1000

  // 100 items: 70 points and 30 polygons of roughly 300–800 m, building or traffic.
  const ids: number[] = []
  for (let i = 0; i < ITEMS; i++) {
    const x = 6.5 + Math.random() * 0.2
    const y = 53.17 + Math.random() * 0.08
    const geometry =
      i < 70
        ? { type: 'Point', coordinates: [x, y] }
        : {
            type: 'Polygon',
            coordinates: [
              [
                [x, y],
                [x + 0.008, y],
                [x + 0.008, y + 0.005],
                [x, y + 0.005],
                [x, y],
              ],
            ],
          }
    await recordPublication(db, {
      itemKind: 'bench',
      itemId: String(i),
      title: `Proefitem ${i}`,
      href: `/bench/${i}`,
      topic: i % 2 ? 'traffic' : 'building',
      geometry,
    })
  }
  const pubs = (await db.execute(sql`select id from publications where item_kind = 'bench' order by id`)) as unknown
  for (const row of (Array.isArray(pubs) ? pubs : (pubs as { rows: unknown[] }).rows) as { id: number }[]) ids.push(Number(row.id))
  const series = async (mode: Mode, some: number[]) => {
    const ms: number[] = []
    const n: number[] = []
    for (const id of some) {
      const r = await timed(db, id, mode)
      ms.push(r.ms)
      n.push(r.n)
    }
    return { ms, n }
  }
  await series('match', ids.slice(0, 5)) // warm-up, not counted
  const match = await series('match', ids)
  const queue = await series('queue', ids)
  const scan = await series('scan', ids.slice(0, SCAN_ITEMS))
  const legacy = await series('legacy', ids.slice(0, SCAN_ITEMS))
  // The full scan must find exactly the same residents; the legacy query measures on the spheroid, so a
  // resident right at the edge of a radius may differ (the grid's scale error is about 0.02 %).
  for (let i = 0; i < SCAN_ITEMS; i++)
    if (scan.n[i] !== match.n[i]) throw new Error(`item ${ids[i]}: index ${match.n[i]}, scan ${scan.n[i]} residents`)
  const legacyDiff = Math.max(...legacy.n.map((n, i) => Math.abs(n - match.n[i]!)))

  // Fan-out: 100 000 residents with a place at one spot and a topic nobody else follows.
  await db.execute(sql`
    insert into alert_places (user_id, kind, label, geom, match_geom, radius_m, topics, channel, consent_version, consented_at)
    select 'bench-' || n, 'point', 'Proefplek centrum', g, ST_Buffer(g::geography, 500 * ${BUFFER_FACTOR}::float8, 8)::geometry, 500, array['proposals'], 'immediate', 'bench', now()
    from (select n, ST_SetSRID(ST_MakePoint(6.566 + (n % 100) * 0.00002, 53.219 + (n / 100) * 0.000002), 4326) g from generate_series(0, ${RESIDENTS - 1}::int) n) s`)
  await db.execute(sql`analyze alert_places`)
  await db.execute(sql`analyze alert_place_match`)
  await recordPublication(db, {
    itemKind: 'bench_fanout',
    itemId: '1',
    title: 'Proefitem voor iedereen',
    href: '/bench/fanout',
    topic: 'proposals',
    geometry: { type: 'Point', coordinates: [6.5665, 53.2192] },
  })
  const fan = (await db.execute(sql`select id from publications where item_kind = 'bench_fanout'`)) as unknown
  const fanId = Number(((Array.isArray(fan) ? fan : (fan as { rows: unknown[] }).rows) as { id: number }[])[0]!.id)
  const f0 = performance.now()
  const fanout = await db.transaction((tx) => matchPublication(tx, fanId))
  const fanoutSeconds = (performance.now() - f0) / 1000
  await db.execute(sql`delete from alert_deliveries where item_kind = 'bench_fanout'`)
  await handle.close()
  return {
    bench: 'alerts',
    db: handle.kind,
    places,
    residents: RESIDENTS,
    items: ITEMS,
    match_p50_ms: round(percentile(match.ms, 50)),
    match_p95_ms: round(percentile(match.ms, 95)),
    matched_p50: percentile(match.n, 50),
    matched_max: Math.max(...match.n),
    match_queue_p50_ms: round(percentile(queue.ms, 50)),
    match_queue_p95_ms: round(percentile(queue.ms, 95)),
    scan_p50_ms: round(percentile(scan.ms, 50)),
    legacy_p50_ms: round(percentile(legacy.ms, 50)),
    legacy_residents_diff_max: legacyDiff,
    fanout_100k_s: round(fanoutSeconds, 2),
    fanout_deliveries: fanout,
    load_s: round(loadSeconds),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run()))
