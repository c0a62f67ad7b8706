import type { Database } from '../client'
import { serverModules } from '../../app/modules/registry.server'
import { seedReference } from './reference'
import { seedPeople } from './people'

/**
 * Everything `npm run demo` needs: the core's reference data (Groningen) and demo people, then each
 * module's own seed from its server manifest, in the order the seeds ask for. Safe to run again: nothing is
 * duplicated.
 */
export async function seedDemo(db: Database, options: { passwordHash: string }) {
  await seedReference(db)
  await seedPeople(db, options.passwordHash)
  const seeds = serverModules.flatMap((m) => (m.seed ? [{ id: m.id, ...m.seed }] : [])).sort((a, b) => a.order - b.order)
  for (const seed of seeds) await seed.run(db, options)
}
