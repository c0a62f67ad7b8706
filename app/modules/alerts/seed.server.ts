import { eq, sql } from 'drizzle-orm'
import type { Database } from '~db/client'
import { alertPlaces, planNotices, users } from '~db/schema'
import { publishNotice } from './notices.server'
import type { NoticeKind } from './deadline'
import { CONSENT_VERSION } from './validation'

/*
 * Fictional plan notices around Groningen (every one says it is made up) and a place for the demo
 * verified resident, so the alert flow can be tried at once. Idempotent: notices carry a DEMO reference,
 * the place is added only when the resident has none.
 */

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] })

const NOTICES: {
  reference: string
  kind: NoticeKind
  title: string
  description: string
  location: string
  geometry: object
  startsAgo: number
}[] = [
  {
    reference: 'DEMO-2026-001',
    kind: 'permit_application',
    title: 'Dakopbouw met twee appartementen, Oude Boteringestraat (fictief)',
    description:
      'Aanvraag omgevingsvergunning voor een extra bouwlaag met twee appartementen op een bestaand pand. Dit is een verzonnen voorbeeld (demo).',
    location: 'Oude Boteringestraat, Binnenstad',
    geometry: point(6.5655, 53.2214),
    startsAgo: 5,
  },
  {
    reference: 'DEMO-2026-002',
    kind: 'draft_decision',
    title: 'Ontwerpbesluit kap van vier bomen, Noorderplantsoen (fictief)',
    description:
      'Het college is van plan vier zieke iepen te kappen en te vervangen door nieuwe bomen. Dit is een verzonnen voorbeeld (demo).',
    location: 'Noorderplantsoen',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [6.5555, 53.2245],
          [6.5602, 53.2245],
          [6.5602, 53.2268],
          [6.5555, 53.2268],
          [6.5555, 53.2245],
        ],
      ],
    },
    startsAgo: 3,
  },
  {
    reference: 'DEMO-2026-003',
    kind: 'traffic_decision',
    title: 'Verkeersbesluit eenrichtingsverkeer Nieuwe Ebbingestraat (fictief)',
    description:
      'Een deel van de straat wordt eenrichtingsverkeer voor auto’s; fietsers mogen in beide richtingen. Dit is een verzonnen voorbeeld (demo).',
    location: 'Nieuwe Ebbingestraat',
    geometry: {
      type: 'LineString',
      coordinates: [
        [6.5702, 53.2255],
        [6.5716, 53.2293],
      ],
    },
    startsAgo: 2,
  },
  {
    reference: 'DEMO-2026-004',
    kind: 'event_permit',
    title: 'Evenementenvergunning zomerconcert Stadspark (fictief)',
    description:
      'Vergunning voor een openluchtconcert op een zaterdagavond in augustus, tot 23.00 uur. Dit is een verzonnen voorbeeld (demo).',
    location: 'Stadspark',
    geometry: point(6.5415, 53.2025),
    startsAgo: 1,
  },
  {
    reference: 'DEMO-2026-005',
    kind: 'decision',
    title: 'Omgevingsvergunning verleend: uitbouw woning Paterswoldseweg (fictief)',
    description: 'De vergunning voor een uitbouw aan de achterkant van een woning is verleend. Dit is een verzonnen voorbeeld (demo).',
    location: 'Paterswoldseweg',
    geometry: point(6.5551, 53.2056),
    startsAgo: 4,
  },
  {
    reference: 'DEMO-2026-006',
    kind: 'permit_application',
    title: 'Nieuwbouw studentenwoningen Zernike (fictief)',
    description: 'Aanvraag voor een gebouw met 120 studentenwoningen bij de Zernike Campus. Dit is een verzonnen voorbeeld (demo).',
    location: 'Zernikelaan',
    geometry: point(6.5365, 53.2435),
    startsAgo: 6,
  },
  {
    reference: 'DEMO-2026-007',
    kind: 'draft_decision',
    title: 'Ontwerpbesluit laadpleinen Oosterpoort (fictief)',
    description:
      'Het college wil op drie plekken in de Oosterpoort laadpalen voor elektrische auto’s plaatsen. Dit is een verzonnen voorbeeld (demo).',
    location: 'Oosterpoortwijk',
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [6.5745, 53.2105],
        [6.5772, 53.2092],
        [6.5801, 53.2113],
      ],
    },
    startsAgo: 8,
  },
  {
    reference: 'DEMO-2026-008',
    kind: 'other',
    title: 'Informatie: herinrichting Vismarkt (fictief)',
    description:
      'De gemeente werkt aan plannen voor meer groen op de Vismarkt. Reageer met je ideeën. Dit is een verzonnen voorbeeld (demo).',
    location: 'Vismarkt',
    geometry: point(6.5638, 53.2176),
    startsAgo: 2,
  },
]

export async function seedAlerts(db: Database) {
  for (const n of NOTICES) {
    const [exists] = await db.select({ id: planNotices.id }).from(planNotices).where(eq(planNotices.reference, n.reference))
    if (exists) continue
    await publishNotice(db, null, {
      kind: n.kind,
      title: n.title,
      description: n.description,
      locationLabel: n.location,
      geometry: n.geometry,
      startsOn: daysAgo(n.startsAgo),
      reference: n.reference,
    })
  }
  const [resident] = await db.select().from(users).where(eq(users.email, 'geverifieerd@stem.example'))
  if (!resident?.addressId) return
  const [has] = await db.select({ id: alertPlaces.id }).from(alertPlaces).where(eq(alertPlaces.userId, resident.id))
  if (has) return
  const location = sql`(select location from addresses where id = ${resident.addressId})`
  await db.insert(alertPlaces).values({
    userId: resident.id,
    kind: 'address',
    label: sql`(select street || ' ' || house_number || ' (demo)' from addresses where id = ${resident.addressId})` as unknown as string,
    addressId: resident.addressId,
    geom: location as unknown as string,
    matchGeom: sql`ST_Buffer((${location})::geography, ${750 * 1.025}, 8)::geometry` as unknown as string,
    radiusM: 750,
    topics: ['building', 'traffic', 'green', 'events'],
    channel: 'immediate',
    consentVersion: CONSENT_VERSION,
    consentedAt: new Date(),
  })
}
