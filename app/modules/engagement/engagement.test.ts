import { describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { outboundEmails, publications } from '~db/schema'
import {
  follow,
  followerIds,
  markAllRead,
  notify,
  recentNotifications,
  recordPublication,
  unfollow,
  unreadCount,
} from './engagement.server'

describe('notifications', () => {
  it('notifies each person once per event, e-mails only confirmed addresses, and counts unread', async () => {
    const { db } = getDatabase()
    const a = await createUser(db)
    const b = await createUser(db, { confirmed: false })
    const input = {
      userIds: [a.id, b.id, a.id],
      kind: 'test_event',
      title: 'Je voorstel is beantwoord',
      body: 'Het college heeft geantwoord.',
      href: '/initiatieven/1',
      dedupeKey: 'proposal:1:answered',
      emailSubject: 'Antwoord op je voorstel',
    }
    expect(await notify(db, input)).toBe(2)
    expect(await notify(db, input)).toBe(0)
    const mails = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'test_event'))
    expect(mails.map((m) => m.toAddress)).toEqual([a.email])
    expect(mails[0]!.textBody).toContain('http://stem.test/initiatieven/1')
    expect(await unreadCount(a.id)).toBe(1)
    await markAllRead(a.id)
    expect(await unreadCount(a.id)).toBe(0)
    expect((await recentNotifications(a.id)).map((n) => n.title)).toEqual(['Je voorstel is beantwoord'])
  })
})

describe('follows', () => {
  it('follows an item once and unfollows it', async () => {
    const { db } = getDatabase()
    const a = await createUser(db)
    await follow(db, a.id, 'proposal', '7')
    await follow(db, a.id, 'proposal', '7')
    expect(await followerIds(db, 'proposal', '7')).toEqual([a.id])
    await unfollow(db, a.id, 'proposal', '7')
    expect(await followerIds(db, 'proposal', '7')).toEqual([])
  })
})

describe('publications', () => {
  it('records an item with its geometry once per event', async () => {
    const { db } = getDatabase()
    const input = {
      itemKind: 'notice',
      itemId: '3',
      title: 'Bouwplan Vismarkt',
      href: '/bekendmakingen/3',
      topic: 'building' as const,
      geometry: { type: 'Point', coordinates: [6.5665, 53.2194] },
    }
    await recordPublication(db, input)
    await recordPublication(db, input)
    const rows = await db
      .select({ id: publications.id, geojson: sql<string>`ST_AsGeoJSON(${publications.geometry})` })
      .from(publications)
      .where(and(eq(publications.itemKind, 'notice'), eq(publications.itemId, '3')))
    expect(rows).toHaveLength(1)
    expect(JSON.parse(rows[0]!.geojson)).toEqual({ type: 'Point', coordinates: [6.5665, 53.2194] })
  })
})
