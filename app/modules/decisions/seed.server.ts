import { and, eq } from 'drizzle-orm'
import type { Database } from '~db/client'
import { consultations, decisions, proposals, reportBacks, users } from '~db/schema'
import { recordDecision, releaseDue, prolongSecrecy, type DecisionRecord } from './commands.server'

/*
 * Fictional decisions for the demo (synthetic, labelled so in their text): public ones of the raad, the
 * college and the burgemeester, some linked to the demo consultations and proposals (among them the
 * Vismarkt), some with a place; and secret ones in every state — one the clock releases a few hours after
 * seeding (during the demo's first day), one prolonged by a public decision, one already released, one
 * secret for long. Idempotent: each has a `demo:` reference and is skipped when it exists.
 */

const DAY = 86_400_000
const HOUR = 3_600_000
const date = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)
const FICTIONAL = 'Dit is een verzonnen besluit op de demo-site.'
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] })

type SeedDecision = Omit<DecisionRecord, 'links' | 'answersReportBackId'> & {
  reference: string
  consultation?: string
  proposal?: string
  answersConsultationReport?: string
  secretUntilIn?: number
  prolongTo?: number
}

const SEED: SeedDecision[] = [
  {
    reference: 'demo:raad-vismarkt-autoluw',
    body: 'raad',
    kind: 'decision',
    decidedOn: date(-28),
    title: 'De Vismarkt wordt autoluw',
    summary:
      'De raad besluit dat auto’s niet meer over de Vismarkt mogen rijden. Bevoorrading mag elke ochtend tot 11.00 uur. Er komen extra fietsenstallingen aan de noordkant.',
    fullText: `De gemeenteraad van Groningen,\n\ngelezen het voorstel van het college en de reacties van bewoners in de inspraak "Autoluwe Vismarkt",\n\nbesluit:\n1. De Vismarkt wordt autoluw vanaf 1 maart.\n2. Laden en lossen mag van 6.00 tot 11.00 uur.\n3. Het college plaatst extra fietsenstallingen aan de noordkant van de Vismarkt.\n\n${FICTIONAL}`,
    theme: 'verkeer',
    locationLabel: 'Vismarkt',
    geometry: point(6.5645, 53.2175),
    consultation: 'demo-vismarkt',
    proposal: 'Meer fietsenstallingen rond de Vismarkt',
    answersConsultationReport: 'demo-vismarkt',
  },
  {
    reference: 'demo:college-fietsparkeren',
    body: 'college',
    kind: 'decision',
    decidedOn: date(-12),
    title: 'Plan voor fietsparkeren in de binnenstad',
    summary:
      'Het college maakt een plan voor 2.000 extra plekken om de fiets te parkeren in de binnenstad, met de uitkomsten van de inspraak.',
    fullText: `Het college besluit een plan te maken voor extra fietsparkeerplekken in de binnenstad en de uitkomsten van de inspraak daarin te gebruiken.\n\n${FICTIONAL}`,
    theme: 'verkeer',
    areaCode: 'WK001400',
    consultation: 'demo-fietsparkeren',
  },
  {
    reference: 'demo:college-groenplan',
    body: 'college',
    kind: 'decision',
    decidedOn: date(-3),
    title: 'Nieuw groenplan 2026–2030',
    summary: 'Het college stelt het nieuwe groenplan vast: meer bomen in straten met weinig groen, en elk jaar een evaluatie met bewoners.',
    fullText: `Het college stelt het Groenplan 2026–2030 vast. De evaluatie van het vorige groenplan is gebruikt.\n\n${FICTIONAL}`,
    theme: 'groen',
    consultation: 'demo-evaluatie-groenplan',
  },
  {
    reference: 'demo:raad-motie-watertappunten',
    body: 'raad',
    kind: 'motion',
    decidedOn: date(-40),
    title: 'Motie: watertappunten in stadsparken',
    summary: 'De raad vraagt het college om in elk stadspark een gratis watertappunt te plaatsen.',
    fullText: `De raad, gehoord de beraadslaging, verzoekt het college in alle stadsparken een watertappunt te plaatsen.\n\n${FICTIONAL}`,
    theme: 'groen',
    proposal: 'Gratis watertappunten in alle stadsparken',
  },
  {
    reference: 'demo:burgemeester-evenement-grote-markt',
    body: 'burgemeester',
    kind: 'decision',
    decidedOn: date(-6),
    title: 'Vergunning voor het winterfestival op de Grote Markt',
    summary: 'De burgemeester geeft een vergunning voor het winterfestival op de Grote Markt, van vrijdag tot zondag, tot 23.00 uur.',
    theme: 'evenementen',
    locationLabel: 'Grote Markt',
    geometry: point(6.5683, 53.2189),
  },
  {
    reference: 'demo:mandaat-afval-oosterpark',
    body: 'college',
    kind: 'mandate',
    decidedOn: date(-9),
    title: 'Ondergrondse containers in de Oosterparkwijk',
    summary: 'Namens het college is besloten om in de Oosterparkwijk ondergrondse containers te plaatsen, zoals de meeste bewoners wilden.',
    theme: 'wonen',
    areaCode: 'WK001404',
    consultation: 'demo-afval-oosterpark',
  },
  // Secret: released by the clock a few hours after seeding, during the demo's first day.
  {
    reference: 'demo:geheim-grond-binnenstad',
    body: 'college',
    kind: 'decision',
    decidedOn: date(-20),
    title: 'Aankoop van het pand Vismarkt 40 voor fietsparkeren',
    summary:
      'Het college koopt het pand aan de Vismarkt 40 om er een fietsenstalling in te maken. De prijs blijft geheim tot de koop rond is.',
    fullText: `Het college besluit het pand Vismarkt 40 te kopen voor een inpandige fietsenstalling.\n\n${FICTIONAL}`,
    theme: 'verkeer',
    locationLabel: 'Vismarkt 40',
    geometry: point(6.5641, 53.2178),
    secret: { generalSubject: 'Grondzaken binnenstad', ground: 'woo_5_1_2_b', until: new Date(), untilKind: 'ends' },
    secretUntilIn: 3 * HOUR,
  },
  // Secret: prolonged once by a public decision.
  {
    reference: 'demo:geheim-onderhandeling-sportpark',
    body: 'raad',
    kind: 'decision',
    decidedOn: date(-60),
    title: 'Onderhandelingsresultaat sportpark Kardinge',
    summary: 'De raad stemt in met het resultaat van de onderhandeling over het sportpark.',
    theme: 'cultuur',
    secret: { generalSubject: 'Onderhandeling over een sportaccommodatie', ground: 'gemw_25', until: new Date(), untilKind: 'ends' },
    secretUntilIn: 20 * DAY,
    prolongTo: 200,
  },
  // Secret for long, with a review date.
  {
    reference: 'demo:geheim-personeel',
    body: 'burgemeester',
    kind: 'decision',
    decidedOn: date(-15),
    title: 'Besluit over een medewerker',
    summary: 'Een besluit over een medewerker; de persoonlijke levenssfeer gaat voor.',
    theme: 'bestuur',
    secret: { generalSubject: 'Personele aangelegenheid', ground: 'woo_5_1_2_e', until: new Date(), untilKind: 'review' },
    secretUntilIn: 365 * DAY,
  },
  // Secret before, released already: the history shows when and why.
  {
    reference: 'demo:geheim-vrijgegeven-parkeergarage',
    body: 'college',
    kind: 'decision',
    decidedOn: date(-90),
    title: 'Verkoop van de oude parkeergarage aan het Damsterdiep',
    summary: 'Het college verkoopt de oude parkeergarage aan een woningcorporatie, die er woningen van maakt.',
    fullText: `Het college besluit de parkeergarage te verkopen voor de bouw van 80 woningen.\n\n${FICTIONAL}`,
    theme: 'wonen',
    locationLabel: 'Damsterdiep',
    geometry: point(6.5775, 53.2172),
    secret: { generalSubject: 'Verkoop van gemeentelijk vastgoed', ground: 'woo_5_1_2_b', until: new Date(), untilKind: 'ends' },
    secretUntilIn: -2 * DAY,
  },
]

export async function seedDecisions(db: Database) {
  const [griffie] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'griffie@stem.example'))
  let releasedByClock = false
  for (const s of SEED) {
    const [exists] = await db.select({ id: decisions.id }).from(decisions).where(eq(decisions.reference, s.reference))
    if (exists) continue
    const links: { kind: string; itemId: string }[] = []
    let answersReportBackId: number | null = null
    if (s.consultation) {
      const [c] = await db
        .select({ id: consultations.id, itemId: consultations.participationItemId })
        .from(consultations)
        .where(eq(consultations.seedKey, s.consultation))
      if (c) links.push({ kind: 'consultation', itemId: String(c.id) })
      if (c?.itemId && s.answersConsultationReport) {
        const [rb] = await db.select({ id: reportBacks.id }).from(reportBacks).where(eq(reportBacks.participationItemId, c.itemId))
        answersReportBackId = rb?.id ?? null
      }
    }
    if (s.proposal) {
      const [p] = await db
        .select({ id: proposals.id })
        .from(proposals)
        .where(and(eq(proposals.title, s.proposal)))
      if (p) links.push({ kind: 'proposal', itemId: String(p.id) })
    }
    const { consultation: _c, proposal: _p, answersConsultationReport: _a, secretUntilIn, prolongTo, ...record } = s
    const secret = record.secret ? { ...record.secret, until: new Date(Date.now() + (secretUntilIn ?? 0)) } : null
    const decision = await recordDecision(db, griffie?.id ?? null, { ...record, secret, links, answersReportBackId })
    if (prolongTo && griffie)
      await prolongSecrecy(
        griffie.id,
        decision.id,
        {
          body: record.body,
          decidedOn: date(-1),
          ground: 'gemw_25',
          secretUntil: date(prolongTo),
          secretUntilKind: 'ends',
          note: 'De onderhandeling loopt nog; openbaar maken zou de positie van de gemeente schaden. (demo, verzonnen)',
        },
        new Date(),
        db,
      )
    if (secretUntilIn !== undefined && secretUntilIn < 0) releasedByClock = true
  }
  // The one whose date has passed is released as the clock would (the tick does the same at server start).
  if (releasedByClock) await releaseDue(new Date(), db)
}
