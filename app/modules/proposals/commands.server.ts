import { and, eq, inArray, lt, sql } from 'drizzle-orm'
import {
  participationItems,
  proposalCommentLikes,
  proposalComments,
  proposalDocuments,
  proposalImages,
  proposalScopes,
  proposals,
  proposalSupports,
  type Proposal,
  type ProposalAnswerKind,
} from '~db/schema'
import type { Database, Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { geometryAsGeoJson, pointFromLonLat } from '~db/schema/geo'
import { findAddress } from '~/modules/areas/queries.server'
import { followerIds, follow, notify, recordPublication, unfollow } from '~/modules/engagement/engagement.server'
import { publishReportBack, registerItem, saveDeclaration, setItemStatus } from '~/modules/participation/queries.server'
import { formatDate } from '~/modules/participation/declaration'
import { translate, type MessageKey } from '~/utils/i18n'
import type { FieldErrors } from '~/utils/forms'
import { forgettingCounts } from './list-counts.server'
import { renderMarkdown } from './markdown.server'
import { ANSWER_WEEKS, COMMENT_EDIT_MINUTES, LIMITS, type ProposalInput } from './validation'
import { amsterdamDay } from '~/utils/time'
import { audit } from '~/utils/audit.server'

/*
 * Every change to a proposal, each in one transaction. Counting is done under a row lock on the proposal
 * (SELECT … FOR UPDATE), with the unique key (proposal_id, user_id) on supports: the count is exact under
 * any concurrency, and the threshold is crossed exactly once.
 */

export const KIND = 'proposal'
export const COMMENT_KIND = 'proposal_comment'
export const href = (id: number | string) => `/initiatieven/${id}`
const DAY = 86_400_000

export type Result<T = object> = ({ ok: true } & T) | { ok: false; errors: FieldErrors }
const fail = (field: string, key: MessageKey): { ok: false; errors: FieldErrors } => ({ ok: false, errors: { [field]: key } })

export interface ScopeRule {
  threshold: number
  windowDays: number
  minimumAge: number
}

/** Defaults when staff have configured nothing: no population data, so a fixed number per wijk. */
export const DEFAULT_SCOPES: Record<'gemeente' | 'wijk', ScopeRule> = {
  gemeente: { threshold: 1000, windowDays: 180, minimumAge: 16 },
  wijk: { threshold: 100, windowDays: 120, minimumAge: 16 },
}

/** The rule for a wijk (its own row, else the `wijk` default) or for the whole city. */
export async function scopeRule(db: Queryable, wijkCode: string | null): Promise<ScopeRule> {
  const keys = wijkCode ? [wijkCode, 'wijk'] : ['gemeente']
  const rows = await db.select().from(proposalScopes).where(inArray(proposalScopes.scope, keys))
  const row = rows.find((r) => r.scope === keys[0]) ?? rows.find((r) => r.scope === keys[1])
  if (row) return { threshold: row.threshold, windowDays: row.windowDays, minimumAge: row.minimumAge }
  return DEFAULT_SCOPES[wijkCode ? 'wijk' : 'gemeente']
}

/** Staff set the rule of a scope; the change is audited in the same transaction. */
export async function configureScope(actorId: string, scope: string, input: ScopeRule, db: Database = getDatabase().db) {
  await db.transaction(async (tx) => {
    await saveScope(tx, scope, input, actorId)
    await audit(tx, { actorId, action: 'proposal_scope_saved', detail: { scope, ...input } })
  })
}

/** Following a proposal, or no longer. */
export async function setFollowing(userId: string, id: number, on: boolean, db: Queryable = getDatabase().db) {
  if (on) await follow(db, userId, KIND, String(id))
  else await unfollow(db, userId, KIND, String(id))
}

export async function saveScope(db: Queryable, scope: string, input: ScopeRule, actorId: string) {
  const rule = { threshold: input.threshold, windowDays: input.windowDays, minimumAge: input.minimumAge }
  await db
    .insert(proposalScopes)
    .values({ scope, ...rule, updatedBy: actorId })
    .onConflictDoUpdate({ target: proposalScopes.scope, set: { ...rule, updatedBy: actorId, updatedAt: new Date() } })
}

/** The sentence of the weighing declaration, generated from the threshold and the window. */
export function declarationSentence(threshold: number, windowEndsAt: Date) {
  return translate('nl', 'proposals.declaration', { n: threshold, date: formatDate(windowEndsAt, 'nl'), weeks: ANSWER_WEEKS })
}

/** The weighing declaration of a proposal: the college advises, and answers by `reportBackBy`. */
function proposalDeclaration(threshold: number, windowEndsAt: Date, reportBackBy: Date) {
  return {
    level: 'adviseren' as const,
    decidedBy: 'college',
    decisionExpectedOn: null,
    usedFor: declarationSentence(threshold, windowEndsAt),
    bindingRule: null,
    reportBackBy: isoDay(reportBackBy),
  }
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

async function lock(tx: Queryable, id: number): Promise<Proposal | null> {
  const [row] = await tx.select().from(proposals).where(eq(proposals.id, id)).for('update')
  return row ?? null
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

const isoDay = amsterdamDay

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

async function supporterIds(db: Queryable, id: number) {
  const rows = await db.select({ userId: proposalSupports.userId }).from(proposalSupports).where(eq(proposalSupports.proposalId, id))
  return rows.map((r) => r.userId)
}

export type SupportOutcome = { ok: true; counted: boolean; reached: boolean; count: number } | { ok: false; reason: 'closed' | 'not_found' }

/**
 * One support per person, counted under the proposal's row lock. Reaching the threshold moves the
 * proposal to "in behandeling" with an answer deadline, in the same transaction, exactly once.
 */
export async function supportProposal(
  id: number,
  userId: string,
  db: Database = getDatabase().db,
  now = new Date(),
): Promise<SupportOutcome> {
  return forgettingCounts(
    db.transaction(async (tx) => {
      const p = await lock(tx, id)
      if (!p) return { ok: false as const, reason: 'not_found' as const }
      if (p.status !== 'published' || (p.windowEndsAt && p.windowEndsAt <= now)) return { ok: false as const, reason: 'closed' as const }
      const inserted = await tx
        .insert(proposalSupports)
        .values({ proposalId: id, userId })
        .onConflictDoNothing()
        .returning({ userId: proposalSupports.userId })
      if (!inserted.length) return { ok: true as const, counted: false, reached: false, count: p.supportCount }
      const count = p.supportCount + 1
      const reached = p.threshold !== null && count >= p.threshold
      const answerDeadline = new Date(now.getTime() + ANSWER_WEEKS * 7 * DAY)
      await tx
        .update(proposals)
        .set({
          supportCount: sql`${proposals.supportCount} + 1`,
          hotScore: sql`${proposals.hotScore} + ${HOT_WEIGHT_NEW}`,
          ...(reached ? { status: 'in_progress' as const, thresholdReachedAt: now, answerDeadline } : {}),
        })
        .where(eq(proposals.id, id))
      await follow(tx, userId, KIND, String(id))
      if (reached) await thresholdReached(tx, p, count, answerDeadline, now)
      return { ok: true as const, counted: true, reached, count }
    }),
    (outcome) => outcome.ok && outcome.reached,
  )
}

async function thresholdReached(tx: Queryable, p: Proposal, count: number, answerDeadline: Date, now: Date) {
  const ref = { kind: KIND, itemId: String(p.id) }
  const [item] = await tx
    .update(participationItems)
    .set({ status: 'closed', closesAt: now })
    .where(and(eq(participationItems.kind, ref.kind), eq(participationItems.itemId, ref.itemId)))
    .returning({ id: participationItems.id })
  if (item) {
    await saveDeclaration(
      tx,
      item.id,
      proposalDeclaration(p.threshold!, p.windowEndsAt ?? now, answerDeadline),
      null,
      translate('nl', 'proposals.declaration_reached', { n: count, date: formatDate(answerDeadline, 'nl') }),
    )
  }
  await notify(tx, {
    userIds: [...(await supporterIds(tx, p.id)), ...(await followerIds(tx, KIND, String(p.id)))],
    kind: 'proposal_threshold',
    title: { key: 'proposals.notice.threshold_title', params: { title: p.title } },
    body: { key: 'proposals.notice.threshold_body', params: { n: count, date: { date: amsterdamDay(answerDeadline) } } },
    href: href(p.id),
    dedupeKey: `proposal:${p.id}:threshold`,
    emailSubject: { key: 'proposals.notice.threshold_subject' },
  })
}

/** Withdrawing, until the threshold is reached; counted under the same lock. */
export async function withdrawSupport(id: number, userId: string, db: Database = getDatabase().db): Promise<SupportOutcome> {
  return db.transaction(async (tx) => {
    const p = await lock(tx, id)
    if (!p) return { ok: false as const, reason: 'not_found' as const }
    if (p.status !== 'published') return { ok: false as const, reason: 'closed' as const }
    const deleted = await tx
      .delete(proposalSupports)
      .where(and(eq(proposalSupports.proposalId, id), eq(proposalSupports.userId, userId)))
      .returning({ createdAt: proposalSupports.createdAt })
    if (!deleted.length) return { ok: true as const, counted: false, reached: false, count: p.supportCount }
    await tx
      .update(proposals)
      .set({
        supportCount: sql`${proposals.supportCount} - 1`,
        hotScore: sql`greatest(0, ${proposals.hotScore} - ${hotWeight(deleted[0]!.createdAt, new Date())})`,
      })
      .where(eq(proposals.id, id))
    return { ok: true as const, counted: true, reached: false, count: p.supportCount - 1 }
  })
}

/*
 * The "hot" order: a support counts once, in its first 30 days twice, in its first 7 days four times.
 * proposals.hot_score holds that sum; a support adds HOT_WEIGHT_NEW, a withdrawal takes its weight off,
 * and the tick below recomputes, exactly, the proposals of which a support crossed the 7- or 30-day mark
 * since the last run (all proposals at the first run of a process). The list then reads the order from
 * an index instead of counting the recent supports of every proposal on every request.
 */
export const HOT_DAYS = { recent: 7, month: 30 } as const
export const HOT_WEIGHT_NEW = 4

export function hotWeight(supportedAt: Date, now: Date): number {
  const age = now.getTime() - supportedAt.getTime()
  return 1 + (age < HOT_DAYS.recent * DAY ? 2 : 0) + (age < HOT_DAYS.month * DAY ? 1 : 0)
}

let hotLastRun: Date | undefined

/**
 * Recomputes hot_score for the proposals with a support that crossed a mark in (since, now], or for all
 * when `since` is undefined. The rows are locked first (in id order), so that the sum is computed after
 * any support that was counting at the same time; rows already right are not written.
 */
export async function refreshHotScores(db: Database, now = new Date(), since?: Date): Promise<number> {
  // ISO strings with a cast: raw SQL parameters do not take Date objects on every driver.
  const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`
  const recent = at(now.getTime() - HOT_DAYS.recent * DAY)
  const month = at(now.getTime() - HOT_DAYS.month * DAY)
  const scope = since
    ? sql`p.id in (select s.proposal_id from proposal_supports s
                   where (s.created_at > ${at(since.getTime() - HOT_DAYS.recent * DAY)} and s.created_at <= ${recent})
                      or (s.created_at > ${at(since.getTime() - HOT_DAYS.month * DAY)} and s.created_at <= ${month}))`
    : sql`true`
  return db.transaction(async (tx) => {
    await tx.execute(sql`select p.id from proposals p where ${scope} order by p.id for update`)
    const result = await tx.execute(sql`
      update proposals p set hot_score = p.support_count + r.extra
      from (select p.id,
                   coalesce((select 2 * count(*) filter (where s.created_at > ${recent}) + count(*)
                             from proposal_supports s where s.proposal_id = p.id and s.created_at > ${month}), 0)::int as extra
            from proposals p where ${scope}) r
      where r.id = p.id and p.hot_score <> p.support_count + r.extra
      returning p.id`)
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows).length
  })
}

/** The tick: the marks crossed since this process's last run (with a minute's overlap), or everything at start. */
export async function hotTick(db: Database, now = new Date()): Promise<number> {
  const since = hotLastRun ? new Date(hotLastRun.getTime() - 60_000) : undefined
  const n = await refreshHotScores(db, now, since)
  hotLastRun = now
  return n
}

/** Proposals whose window ended unmet are archived (still readable). Cheap: an index on (status, window_ends_at). */
export async function archiveExpired(db: Database, now = new Date()): Promise<number> {
  return forgettingCounts(
    db.transaction(async (tx) => {
      const rows = await tx
        .update(proposals)
        .set({ status: 'archived', archivedAt: now })
        .where(and(eq(proposals.status, 'published'), lt(proposals.windowEndsAt, now)))
        .returning({ id: proposals.id, title: proposals.title, authorId: proposals.authorId, supporters: proposals.supportCount })
      // The loop closed: the author and every supporter hear that it ended below its threshold (once).
      for (const p of rows) {
        await notify(tx, {
          userIds: [...(await supporterIds(tx, p.id)), ...(p.authorId ? [p.authorId] : [])],
          kind: 'proposal_below_threshold',
          title: { key: 'proposals.notice.below_threshold_title', params: { title: p.title } },
          body: { key: 'proposals.notice.below_threshold_body', params: { n: p.supporters } },
          href: href(p.id),
          dedupeKey: `proposal:${p.id}:below_threshold`,
          emailSubject: { key: 'proposals.notice.below_threshold_subject', params: { title: p.title.slice(0, 80) } },
        })
      }
      if (rows.length) {
        await tx
          .update(participationItems)
          .set({ status: 'archived' })
          .where(
            and(
              eq(participationItems.kind, KIND),
              inArray(
                participationItems.itemId,
                rows.map((r) => String(r.id)),
              ),
            ),
          )
      }
      return rows.length
    }),
    (archived) => archived > 0,
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

// ——— Comments ———

export async function addComment(
  proposalId: number,
  authorId: string,
  body: string,
  parentId?: number | null,
  db: Database = getDatabase().db,
): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    if (parentId) {
      const [parent] = await tx.select().from(proposalComments).where(eq(proposalComments.id, parentId))
      // Two levels: replies go to a top-level comment of the same proposal.
      if (!parent || parent.proposalId !== proposalId || parent.parentId !== null) return fail('body', 'proposals.errors.reply_invalid')
    }
    const [row] = await tx
      .insert(proposalComments)
      .values({ proposalId, authorId, body, parentId: parentId || null })
      .returning({ id: proposalComments.id })
    return { ok: true as const, id: row!.id }
  })
}

export async function editComment(
  commentId: number,
  authorId: string,
  body: string,
  db: Database = getDatabase().db,
  now = new Date(),
): Promise<Result> {
  const [row] = await db.select().from(proposalComments).where(eq(proposalComments.id, commentId))
  if (!row || row.authorId !== authorId) return fail('body', 'errors.not_found')
  if (now.getTime() - row.createdAt.getTime() > COMMENT_EDIT_MINUTES * 60_000) return fail('body', 'proposals.errors.edit_window')
  await db.update(proposalComments).set({ body, editedAt: now }).where(eq(proposalComments.id, commentId))
  return { ok: true }
}

export async function likeComment(commentId: number, userId: string, db: Database = getDatabase().db) {
  await db.insert(proposalCommentLikes).values({ commentId, userId }).onConflictDoNothing()
}
