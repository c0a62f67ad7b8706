import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm'
import { areas, decisionEvents, decisionLinks, decisions, decisionSecrets, participationItems, reportBacks } from '~db/schema'
import { geometryAsGeoJson } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { DECISION_LIMITS, type SearchFilters } from './validation'

/*
 * Reading the register. Public readers go through `searchDecisions`, `publicDecision`, `secretRegister`
 * and `sitemapEntries`, which read `decisions` only — the table that never holds the content of a secret
 * decision. Only `staffDecision` reads `decision_secrets`.
 */

/** Highlight markers: control characters no text contains, turned into <mark> by the page (never raw HTML). */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

const query = (q: string) => sql`websearch_to_tsquery('dutch', ${q})`

function filterConditions(f: Omit<SearchFilters, 'page'>): SQL[] {
  const where: SQL[] = [eq(decisions.status, 'public')]
  if (f.q) where.push(sql`${decisions.search} @@ ${query(f.q)}`)
  if (f.body) where.push(eq(decisions.body, f.body))
  if (f.theme) where.push(eq(decisions.theme, f.theme))
  if (f.from) where.push(gte(decisions.decidedOn, f.from))
  if (f.to) where.push(lte(decisions.decidedOn, f.to))
  if (f.wijk)
    where.push(
      or(
        eq(decisions.areaCode, f.wijk),
        sql`${decisions.areaCode} in (select code from areas where parent_code = ${f.wijk})`,
        sql`${decisions.geom} is not null and ST_Intersects(${decisions.geom}, (select geom from areas where code = ${f.wijk}))`,
      )!,
    )
  return where
}

/** Public decisions matching the search, best first (or newest first without words), with highlights. */
export async function searchDecisions(
  f: Omit<SearchFilters, 'page'>,
  options: { limit?: number; offset?: number } = {},
  db: Queryable = getDatabase().db,
) {
  const where = and(...filterConditions(f))
  const limit = Math.min(options.limit ?? DECISION_LIMITS.pageSize, 500)
  // The title whole (HighlightAll), the summary in at most two fragments around the words found.
  const headline = (text: SQL, whole: boolean) =>
    f.q
      ? sql<string>`ts_headline('dutch', ${text}, ${query(f.q)}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, ${whole ? 'HighlightAll=true' : 'MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'}`})`
      : sql<string>`${text}`
  const rows = await db
    .select({
      id: decisions.id,
      title: decisions.title,
      body: decisions.body,
      kind: decisions.kind,
      decidedOn: decisions.decidedOn,
      theme: decisions.theme,
      areaCode: decisions.areaCode,
      areaName: areas.name,
      releasedAt: decisions.releasedAt,
      titleHighlight: headline(sql`${decisions.title}`, true),
      excerpt: headline(sql`coalesce(${decisions.summary}, '')`, false),
    })
    .from(decisions)
    .leftJoin(areas, eq(areas.code, decisions.areaCode))
    .where(where)
    .orderBy(...(f.q ? [sql`ts_rank(${decisions.search}, ${query(f.q)}) desc`] : []), desc(decisions.decidedOn), desc(decisions.id))
    .limit(limit)
    .offset(options.offset ?? 0)
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(decisions)
    .where(where)
  return { rows, total: Number(count?.n ?? 0) }
}

export type SearchRow = Awaited<ReturnType<typeof searchDecisions>>['rows'][number]

async function historyOf(id: number, db: Queryable) {
  return db
    .select({
      kind: decisionEvents.kind,
      at: decisionEvents.at,
      ground: decisionEvents.ground,
      until: decisionEvents.until,
      relatedDecisionId: decisionEvents.relatedDecisionId,
      note: decisionEvents.note,
    })
    .from(decisionEvents)
    .where(eq(decisionEvents.decisionId, id))
    .orderBy(asc(decisionEvents.at), asc(decisionEvents.id))
}

/** The Stem items a decision answers to, with their titles and pages when the item is known. */
async function linksOf(id: number, db: Queryable) {
  const links = await db
    .select({ kind: decisionLinks.itemKind, itemId: decisionLinks.itemId, title: participationItems.title, href: participationItems.href })
    .from(decisionLinks)
    .leftJoin(
      participationItems,
      and(eq(participationItems.kind, decisionLinks.itemKind), eq(participationItems.itemId, decisionLinks.itemId)),
    )
    .where(eq(decisionLinks.decisionId, id))
    .orderBy(decisionLinks.itemKind, decisionLinks.itemId)
  return links
}

/** The register's fields of a secret decision: what the law lets everyone see, nothing more. */
const registerColumns = {
  id: decisions.id,
  body: decisions.body,
  kind: decisions.kind,
  decidedOn: decisions.decidedOn,
  subject: decisions.title,
  ground: decisions.secretGround,
  until: decisions.secretUntil,
  untilKind: decisions.secretUntilKind,
}

/**
 * One decision as the public may see it: everything when public; only the register's fields when secret.
 * The secret branch selects named columns of `decisions` only, so nothing else can slip in.
 */
export async function publicDecision(id: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [status] = await db.select({ status: decisions.status }).from(decisions).where(eq(decisions.id, id))
  if (!status) return null
  const history = await historyOf(id, db)
  if (status.status === 'secret') {
    const [row] = await db.select(registerColumns).from(decisions).where(eq(decisions.id, id))
    return { status: 'secret' as const, ...row!, history }
  }
  const [row] = await db
    .select({
      id: decisions.id,
      reference: decisions.reference,
      body: decisions.body,
      kind: decisions.kind,
      decidedOn: decisions.decidedOn,
      title: decisions.title,
      summary: decisions.summary,
      fullText: decisions.fullText,
      documentUrl: decisions.documentUrl,
      theme: decisions.theme,
      areaCode: decisions.areaCode,
      areaName: areas.name,
      locationLabel: decisions.locationLabel,
      geometry: geometryAsGeoJson(decisions.geom, 6),
      ground: decisions.secretGround,
      until: decisions.secretUntil,
      generalSubject: decisions.generalSubject,
      releasedAt: decisions.releasedAt,
      prolongsDecisionId: decisions.prolongsDecisionId,
      reportBackId: reportBacks.id,
      reportBackSummary: reportBacks.summary,
      reportBackItemTitle: participationItems.title,
      reportBackItemHref: participationItems.href,
    })
    .from(decisions)
    .leftJoin(areas, eq(areas.code, decisions.areaCode))
    .leftJoin(reportBacks, eq(reportBacks.id, decisions.answersReportBackId))
    .leftJoin(participationItems, eq(participationItems.id, reportBacks.participationItemId))
    .where(eq(decisions.id, id))
  return {
    status: 'public' as const,
    ...row!,
    geometry: row!.geometry ? (JSON.parse(row!.geometry) as { type: string; coordinates: unknown }) : null,
    links: await linksOf(id, db),
    history,
  }
}

export type PublicDecision = NonNullable<Awaited<ReturnType<typeof publicDecision>>>

/** The register of non-public decisions: still secret, soonest end first. */
export async function secretRegister(db: Queryable = getDatabase().db) {
  return db
    .select(registerColumns)
    .from(decisions)
    .where(eq(decisions.status, 'secret'))
    .orderBy(asc(decisions.secretUntil), asc(decisions.id))
}

/** Released earlier: the register shows these too, so the public sees the promise kept. */
export async function recentlyReleased(limit = 20, db: Queryable = getDatabase().db) {
  return db
    .select({
      id: decisions.id,
      title: decisions.title,
      body: decisions.body,
      ground: decisions.secretGround,
      releasedAt: decisions.releasedAt,
    })
    .from(decisions)
    .where(and(eq(decisions.status, 'public'), sql`${decisions.releasedAt} is not null`))
    .orderBy(desc(decisions.releasedAt))
    .limit(limit)
}

/** Addresses for the sitemap: public decisions only (a secret decision's page shows only the register). */
export async function sitemapEntries(db: Queryable = getDatabase().db) {
  return db
    .select({ id: decisions.id, decidedOn: decisions.decidedOn, releasedAt: decisions.releasedAt })
    .from(decisions)
    .where(eq(decisions.status, 'public'))
    .orderBy(desc(decisions.id))
    .limit(50_000)
}

/** Staff: the list, with secret ones marked. */
export async function staffList(db: Queryable = getDatabase().db) {
  return db
    .select({
      id: decisions.id,
      title: decisions.title,
      body: decisions.body,
      kind: decisions.kind,
      decidedOn: decisions.decidedOn,
      status: decisions.status,
      until: decisions.secretUntil,
    })
    .from(decisions)
    .orderBy(desc(decisions.createdAt), desc(decisions.id))
    .limit(200)
}

/** Staff: one decision with the content of a secret one. */
export async function staffDecision(id: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [row] = await db.select().from(decisions).where(eq(decisions.id, id))
  if (!row) return null
  const [secret] =
    row.status === 'secret'
      ? await db
          .select({
            title: decisionSecrets.title,
            summary: decisionSecrets.summary,
            fullText: decisionSecrets.fullText,
            documentUrl: decisionSecrets.documentUrl,
            theme: decisionSecrets.theme,
            areaCode: decisionSecrets.areaCode,
            locationLabel: decisionSecrets.locationLabel,
            links: decisionSecrets.links,
          })
          .from(decisionSecrets)
          .where(eq(decisionSecrets.decisionId, id))
      : []
  const { search: _s, geom: _g, ...fields } = row
  return { ...fields, secret: secret ?? null, links: await linksOf(id, db), history: await historyOf(id, db) }
}

/** Wijken for the search filter. */
export async function wijkOptions(db: Queryable = getDatabase().db) {
  return db.select({ code: areas.code, name: areas.name }).from(areas).where(eq(areas.kind, 'wijk')).orderBy(asc(areas.name))
}

/** Public decisions linked to a Stem item (for a module that wants to show "what was decided"). */
export async function decisionsForItem(kind: string, itemId: string, db: Queryable = getDatabase().db) {
  return db
    .select({ id: decisions.id, title: decisions.title, decidedOn: decisions.decidedOn })
    .from(decisionLinks)
    .innerJoin(decisions, eq(decisions.id, decisionLinks.decisionId))
    .where(and(eq(decisionLinks.itemKind, kind), inArray(decisionLinks.itemId, [itemId]), eq(decisions.status, 'public')))
    .orderBy(desc(decisions.decidedOn))
}
