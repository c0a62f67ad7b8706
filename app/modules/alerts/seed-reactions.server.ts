import { eq } from 'drizzle-orm'
import type { Database } from '~db/client'
import { noticeDecisions, noticeReactions, planNotices, users } from '~db/schema'
import { publishDecision } from './decisions.server'
import { publishNotice, react } from './notices.server'
import { addNote, assignReaction, setReactionStatus } from './reactions.server'

/*
 * Reactions on the demo notices in every status (received, in behandeling with a colleague and a note,
 * beantwoord, niet-ontvankelijk) and one notice whose decision is published with a nota van beantwoording.
 * Everything here is made up (synthetic demo data) and says so. Idempotent: a notice that already has
 * reactions or a decision is left alone.
 */

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000)
const pdf = (name: string) =>
  new File([Buffer.from(`%PDF-1.4\n% Verzonnen bijlage (demo): ${name}\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n`)], name, {
    type: 'application/pdf',
  })

async function person(db: Database, email: string) {
  const [row] = await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.email, email))
  return row ?? null
}

type Person = NonNullable<Awaited<ReturnType<typeof person>>>
type DemoPeople = { resident: Person; other: Person; staff: Person }

export async function seedNoticeReactions(db: Database) {
  const resident = await person(db, 'geverifieerd@stem.example')
  const other = await person(db, 'bewoner@stem.example')
  const staff = await person(db, 'medewerker@stem.example')
  if (!resident || !other || !staff) return
  const people = { resident, other, staff }
  await seedTreeReactions(db, people)
  await seedDecidedNotice(db, people)
}

/** 1. The draft decision on the trees of the Noorderplantsoen: reactions in every status. */
async function seedTreeReactions(db: Database, { resident, other, staff }: DemoPeople) {
  const [trees] = await db.select().from(planNotices).where(eq(planNotices.reference, 'DEMO-2026-002'))
  if (!trees) return
  const [any] = await db.select({ id: noticeReactions.id }).from(noticeReactions).where(eq(noticeReactions.noticeId, trees.id))
  if (any) return
  const address = 'Noorderhaven 1, 9712 VL Groningen (demo)'
  const given = async (userId: string, name: string, body: string, withFile: boolean, ago: number) => {
    const r = await react(
      userId,
      trees.id,
      { body, authorName: name, authorAddress: address },
      withFile ? pdf('foto-iepen-demo.pdf') : null,
      daysAgo(ago),
      db,
    )
    if (!r.ok) throw new Error(`demo reaction refused: ${JSON.stringify(r)}`)
    return r.id
  }
  await given(resident.id, resident.name, 'De iepen zijn nog gezond, laat ze staan. Dit is een verzonnen zienswijze (demo).', true, 2)
  const inProgress = await given(
    other.id,
    other.name,
    'Plant er meer dan vier nieuwe bomen voor terug. Dit is een verzonnen zienswijze (demo).',
    false,
    2,
  )
  await assignReaction(staff.id, inProgress, staff.id, db)
  await addNote(staff.id, inProgress, 'Navragen bij de boomdeskundige hoeveel bomen erbij kunnen (demo).', db)
  await setReactionStatus(staff.id, inProgress, 'in_progress', '', daysAgo(1), db)
  const answered = await given(
    resident.id,
    resident.name,
    'Wanneer wordt er gekapt? Niet in het broedseizoen graag. Verzonnen (demo).',
    false,
    1,
  )
  await setReactionStatus(staff.id, answered, 'answered', '', daysAgo(0), db)
  const inadmissible = await given(
    other.id,
    other.name,
    'Ik wil een nieuwe stoep voor mijn deur. Verzonnen reactie over iets anders (demo).',
    false,
    1,
  )
  await setReactionStatus(
    staff.id,
    inadmissible,
    'inadmissible',
    'Deze reactie gaat niet over het kappen van de bomen (demo).',
    daysAgo(0),
    db,
  )
}

/** 2. A draft decision whose term is over, with its decision and nota van beantwoording published. */
async function seedDecidedNotice(db: Database, { resident, other, staff }: DemoPeople) {
  const decided = await decidedNotice(db, staff.id)
  const [hasDecision] = await db.select({ id: noticeDecisions.id }).from(noticeDecisions).where(eq(noticeDecisions.noticeId, decided.id))
  if (hasDecision) return
  const [existing] = await db.select({ id: noticeReactions.id }).from(noticeReactions).where(eq(noticeReactions.noticeId, decided.id))
  const receipts: string[] = []
  if (!existing) {
    for (const [who, body] of [
      [resident, 'Zorg dat er plek is voor bakfietsen. Dit is een verzonnen zienswijze (demo).'],
      [other, 'De stalling neemt te veel ruimte van het water in. Dit is een verzonnen zienswijze (demo).'],
    ] as const) {
      const r = await react(
        who.id,
        decided.id,
        { body, authorName: who.name, authorAddress: 'Kattendiep 2, 9711 PR Groningen (demo)' },
        null,
        daysAgo(40),
        db,
      )
      if (r.ok) receipts.push(r.receiptNumber)
    }
  } else {
    const rows = await db
      .select({ receipt: noticeReactions.receiptNumber })
      .from(noticeReactions)
      .where(eq(noticeReactions.noticeId, decided.id))
    receipts.push(...rows.map((r) => r.receipt))
  }
  await publishDecision(
    staff.id,
    decided.id,
    {
      text: 'Het college stelt het besluit vast: de fietsenstalling komt er, met twintig plekken voor bakfietsen en een smallere gevel aan het water. Dit is een verzonnen besluit (demo).',
      nota: [
        { theme: 'Bakfietsen', answer: 'Er komen twintig plekken voor bakfietsen bij de ingang.', receipts: receipts.slice(0, 1) },
        {
          theme: 'Ruimte aan het water',
          answer: 'De gevel wordt twee meter smaller; de kade blijft vrij.',
          receipts: receipts.slice(1, 2),
        },
      ],
      document: pdf('besluit-fietsenstalling-demo.pdf'),
    },
    new Date(),
    db,
  )
}

/** The demo notice of the bicycle shed, published fifty days ago when it is not there yet. */
async function decidedNotice(db: Database, staffId: string) {
  const reference = 'DEMO-2026-009'
  const [found] = await db.select().from(planNotices).where(eq(planNotices.reference, reference))
  if (found) return found
  const startsOn = daysAgo(50).toISOString().slice(0, 10)
  return publishNotice(
    db,
    staffId,
    {
      kind: 'draft_decision',
      title: 'Ontwerpbesluit fietsenstalling Kattendiep (fictief)',
      description:
        'Het college wil een overdekte fietsenstalling voor 300 fietsen bouwen aan het Kattendiep. Dit is een verzonnen voorbeeld (demo).',
      locationLabel: 'Kattendiep',
      geometry: { type: 'Point', coordinates: [6.5703, 53.2155] },
      startsOn,
      reference,
    },
    startsOn,
  )
}
