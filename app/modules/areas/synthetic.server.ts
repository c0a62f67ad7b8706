import { sql } from 'drizzle-orm'
import type { Database } from '~db/client'

/**
 * Clearly synthetic addresses inside every buurt, for demos, tests and benchmarks: street
 * "Proefstraat <buurt>", `synthetic = true`, and postcodes ending in SA, SD or SS — letter pairs PostNL
 * never issues, so they can never be mistaken for, or collide with, a real address. Deterministic: the
 * same seed gives the same points, and running it again adds nothing.
 */
export async function generateSyntheticAddresses(db: Database, perBuurt: number, seed = 14): Promise<number> {
  const result = await db.execute(sql`
    insert into addresses (postcode, house_number, street, city, location, buurt_code, synthetic)
    select '97' || lpad(w.idx::text, 2, '0') || (array['SA','SD','SS'])[(b.idx % 3) + 1],
           b.idx * 1000 + g.n,
           'Proefstraat ' || b.name,
           'Groningen',
           g.geom,
           b.code,
           true
    from (select code, name, geom, parent_code,
                 (row_number() over (partition by parent_code order by code) - 1)::int as idx
          from areas where kind = 'buurt') b
    join (select code, (row_number() over (order by code) - 1)::int as idx from areas where kind = 'wijk') w
      on w.code = b.parent_code
    cross join lateral (
      select (d).geom as geom, (row_number() over ())::int as n
      from st_dump(st_generatepoints(b.geom, ${perBuurt}, ${seed})) d
    ) g
    on conflict do nothing`)
  return (result as unknown as { count?: number; affectedRows?: number }).count ?? (result as { affectedRows?: number }).affectedRows ?? 0
}
