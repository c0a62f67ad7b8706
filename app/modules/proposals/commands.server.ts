import { and, eq, inArray, sql } from 'drizzle-orm'
import { participationItems, proposalDocuments, proposalImages, proposals, type ProposalAnswerKind } from '~db/schema'
import type { Database, Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { geometryAsGeoJson, pointFromLonLat } from '~db/schema/geo'
import { findAddress } from '~/modules/areas/queries.server'
import { followerIds, follow, notify, recordPublication, unfollow } from '~/modules/engagement/engagement.server'
import { publishReportBack, registerItem, saveDeclaration, setItemStatus } from '~/modules/participation/queries.server'
import { translate, type MessageKey } from '~/utils/i18n'
import { forgettingCounts } from './list-counts.server'
import { renderMarkdown } from './markdown.server'
import { ANSWER_WEEKS, LIMITS, type ProposalInput } from './validation'
import { DAY, fail, href, KIND, lock, supporterIds, type Result } from './basics.server'
import { proposalDeclaration, scopeRule, type ScopeRule } from './scopes.server'

/*
 * The commands on a proposal itself: write, edit, publish, retire, follow, and the college's answer —
 * each in one transaction, under the proposal's row lock. Supports and the clock are in supports.server,
 * the rules per scope in scopes.server, comments in comments.server.
 */

/** Following a proposal, or no longer. */
export async function setFollowing(userId: string, id: number, on: boolean, db: Queryable = getDatabase().db) {
  if (on) await follow(db, userId, KIND, String(id))
  else await unfollow(db, userId, KIND, String(id))
}

async function resolveLocation(db: Queryable, input: ProposalInput) {
  if (typeof input.lat === 'number' && typeof input.lon === 'number') {
    return { ok: true as const, point: pointFromLonLat(input.lon, input.lat), label: null }
  }
  if (input.postcode && input.houseNumber) {
    const address = await findAddress(input.postcode, Number(input.houseNumber), '', db)
    if (!address) return { ok: false as const }
    const point = sql`(select location from addresses where id = ${address.id})`
    return { ok: true as const, point, label: `${address.street} ${address.houseNumber}, ${address.postcode}` }
  }
  return { ok: true as const, point: null, label: null }
}

export interface ImageInput {
  data: Buffer
  width: number
  height: number
  alt: string
}

async function saveImage(db: Queryable, proposalId: number, image: ImageInput | null | undefined) {
  if (!image) return
  await db
    .insert(proposalImages)
    .values({ proposalId, data: image.data, width: image.width, height: image.height, alt: image.alt })
    .onConflictDoUpdate({
      target: proposalImages.proposalId,
      set: { data: image.data, width: image.width, height: image.height, alt: image.alt },
    })
  await db.update(proposals).set({ hasImage: true }).where(eq(proposals.id, proposalId))
}

/** A PDF checked by its bytes (app/utils/pdf.server.ts), with its title. */
export interface DocumentInput {
  title: string
  filename: string
  content: Buffer
}

/** What an edit does to the documents: new ones, ones to remove, new titles for the rest. */
export interface DocumentChanges {
  add: DocumentInput[]
  remove?: number[]
  titles?: Record<number, string>
}

/** Applies the changes under the proposal's row lock, so that two edits at once cannot pass the limit. */
async function saveDocuments(tx: Queryable, proposalId: number, changes: DocumentChanges | undefined): Promise<boolean> {
  if (!changes) return true
  const remove = changes.remove ?? []
  const existing = await tx.select({ id: proposalDocuments.id }).from(proposalDocuments).where(eq(proposalDocuments.proposalId, proposalId))
  const staying = existing.filter((d) => !remove.includes(d.id))
  if (staying.length + changes.add.length > LIMITS.documents) return false
  if (remove.length)
    await tx.delete(proposalDocuments).where(and(eq(proposalDocuments.proposalId, proposalId), inArray(proposalDocuments.id, remove)))
  for (const d of staying) {
    const title = changes.titles?.[d.id]
    if (title) await tx.update(proposalDocuments).set({ title }).where(eq(proposalDocuments.id, d.id))
  }
  if (changes.add.length) {
    await tx
      .insert(proposalDocuments)
      .values(changes.add.map((d) => ({ proposalId, title: d.title, filename: d.filename, size: d.content.length, content: d.content })))
  }
  return true
}

export async function createProposal(
  authorId: string,
  input: ProposalInput,
  image?: ImageInput | null,
  documents: DocumentInput[] = [],
  db: Database = getDatabase().db,
): Promise<Result<{ id: number }>> {
  if (documents.length > LIMITS.documents) return fail('documents', 'proposals.errors.documents_too_many')
  const location = await resolveLocation(db, input)
  if (!location.ok) return fail('postcode', 'errors.address_unknown')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(proposals)
      .values({
        authorId,
        title: input.title,
        summary: input.summary,
        body: input.body,
        bodyHtml: renderMarkdown(input.body),
        theme: input.theme,
        wijkCode: input.wijkCode || null,
        location: location.point as unknown as string,
        locationLabel: location.label,
      })
      .returning({ id: proposals.id })
    await saveImage(tx, row!.id, image)
    await saveDocuments(tx, row!.id, { add: documents })
    await follow(tx, authorId, KIND, String(row!.id))
    return { ok: true as const, id: row!.id }
  })
}

/** Editing, documents included: only the author, only before the first support (checked again under the row lock). */
export async function updateProposal(
  id: number,
  authorId: string,
  input: ProposalInput,
  image?: ImageInput | null,
  documents?: DocumentChanges,
  db: Database = getDatabase().db,
): Promise<Result> {
  const location = await resolveLocation(db, input)
  if (!location.ok) return fail('postcode', 'errors.address_unknown')
  return db.transaction(async (tx) => {
    const p = await lock(tx, id)
    if (!p || p.authorId !== authorId) return fail('form', 'errors.not_found')
    if (p.supportCount > 0 || !(p.status === 'draft' || p.status === 'published')) return fail('form', 'proposals.errors.not_editable')
    if (!(await saveDocuments(tx, id, documents))) return fail('documents', 'proposals.errors.documents_too_many')
    await tx
      .update(proposals)
      .set({
        title: input.title,
        summary: input.summary,
        body: input.body,
        bodyHtml: renderMarkdown(input.body),
        theme: input.theme,
        wijkCode: p.status === 'draft' ? input.wijkCode || null : p.wijkCode,
        ...(location.point ? { location: location.point as unknown as string, locationLabel: location.label } : {}),
        updatedAt: new Date(),
      })
      .where(eq(proposals.id, id))
    await saveImage(tx, id, image)
    if (p.status === 'published') {
      await tx
        .update(participationItems)
        .set({ title: input.title })
        .where(and(eq(participationItems.kind, KIND), eq(participationItems.itemId, String(id))))
    }
    return { ok: true as const }
  })
}

/**
 * Publishing fixes the threshold and window of the scope, registers the item in the participation core
 * with its weighing declaration, and records the publication for alerts.
 */
export async function publishProposal(
  id: number,
  actorId: string,
  db: Database = getDatabase().db,
  now = new Date(),
  /** Seeds and benchmarks only: a rule instead of the scope's. */
  override?: Partial<ScopeRule>,
): Promise<Result> {
  return forgettingCounts(
    db.transaction(async (tx) => {
      const p = await lock(tx, id)
      if (!p || p.authorId !== actorId) return fail('form', 'errors.not_found')
      if (p.status !== 'draft') return fail('form', 'proposals.errors.already_published')
      const rule = { ...(await scopeRule(tx, p.wijkCode)), ...override }
      const windowEndsAt = new Date(now.getTime() + rule.windowDays * DAY)
      await tx
        .update(proposals)
        .set({
          status: 'published',
          threshold: rule.threshold,
          minimumAge: rule.minimumAge,
          publishedAt: now,
          windowEndsAt,
          updatedAt: now,
        })
        .where(eq(proposals.id, id))
      const item = await registerItem(tx, {
        kind: KIND,
        itemId: String(id),
        title: p.title,
        href: href(id),
        ownerId: p.authorId,
        areaCodes: p.wijkCode ? [p.wijkCode] : [],
        status: 'open',
        opensAt: now,
        closesAt: windowEndsAt,
      })
      await saveDeclaration(
        tx,
        item.id,
        // The latest the college can answer: reached on the last day, then the answer period.
        proposalDeclaration(rule.threshold, windowEndsAt, new Date(windowEndsAt.getTime() + ANSWER_WEEKS * 7 * DAY)),
        actorId,
      )
      const [geo] = await tx
        .select({ g: geometryAsGeoJson(proposals.location) })
        .from(proposals)
        .where(eq(proposals.id, id))
      await recordPublication(tx, {
        itemKind: KIND,
        itemId: String(id),
        title: p.title,
        href: href(id),
        topic: 'proposals',
        geometry: geo?.g ? (JSON.parse(geo.g) as object) : null,
        areaCodes: p.wijkCode ? [p.wijkCode] : [],
        deadline: windowEndsAt,
      })
      return { ok: true as const }
    }),
  )
}

export async function retireProposal(id: number, actorId: string, reason: string, db: Database = getDatabase().db): Promise<Result> {
  return forgettingCounts(
    db.transaction(async (tx) => {
      const p = await lock(tx, id)
      if (!p || p.authorId !== actorId) return fail('form', 'errors.not_found')
      if (!(p.status === 'draft' || p.status === 'published')) return fail('reason', 'proposals.errors.not_retirable')
      await tx
        .update(proposals)
        .set({ status: 'retired', retiredReason: reason, retiredAt: new Date(), updatedAt: new Date() })
        .where(eq(proposals.id, id))
      if (p.status === 'published') await setItemStatus(tx, { kind: KIND, itemId: String(id) }, 'archived')
      const supporters = await supporterIds(tx, id)
      await notify(tx, {
        userIds: [...supporters, ...(await followerIds(tx, KIND, String(id)))].filter((u) => u !== actorId),
        kind: 'proposal_retired',
        title: { key: 'proposals.notice.retired_title', params: { title: p.title } },
        body: reason,
        href: href(id),
        dedupeKey: `proposal:${id}:retired`,
      })
      return { ok: true as const }
    }),
  )
}

export const ANSWER_LABEL: Record<ProposalAnswerKind, MessageKey> = {
  adopted: 'proposals.answer.adopted',
  partly_adopted: 'proposals.answer.partly_adopted',
  not_adopted: 'proposals.answer.not_adopted',
  already_planned: 'proposals.answer.already_planned',
  forwarded_to_council: 'proposals.answer.forwarded_to_council',
}

/** The college's answer: a report-back in the participation core, notices to supporters and followers. */
export async function answerProposal(
  id: number,
  actorId: string,
  input: { kind: ProposalAnswerKind; reasons: string; link?: string },
  db: Database = getDatabase().db,
): Promise<Result> {
  return forgettingCounts(
    db.transaction(async (tx) => {
      const p = await lock(tx, id)
      if (!p) return fail('form', 'errors.not_found')
      if (p.status !== 'in_progress') return fail('kind', 'proposals.errors.not_answerable')
      const now = new Date()
      await tx
        .update(proposals)
        .set({
          status: 'answered',
          answerKind: input.kind,
          answerReasons: input.reasons,
          answerLink: input.link || null,
          answeredAt: now,
          answeredBy: actorId,
        })
        .where(eq(proposals.id, id))
      const [item] = await tx
        .select({ id: participationItems.id })
        .from(participationItems)
        .where(and(eq(participationItems.kind, KIND), eq(participationItems.itemId, String(id))))
      const decision = translate('nl', ANSWER_LABEL[input.kind])
      if (item) {
        await publishReportBack(
          tx,
          item.id,
          { summary: input.reasons, decision, details: input.link ? [{ heading: 'Vervolg', text: input.link }] : [] },
          actorId,
        )
      }
      await notify(tx, {
        userIds: [...(await supporterIds(tx, id)), ...(await followerIds(tx, KIND, String(id))), ...(p.authorId ? [p.authorId] : [])],
        kind: 'proposal_answered',
        title: { key: 'proposals.notice.answered_title', params: { title: p.title } },
        body: {
          key: 'proposals.notice.answered_body',
          params: { decision: { key: ANSWER_LABEL[input.kind] }, reasons: input.reasons.slice(0, 300) },
        },
        href: href(id),
        dedupeKey: `proposal:${id}:answered`,
        emailSubject: { key: 'proposals.notice.answered_subject', params: { title: p.title.slice(0, 80) } },
      })
      const [geo] = await tx
        .select({ g: geometryAsGeoJson(proposals.location) })
        .from(proposals)
        .where(eq(proposals.id, id))
      await recordPublication(tx, {
        itemKind: KIND,
        itemId: String(id),
        event: 'answered',
        title: p.title,
        href: href(id),
        topic: 'proposals',
        geometry: geo?.g ? (JSON.parse(geo.g) as object) : null,
        areaCodes: p.wijkCode ? [p.wijkCode] : [],
      })
      return { ok: true as const }
    }),
  )
}
