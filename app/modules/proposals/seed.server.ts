import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '~db/client'
import { simplePdf } from '~db/factories/documents'
import { createUser } from '~db/factories/users'
import { proposalDocuments, proposals } from '~db/schema'
import { addComment } from './comments.server'
import { answerProposal, createProposal, publishProposal, retireProposal } from './commands.server'
import { archiveExpired, supportProposal } from './supports.server'
import { saveScope } from './scopes.server'
import { proposalSchema } from './validation'

/*
 * Fictional proposals (initiatieven) in every state, with supports and comments, in real Groningen wijken.
 * Idempotent: a proposal whose title exists is left alone; the demo document is added once.
 *
 * Two extra demo accounts that can log in (password as the other demo accounts), verified in Centrum:
 *   steun1@stem.example — Sanne Steun (demo), steun2@stem.example — Stijn Steun (demo).
 * With geverifieerd@stem.example they are three verified residents of WK001400 (used by e2e/proposals.spec.ts).
 */

export const extraDemoResidents = [
  { email: 'steun1@stem.example', displayName: 'Sanne Steun (demo)', verifiedIn: { buurtCode: 'BU00140001' }, birthYear: 1991 },
  { email: 'steun2@stem.example', displayName: 'Stijn Steun (demo)', verifiedIn: { buurtCode: 'BU00140002' }, birthYear: 1967 },
]

const supporterBuurten = ['BU00140003', 'BU00140004', 'BU00140005', 'BU00140100', 'BU00140101', 'BU00140102', 'BU00140103', 'BU00140007']

interface Seed {
  title: string
  summary: string
  body: string
  theme: string
  wijkCode: string
  postcode?: string
  houseNumber?: string
  author: 'vera' | 'fictional'
  state: 'draft' | 'published' | 'in_progress' | 'answered' | 'archived' | 'retired'
  supports: number
  threshold?: number
  comments?: { body: string; replies?: string[] }[]
}

const SEEDS: Seed[] = [
  {
    title: 'Meer fietsenstallingen rond de Vismarkt',
    summary: 'Op zaterdag staan de fietsen overal op de stoep. Een extra overdekte stalling zou veel schelen. (Fictief voorbeeld.)',
    body: 'Op marktdagen is er **geen plek** om je fiets neer te zetten.\n\n- een overdekte stalling aan de noordkant\n- rekken bij de Korenbeurs\n\nZo blijft de stoep vrij voor voetgangers en rolstoelen.',
    theme: 'verkeer',
    wijkCode: 'WK001400',
    postcode: '9712JG',
    houseNumber: '3',
    author: 'fictional',
    state: 'published',
    supports: 7,
    comments: [
      { body: 'Goed idee! Vooral op zaterdag is het echt een probleem.', replies: ['Mee eens, ik loop er elke week met de kinderwagen.'] },
      { body: 'Kan het ook een bewaakte stalling worden?' },
    ],
  },
  {
    title: 'Gratis watertappunten in alle stadsparken',
    summary: 'In de zomer is er in het Stadspark en het Noorderplantsoen nergens gratis drinkwater. (Fictief voorbeeld.)',
    body: 'Watertappunten helpen tegen hitte en schelen plastic flesjes. Zet er minstens één in elk groot park.',
    theme: 'duurzaamheid',
    wijkCode: '',
    author: 'vera',
    state: 'published',
    supports: 4,
    comments: [{ body: 'Het Noorderplantsoen heeft er één bij de ingang, maar die doet het vaak niet.' }],
  },
  {
    title: 'Een speelplek met schaduw in de Rivierenbuurt',
    summary: 'De kinderen in de Rivierenbuurt hebben geen speelplek met bomen of schaduw. (Fictief voorbeeld.)',
    body: 'Het grasveld aan de Maasstraat kan een mooie speelplek worden, met een paar bomen en een zandbak.',
    theme: 'spelen',
    wijkCode: 'WK001401',
    author: 'fictional',
    state: 'published',
    supports: 3,
  },
  {
    title: 'Bankjes langs het Van Starkenborghkanaal',
    summary: 'Langs het wandelpad zijn bijna geen plekken om even te zitten. (Fictief voorbeeld.)',
    body: 'Vooral ouderen uit de Oosterparkwijk lopen hier graag. Een bankje om de paar honderd meter maakt de wandeling voor hen mogelijk.',
    theme: 'groen',
    wijkCode: 'WK001404',
    author: 'fictional',
    state: 'in_progress',
    supports: 5,
    threshold: 5,
    comments: [{ body: 'Graag ook een prullenbak bij elk bankje.' }],
  },
  {
    title: 'Autovrije zondag op de Grote Markt',
    summary: 'Eén zondag per maand de Grote Markt en omliggende straten autovrij, voor markt, muziek en spelen. (Fictief voorbeeld.)',
    body: 'In andere steden werkt dit goed. Begin met een proef van drie maanden.',
    theme: 'cultuur',
    wijkCode: 'WK001400',
    author: 'vera',
    state: 'answered',
    supports: 4,
    threshold: 4,
  },
  {
    title: 'Een hondenlosloopgebied in Beijum',
    summary: 'Er is in Beijum geen omheind veld waar honden los mogen lopen. (Fictief voorbeeld.)',
    body: 'Een omheind stuk van het park bij de Beijumerweg zou hondenbezitters en spelende kinderen allebei helpen.',
    theme: 'groen',
    wijkCode: 'WK001411',
    author: 'fictional',
    state: 'archived',
    supports: 2,
  },
  {
    title: 'Een stadsstrand aan het Eemskanaal',
    summary: 'Een zandstrand met ligweide aan het water, voor de zomer. (Fictief voorbeeld.)',
    body: 'Het strandje kan op het braakliggende stuk bij de Oosterhamrikkade komen.',
    theme: 'overig',
    wijkCode: '',
    author: 'fictional',
    state: 'retired',
    supports: 0,
  },
  {
    title: 'Daktuinen op de bibliotheek (concept)',
    summary: 'Een groen dak op de openbare bibliotheek, met een moestuin voor de buurt. (Fictief voorbeeld.)',
    body: 'Dit is nog een concept. Ik zoek eerst uit of het dak sterk genoeg is.',
    theme: 'groen',
    wijkCode: 'WK001400',
    author: 'vera',
    state: 'draft',
    supports: 0,
  },
]

export async function seedProposals(db: Database, options: { passwordHash: string }) {
  for (const person of extraDemoResidents) await createUser(db, { ...person, passwordHash: options.passwordHash })
  const [vera] = await db
    .execute(sql`select id from users where lower(email) = 'geverifieerd@stem.example'`)
    .then((r) => rowsOf<{ id: string }>(r))
  const staff = (
    await rowsOf<{ id: string }>(await db.execute(sql`select id from users where lower(email) = 'medewerker@stem.example'`))
  )[0]
  const author = await createUser(db, {
    email: 'initiatiefnemer@stem.example',
    displayName: 'Ilse Initiatief (demo)',
    verifiedIn: { buurtCode: 'BU00140004' },
  })
  const supporters = []
  for (let i = 0; i < 8; i++) {
    supporters.push(
      await createUser(db, {
        email: `inwoner${i + 1}@stem.example`,
        displayName: `Inwoner ${i + 1} (demo)`,
        verifiedIn: { buurtCode: supporterBuurten[i]! },
        birthYear: 1950 + i * 7,
      }),
    )
  }
  if (!(await db.execute(sql`select 1 from proposal_scopes where scope = 'gemeente'`).then((r) => rowsOf(r).length))) {
    await saveScope(db, 'gemeente', { threshold: 500, windowDays: 180, minimumAge: 16 }, staff?.id ?? author.id)
    await saveScope(db, 'wijk', { threshold: 50, windowDays: 120, minimumAge: 16 }, staff?.id ?? author.id)
  }
  for (const seed of SEEDS) {
    const [exists] = await db.select({ id: proposals.id }).from(proposals).where(eq(proposals.title, seed.title))
    if (exists) continue
    const authorId = seed.author === 'vera' && vera ? vera.id : author.id
    const input = proposalSchema.parse({ ...seed, postcode: seed.postcode ?? '', houseNumber: seed.houseNumber ?? '' })
    const created = await createProposal(authorId, input, undefined, undefined, db)
    if (!created.ok) throw new Error(`seed proposal failed: ${seed.title}`)
    const id = created.id
    if (seed.state === 'draft') continue
    const published = new Date(Date.now() - (seed.state === 'archived' ? 200 : 20) * 86_400_000)
    await publishProposal(id, authorId, db, published, seed.threshold ? { threshold: seed.threshold } : undefined)
    for (const s of supporters.slice(0, seed.supports))
      await supportProposal(id, s.id, db, new Date(Math.min(Date.now(), published.getTime() + 86_400_000)))
    for (const c of seed.comments ?? []) {
      const top = await addComment(id, supporters[0]!.id, c.body, undefined, db)
      if (top.ok) for (const r of c.replies ?? []) await addComment(id, supporters[1]!.id, r, top.id, db)
    }
    if (seed.state === 'answered' && staff) {
      await answerProposal(
        id,
        staff.id,
        {
          kind: 'partly_adopted',
          reasons:
            'Het college begint in het voorjaar met een proef van drie autovrije zondagen. Bevoorrading van winkels blijft tot 11 uur mogelijk. Na de proef kijken we samen met de ondernemers of het vaker kan. (Fictief antwoord.)',
          link: 'https://gemeente.groningen.nl',
        },
        db,
      )
    }
    if (seed.state === 'retired')
      await retireProposal(id, authorId, 'Er komt al een strand bij de Hoornseplas; dit is niet meer nodig.', db)
  }
  await archiveExpired(db)
  await seedDemoDocument(db)
}

/** A PDF made in code at the bike-parking proposal, clearly demo material; added when it is missing. */
const DEMO_DOCUMENT = {
  proposal: 'Meer fietsenstallingen rond de Vismarkt',
  title: 'Schets van de stallingen (demo, verzonnen)',
  filename: 'schets-stallingen-demo.pdf',
  lines: [
    'Dit document is verzonnen. Het laat zien hoe een document bij een initiatief eruitziet.',
    '',
    'Schets: een overdekte stalling aan de noordkant van de Vismarkt,',
    'met plek voor ongeveer 200 fietsen, en rekken bij de Korenbeurs.',
  ],
}

async function seedDemoDocument(db: Database) {
  const [p] = await db.select({ id: proposals.id }).from(proposals).where(eq(proposals.title, DEMO_DOCUMENT.proposal))
  if (!p) return
  const [exists] = await db
    .select({ id: proposalDocuments.id })
    .from(proposalDocuments)
    .where(and(eq(proposalDocuments.proposalId, p.id), eq(proposalDocuments.title, DEMO_DOCUMENT.title)))
  if (exists) return
  const content = simplePdf(DEMO_DOCUMENT.title, DEMO_DOCUMENT.lines)
  await db
    .insert(proposalDocuments)
    .values({ proposalId: p.id, title: DEMO_DOCUMENT.title, filename: DEMO_DOCUMENT.filename, size: content.length, content })
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}
