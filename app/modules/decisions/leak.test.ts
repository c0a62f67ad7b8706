import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { LoaderFunction } from '@remix-run/node'
import { createUser } from '~db/factories/users'
import { alertPlaces } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { findResource, openApiDocument } from '~/modules/api.server'
import { runAlertsOnce } from '~/modules/alerts/worker.server'
import { follow } from '~/modules/engagement/engagement.server'
import { serverModules } from '~/modules/registry.server'
import { runTicks } from '~/utils/ticks.server'
import { recordDecision, releaseDue } from './commands.server'
import { searchDecisions } from './queries.server'

/*
 * The leak test of the register of non-public decisions: before release, a marker written in every part
 * of a secret decision's content appears in no public page, API answer, search index or result, alert,
 * notification, e-mail or sitemap. After release it appears — so the test can see it when it is there.
 */

const MARKER = 'Zwartkoplepelaar7731'
const marker = new RegExp(MARKER, 'i')
const vismarkt = { type: 'Point', coordinates: [6.5645, 53.2175] }

async function page(route: string, path: string, params: Record<string, string> = {}): Promise<string> {
  const mod = (await import(`../../routes/${route}.tsx`)) as { loader: LoaderFunction }
  const result = (await mod.loader({
    request: new Request(`http://localhost${path}`),
    params,
    context: { clientIp: '198.51.100.7' },
  })) as Response
  return result.text()
}

async function api(pathname: string): Promise<string> {
  const url = new URL(`http://localhost/api/v1${pathname}`)
  const found = findResource(url.pathname.replace('/api/v1', ''))
  if (!found) throw new Error(`no resource ${pathname}`)
  return JSON.stringify(await found.resource.handler({ params: found.params, query: url.searchParams, request: new Request(url) }))
}

/** Every row of the tables alerts, notifications and e-mail write to, as text, matched against the marker. */
async function leaksInTables(): Promise<string[]> {
  const { db } = getDatabase()
  const found: string[] = []
  for (const table of ['publications', 'alert_deliveries', 'notifications', 'outbound_emails', 'audit_log']) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} t where row_to_json(t)::text ilike ${`%${MARKER}%`}`),
    )
    if (Number(row?.n) > 0) found.push(table)
  }
  const [index] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from decisions where search::text ilike ${`%${MARKER.toLowerCase()}%`}`),
  )
  if (Number(index?.n) > 0) found.push('decisions.search')
  return found
}

describe('the secret content of a decision', () => {
  it('appears nowhere public before release, and everywhere it should after', async () => {
    const { db } = getDatabase()
    const follower = await createUser(db, { displayName: 'Volger' })
    const neighbour = await createUser(db, { displayName: 'Buur' })
    await db.insert(alertPlaces).values({
      userId: neighbour.id,
      kind: 'area',
      label: 'Binnenstad',
      areaCode: 'BU00140000',
      geom: sql`(select geom from areas where code = 'BU00140000')` as unknown as string,
      matchGeom: sql`(select geom from areas where code = 'BU00140000')` as unknown as string,
      topics: ['traffic', 'building'],
      channel: 'immediate',
      consentVersion: 'test',
      consentedAt: new Date(),
    })
    const until = new Date(Date.now() + 30 * 86_400_000)
    const secret = await recordDecision(db, null, {
      body: 'college',
      kind: 'decision',
      decidedOn: '2026-11-30',
      title: `Aankoop ${MARKER} aan de Vismarkt`,
      summary: `Het college koopt het pand ${MARKER} voor een fietsenstalling.`,
      fullText: `Volledige tekst over ${MARKER}.`,
      documentUrl: `https://example.invalid/${MARKER}.pdf`,
      theme: 'verkeer',
      locationLabel: `Vismarkt ${MARKER}`,
      geometry: vismarkt,
      links: [{ kind: 'consultation', itemId: '1' }],
      secret: { generalSubject: 'Grondzaken binnenstad', ground: 'woo_5_1_2_b', until, untilKind: 'ends' },
    })
    // A public decision at the same spot goes through the alerts engine next to it.
    await recordDecision(db, null, {
      body: 'raad',
      kind: 'decision',
      decidedOn: '2026-11-30',
      title: 'Bankjes op de Vismarkt',
      summary: 'Er komen bankjes op de Vismarkt.',
      theme: 'verkeer',
      geometry: vismarkt,
    })
    await follow(db, follower.id, 'decision', String(secret.id))
    // The clock runs (every module's ticks, the alerts pipeline) before the date.
    await runTicks(new Date(), undefined, () => {})
    await runAlertsOnce()

    const id = String(secret.id)
    const publicPages = {
      list: await page('besluiten._index', '/besluiten'),
      // The words a visitor typed come back in the search form; nothing else may hold the marker.
      searchMarker: (await page('besluiten._index', `/besluiten?q=${MARKER}`)).replace(`"q":"${MARKER}"`, '"q":""'),
      searchSubject: await page('besluiten._index', '/besluiten?q=Vismarkt'),
      detail: await page('besluiten.$id', `/besluiten/${id}`, { id }),
      register: await page('besluiten.geheim', '/besluiten/geheim'),
      sitemap: await page('besluiten.sitemap[.]xml', '/besluiten/sitemap.xml'),
    }
    const apiAnswers = {
      list: await api('/decisions?limit=500'),
      search: await api(`/decisions?q=${MARKER}`),
      one: await api(`/decisions/${id}`),
      register: await api('/decisions/secret'),
      openapi: JSON.stringify(openApiDocument('http://localhost/api/v1')),
    }
    for (const [name, text] of Object.entries({ ...publicPages, ...apiAnswers })) expect(text, name).not.toMatch(marker)
    // The register shows what the law allows.
    expect(publicPages.detail).toContain('Grondzaken binnenstad')
    expect(publicPages.detail).toContain('woo_5_1_2_b')
    expect(publicPages.register).toContain('Grondzaken binnenstad')
    expect(publicPages.sitemap).not.toContain(`/besluiten/${id}<`)
    expect((await searchDecisions({ q: MARKER, body: '', theme: '', wijk: '', from: '', to: '' })).total).toBe(0)
    expect(await leaksInTables()).toEqual([])
    // The anonymous micro-cache (decision 0107) keeps none of the register's pages.
    const cached = serverModules.flatMap((m) => m.cachedPages ?? [])
    for (const path of ['/besluiten', `/besluiten/${id}`, '/besluiten/geheim', '/besluiten/sitemap.xml'])
      expect(
        cached.some((re) => re.test(path)),
        path,
      ).toBe(false)

    // The clock passes the date: now it is public everywhere it should be.
    expect(await releaseDue(new Date(until.getTime() + 1000), db)).toBe(1)
    await runAlertsOnce()
    expect(await page('besluiten.$id', `/besluiten/${id}`, { id })).toMatch(marker)
    expect(await api(`/decisions/${id}`)).toMatch(marker)
    expect(await page('besluiten.sitemap[.]xml', '/besluiten/sitemap.xml')).toContain(`/besluiten/${id}<`)
    expect((await searchDecisions({ q: MARKER, body: '', theme: '', wijk: '', from: '', to: '' })).total).toBe(1)
    expect(await leaksInTables()).toEqual(expect.arrayContaining(['publications', 'notifications', 'outbound_emails', 'decisions.search']))
    const [alert] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from alert_deliveries where user_id = ${neighbour.id} and item_id = ${id}`),
    )
    expect(Number(alert?.n)).toBe(1)
  })
})
