import { and, eq } from 'drizzle-orm'
import type { Database } from '../client'
import { createUser } from '../factories/users'
import { addresses, type StaffRole } from '../schema'

/** The demo accounts, one per role; their password is in the README. Fictional people. */
export const DEMO_PASSWORD = 'stem-demo-2026'

export const demoPeople: {
  email: string
  displayName: string
  roles?: { role: StaffRole; scope?: string }[]
  verifiedIn?: { buurtCode: string }
  /** The verified person: name as on the letter and full birth date (fictional). */
  legalName?: string
  birthDate?: string
  confirmed?: boolean
}[] = [
  { email: 'bewoner@stem.example', displayName: 'Bram Bewoner (demo)' },
  {
    email: 'geverifieerd@stem.example',
    displayName: 'Vera Verifieerd (demo)', verifiedIn: { buurtCode: 'BU00140000' },
    legalName: 'Vera Verifieerd',
    birthDate: '1984-03-21',
  },
  {
    email: 'jongere@stem.example',
    displayName: 'Jip Jong (demo)',
    verifiedIn: { buurtCode: 'BU00140101' },
    legalName: 'Jip Jong',
    birthDate: `${new Date().getFullYear() - 14}-09-02`,
  },
  { email: 'helper@stem.example', displayName: 'Hanna Helper (demo)', roles: [{ role: 'helper' }] },
  { email: 'moderator@stem.example', displayName: 'Mo Moderator (demo)', roles: [{ role: 'moderator', scope: 'WK001400' }] },
  {
    email: 'moderator-oost@stem.example',
    displayName: 'Olga Oosterpark (demo)',
    roles: [{ role: 'moderator', scope: 'WK001404' }],
  },
  { email: 'griffie@stem.example', displayName: 'Greet Griffie (demo)', roles: [{ role: 'griffie' }] },
  { email: 'medewerker@stem.example', displayName: 'Mees Medewerker (demo)', roles: [{ role: 'staff' }] },
  { email: 'beheerder@stem.example', displayName: 'Bea Beheerder (demo)', roles: [{ role: 'admin' }] },
]

/**
 * A student house with as many verified persons as one address may have by letter (decision 0004): the
 * next one is sent to the desk, and staff see the address on the user list. Fictional people.
 */
export const CROWDED_ADDRESS = { postcode: '9724AD', houseNumber: 3 }

export async function seedPeople(db: Database, passwordHash: string) {
  for (const person of demoPeople) await createUser(db, { ...person, passwordHash })
  const [house] = await db
    .select({ id: addresses.id })
    .from(addresses)
    .where(and(eq(addresses.postcode, CROWDED_ADDRESS.postcode), eq(addresses.houseNumber, CROWDED_ADDRESS.houseNumber)))
    .limit(1)
  if (!house) return
  const students = ['Sanne', 'Daan', 'Noor', 'Finn', 'Eva', 'Milan']
  for (const [i, first] of students.entries()) {
    await createUser(db, {
      email: `student${i + 1}@stem.example`,
      displayName: `${first} Student (demo)`,
      legalName: `${first} Student`,
      birthDate: `2003-0${i + 1}-1${i}`,
      verifiedIn: { addressId: house.id },
    })
  }
}
