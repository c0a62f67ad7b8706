/** Seeds the demo data into the configured database (embedded by default). Idempotent. */
import { closeDatabase, initDatabase } from '../db/runtime'
import { seedDemo } from '../db/seeds'
import { DEMO_PASSWORD } from '../db/seeds/people'
import { hashPassword } from '../app/auth/password.server'

const handle = await initDatabase()
try {
  await seedDemo(handle.db, { passwordHash: await hashPassword(DEMO_PASSWORD) })
  console.log(`Demo data ready (${handle.kind}).`)
} finally {
  await closeDatabase()
}
