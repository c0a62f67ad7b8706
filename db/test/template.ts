import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../client'
import { seedReference } from '../seeds/reference'

/*
 * Test databases: one migrated and seeded template per test run, copied for every test file, so tests
 * never clean up after each other and never see each other's data.
 */


export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function prepare(handle: DatabaseHandle) {
  await migrateDatabase(handle)
  await seedReference(handle.db, { syntheticPerBuurt: 10 })
}

/** Embedded: migrate and seed in memory, dump the data folder to a file. Returns the file. */
export async function createPgliteTemplate(): Promise<string> {
  const handle = await openDatabase({})
  await prepare(handle)
  const dump = await handle.pglite!.dumpDataDir('none')
  await handle.close()
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'stem-test-')), 'template.tar')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  return file
}

/** PostgreSQL: (re)create the template database with PostGIS, migrated and seeded. */
export async function createPostgresTemplate(url: string, template: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`drop database if exists ${template} with (force)`)
    await admin.unsafe(`create database ${template}`)
  } finally {
    await admin.end()
  }
  const handle = await openDatabase({ url: withDatabase(url, template), max: 2 })
  try {
    await prepare(handle)
  } finally {
    await handle.close()
  }
}

export async function dropPostgresTemplate(url: string, template: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists ${template} with (force)`).finally(() => admin.end())
}
