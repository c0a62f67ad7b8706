import { and, asc, eq, notInArray } from 'drizzle-orm'
import type { Database } from '~db/client'
import { participationItems, promises, users } from '~db/schema'
import type { Actor } from '~/auth/permissions'
import { addIndicator, createPromise, importSeries, linkItem, recordUpdate } from './commands.server'
import type { PromiseInput, PromiseStatusName } from './validation'

/*
 * The beloftemeter's demo: a FICTIONAL coalition agreement ("Samen verder", not Groningen's real one),
 * a fictional council motion and toezegging, with promises in every status, two indicators with a
 * SYNTHETIC multi-year series (one per wijk), links to the demo's own consultations, initiatives, budgets
 * and notices, and one promise whose update is overdue. Idempotent: each promise has a seed key.
 */

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)
const AGREEMENT = 'Coalitieakkoord 2026–2030 "Samen verder" (verzonnen voorbeeld voor de demo)'

interface SeedPromise {
  key: string
  by: 'staff' | 'griffie'
  input: Omit<PromiseInput, 'sourceUrl' | 'sourceChapter' | 'sourcePage' | 'dueOn'> & Partial<PromiseInput>
  createdDaysAgo: number
  /** Updates after recording, oldest first: status, explanation, days ago. */
  updates: [PromiseStatusName, string, number][]
  links?: string[]
}

const seeds: SeedPromise[] = [
  {
    key: 'demo-promise-homes',
    by: 'staff',
    input: {
      title: '2.000 betaalbare woningen erbij',
      body: 'In deze periode komen er minstens 2.000 betaalbare huur- en koopwoningen bij, vooral in de wijken waar de wachttijd het langst is. (Verzonnen voorbeeld.)',
      sourceKind: 'coalition_agreement',
      sourceDocument: AGREEMENT,
      sourceChapter: 'Hoofdstuk 2: Wonen',
      sourcePage: 12,
      theme: 'Wonen',
      portfolioHolder: 'Wethouder Wonen (fictief)',
      areaCodes: [],
      dueOn: '2030-03-31',
      updateEveryMonths: 3,
    },
    createdDaysAgo: 400,
    updates: [
      ['on_track', 'De eerste 350 woningen zijn opgeleverd, volgens de planning. (Verzonnen voorbeeld.)', 200],
      ['on_track', 'Er zijn nu 820 woningen opgeleverd; de bouw in Oosterparkwijk loopt op schema. (Verzonnen voorbeeld.)', 20],
    ],
    links: ['proposal', 'consultation'],
  },
  {
    key: 'demo-promise-green',
    by: 'staff',
    input: {
      title: 'Meer groen in de binnenstad',
      body: 'Elk jaar komen er in het Centrum en in Oud-Zuid 500 bomen en 2 hectare groen bij. (Verzonnen voorbeeld.)',
      sourceKind: 'coalition_agreement',
      sourceDocument: AGREEMENT,
      sourceChapter: 'Hoofdstuk 4: Groen en klimaat',
      sourcePage: 27,
      theme: 'Groen en klimaat',
      portfolioHolder: 'Wethouder Groen (fictief)',
      areaCodes: ['WK001400', 'WK001401'],
      dueOn: '2029-12-31',
      updateEveryMonths: 3,
    },
    createdDaysAgo: 380,
    updates: [
      ['on_track', 'De eerste 500 bomen staan. (Verzonnen voorbeeld.)', 250],
      ['behind', 'Door de droge zomer sloegen veel jonge bomen niet aan. We planten in het najaar opnieuw. (Verzonnen voorbeeld.)', 30],
    ],
    links: ['budget', 'plan_notice'],
  },
  {
    key: 'demo-promise-playgrounds',
    by: 'staff',
    input: {
      title: 'Elke wijk een vernieuwde speeltuin',
      body: 'Samen met kinderen en ouders vernieuwen we in elke wijk minstens één speeltuin. (Verzonnen voorbeeld.)',
      sourceKind: 'programme_budget',
      sourceDocument: 'Programmabegroting 2027 (verzonnen voorbeeld)',
      sourceChapter: 'Programma 5: Sport, spel en bewegen',
      sourcePage: 41,
      theme: 'Sport en spel',
      portfolioHolder: 'Wethouder Sport (fictief)',
      areaCodes: [],
      updateEveryMonths: 6,
    },
    createdDaysAgo: 30,
    updates: [],
  },
  {
    key: 'demo-promise-library',
    by: 'staff',
    input: {
      title: 'Bibliotheek in Oosterparkwijk langer open',
      body: 'De bibliotheek in Oosterparkwijk is ook op zaterdag open. (Verzonnen voorbeeld.)',
      sourceKind: 'coalition_agreement',
      sourceDocument: AGREEMENT,
      sourceChapter: 'Hoofdstuk 6: Cultuur',
      sourcePage: 38,
      theme: 'Cultuur',
      portfolioHolder: 'Wethouder Cultuur (fictief)',
      areaCodes: ['WK001404'],
      updateEveryMonths: 6,
    },
    createdDaysAgo: 300,
    updates: [['done', 'Sinds 1 september is de bibliotheek ook op zaterdag open van 10 tot 16 uur. (Verzonnen voorbeeld.)', 60]],
  },
  {
    key: 'demo-promise-parking',
    by: 'staff',
    input: {
      title: 'Parkeergarage aan de rand van de stad',
      body: 'We bouwen een nieuwe parkeergarage aan de zuidkant van de stad. (Verzonnen voorbeeld.)',
      sourceKind: 'coalition_agreement',
      sourceDocument: AGREEMENT,
      sourceChapter: 'Hoofdstuk 3: Verkeer',
      sourcePage: 19,
      theme: 'Verkeer',
      portfolioHolder: 'Wethouder Verkeer (fictief)',
      areaCodes: [],
      updateEveryMonths: 3,
    },
    createdDaysAgo: 350,
    updates: [
      [
        'changed',
        'In plaats van een garage komt er een transferium met fietsenstalling en busverbinding; de raad stemde hiermee in. (Verzonnen voorbeeld.)',
        45,
      ],
    ],
  },
  {
    key: 'demo-promise-tunnel',
    by: 'staff',
    input: {
      title: 'Fietstunnel onder de ringweg',
      body: 'Er komt een fietstunnel onder de ringweg bij Helpman. (Verzonnen voorbeeld.)',
      sourceKind: 'coalition_agreement',
      sourceDocument: AGREEMENT,
      sourceChapter: 'Hoofdstuk 3: Verkeer',
      sourcePage: 21,
      theme: 'Verkeer',
      portfolioHolder: 'Wethouder Verkeer (fictief)',
      areaCodes: ['WK001406'],
      updateEveryMonths: 6,
    },
    createdDaysAgo: 330,
    updates: [['dropped', 'De provincie legt hier een brug aan; een tunnel is daarom niet meer nodig. (Verzonnen voorbeeld.)', 90]],
  },
  {
    key: 'demo-promise-motion',
    by: 'griffie',
    input: {
      title: 'Motie: openbare toiletten in het Centrum',
      body: 'De raad vraagt het college om voor de zomer vier openbare toiletten in het Centrum te plaatsen. (Verzonnen voorbeeld.)',
      sourceKind: 'council_motion',
      sourceDocument: 'Motie M-2026-014 (verzonnen voorbeeld)',
      theme: 'Openbare ruimte',
      portfolioHolder: 'Burgemeester (fictief)',
      areaCodes: ['WK001400'],
      updateEveryMonths: 1,
    },
    createdDaysAgo: 10,
    updates: [],
  },
  {
    key: 'demo-promise-toezegging',
    by: 'griffie',
    input: {
      title: 'Toezegging: raad hoort elk kwartaal over de wachtlijst jeugdzorg',
      body: 'De wethouder zegde toe de raad elk kwartaal te informeren over de wachtlijst in de jeugdzorg. (Verzonnen voorbeeld.)',
      sourceKind: 'toezegging',
      sourceDocument: 'Raadsvergadering 12 maart 2026, toezegging T-2026-03 (verzonnen voorbeeld)',
      theme: 'Zorg',
      portfolioHolder: 'Wethouder Zorg (fictief)',
      areaCodes: [],
      updateEveryMonths: 3,
    },
    // The overdue one: the last update was more than three months ago.
    createdDaysAgo: 220,
    updates: [['behind', 'De wachtlijst is langer geworden; we zoeken extra zorgaanbieders. (Verzonnen voorbeeld.)', 120]],
  },
]

/** Synthetic figures, labelled so on the indicator itself. */
const homesCsv = [
  'periode,waarde,eenheid,wijk',
  '2023,310,woningen,',
  '2024,405,woningen,',
  '2025,520,woningen,',
  '2026,820,woningen,',
  '2023,40,woningen,WK001404',
  '2024,95,woningen,WK001404',
  '2025,150,woningen,WK001404',
  '2026,230,woningen,WK001404',
  '2023,25,woningen,WK001409',
  '2024,60,woningen,WK001409',
  '2025,80,woningen,WK001409',
  '2026,120,woningen,WK001409',
].join('\n')

const treesCsv = [
  'periode;waarde;eenheid',
  '2024-K1;12,0;%',
  '2024-K2;12,4;%',
  '2024-K3;12,9;%',
  '2024-K4;13,1;%',
  '2025-K1;13,0;%',
  '2025-K2;13,6;%',
  '2025-K3;13,4;%',
  '2025-K4;13,8;%',
  '2026-K1;14,1;%',
].join('\n')

async function actorOf(db: Database, email: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.email, email))
  if (!u) throw new Error(`seed promises: ${email} missing`)
  const role = email.startsWith('griffie') ? 'griffie' : 'staff'
  return {
    id: u.id,
    displayName: u.displayName,
    email: u.email,
    emailConfirmed: true,
    verified: false,
    wijkCode: null,
    buurtCode: null,
    birthDate: null,
    blocked: false,
    roles: [{ role, scope: '' }],
  }
}

export async function seedPromises(db: Database) {
  const staff = await actorOf(db, 'medewerker@stem.example')
  const griffie = await actorOf(db, 'griffie@stem.example')
  for (const s of seeds) {
    const [existing] = await db.select({ id: promises.id }).from(promises).where(eq(promises.seedKey, s.key))
    if (existing) continue
    const actor = s.by === 'griffie' ? griffie : staff
    const created = await createPromise(
      actor,
      { sourceChapter: null, sourcePage: null, sourceUrl: null, dueOn: null, ...s.input },
      { now: ago(s.createdDaysAgo), seedKey: s.key },
      db,
    )
    if (!created.ok) throw new Error(`seed promises: ${s.key}`)
    for (const [status, explanation, daysAgo] of s.updates) await recordUpdate(actor, created.id, { status, explanation }, ago(daysAgo), db)
    for (const kind of s.links ?? []) {
      const [item] = await db
        .select()
        .from(participationItems)
        .where(and(eq(participationItems.kind, kind), notInArray(participationItems.status, ['draft', 'review'])))
        .orderBy(asc(participationItems.id))
        .limit(1)
      if (item) await linkItem(db, created.id, { kind: item.kind, itemId: item.itemId, title: item.title, href: item.href })
    }
    if (s.key === 'demo-promise-homes') {
      const indicator = await addIndicator(
        actor,
        created.id,
        {
          name: 'Betaalbare woningen opgeleverd (synthetische cijfers)',
          definition: 'Aantal opgeleverde sociale huur- en betaalbare koopwoningen per jaar. De cijfers zijn verzonnen voor de demo.',
          unit: 'woningen',
          source: 'Onderzoek, Informatie en Statistiek (synthetisch voorbeeld)',
          period: 'year',
          baselineValue: 310,
          baselinePeriod: '2023',
          targetValue: 900,
          targetOn: '2029-12-31',
        },
        db,
      )
      if (indicator.ok) await importSeries(actor, indicator.id, homesCsv, ago(15), db)
    }
    if (s.key === 'demo-promise-green') {
      const indicator = await addIndicator(
        actor,
        created.id,
        {
          name: 'Boomkroonbedekking binnenstad (synthetische cijfers)',
          definition:
            'Deel van het oppervlak van Centrum en Oud-Zuid onder boomkronen, per kwartaal. De cijfers zijn verzonnen voor de demo.',
          unit: '%',
          source: 'Satellietbeelden, bewerkt door de gemeente (synthetisch voorbeeld)',
          period: 'quarter',
          baselineValue: 12,
          baselinePeriod: '2024-K1',
          targetValue: 16,
          targetOn: '2029-12-31',
        },
        db,
      )
      if (indicator.ok) await importSeries(actor, indicator.id, treesCsv, ago(15), db)
    }
  }
}
