import type { Database } from '../client'
import { seedReference } from './reference'
import { seedPeople } from './people'
import { seedBudgets } from './budgets'

/** Everything `npm run demo` needs. Safe to run again: nothing is duplicated. */
export async function seedDemo(db: Database, options: { passwordHash: string }) {
  await seedReference(db)
  await seedPeople(db, options.passwordHash)
  await seedBudgets(db)
}
