import { migrateDatabase, openDatabase, type DatabaseHandle, type OpenOptions } from './client'

// The server bundle and the scripts each load their own copy of this module; one process must still
// have exactly one database handle (two PGlite instances on one folder would corrupt it).
const HANDLE = Symbol.for('stem.database.handle')
const PENDING = Symbol.for('stem.database.pending')
type Slot = { [HANDLE]?: DatabaseHandle; [PENDING]?: Promise<DatabaseHandle> }
const slot = globalThis as unknown as Slot

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, max: Number(env.DATABASE_POOL_SIZE ?? 10) }
  return { dataDir: env.STEM_DATA_DIR ?? '.data/pglite' }
}

/** Opens and migrates the process's database once; later calls get the same handle. */
export function initDatabase(options: OpenOptions = databaseOptionsFromEnv()): Promise<DatabaseHandle> {
  if (slot[HANDLE]) return Promise.resolve(slot[HANDLE])
  slot[PENDING] ??= (async () => {
    // With DATABASE_MIGRATE_URL the tables' owner migrates and the app runs as DATABASE_URL's role, which
    // owns nothing: it cannot drop the audit log's triggers (README, decision 0013).
    const migrateUrl = process.env.DATABASE_MIGRATE_URL
    if (options.url && migrateUrl) {
      const owner = await openDatabase({ url: migrateUrl, max: 1 })
      try {
        await migrateDatabase(owner)
      } finally {
        await owner.close()
      }
    }
    const handle = await openDatabase(options)
    if (!(options.url && migrateUrl)) await migrateDatabase(handle)
    slot[HANDLE] = handle
    return handle
  })()
  return slot[PENDING]
}

export function getDatabase(): DatabaseHandle {
  const handle = slot[HANDLE]
  if (!handle) throw new Error('The database is not open: call initDatabase() at start-up')
  return handle
}

/** Used by the test harness, which gives every test file its own database. */
export function setDatabase(handle: DatabaseHandle | undefined): void {
  slot[HANDLE] = handle
  slot[PENDING] = handle ? Promise.resolve(handle) : undefined
}

export async function closeDatabase(): Promise<void> {
  const handle = slot[HANDLE]
  setDatabase(undefined)
  await handle?.close()
}
