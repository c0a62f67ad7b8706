import type { Database } from '../client'
import { seedReference } from './reference'
import { seedPeople } from './people'
import { seedProposals } from './proposals'
import { seedDesk } from './desk'
import { seedConsultations } from './consultations'
import { seedAlerts } from './alerts'
import { seedNoticeReactions } from './notice-reactions'
import { seedBudgets } from './budgets'

/** Everything `npm run demo` needs. Safe to run again: nothing is duplicated. */
export async function seedDemo(db: Database, options: { passwordHash: string }) {
  await seedReference(db)
  await seedPeople(db, options.passwordHash)
  await seedProposals(db, options)
  await seedDesk(db)
  await seedConsultations(db)
  await seedAlerts(db)
  await seedNoticeReactions(db)
  await seedBudgets(db)
}
