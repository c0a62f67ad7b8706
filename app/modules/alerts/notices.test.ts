import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { createUser } from '~db/factories/users'
import { auditLog, planNotices } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { findResource } from '~/modules/api.server'
import { importNotices, publishNotice, react } from './notices.server'
import { placesForStaff } from './places.server'

const point = { type: 'Point', coordinates: [6.5686, 53.2193] }

describe('notices', () => {
  it('imports CSV and GeoJSON row by row and reports every broken row with a Dutch reason', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const csv = [
      'kind,title,description,location,starts_on,reference,lat,lon,postcode,house_number',
      'permit_application,Nieuwe dakkapel Martinikerkhof,Een dakkapel aan de voorkant.,Martinikerkhof 3,2027-03-01,CSV-1,,,9712JG,3',
      'decision,Besluit kapvergunning,Vergunning voor het kappen van een boom.,Noorderplantsoen,2027-03-02,CSV-2,53.2256,6.5580,,',
      'onbekend,Fout soort,Deze rij heeft een onbekende soort.,Ergens,2027-03-02,CSV-3,53.22,6.56,,',
      'decision,Buiten de gemeente,Deze rij ligt in Amsterdam en ver weg.,Dam,2027-03-02,CSV-4,52.37,4.89,,',
      'decision,Onbekend adres,Dit adres bestaat niet in het register.,Nergens 1,2027-03-02,CSV-5,,,9999ZZ,1',
      'decision,Geen datum,Deze rij mist een geldige datum.,Vismarkt,gisteren,CSV-6,53.2176,6.5638,,',
    ].join('\n')
    const report = await importNotices(staff.id, csv, 'csv')
    expect(report.imported).toBe(2)
    expect(report.errors.map((e) => e.row)).toEqual([3, 4, 5, 6])
    expect(report.errors[0]!.reason).toContain('Kies de soort bekendmaking')
    expect(report.errors[1]!.reason).toContain('buiten de gemeente')
    expect(report.errors[2]!.reason).toContain('We kennen dit adres niet')
    expect(report.errors[3]!.reason).toContain('datum')
    // Importing again adds nothing twice.
    const again = await importNotices(staff.id, csv, 'csv')
    expect(again.imported).toBe(0)
    expect(again.errors.filter((e) => e.reason.includes('kenmerk'))).toHaveLength(2)

    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [6.55, 53.21],
          [6.57, 53.23],
          [6.57, 53.21],
          [6.55, 53.23],
          [6.55, 53.21],
        ],
      ],
    }
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: point,
          properties: {
            kind: 'traffic_decision',
            title: 'Parkeerverbod Vismarkt',
            description: 'Tijdelijk parkeerverbod tijdens de markt.',
            starts_on: '2027-03-03',
          },
        },
        {
          type: 'Feature',
          geometry: bowtie,
          properties: { kind: 'other', title: 'Kruisend vlak', description: 'Dit vlak kruist zichzelf.', starts_on: '2027-03-03' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: 'x' },
          properties: { kind: 'other', title: 'Kapotte vorm', description: 'Geen geldige coördinaten.', starts_on: '2027-03-03' },
        },
      ],
    })
    const fromGeoJson = await importNotices(staff.id, geojson, 'geojson')
    expect(fromGeoJson.imported).toBe(1)
    expect(fromGeoJson.errors.map((e) => e.row)).toEqual([2, 3])
    expect(fromGeoJson.errors[0]!.reason).toContain('kruisen elkaar')
    expect((await importNotices(staff.id, '{"kapot', 'geojson')).errors[0]!.reason).toContain('geen geldige GeoJSON')
  })

  it('takes a reaction with a checked attachment and gives a dated receipt; refuses a fake PDF and late reactions', async () => {
    const { db } = getDatabase()
    const resident = await createUser(db)
    const notice = await publishNotice(db, null, {
      kind: 'draft_decision',
      title: 'Ontwerpbesluit voor de reactietest',
      description: 'Verzonnen.',
      locationLabel: 'Martinikerkhof',
      geometry: point,
      startsOn: '2027-03-01',
    })
    expect(notice.reactionDeadline).toBe('2027-04-12')
    const pdf = new File([Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')], 'zienswijze.pdf', {
      type: 'application/pdf',
    })
    const ok = await react(resident.id, notice.id, 'Ik heb bezwaar tegen de hoogte van het gebouw.', pdf, new Date('2027-03-10T10:00:00Z'))
    if (!ok.ok) throw new Error(JSON.stringify(ok))
    expect(ok.receiptNumber).toMatch(/^STEM-2027-\d{6}$/)
    const fake = new File([Buffer.from('MZ this is an executable')], 'echt.pdf', { type: 'application/pdf' })
    expect(await react(resident.id, notice.id, 'Nog een reactie met een nepbijlage.', fake, new Date('2027-03-10T10:00:00Z'))).toEqual({
      ok: false,
      reason: 'alerts.error_attachment_type',
      field: 'attachment',
    })
    // The last day counts until midnight in the Netherlands (CEST on 12 April).
    expect((await react(resident.id, notice.id, 'Net op tijd, om kwart voor twaalf.', null, new Date('2027-04-12T21:45:00Z'))).ok).toBe(
      true,
    )
    expect(await react(resident.id, notice.id, 'Te laat, na middernacht.', null, new Date('2027-04-12T22:05:00Z'))).toEqual({
      ok: false,
      reason: 'alerts.error_closed',
      field: 'form',
    })
  })

  it('serves notices as open data without any place, and audits staff access to places', async () => {
    const { db } = getDatabase()
    const [any] = await db.select({ id: planNotices.id }).from(planNotices).limit(1)
    const list = findResource('/notices')!
    const result = await list.resource.handler({
      params: list.params,
      query: new URLSearchParams(),
      request: new Request('http://stem.test'),
    })
    const body = (result as { body: { data: Record<string, unknown>[] } }).body
    expect(body.data.length).toBeGreaterThan(0)
    expect(Object.keys(body.data[0]!).sort()).toEqual([
      'geometry',
      'id',
      'kind',
      'location',
      'publishedOn',
      'reactionDeadline',
      'startsOn',
      'status',
      'title',
      'url',
      'withdrawnOn',
      'withdrawnReason',
    ])
    const one = findResource(`/notices/${any!.id}`)!
    const detail = await one.resource.handler({
      params: one.params,
      query: new URLSearchParams(),
      request: new Request('http://stem.test'),
    })
    expect((detail as { body: { geometry: { type: string } } }).body.geometry.type).toBeTruthy()
    const missing = findResource('/notices/999999')!
    expect(
      (await missing.resource.handler({ params: missing.params, query: new URLSearchParams(), request: new Request('http://stem.test') }))
        .status,
    ).toBe(404)

    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const resident = await createUser(db)
    await placesForStaff(staff.id, resident.id, 'vraag aan de balie')
    const entries = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, resident.id))
    expect(entries.map((e) => e.action)).toEqual(['alerts.view_places'])
  })
})
