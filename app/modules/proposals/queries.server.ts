import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm'
import {
  areas,
  proposalCommentLikes,
  proposalComments,
  proposalDocuments,
  proposalImages,
  proposals,
  proposalSupports,
  proposalScopes,
  users,
} from '~db/schema'
import type { Queryable } from '~db/client'
import { geometryAsGeoJson } from '~db/schema/geo'
import { getDatabase } from '~db/runtime'
import { hiddenReasons } from '~/modules/engagement/engagement.server'
import { COMMENT_KIND, KIND } from './basics.server'
import { keptValues } from '~/utils/kept-values.server'
import { cachedCount } from './list-counts.server'
import { PAGE_SIZE, type ListQuery } from './validation'

/** Markers around search matches from ts_headline; the component turns them into <mark> (React escapes the rest). */
import { MARK_END, MARK_START } from './validation'
export { MARK_END, MARK_START }

const PUBLIC_STATUSES = ['published', 'in_progress', 'answered', 'archived', 'retired'] as const

export interface ListRow {
  id: number
  title: string
  summary: string
  theme: string
  wijkCode: string | null
  wijkName: string | null
  status: string
  supportCount: number
  threshold: number | null
  windowEndsAt: string | null
  answerDeadline: string | null
  publishedAt: string | null
  /** The summary with matches between MARK_START and MARK_END, when searching. */
  headline: string | null
  hidden: boolean
}

/** The filters of the list (and of its map) as SQL over `proposals p`. Hidden proposals stay out. */
// For the list's loader: through this server module, so the page's browser code does not load zod.
export { parseListQuery } from './validation'

function listWhere(q: ListQuery) {
  const conditions: SQL[] = [
    q.status ? sql`p.status = ${q.status}` : sql`p.status in ('published', 'in_progress', 'answered', 'archived')`,
    sql`not exists (select 1 from hidden_content h where h.content_kind = ${KIND} and h.content_id = p.id::text)`,
  ]
  if (q.wijk === 'gemeente') conditions.push(sql`p.wijk_code is null`)
  else if (q.wijk) conditions.push(sql`p.wijk_code = ${q.wijk}`)
  if (q.theme) conditions.push(sql`p.theme = ${q.theme}`)
  const tsq = q.q ? sql`websearch_to_tsquery('dutch', ${q.q})` : null
  if (tsq) conditions.push(sql`p.search @@ ${tsq}`)
  const where = sql.join(conditions, sql` and `)
  return { where, tsq }
}

/** The list: filters, sorting, Dutch full-text search, pagination. */
export async function listProposals(q: ListQuery, db: Queryable = getDatabase().db) {
  const { where, tsq } = listWhere(q)
  // Each order matches an index (db/schema/proposals.ts) exactly, so a page is read, not sorted: `nulls
  // last` on the id as well, as drizzle-kit writes those indexes.
  const order = {
    newest: sql`p.published_at desc nulls last, p.id desc nulls last`,
    most_supported: sql`p.support_count desc nulls last, p.id desc nulls last`,
    closing_soon: sql`(p.status = 'published') desc, p.window_ends_at asc nulls last, p.id desc nulls last`,
    // Recent supports weigh more (last 7 days 4×, last 30 days 2×, older once): a column kept by each
    // support and withdrawal and by the tick proposals.hot as supports age (commands.server.ts).
    hot: sql`p.hot_score desc nulls last, p.id desc nulls last`,
  }[q.sort ?? 'newest']
  const rankOrder = tsq && !q.sort ? sql`ts_rank(p.search, ${tsq}) desc, ` : sql``
  const page = q.page ?? 1
  const headline = tsq
    ? sql`ts_headline('dutch', p.summary, ${tsq}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`})`
    : sql`null`
  const countKey = JSON.stringify([q.status ?? '', q.wijk ?? '', q.theme ?? '', q.q ?? ''])
  const [rowsResult, total] = await Promise.all([
    db.execute(sql`
      select p.id, p.title, p.summary, p.theme, p.wijk_code as "wijkCode", a.name as "wijkName", p.status,
             p.support_count as "supportCount", p.threshold, p.window_ends_at as "windowEndsAt",
             p.answer_deadline as "answerDeadline", p.published_at as "publishedAt", ${headline} as headline
      from proposals p left join areas a on a.code = p.wijk_code
      where ${where}
      order by ${rankOrder}${order}
      limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`),
    cachedCount(countKey, async () =>
      Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from proposals p where ${where}`))[0]?.n ?? 0),
    ),
  ])
  const rows = rowsOf<Record<string, unknown>>(rowsResult).map((r): ListRow => ({
    id: Number(r.id),
    title: String(r.title),
    summary: String(r.summary),
    theme: String(r.theme),
    wijkCode: (r.wijkCode as string) ?? null,
    wijkName: (r.wijkName as string) ?? null,
    status: String(r.status),
    supportCount: Number(r.supportCount),
    threshold: r.threshold === null ? null : Number(r.threshold),
    windowEndsAt: iso(r.windowEndsAt),
    answerDeadline: iso(r.answerDeadline),
    publishedAt: iso(r.publishedAt),
    headline: (r.headline as string) ?? null,
    hidden: false,
  }))
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) }
}

/** The proposals of the filtered list that have a place, for the map view: the newest 500 at most. */
export async function mapPoints(q: ListQuery, db: Queryable = getDatabase().db, limit = 500) {
  const { where } = listWhere(q)
  const rows = rowsOf<{ id: number; title: string; lon: number; lat: number }>(
    await db.execute(sql`
      select p.id, p.title, ST_X(p.location) as lon, ST_Y(p.location) as lat
      from proposals p
      where ${where} and p.location is not null
      order by p.published_at desc nulls last, p.id desc nulls last
      limit ${limit}`),
  )
  return rows.map((r) => ({ id: String(r.id), label: r.title, lat: Number(r.lat), lon: Number(r.lon), href: `/initiatieven/${r.id}` }))
}

function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null
  return new Date(v as string).toISOString()
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}

export async function getProposal(id: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [row] = await db
    .select({
      p: proposals,
      authorName: users.displayName,
      wijkName: areas.name,
      geo: geometryAsGeoJson(proposals.location),
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.authorId))
    .leftJoin(areas, eq(areas.code, proposals.wijkCode))
    .where(eq(proposals.id, id))
  if (!row) return null
  const hidden = (await hiddenReasons(db, KIND, [String(id)])).get(String(id)) ?? null
  return { ...row.p, authorName: row.authorName, wijkName: row.wijkName, geo: row.geo, hiddenReason: hidden }
}

export type ProposalDetail = NonNullable<Awaited<ReturnType<typeof getProposal>>>

export async function isSupporting(id: number, userId: string, db: Queryable = getDatabase().db) {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(proposalSupports)
    .where(and(eq(proposalSupports.proposalId, id), eq(proposalSupports.userId, userId)))
  return !!row
}

export async function countSupports(id: number, db: Queryable = getDatabase().db) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(proposalSupports)
    .where(eq(proposalSupports.proposalId, id))
  return Number(row?.n ?? 0)
}

export async function proposalImage(id: number, db: Queryable = getDatabase().db) {
  const [row] = await db.select().from(proposalImages).where(eq(proposalImages.proposalId, id))
  return row ?? null
}

export const documentHref = (proposalId: number, documentId: number) => `/initiatieven/${proposalId}/documenten/${documentId}`

/** The documents of a proposal without their content, oldest first, each with its download address. */
export async function documentsOf(proposalId: number, db: Queryable = getDatabase().db) {
  const rows = await db
    .select({
      id: proposalDocuments.id,
      title: proposalDocuments.title,
      filename: proposalDocuments.filename,
      size: proposalDocuments.size,
    })
    .from(proposalDocuments)
    .where(eq(proposalDocuments.proposalId, proposalId))
    .orderBy(asc(proposalDocuments.id))
  return rows.map((d) => ({ ...d, url: documentHref(proposalId, d.id) }))
}

export type DocumentView = Awaited<ReturnType<typeof documentsOf>>[number]

/** One document with its content, only as a document of this proposal. */
export async function documentFile(proposalId: number, documentId: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(documentId) || documentId <= 0) return null
  const [row] = await db
    .select()
    .from(proposalDocuments)
    .where(and(eq(proposalDocuments.id, documentId), eq(proposalDocuments.proposalId, proposalId)))
  return row ?? null
}

export async function draftsOf(userId: string, db: Queryable = getDatabase().db) {
  return db
    .select({ id: proposals.id, title: proposals.title })
    .from(proposals)
    .where(and(eq(proposals.authorId, userId), eq(proposals.status, 'draft')))
    .orderBy(desc(proposals.createdAt))
    .limit(50)
}

export interface CommentView {
  id: number
  parentId: number | null
  authorId: string | null
  authorName: string
  body: string | null
  hiddenReason: string | null
  createdAt: string
  edited: boolean
  likes: number
  replies: CommentView[]
}

/** Two-level threads; replies under their comment, oldest first. Hidden comments show the moderator's reason. */
export async function commentsOf(proposalId: number, sort: 'newest' | 'best', db: Queryable = getDatabase().db) {
  const rows = await db
    .select({
      id: proposalComments.id,
      parentId: proposalComments.parentId,
      authorId: proposalComments.authorId,
      authorName: users.displayName,
      body: proposalComments.body,
      createdAt: proposalComments.createdAt,
      editedAt: proposalComments.editedAt,
      likes: sql<number>`(select count(*)::int from ${proposalCommentLikes} l where l.comment_id = ${proposalComments.id})`,
    })
    .from(proposalComments)
    .leftJoin(users, eq(users.id, proposalComments.authorId))
    .where(eq(proposalComments.proposalId, proposalId))
    .orderBy(asc(proposalComments.createdAt), asc(proposalComments.id))
    .limit(1000)
  const hidden = await hiddenReasons(
    db,
    COMMENT_KIND,
    rows.map((r) => String(r.id)),
  )
  const views = new Map<number, CommentView>()
  for (const r of rows) {
    const reason = hidden.get(String(r.id)) ?? null
    views.set(r.id, {
      id: r.id,
      parentId: r.parentId,
      authorId: r.authorId,
      authorName: r.authorName ?? '—',
      body: reason ? null : r.body,
      hiddenReason: reason,
      createdAt: r.createdAt.toISOString(),
      edited: !!r.editedAt,
      likes: Number(r.likes),
      replies: [],
    })
  }
  const top: CommentView[] = []
  for (const v of views.values()) {
    if (v.parentId && views.has(v.parentId)) views.get(v.parentId)!.replies.push(v)
    else top.push(v)
  }
  top.sort((a, b) =>
    sort === 'best' ? b.likes - a.likes || b.createdAt.localeCompare(a.createdAt) : b.createdAt.localeCompare(a.createdAt),
  )
  return { comments: top, count: rows.length }
}

export async function commentById(id: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [row] = await db.select().from(proposalComments).where(eq(proposalComments.id, id))
  return row ?? null
}

export async function waitingForAnswer(db: Queryable = getDatabase().db) {
  return db
    .select({ id: proposals.id, title: proposals.title, supportCount: proposals.supportCount, answerDeadline: proposals.answerDeadline })
    .from(proposals)
    .where(eq(proposals.status, 'in_progress'))
    .orderBy(asc(proposals.answerDeadline))
    .limit(200)
}

export async function listScopes(db: Queryable = getDatabase().db) {
  return db
    .select({
      scope: proposalScopes.scope,
      threshold: proposalScopes.threshold,
      windowDays: proposalScopes.windowDays,
      minimumAge: proposalScopes.minimumAge,
      name: areas.name,
    })
    .from(proposalScopes)
    .leftJoin(areas, eq(areas.code, proposalScopes.scope))
    .orderBy(asc(proposalScopes.scope))
}

// The wijken change only by an import (npm run import:areas); the list's filter reads them once a minute.
const wijken = keptValues<{ code: string; name: string }[]>(60_000, 1)

export async function wijkOptions(db?: Queryable) {
  const read = () =>
    (db ?? getDatabase().db)
      .select({ code: areas.code, name: areas.name })
      .from(areas)
      .where(eq(areas.kind, 'wijk'))
      .orderBy(asc(areas.name))
  return db ? read() : wijken.get('wijk', read)
}

/** Public fields only: never the author's identity beyond the display name, never supporters. */
export async function apiList(filters: ListQuery) {
  const { rows, total, page, pages } = await listProposals(filters)
  return {
    total,
    page,
    pages,
    data: rows.map(({ headline: _h, hidden: _x, wijkName, ...r }) => ({ ...r, wijkName, url: `/initiatieven/${r.id}` })),
  }
}

export function publicView(p: ProposalDetail, documents: DocumentView[]) {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    theme: p.theme,
    wijkCode: p.wijkCode,
    wijkName: p.wijkName,
    status: p.status,
    supportCount: p.supportCount,
    threshold: p.threshold,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    windowEndsAt: p.windowEndsAt?.toISOString() ?? null,
    thresholdReachedAt: p.thresholdReachedAt?.toISOString() ?? null,
    answerDeadline: p.answerDeadline?.toISOString() ?? null,
    answer: p.answerKind
      ? { kind: p.answerKind, reasons: p.answerReasons, link: p.answerLink, answeredAt: p.answeredAt?.toISOString() ?? null }
      : null,
    location: p.geo ? (JSON.parse(p.geo) as object) : null,
    documents: documents.map((d) => ({ id: d.id, title: d.title, size: d.size, url: d.url })),
    url: `/initiatieven/${p.id}`,
  }
}

export { PUBLIC_STATUSES }
