import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { createUser } from '~db/factories/users'
import { decisionEvents, decisions, notifications, outboundEmails, publications } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { findResource } from '~/modules/api.server'
import { follow, recentNotifications } from '~/modules/engagement/engagement.server'
import { importDecisions, prolongSecrecy, recordDecision, releaseDue, type DecisionRecord } from './commands.server'
import { publicDecision, searchDecisions, secretRegister } from './queries.server'
import { decisionsServer } from './manifest.server'
import type { SearchFilters } from './validation'

const noFilters: Omit<SearchFilters, 'page'> = { q: '', body: '', theme: '', wijk: '', from: '', to: '' }
const vismarkt = { type: 'Point', coordinates: [6.5645, 53.2175] }

const base: DecisionRecord = {
  body: 'raad',
  kind: 'decision',
  decidedOn: '2026-11-20',
  title: 'De herinrichting van de Vismarkt',
  summary: 'De raad besluit de Vismarkt opnieuw in te richten, met meer bomen en bankjes.',
  fullText: 'Besluit: de Vismarkt wordt heringericht.',
  theme: 'verkeer',
  geometry: vismarkt,
  locationLabel: 'Vismarkt',
}

async function api(pathname: string) {
  const url = new URL(`http://localhost/api/v1${pathname}`)
  const found = findResource(url.pathname.replace('/api/v1', ''))
  if (!found) throw new Error(`no resource ${pathname}`)
  return found.resource.handler({ params: found.params, query: url.searchParams, request: new Request(url) })
}

describe('decisions', () => {
  it('imports CSV row by row: one bad row is reported in Dutch, the rest kept, nothing twice', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const csv = [
      'kenmerk,orgaan,soort,datum,titel,samenvatting,thema,gebied,lat,lon',
      'CSV-B1,college,decision,2026-10-01,Nieuwe fietsenstalling Stationsweg,Het college bouwt een stalling voor 500 fietsen bij het station.,verkeer,,53.2105,6.5680',
      'CSV-B2,raad,decision,2026-10-02,Begroting 2027,De raad stelt de begroting voor 2027 vast met extra geld voor wijken.,financien,WK001400,,',
      'CSV-B3,raad,decision,gisteren,Geen datum,Deze regel mist een geldige datum van het besluit.,,,,',
      'CSV-B4,kabinet,decision,2026-10-03,Fout orgaan,Deze regel heeft een orgaan dat niet bestaat.,,,,',
    ].join('\n')
    const report = await importDecisions(staff.id, csv)
    expect(report.imported).toBe(2)
    expect(report.errors.map((e) => e.row)).toEqual([3, 4])
    expect(report.errors[0]!.reason).toMatch(/^Datum besluit: .*datum/)
    expect(report.errors[1]!.reason).toContain('Kies wie het besluit nam')
    const again = await importDecisions(staff.id, csv)
    expect(again.imported).toBe(0)
    expect(again.errors.filter((e) => e.reason.includes('kenmerk'))).toHaveLength(2)
    const [stalling] = await db.select().from(decisions).where(eq(decisions.reference, 'CSV-B1'))
    expect(stalling).toMatchObject({ body: 'college', status: 'public', theme: 'verkeer' })
    // A decision with a place enters the alerts engine like a notice; a city-wide one only by its area.
    const pubs = await db.select().from(publications).where(eq(publications.itemKind, 'decision'))
    expect(pubs.map((p) => p.topic).sort()).toEqual(['budgets', 'traffic'])
  })

  it('imports Open Raadsinformatie records (the Elasticsearch answer): motion, agenda item, document; a meeting is refused', async () => {
    const text = readFileSync(path.join(__dirname, 'fixtures/ori-elastic-response.json'), 'utf8')
    const report = await importDecisions(null, text)
    expect(report.imported).toBe(3)
    expect(report.errors).toEqual([{ row: 4, reason: 'Dit is een vergadering, geen besluit.' }])
    const { db } = getDatabase()
    const rows = await db
      .select()
      .from(decisions)
      .where(sql`${decisions.reference} like 'ori:991%'`)
      .orderBy(decisions.reference)
    expect(rows.map((r) => [r.reference, r.kind, r.decidedOn])).toEqual([
      ['ori:99100001', 'motion', '2026-10-14'],
      ['ori:99100002', 'decision', '2026-10-28'],
      ['ori:99100003', 'decision', '2026-11-04'],
    ])
    expect(rows[2]).toMatchObject({
      body: 'college',
      areaCode: 'WK001400',
      documentUrl: 'https://example.invalid/documenten/besluitenlijst-college-selwerd.pdf',
    })
    expect(rows[2]!.fullText).toContain('waterspeelplek')
    const found = await searchDecisions({ ...noFilters, q: 'speeltuinen Selwerd' })
    expect(found.rows.map((r) => r.id)).toEqual([rows[2]!.id])
  })

  it('searches in Dutch with stemming, highlights and filters', async () => {
    const { db } = getDatabase()
    const square = await recordDecision(db, null, base)
    await recordDecision(db, null, {
      ...base,
      body: 'college',
      decidedOn: '2025-03-01',
      title: 'Markten op zondag',
      summary: 'Het college staat een zondagsmarkt toe op de Grote Markt.',
      fullText: null,
      theme: 'economie',
      geometry: null,
      areaCode: 'WK001404',
    })
    // "herinrichten" finds "herinrichting" (Dutch stemming); the words come back marked.
    const found = await searchDecisions({ ...noFilters, q: 'herinrichten vismarkt' })
    expect(found.rows.map((r) => r.id)).toContain(square.id)
    const hit = found.rows.find((r) => r.id === square.id)!
    expect(hit.titleHighlight).toContain('\u0002herinrichting\u0003')
    // The title comes back whole, only marked.
    expect(hit.titleHighlight.replaceAll('\u0002', '').replaceAll('\u0003', '')).toBe(base.title)
    expect(hit.excerpt).toContain('\u0002Vismarkt\u0003')
    // websearch syntax: a word excluded.
    expect((await searchDecisions({ ...noFilters, q: 'vismarkt -bomen' })).rows.map((r) => r.id)).not.toContain(square.id)
    const filters = async (f: Partial<Omit<SearchFilters, 'page'>>) =>
      (await searchDecisions({ ...noFilters, ...f })).rows.map((r) => r.title).filter((t) => t === base.title || t === 'Markten op zondag')
    expect(await filters({ body: 'college' })).toEqual(['Markten op zondag'])
    expect(await filters({ theme: 'verkeer' })).toEqual([base.title])
    expect(await filters({ from: '2026-01-01', to: '2026-12-31' })).toEqual([base.title])
    // Wijk: by its code, and by a place inside it (the Vismarkt lies in Centrum, WK001400).
    expect(await filters({ wijk: 'WK001404' })).toEqual(['Markten op zondag'])
    expect(await filters({ wijk: 'WK001400' })).toEqual([base.title])
  })

  it('releases a secret decision on its date: content public, followers mailed, residents near it alerted, history', async () => {
    const { db } = getDatabase()
    const follower = await createUser(db, { displayName: 'Volger' })
    const until = new Date('2027-01-15T09:00:00Z')
    const secret = await recordDecision(db, null, {
      ...base,
      title: 'Aankoop Vismarkt 40',
      summary: 'Het college koopt het pand Vismarkt 40 voor een stalling.',
      secret: { generalSubject: 'Grondzaken binnenstad', ground: 'woo_5_1_2_b', until, untilKind: 'ends' },
      links: [{ kind: 'consultation', itemId: '999' }],
    })
    await follow(db, follower.id, 'decision', String(secret.id))
    const before = await publicDecision(secret.id)
    expect(before).toMatchObject({ status: 'secret', subject: 'Grondzaken binnenstad', ground: 'woo_5_1_2_b' })
    expect(
      await db
        .select()
        .from(publications)
        .where(eq(publications.itemId, String(secret.id))),
    ).toHaveLength(0)

    // The clock before the date: nothing happens.
    expect(await releaseDue(new Date('2027-01-15T08:59:00Z'), db)).toBe(0)
    // After: released once, however often the tick runs.
    expect(await releaseDue(new Date('2027-01-15T09:00:01Z'), db)).toBe(1)
    expect(await releaseDue(new Date('2027-01-16T09:00:00Z'), db)).toBe(0)

    const after = await publicDecision(secret.id)
    expect(after).toMatchObject({
      status: 'public',
      title: 'Aankoop Vismarkt 40',
      ground: 'woo_5_1_2_b',
      generalSubject: 'Grondzaken binnenstad',
    })
    if (after?.status !== 'public') throw new Error('not released')
    expect(after.links).toEqual([{ kind: 'consultation', itemId: '999', title: null, href: null }])
    expect(after.geometry).toEqual(vismarkt)
    expect(after.history.map((h) => h.kind)).toEqual(['recorded', 'secrecy_imposed', 'released'])
    // The release keeps its facts, not a sentence: the page words them in the reader's language.
    expect(after.history[2]).toMatchObject({ ground: 'woo_5_1_2_b', note: null })
    expect(after.history[2]!.until).toEqual(until)
    const [pub] = await db
      .select()
      .from(publications)
      .where(and(eq(publications.itemKind, 'decision'), eq(publications.itemId, String(secret.id))))
    expect(pub).toMatchObject({ event: 'released', topic: 'traffic', title: 'Aankoop Vismarkt 40' })
    const [note] = await db.select().from(notifications).where(eq(notifications.userId, follower.id))
    expect(note).toMatchObject({ kind: 'decision_released', href: `/besluiten/${secret.id}` })
    const mails = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, follower.email))
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe('Besluit openbaar: Aankoop Vismarkt 40')
    expect((await searchDecisions({ ...noFilters, q: 'pand' })).rows.map((r) => r.id)).toContain(secret.id)
  })

  it('prolongs the secrecy only by a new public decision with a ground and a later date', async () => {
    const { db } = getDatabase()
    const griffie = await createUser(db, { roles: [{ role: 'griffie' }] })
    const until = new Date(Date.now() + 10 * 86_400_000)
    const secret = await recordDecision(db, null, {
      ...base,
      secret: { generalSubject: 'Onderhandeling sportpark', ground: 'gemw_25', until, untilKind: 'ends' },
    })
    const input = {
      body: 'raad' as const,
      decidedOn: '2026-12-01',
      ground: 'woo_5_1_2_b' as const,
      secretUntil: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      secretUntilKind: 'review' as const,
      note: 'De onderhandeling loopt nog door.',
    }
    expect(await prolongSecrecy(griffie.id, secret.id, input)).toEqual({
      ok: false,
      reason: 'decisions.error_until_later',
      field: 'secretUntil',
    })
    const later = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10)
    const follower = await createUser(db, { displayName: 'Wachter' })
    await follow(db, follower.id, 'decision', String(secret.id))
    const result = await prolongSecrecy(griffie.id, secret.id, { ...input, secretUntil: later })
    if (!result.ok) throw new Error('refused')
    const prolongation = await publicDecision(result.id)
    expect(prolongation).toMatchObject({ status: 'public', kind: 'secrecy_prolongation', prolongsDecisionId: secret.id })
    if (prolongation?.status !== 'public') throw new Error('not public')
    expect(prolongation.summary).toContain(later)
    const register = (await secretRegister()).find((r) => r.id === secret.id)
    expect(register).toMatchObject({ ground: 'woo_5_1_2_b', untilKind: 'review' })
    const events = await db.select().from(decisionEvents).where(eq(decisionEvents.decisionId, secret.id))
    expect(events.find((e) => e.kind === 'secrecy_prolonged')).toMatchObject({ relatedDecisionId: result.id, ground: 'woo_5_1_2_b' })
    // The follower hears that it comes later, with the new ground — nothing of the content.
    const [heard] = await db.select().from(notifications).where(eq(notifications.userId, follower.id))
    expect(heard).toMatchObject({ kind: 'decision_prolonged', title: 'Geheimhouding verlengd: Onderhandeling sportpark' })
    expect(heard!.body).toContain('Woo artikel 5.1 lid 2 onder b')
    expect(heard!.body).not.toContain('Vismarkt')
    // Not released at the old date any more.
    expect(await releaseDue(new Date(until.getTime() + 1000), db)).toBe(0)
  })

  it('tells an English-speaking follower of a prolonged secrecy in English, on the page and by e-mail', async () => {
    const { db } = getDatabase()
    const griffie = await createUser(db, { roles: [{ role: 'griffie' }] })
    const secret = await recordDecision(db, null, {
      ...base,
      secret: { generalSubject: 'Grondruil Kardinge', ground: 'gemw_25', until: new Date(Date.now() + 10 * 86_400_000), untilKind: 'ends' },
    })
    const follower = await createUser(db)
    await db.execute(sql`update users set locale = 'en' where id = ${follower.id}`)
    await follow(db, follower.id, 'decision', String(secret.id))
    const result = await prolongSecrecy(griffie.id, secret.id, {
      body: 'raad',
      decidedOn: '2026-12-01',
      ground: 'woo_5_1_2_b',
      secretUntil: '2031-03-01',
      secretUntilKind: 'review',
      note: 'De onderhandeling loopt nog door.',
    })
    expect(result.ok).toBe(true)
    const [shown] = await recentNotifications(follower.id, 'en')
    expect(shown!.title).toBe('Secrecy prolonged: Grondruil Kardinge')
    expect(shown!.body).toContain('1 March 2031')
    const [mail] = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, follower.email))
    expect(mail!.subject).toBe('Decision stays secret for longer: Grondruil Kardinge')
    expect(mail!.textBody).toContain('1 March 2031')
  })

  it('serves open data: the list, one decision, and the register of secret ones', async () => {
    const { db } = getDatabase()
    const open = await recordDecision(db, null, { ...base, title: 'Open data besluit Vismarkt' })
    const secret = await recordDecision(db, null, {
      ...base,
      secret: { generalSubject: 'Vastgoed', ground: 'woo_5_1_2_b', until: new Date(Date.now() + 86_400_000), untilKind: 'ends' },
    })
    const list = await api('/decisions?q=open%20data&limit=10')
    expect(list.status).toBe(200)
    expect((list as { body: { data: { id: number }[] } }).body.data.map((d) => d.id)).toContain(open.id)
    const one = (await api(`/decisions/${open.id}`)) as { status: number; body: { title: string; geometry: object } }
    expect(one.body).toMatchObject({ title: 'Open data besluit Vismarkt', geometry: vismarkt })
    const reg = (await api('/decisions/secret')) as { body: { data: { id: number; subject: string }[] } }
    expect(reg.body.data.find((d) => d.id === secret.id)).toMatchObject({ subject: 'Vastgoed' })
    expect(await api('/decisions/999999')).toMatchObject({ status: 404 })
    expect(await api('/decisions?limit=0')).toMatchObject({ status: 400 })
    expect(decisionsServer.ticks?.map((t) => t.name)).toEqual(['decisions.release'])
  })
})
