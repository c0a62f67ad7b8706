import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { translate } from '~/utils/i18n'
import { zodErrors } from '~/utils/forms'
import { declarationSchema, describeDeclaration, toDeclarationFields, type DeclarationFields } from './declaration'
import { accountability, declarationOf, onTimeShare, publishReportBack, registerItem, saveDeclaration } from './queries.server'
import { participationServer } from './manifest.server'

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('nl', key, params)

const fields = (over: Partial<DeclarationFields> = {}): DeclarationFields => ({
  level: 'raadplegen',
  decidedBy: 'gemeenteraad',
  decisionExpectedOn: '2027-03-12',
  usedFor: 'De raad leest alle reacties voordat hij over het plan stemt.',
  bindingRule: null,
  reportBackBy: '2027-04-01',
  ...over,
})

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

describe('weighing declaration text', () => {
  it('says in plain Dutch who decides, when, what happens, the binding rule and the report-back date', () => {
    const lines = describeDeclaration(
      fields({ level: 'meebeslissen', bindingRule: { kind: 'most_votes', minimumParticipants: 300 } }),
      t,
      'nl',
    )
    expect(lines).toEqual([
      'Meebeslissen: de uitkomst is bindend, volgens de regel hieronder.',
      'Wie beslist: de gemeenteraad, naar verwachting op 12 maart 2027.',
      'Wat we met je reactie doen: De raad leest alle reacties voordat hij over het plan stemt.',
      'De keuze met de meeste stemmen wordt uitgevoerd als minstens 300 inwoners meedoen.',
      'Uiterlijk 1 april 2027 laten we weten wat we met de reacties hebben gedaan.',
    ])
  })

  it('requires a binding rule for meebeslissen and a report-back date always', () => {
    const missing = declarationSchema.safeParse({ level: 'meebeslissen', decidedBy: 'wijkteam', usedFor: 'x'.repeat(25), reportBackBy: '' })
    expect(zodErrors(missing.error!)).toEqual({ minimumParticipants: 'errors.binding_rule_required', reportBackBy: 'errors.date_invalid' })
    const ok = declarationSchema.parse({
      level: 'meebeslissen',
      decidedBy: 'wijkteam',
      usedFor: 'x'.repeat(25),
      reportBackBy: '2027-01-01',
      minimumParticipants: '50',
    })
    expect(toDeclarationFields(ok).bindingRule).toEqual({ kind: 'most_votes', minimumParticipants: 50 })
  })
})

describe('declaration versions', () => {
  it('keeps every version and shows as history only the changes made after opening', async () => {
    const { db } = getDatabase()
    const item = await registerItem(db, { kind: 'test', itemId: 'v1', title: 'Versies', href: '/t/v1', ownerId: null })
    await saveDeclaration(db, item.id, fields({ usedFor: 'Eerste versie, voor de opening geschreven.' }), null)
    await saveDeclaration(db, item.id, fields({ usedFor: 'Tweede versie, ook voor de opening geschreven.' }), null)
    await db.execute(sql`update participation_items set opens_at = now(), status = 'open' where id = ${item.id}`)
    await new Promise((r) => setTimeout(r, 5))
    await saveDeclaration(
      db,
      item.id,
      fields({ usedFor: 'Derde versie, na de opening aangepast.' }),
      null,
      'datum van het raadsbesluit verschoven',
    )
    const { current, history } = await declarationOf(item.id)
    expect(current).toMatchObject({ version: 3, changeNote: 'datum van het raadsbesluit verschoven' })
    expect(history.map((h) => h.version)).toEqual([2])
  })
})

describe('accountability', () => {
  it('marks each closed item on time, late, overdue or pending, and computes the share kept on time', async () => {
    const { db } = getDatabase()
    const owner = await createUser(db, { roles: [{ role: 'griffie' }] })
    const make = async (id: string, reportBackBy: string, reportedDaysAgo: number | null) => {
      const item = await registerItem(db, {
        kind: 'acc',
        itemId: id,
        title: id,
        href: `/t/${id}`,
        ownerId: owner.id,
        status: 'closed',
        closesAt: new Date(Date.now() - 40 * 86_400_000),
      })
      await saveDeclaration(db, item.id, fields({ reportBackBy }), owner.id)
      if (reportedDaysAgo !== null) {
        await publishReportBack(db, item.id, { summary: 'U zei, wij deden.', decision: 'Besloten.' }, owner.id)
        await db.execute(
          sql`update report_backs set published_at = now() - make_interval(days => ${reportedDaysAgo}) where participation_item_id = ${item.id}`,
        )
      }
    }
    await make('on-time', day(-5), 10)
    await make('late', day(-10), 2)
    await make('overdue', day(-1), null)
    await make('pending', day(14), null)
    // A draft is never listed.
    await registerItem(db, { kind: 'acc', itemId: 'draft', title: 'draft', href: '/t/draft', ownerId: owner.id })

    const rows = (await accountability()).filter((r) => r.kind === 'acc')
    expect(Object.fromEntries(rows.map((r) => [r.title, r.status]))).toEqual({
      'on-time': 'on_time',
      late: 'late',
      overdue: 'overdue',
      pending: 'pending',
    })
    expect(onTimeShare(rows)).toBeCloseTo(1 / 3)
    expect((await accountability({ ownerId: owner.id, status: 'overdue' })).map((r) => r.title)).toEqual(['overdue'])

    const api = participationServer.api!.find((r) => r.path === '/accountability')!
    const result = await api.handler({ params: {}, query: new URLSearchParams('status=overdue'), request: new Request('http://stem.test') })
    expect(result).toMatchObject({
      status: 200,
      body: { data: [{ title: 'overdue', status: 'overdue', reportBackBy: day(-1), reportedAt: null }] },
    })
  })

  it('counts the promised day until midnight in the Netherlands', async () => {
    const { db } = getDatabase()
    const item = await registerItem(db, { kind: 'edge', itemId: 'x', title: 'x', href: '/t/x', ownerId: null, status: 'closed' })
    await saveDeclaration(db, item.id, fields({ reportBackBy: '2026-06-30' }), null)
    await publishReportBack(db, item.id, { summary: 's', decision: 'd' }, (await createUser(db)).id)
    // 23:30 Amsterdam summer time on the promised day is 21:30 UTC: still on time.
    await db.execute(sql`update report_backs set published_at = '2026-06-30T21:30:00Z' where participation_item_id = ${item.id}`)
    expect((await accountability()).find((r) => r.kind === 'edge')!.status).toBe('on_time')
    await db.execute(sql`update report_backs set published_at = '2026-06-30T22:30:00Z' where participation_item_id = ${item.id}`)
    expect((await accountability()).find((r) => r.kind === 'edge')!.status).toBe('late')
  })
})
