import { relations, sql } from 'drizzle-orm'
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, bigserial } from 'drizzle-orm/pg-core'
import { multiPolygonColumn, pointColumn } from './geo'

export const areaKind = pgEnum('area_kind', ['gemeente', 'wijk', 'buurt'])

/** CBS areas: wijken (WK…) and buurten (BU…), identified by their CBS code. */
export const areas = pgTable(
  'areas',
  {
    code: text('code').primaryKey(),
    kind: areaKind('kind').notNull(),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    municipalityCode: text('municipality_code').notNull(),
    geom: multiPolygonColumn('geom').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('areas_geom_gist').using('gist', t.geom), index('areas_parent_idx').on(t.parentCode), index('areas_kind_idx').on(t.kind)],
)

/** Addresses from the BAG register (or clearly synthetic ones for demos and tests). */
export const addresses = pgTable(
  'addresses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    bagId: text('bag_id'),
    postcode: text('postcode').notNull(),
    houseNumber: integer('house_number').notNull(),
    houseLetter: text('house_letter').notNull().default(''),
    addition: text('addition').notNull().default(''),
    street: text('street').notNull(),
    city: text('city').notNull(),
    location: pointColumn('location').notNull(),
    buurtCode: text('buurt_code').references(() => areas.code),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [
    uniqueIndex('addresses_bag_id_unique')
      .on(t.bagId)
      .where(sql`${t.bagId} is not null`),
    uniqueIndex('addresses_postcode_number_unique').on(t.postcode, t.houseNumber, t.houseLetter, t.addition),
    index('addresses_location_gist').using('gist', t.location),
    index('addresses_buurt_idx').on(t.buurtCode),
  ],
)

export const areasRelations = relations(areas, ({ one, many }) => ({
  parent: one(areas, { fields: [areas.parentCode], references: [areas.code], relationName: 'parent' }),
  children: many(areas, { relationName: 'parent' }),
}))

export const addressesRelations = relations(addresses, ({ one }) => ({
  buurt: one(areas, { fields: [addresses.buurtCode], references: [areas.code] }),
}))

export type Area = typeof areas.$inferSelect
export type NewArea = typeof areas.$inferInsert
export type Address = typeof addresses.$inferSelect
export type NewAddress = typeof addresses.$inferInsert
