import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '../client'
import {
  alertDeliveries,
  assistedActions,
  assistedConsents,
  auditLog,
  budgetBallotItems,
  budgetBallots,
  budgetIdeas,
  budgetProjects,
  budgets,
  budgetVoters,
  consultationQuestions,
  consultationResponses,
  consultations,
  contactRequests,
  follows,
  noticeReactions,
  outboundEmails,
  participationItems,
  planNotices,
  proposalComments,
  proposals,
  proposalSupports,
  publications,
} from '../schema'
import { createPlace } from '../../app/modules/alerts/places.server'
import { placeSchema } from '../../app/modules/alerts/validation'
import { createUser } from './users'

/*
 * A resident with something in every module (synthetic): used by the dossier, export and erasure tests
 * and by the demo's dossier seed. Rows are written directly; the titles say what each item is.
 */

export const ACTIVITY_TITLES = {
  ownProposal: 'Bankjes in het Noorderplantsoen (synthetisch)',
  supportedProposal: 'Meer fietsenrekken bij het station (synthetisch)',
  consultation: 'Inspraak herinrichting Vismarkt (synthetisch)',
  budget: 'Wijkbudget Centrum dossier (synthetisch)',
  idea: 'Een speeltuin op het Ebbingekwartier (synthetisch)',
  place: 'Centrum',
  notice: 'Omgevingsvergunning Oude Boteringestraat 1 (synthetisch)',
  alert: 'Nieuwe bomen aan de Diepenring (synthetisch)',
  contact: 'Ik wil graag iemand spreken over mijn aanvraag.',
  staffReason: 'Bewoner belde met een vraag over meldingen',
} as const

type Person = Awaited<ReturnType<typeof createUser>>

/** `people`: who wrote the other proposal, the staff member who looks and the helper (new ones when absent). */
// eslint-disable-next-line max-lines-per-function -- one piece of activity per module, listed in order
export async function giveActivityEverywhere(
  db: Database,
  userId: string,
  email: string,
  tag = randomBytes(4).toString('hex'),
  people: { other?: Person; staff?: Person; helper?: Person } = {},
) {
  const t = ACTIVITY_TITLES
  const other = people.other ?? (await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } }))
  const staff = people.staff ?? (await createUser(db, { roles: [{ role: 'staff' }] }))
  const helper = people.helper ?? (await createUser(db, { roles: [{ role: 'helper' }] }))
  const day = (n: number) => new Date(Date.UTC(2026, 0, n, 10))
  const proposal = (authorId: string, title: string) => ({
    authorId,
    title,
    summary: 'Samenvatting',
    body: 'Tekst',
    bodyHtml: '<p>Tekst</p>',
    theme: 'groen',
    status: 'published' as const,
    publishedAt: day(2),
    windowEndsAt: new Date(Date.now() + 90 * 24 * 3600 * 1000),
    threshold: 100,
    createdAt: day(2),
  })
  const [own] = await db.insert(proposals).values(proposal(userId, t.ownProposal)).returning()
  const [supported] = await db
    .insert(proposals)
    .values({ ...proposal(other.id, t.supportedProposal), supportCount: 1 })
    .returning()
  await db.insert(proposalSupports).values({ proposalId: supported!.id, userId, createdAt: day(3) })
  await db.insert(proposalComments).values({ proposalId: supported!.id, authorId: userId, body: 'Goed plan!', createdAt: day(4) })
  await db
    .insert(participationItems)
    .values({ kind: 'proposal', itemId: String(supported!.id), title: t.supportedProposal, href: `/initiatieven/${supported!.id}` })
  await db.insert(follows).values({ userId, itemKind: 'proposal', itemId: String(supported!.id), createdAt: day(4) })

  const [consultation] = await db
    .insert(consultations)
    .values({ title: t.consultation, ownerRole: 'staff', status: 'open', seedKey: `dossier-${tag}` })
    .returning()
  const [question] = await db
    .insert(consultationQuestions)
    .values({ consultationId: consultation!.id, position: 1, kind: 'open', prompt: 'Wat vindt u van het plan?' })
    .returning()
  await db
    .insert(consultationResponses)
    .values({ consultationId: consultation!.id, userId, answers: { [String(question!.id)]: 'Meer groen graag' }, createdAt: day(5) })

  const [budget] = await db.insert(budgets).values({ title: t.budget, amount: 50_000, phase: 'voting' }).returning()
  const [project] = await db.insert(budgetProjects).values({ budgetId: budget!.id, title: 'Project A', cost: 10_000 }).returning()
  const ballotId = randomBytes(12).toString('hex')
  await db.insert(budgetBallots).values({ id: ballotId, budgetId: budget!.id, receiptHash: randomBytes(16).toString('hex') })
  await db.insert(budgetBallotItems).values({ ballotId, projectId: project!.id })
  await db
    .insert(budgetVoters)
    .values({ budgetId: budget!.id, userId, personKey: `dossier-${tag}`, channel: 'online', createdAt: day(6) })
  await db
    .insert(budgetIdeas)
    .values({ budgetId: budget!.id, authorId: userId, title: t.idea, body: 'Voor de kinderen', createdAt: day(6) })

  const place = await createPlace(
    userId,
    placeSchema.parse({ mode: 'area', areaCode: 'WK001400', topics: 'building', channel: 'immediate', consent: 'yes' }),
    day(7),
    db,
  )
  if (!place.ok) throw new Error('the test place was refused')
  const [publication] = await db
    .insert(publications)
    .values({ itemKind: 'test_item', itemId: `dossier-${tag}`, title: t.alert, href: '/bekendmakingen', topic: 'green' })
    .returning()
  await db.insert(alertDeliveries).values({
    userId,
    itemKind: 'test_item',
    itemId: `dossier-${tag}`,
    publicationId: publication!.id,
    placeId: place.id,
    placeLabel: t.place,
    distanceM: 0,
    channel: 'immediate',
    status: 'sent',
    createdAt: day(8),
  })
  const [notice] = await db
    .insert(planNotices)
    .values({
      kind: 'permit_application',
      title: t.notice,
      description: 'Verbouwing',
      locationLabel: 'Oude Boteringestraat 1',
      geom: sql`ST_SetSRID(ST_MakePoint(6.5665, 53.2194), 4326)` as unknown as string,
      topic: 'building',
      startsOn: '2026-01-08',
      publishedOn: '2026-01-08',
      reactionDeadline: '2026-02-19',
    })
    .returning()
  await db.insert(noticeReactions).values({
    noticeId: notice!.id,
    userId,
    body: 'Ik maak bezwaar tegen de hoogte.',
    attachmentName: 'foto.pdf',
    attachmentType: 'application/pdf',
    attachment: Buffer.from('%PDF-1.4 synthetisch'),
    receiptNumber: `STEM-DOSSIER-${tag}`,
    receivedAt: day(9),
  })

  await db.insert(contactRequests).values({
    userId,
    name: 'Dossier Bewoner',
    message: t.contact,
    email,
    phone: '0501234567',
    dueAt: day(12),
    createdAt: day(10),
  })
  await db.insert(assistedConsents).values({ residentId: userId, helperId: helper.id, channel: 'phone', createdAt: day(11) })
  await db.insert(assistedActions).values({
    residentId: userId,
    helperId: helper.id,
    channel: 'phone',
    action: 'consultation.answer',
    itemKind: 'consultation',
    itemId: String(consultation!.id),
    createdAt: day(11),
  })
  await db.insert(auditLog).values({
    actorId: staff.id,
    action: 'alerts.view_places',
    subjectUserId: userId,
    reason: t.staffReason,
    at: day(12),
  })
  await db
    .insert(outboundEmails)
    .values({ toAddress: email, subject: 'Welkom bij Stem', textBody: `Hallo, je adres ${email} is bevestigd.`, kind: 'confirm_email' })
  return { own: own!, supported: supported!, consultation: consultation!, budget: budget!, notice: notice!, staff, helper, other }
}
