import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import postgres from 'postgres'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import * as schema from './schema'

export type Schema = typeof schema
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Database | Transaction

export interface RawResult {
  rows: Record<string, unknown>[]
  rowCount: number
}

export interface DatabaseHandle {
  kind: 'postgres' | 'pglite'
  db: Database
  /** Plain parameterised SQL, for libraries that bring their own queries (rate limiter). */
  raw: (text: string, values?: unknown[]) => Promise<RawResult>
  close: () => Promise<void>
  /** PGlite only: the raw instance, used by the test harness to copy a migrated template. */
  pglite?: PGlite
  /** PostgreSQL only: the postgres.js client. */
  postgres?: postgres.Sql
}

export const migrationsFolder = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'migrations')

export interface OpenOptions {
  /** A PostgreSQL URL. Without it the embedded database is used. */
  url?: string
  /** Folder for the embedded database; `memory://` keeps it in memory. */
  dataDir?: string
  /** A dump of an embedded data folder to start from (test templates). */
  loadDataDir?: Blob | File
  /** Connections in the pool (PostgreSQL only). */
  max?: number
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} })
    const db = drizzlePostgres(client, { schema }) as unknown as Database
    return {
      kind: 'postgres',
      db,
      postgres: client,
      raw: async (text, values = []) => {
        const result = await client.unsafe(text, values as never[])
        return { rows: [...result] as Record<string, unknown>[], rowCount: result.count }
      },
      close: () => client.end({ timeout: 5 }),
    }
  }
  if (options.dataDir && !options.dataDir.includes('://')) mkdirSync(options.dataDir, { recursive: true })
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { postgis },
  })
  const db = drizzlePglite(pglite, { schema }) as unknown as Database
  return {
    kind: 'pglite',
    db,
    pglite,
    raw: async (text, values = []) => {
      const result = await pglite.query<Record<string, unknown>>(text, values)
      // PGlite reports affected rows only for writes; a SELECT's count is its rows.
      return { rows: result.rows, rowCount: result.rows.length || (result.affectedRows ?? 0) }
    },
    close: () => pglite.close(),
  }
}

/**
 * Applies the committed drizzle-kit migrations. On PostgreSQL an advisory lock makes it safe for several
 * app processes that start at the same time.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder })
    return
  }
  // A session-level lock lives on one connection, so hold it on a reserved one.
  const connection = await handle.postgres!.reserve()
  try {
    await connection`select pg_advisory_lock(7714001)`
    await migratePostgres(handle.db as never, { migrationsFolder })
  } finally {
    await connection`select pg_advisory_unlock(7714001)`
    connection.release()
  }
}
