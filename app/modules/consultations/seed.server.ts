import { eq, sql } from 'drizzle-orm'
import type { Database, Transaction } from '~db/client'
import { createUser } from '~db/factories/users'
import {
  consultationQuestions,
  consultationResponses,
  consultations,
  reportBacks,
  users,
  weighingDeclarations,
  type QuestionConfig,
} from '~db/schema'
import { publishReportBack, registerItem, saveDeclaration } from '~/modules/participation/queries.server'
import type { DeclarationFields } from '~/modules/participation/declaration'
import { syncOpenAnswers } from './open-answers.server'

/*
 * Fictional consultations in every state, set in real Groningen wijken: open (with live results and one
 * with a declaration changed after opening), scheduled, closed awaiting its report, reported on time,
 * overdue, and a draft. Idempotent: each has a seed key and is skipped when it exists.
 */

const DAY = 86_400_000
const at = (days: number) => new Date(Date.now() + days * DAY)
const date = (days: number) => at(days).toISOString().slice(0, 10)
const FICTIONAL = 'Dit is een verzonnen voorbeeld op de demo-site.'

type Q = {
  kind: 'single' | 'multiple' | 'scale' | 'ranking' | 'open' | 'map_point'
  prompt: string
  required?: boolean
  config?: QuestionConfig
}

interface SeedConsultation {
  key: string
  title: string
  intro: string
  kind?: 'consultation' | 'policy_evaluation'
  goals?: string[]
  owner: 'griffie' | 'moderator' | 'staff'
  areaScope: 'city' | 'wijken' | 'buurten'
  areaCodes: string[]
  wijkCodes: string[]
  eligibility: 'everyone' | 'verified_area'
  status: 'draft' | 'scheduled' | 'open' | 'closed' | 'reported'
  opens: number
  closes: number
  results?: 'live' | 'after_close'
  questions: Q[]
  declaration: Omit<DeclarationFields, 'reportBackBy'> & { reportBackIn: number }
  /** A second version after opening, with its note. */
  changed?: { usedFor: string; note: string }
  responses?: number
  report?: { summary: string; decision: string; daysAgo: number }
}

const bikeQuestions: Q[] = [
  {
    kind: 'single',
    prompt: 'Hoe kom je meestal naar de binnenstad?',
    required: true,
    config: { options: ['Fiets', 'Lopend', 'Bus', 'Auto'] },
  },
  {
    kind: 'multiple',
    prompt: 'Waar mist je een fietsenstalling? Kies er hoogstens twee.',
    config: { options: ['Grote Markt', 'Vismarkt', 'Herestraat', 'Zuiderdiep'], minChoices: 1, maxChoices: 2 },
  },
  {
    kind: 'scale',
    prompt: 'Hoe tevreden ben je over de stallingen nu?',
    required: true,
    config: { lowLabel: 'Heel ontevreden', highLabel: 'Heel tevreden' },
  },
  {
    kind: 'ranking',
    prompt: 'Wat vind je het belangrijkst bij een stalling?',
    config: { options: ['Dichtbij winkels', 'Overdekt', 'Gratis', 'Bewaakt'] },
  },
  { kind: 'open', prompt: 'Wat wil je de raad nog meegeven?', config: { maxLength: 1000 } },
  { kind: 'map_point', prompt: 'Wijs een plek aan waar fietsen nu in de weg staan.' },
]

const raad = (reportBackIn: number, usedFor: string) => ({
  level: 'raadplegen' as const,
  decidedBy: 'gemeenteraad',
  decisionExpectedOn: null,
  usedFor,
  bindingRule: null,
  reportBackIn,
})

export const seedConsultationList: SeedConsultation[] = [
  {
    key: 'demo-fietsparkeren',
    title: 'Fietsparkeren in de binnenstad',
    intro: `De gemeenteraad praat dit voorjaar over een plan voor meer en betere fietsenstallingen in de binnenstad. Voordat de raad besluit, horen we graag hoe jij dat ziet.\n\n${FICTIONAL}`,
    owner: 'griffie',
    areaScope: 'wijken',
    areaCodes: ['WK001400'],
    wijkCodes: ['WK001400'],
    eligibility: 'verified_area',
    status: 'open',
    opens: -7,
    closes: 21,
    results: 'live',
    questions: bikeQuestions,
    declaration: raad(60, 'De raad krijgt alle reacties en een samenvatting voordat hij over het stallingsplan stemt.'),
    responses: 12,
  },
  {
    key: 'demo-groen-centrum',
    title: 'Meer groen in de straten van Centrum',
    intro: `Het wijkteam Centrum wil geveltuinen en bomen in straten met weinig groen. Welke straten moeten eerst?\n\n${FICTIONAL}`,
    owner: 'moderator',
    areaScope: 'wijken',
    areaCodes: ['WK001400'],
    wijkCodes: ['WK001400'],
    eligibility: 'verified_area',
    status: 'open',
    opens: -3,
    closes: 14,
    questions: [
      {
        kind: 'single',
        prompt: 'Wil je een geveltuin voor je deur?',
        required: true,
        config: { options: ['Ja', 'Nee', 'Weet ik nog niet'] },
      },
      { kind: 'open', prompt: 'Welke straat moet als eerste groener?', config: { maxLength: 500 } },
    ],
    declaration: {
      level: 'adviseren',
      decidedBy: 'wijkteam',
      decisionExpectedOn: null,
      usedFor: 'Het wijkteam kiest de eerste tien straten met de meeste steun.',
      bindingRule: null,
      reportBackIn: 45,
    },
    changed: {
      usedFor: 'Het wijkteam kiest de eerste vijftien straten met de meeste steun; het budget is verhoogd.',
      note: 'Het budget is verhoogd, dus er kunnen meer straten mee.',
    },
    responses: 4,
  },
  {
    key: 'demo-speelplein',
    title: 'Nieuw speelplein bij de Oosterpoort',
    intro: `Het college wil een speelplein aanleggen. De inspraak begint volgende week.\n\n${FICTIONAL}`,
    owner: 'staff',
    areaScope: 'city',
    areaCodes: [],
    wijkCodes: [],
    eligibility: 'everyone',
    status: 'scheduled',
    opens: 7,
    closes: 35,
    questions: [
      { kind: 'scale', prompt: 'Hoe belangrijk vind je een speelplein in de buurt?', config: { lowLabel: 'Niet', highLabel: 'Heel' } },
    ],
    declaration: { ...raad(80, 'Het college kiest een ontwerp en houdt rekening met de uitkomst.'), decidedBy: 'college' },
  },
  {
    key: 'demo-evaluatie-groenplan',
    title: 'Evaluatie Groenplan 2020–2025',
    intro: `Vijf jaar geleden stelde de gemeente doelen voor meer groen. Wat is er volgens jou van terechtgekomen?\n\n${FICTIONAL}`,
    kind: 'policy_evaluation',
    goals: [
      'Elke wijk krijgt een groene plek binnen 300 meter van elk huis',
      'Tienduizend nieuwe bomen',
      'Meer ruimte voor bijen en vlinders',
    ],
    owner: 'griffie',
    areaScope: 'city',
    areaCodes: [],
    wijkCodes: [],
    eligibility: 'everyone',
    status: 'closed',
    opens: -40,
    closes: -5,
    questions: [],
    declaration: { ...raad(20, 'De raad gebruikt de reacties bij het nieuwe groenplan.'), level: 'adviseren' },
    responses: 6,
  },
  {
    key: 'demo-vismarkt',
    title: 'Autoluwe Vismarkt',
    intro: `Moet de Vismarkt autoluw worden? De raad vroeg het de bewoners.\n\n${FICTIONAL}`,
    owner: 'griffie',
    areaScope: 'wijken',
    areaCodes: ['WK001400'],
    wijkCodes: ['WK001400'],
    eligibility: 'verified_area',
    status: 'reported',
    opens: -90,
    closes: -60,
    questions: [{ kind: 'single', prompt: 'Moet de Vismarkt autoluw worden?', required: true, config: { options: ['Ja', 'Nee'] } }],
    declaration: raad(-20, 'De raad weegt de reacties mee in zijn besluit over de Vismarkt.'),
    responses: 8,
    report: {
      summary: 'De meeste bewoners wilden een autoluwe Vismarkt, wel met ruimte voor laden en lossen in de ochtend.',
      decision: 'De raad besloot de Vismarkt autoluw te maken, met venstertijden voor bevoorrading.',
      daysAgo: 30,
    },
  },
  {
    key: 'demo-afval-oosterpark',
    title: 'Afvalinzameling in de Oosterparkwijk',
    intro: `Ondergrondse containers of minicontainers? Het college vroeg het de wijk.\n\n${FICTIONAL}`,
    owner: 'staff',
    areaScope: 'wijken',
    areaCodes: ['WK001404'],
    wijkCodes: ['WK001404'],
    eligibility: 'verified_area',
    status: 'closed',
    opens: -80,
    closes: -50,
    questions: [
      {
        kind: 'single',
        prompt: 'Wat heeft je voorkeur?',
        required: true,
        config: { options: ['Ondergrondse container', 'Minicontainer'] },
      },
    ],
    declaration: { ...raad(-10, 'Het college kiest het systeem en legt uit hoe de reacties meewogen.'), decidedBy: 'college' },
    responses: 3,
  },
  {
    key: 'demo-concept-markt',
    title: 'Weekmarkt op zondag (concept)',
    intro: `Een concept van de griffie, nog niet openbaar.\n\n${FICTIONAL}`,
    owner: 'griffie',
    areaScope: 'city',
    areaCodes: [],
    wijkCodes: [],
    eligibility: 'everyone',
    status: 'draft',
    opens: 20,
    closes: 50,
    questions: [],
    declaration: raad(90, 'De raad leest de reacties voor het besluit over de zondagsmarkt.'),
  },
]

const OWNER_EMAIL = { griffie: 'griffie@stem.example', moderator: 'moderator@stem.example', staff: 'medewerker@stem.example' }
const OWNER_ROLE = { griffie: 'griffie', moderator: 'wijkteam', staff: 'staff' } as const

function answerFor(q: Q, i: number): unknown {
  const n = q.config?.options?.length ?? 0
  switch (q.kind) {
    case 'single':
      return i % n
    case 'multiple':
      return [i % n]
    case 'scale':
      return (i % 5) + 1
    case 'ranking':
      return Array.from({ length: n }, (_, k) => (k + i) % n)
    case 'open':
      return ['Meer plekken bij de winkels graag.', 'Prima zo.', 'Overdekt stallen zou fijn zijn. Bel me gerust: 06-12345678.'][i % 3]
    case 'map_point':
      return { lat: 53.218 + (i % 4) * 0.001, lon: 6.567 + (i % 3) * 0.001, via: 'map' }
  }
}

export async function seedConsultations(db: Database) {
  for (const s of seedConsultationList) {
    const [existing] = await db.select({ id: consultations.id }).from(consultations).where(eq(consultations.seedKey, s.key))
    if (existing) continue
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, OWNER_EMAIL[s.owner]))
    await db.transaction((tx) => seedConsultation(tx, s, owner?.id ?? null))
  }
}

/** One consultation in its state, all in the caller's transaction: its questions, item, declaration, responses and report. */
async function seedConsultation(tx: Transaction, s: SeedConsultation, ownerId: string | null) {
  const goals = s.goals ?? []
  const [c] = await tx
    .insert(consultations)
    .values({
      title: s.title,
      intro: s.intro,
      kind: s.kind ?? 'consultation',
      goals,
      ownerId,
      ownerRole: OWNER_ROLE[s.owner],
      areaScope: s.areaScope,
      areaCodes: s.areaCodes,
      wijkCodes: s.wijkCodes,
      eligibility: s.eligibility,
      status: s.status,
      opensAt: at(s.opens),
      closesAt: at(s.closes),
      results: s.results ?? 'after_close',
      seedKey: s.key,
    })
    .returning()
  const consultationId = c!.id
  const questions = questionsOf(s, goals)
  const inserted = questions.length
    ? await tx
        .insert(consultationQuestions)
        .values(
          questions.map((q, i) => ({
            consultationId,
            position: i + 1,
            kind: q.kind,
            prompt: q.prompt,
            required: q.required ?? false,
            config: q.config ?? {},
          })),
        )
        .returning()
    : []
  const itemId = await registerWithDeclaration(tx, s, consultationId, ownerId)
  await seedResponses(tx, s, consultationId, questions, inserted)
  if (s.report && ownerId) {
    await publishReportBack(tx, itemId, { summary: s.report.summary, decision: s.report.decision }, ownerId)
    await tx
      .update(reportBacks)
      .set({ publishedAt: sql`now() - make_interval(days => ${s.report.daysAgo})` })
      .where(eq(reportBacks.participationItemId, itemId))
  }
}

/** A policy evaluation asks a scale per goal and two open questions; any other consultation its own questions. */
function questionsOf(s: SeedConsultation, goals: string[]): Q[] {
  if (s.kind !== 'policy_evaluation') return s.questions
  return [
    ...goals.map((g) => ({
      kind: 'scale' as const,
      prompt: `Doel: ${g}. In hoeverre is dit gelukt?`,
      config: { lowLabel: 'Helemaal niet gelukt', highLabel: 'Helemaal gelukt', allowDontKnow: true },
    })),
    { kind: 'open', prompt: 'Wat ging er goed?', config: { maxLength: 2000 } },
    { kind: 'open', prompt: 'Wat moet er anders?', config: { maxLength: 2000 } },
  ]
}

/** The participation item and its weighing declaration (a second version when it changed after opening); returns the item's id. */
async function registerWithDeclaration(tx: Transaction, s: SeedConsultation, consultationId: number, ownerId: string | null) {
  const item = await registerItem(tx, {
    kind: 'consultation',
    itemId: String(consultationId),
    title: s.title,
    href: `/inspraak/${consultationId}`,
    ownerId,
    areaCodes: s.areaCodes,
    status: s.status,
    opensAt: at(s.opens),
    closesAt: at(s.closes),
  })
  await tx.update(consultations).set({ participationItemId: item.id }).where(eq(consultations.id, consultationId))
  const { reportBackIn, ...fields } = s.declaration
  const first = await saveDeclaration(tx, item.id, { ...fields, reportBackBy: date(reportBackIn) }, ownerId)
  // Written before opening, so only later changes count as public history.
  await tx
    .update(weighingDeclarations)
    .set({ createdAt: at(s.opens - 2) })
    .where(eq(weighingDeclarations.id, first.id))
  if (s.changed) {
    const second = await saveDeclaration(
      tx,
      item.id,
      { ...fields, usedFor: s.changed.usedFor, reportBackBy: date(reportBackIn) },
      ownerId,
      s.changed.note,
    )
    await tx
      .update(weighingDeclarations)
      .set({ createdAt: at(s.opens + 1) })
      .where(eq(weighingDeclarations.id, second.id))
  }
  return item.id
}

/** The demo participants (verified in the consultation's wijk) and their answers. */
async function seedResponses(tx: Transaction, s: SeedConsultation, consultationId: number, questions: Q[], inserted: { id: number }[]) {
  for (let i = 0; i < (s.responses ?? 0); i++) {
    const wijk = s.wijkCodes[0] === 'WK001404' ? 'BU00140400' : 'BU00140000'
    const person = await createUser(tx, {
      email: `deelnemer-${i + 1}@stem.example`,
      displayName: `Deelnemer ${i + 1} (demo)`,
      verifiedIn: { buurtCode: wijk },
    })
    const answers = Object.fromEntries(inserted.map((q, k) => [String(q.id), answerFor(questions[k]!, i)]))
    const [response] = await tx
      .insert(consultationResponses)
      .values({ consultationId, userId: person.id, wijkCode: person.wijkCode, answers: answers as never })
      .onConflictDoNothing()
      .returning({ id: consultationResponses.id })
    // Open texts are shown only with a row of their own (the personal-data check and moderation).
    if (response) await syncOpenAnswers(tx, consultationId, response.id, answers)
  }
}
