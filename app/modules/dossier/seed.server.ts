import { eq } from 'drizzle-orm'
import type { Database } from '~db/client'
import { accountErasures, proposals, users } from '~db/schema'
import { giveActivityEverywhere } from '~db/factories/activity'
import { createUser } from '~db/factories/users'
import { requestErasure } from './erasure.server'

/**
 * The dossier in the demo (synthetic people): Dirk Dossier has something in every module (his dossier,
 * consents and export show it all); Els Erase asked to delete her account and is in her grace period.
 */
export async function seedDossier(db: Database, options: { passwordHash: string }) {
  const dirk = await createUser(db, {
    email: 'dossier@stem.example',
    displayName: 'Dirk Dossier (demo)',
    passwordHash: options.passwordHash,
    verifiedIn: { buurtCode: 'BU00140000' },
    birthYear: 1971,
  })
  const [done] = await db.select({ id: proposals.id }).from(proposals).where(eq(proposals.authorId, dirk.id)).limit(1)
  if (!done) {
    const person = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]
    await giveActivityEverywhere(db, dirk.id, dirk.email, 'demo', {
      other: await person('geverifieerd@stem.example'),
      staff: await person('medewerker@stem.example'),
      helper: await person('helper@stem.example'),
    })
  }
  const els = await createUser(db, {
    email: 'verwijderen@stem.example',
    displayName: 'Els Erase (demo)',
    passwordHash: options.passwordHash,
  })
  const [pending] = await db.select().from(accountErasures).where(eq(accountErasures.userId, els.id))
  if (!pending) await db.transaction((tx) => requestErasure(tx, els.id, 'request'))
}
