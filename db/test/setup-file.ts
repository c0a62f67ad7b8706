import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../client'
import { setDatabase } from '../runtime'
import { withDatabase } from './template'

// Every test file gets its own copy of the migrated, seeded template.
let handle: DatabaseHandle | undefined
let dropAfter: (() => Promise<void>) | undefined

beforeAll(async () => {
  const config = inject('testDatabase')
  if (config.kind === 'pglite') {
    const blob = new Blob([readFileSync(config.templateFile)])
    handle = await openDatabase({ loadDataDir: blob })
  } else {
    const name = `stem_test_${randomBytes(6).toString('hex')}`
    const admin = postgres(config.url, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name} template ${config.template}`).finally(() => admin.end())
    handle = await openDatabase({ url: withDatabase(config.url, name), max: 20 })
    dropAfter = async () => {
      const a = postgres(config.url, { max: 1, onnotice: () => {} })
      await a.unsafe(`drop database if exists ${name} with (force)`).finally(() => a.end())
    }
  }
  setDatabase(handle)
}, 120_000)

afterAll(async () => {
  setDatabase(undefined)
  await handle?.close()
  await dropAfter?.()
})

// An unexpected console.error is a bug the test did not notice: fail the test.
const original = console.error
let errors: unknown[][] = []
beforeEach(() => {
  errors = []
  console.error = (...args: unknown[]) => {
    errors.push(args)
    original(...args)
  }
})
afterEach(() => {
  console.error = original
  if (errors.length) throw new Error(`console.error was called during the test: ${String(errors[0]?.[0])}`)
})
