import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { auditLog, contentFlags, hiddenContent, moderationActions, notifications, users } from '~db/schema'
import { actorForUser } from '~/auth/session.server'
import { hiddenReasons } from '~/modules/engagement/engagement.server'
import { action as flagAction } from '~/routes/melden'
import { loader as summaryApi } from '~/routes/api.v1.$'
import type { FormFailure } from '~/utils/forms'
import { blockUser, unblockUser } from './blocks.server'
import { bulkModerate, dismissFlags, flagContent, hideContent, objectToDecision, restoreContent } from './commands.server'
import { moderationQueue, monthlySummary } from './queries.server'
import { testKind } from './test-kind'

let counter = 0

async function people() {
  const { db } = getDatabase()
  const author = await createUser(db, { displayName: 'Auteur' })
  const flagger = await createUser(db)
  const mod = await createUser(db, { roles: [{ role: 'moderator', scope: 'WK001400' }] })
  const otherMod = await createUser(db, { roles: [{ role: 'moderator', scope: 'WK001401' }] })
  const staff = await createUser(db, { roles: [{ role: 'staff' }] })
  const k = `test_note_${++counter}`
  const t = testKind(k)
  t.add('1', { title: 'Reactie in het centrum', authorId: author.id, wijkCode: 'WK001400' })
  t.add('2', { title: 'Stadsbrede reactie', authorId: author.id, wijkCode: null })
  t.add('3', { title: 'Reactie van de moderator', authorId: mod.id, wijkCode: 'WK001400' })
  const actor = async (id: string) => (await actorForUser(id))!
  return {
    db,
    author,
    flagger,
    mod: await actor(mod.id),
    otherMod: await actor(otherMod.id),
    staff: await actor(staff.id),
    kinds: [t.kind],
    k,
  }
}

describe('flags', () => {
  it('counts one flag per person per content, even when sent at the same time', async () => {
    const { db, flagger, kinds, k } = await people()
    const results = await Promise.all(Array.from({ length: 5 }, () => flagContent(flagger.id, { kind: k, id: '1', reason: 'spam' }, kinds)))
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1)
    expect(await db.select().from(contentFlags).where(eq(contentFlags.userId, flagger.id))).toHaveLength(1)
  })

  it('refuses unknown content', async () => {
    const { flagger, kinds, k } = await people()
    expect(await flagContent(flagger.id, { kind: k, id: '999', reason: 'spam' }, kinds)).toMatchObject({ ok: false })
  })

  it('refuses a flag without reason, or "other" without text, in Dutch and keeping the input', async () => {
    const { flagger, k } = await people()
    const { createSessionCookie } = await import('~/auth/session.server')
    const cookie = (await createSessionCookie(flagger.id)).split(';')[0]!
    const post = async (body: Record<string, string>) => {
      const request = new Request('http://stem.test/melden', {
        method: 'POST',
        body: new URLSearchParams(body),
        headers: { Origin: 'http://stem.test', Cookie: cookie },
      })
      const response = (await flagAction({ request, params: {}, context: { clientIp: '203.0.113.1' } })) as Response
      return { status: response.status, data: (await response.json()) as FormFailure }
    }
    const none = await post({ kind: k, id: '1', reason: '', text: 'iets', terug: '/x' })
    expect(none.status).toBe(400)
    expect(none.data.errors).toEqual({ reason: 'moderation.errors.reason_required' })
    expect(none.data.values).toMatchObject({ text: 'iets', terug: '/x' })
    const other = await post({ kind: k, id: '1', reason: 'other', text: '' })
    expect(other.data.errors).toEqual({ text: 'moderation.errors.text_required' })
  })
})

describe('the queue', () => {
  it('shows wijk content to that wijk’s moderator only, city-wide content to staff, and own content without a checkbox', async () => {
    const { flagger, mod, otherMod, staff, kinds, k } = await people()
    for (const id of ['1', '2', '3']) await flagContent(flagger.id, { kind: k, id, reason: 'offensive' }, kinds)
    const mine = await moderationQueue(mod, kinds)
    expect(mine.map((i) => [i.id, i.canModerate])).toEqual([
      ['1', true],
      ['3', false],
    ])
    expect(mine[0]).toMatchObject({ title: 'Reactie in het centrum', authorName: 'Auteur', flags: [{ reason: 'offensive', count: 1 }] })
    expect(await moderationQueue(otherMod, kinds)).toEqual([])
    expect((await moderationQueue(staff, kinds)).map((i) => i.id).sort()).toEqual(['1', '2', '3'])
  })

  it('hides with a public reason, notifies the author, lets them object once, and restores', async () => {
    const { db, author, flagger, mod, kinds, k } = await people()
    await flagContent(flagger.id, { kind: k, id: '1', reason: 'offensive' }, kinds)
    expect(await hideContent(mod, { kind: k, id: '1', category: 'offensive', reason: 'scheldwoorden' }, kinds)).toEqual({ ok: true })
    expect((await hiddenReasons(db, k, ['1', '2'])).get('1')).toBe('scheldwoorden')
    const [notice] = await db.select().from(notifications).where(eq(notifications.userId, author.id))
    expect(notice!.body).toContain('scheldwoorden')
    expect(notice!.href).toBe(`/moderatie/bezwaar?kind=${k}&id=1`)
    const authorActor = (await actorForUser(author.id))!
    expect(await objectToDecision(mod, { kind: k, id: '1', text: 'Ik ben niet de schrijver' }, kinds)).toMatchObject({ ok: false })
    expect(await objectToDecision(authorActor, { kind: k, id: '1', text: 'Dit was niet beledigend bedoeld.' }, kinds)).toEqual({
      ok: true,
    })
    expect(await objectToDecision(authorActor, { kind: k, id: '1', text: 'Nog een keer bezwaar.' }, kinds)).toMatchObject({
      ok: false,
      reason: 'moderation.errors.already_objected',
      field: 'text',
    })
    const queue = await moderationQueue(mod, kinds)
    expect(queue[0]).toMatchObject({ id: '1', hiddenReason: 'scheldwoorden', objection: 'Dit was niet beledigend bedoeld.' })
    expect(await restoreContent(mod, { kind: k, id: '1', reason: 'bezwaar terecht' }, kinds)).toEqual({ ok: true })
    expect((await hiddenReasons(db, k, ['1'])).size).toBe(0)
    expect(await moderationQueue(mod, kinds)).toEqual([])
    const actions = await db.select().from(moderationActions).where(eq(moderationActions.contentId, '1'))
    expect(actions.map((a) => a.action).sort()).toEqual(['hide', 'objection', 'restore'])
    const audits = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, author.id))
    expect(audits.map((a) => a.action).sort()).toEqual(['moderation.hide', 'moderation.objection', 'moderation.restore'])
  })

  it('refuses own content and other wijken, also in bulk; dismiss keeps the content', async () => {
    const { db, flagger, mod, otherMod, kinds, k } = await people()
    for (const id of ['1', '3']) await flagContent(flagger.id, { kind: k, id, reason: 'spam' }, kinds)
    expect(await hideContent(mod, { kind: k, id: '3', category: 'spam', reason: 'eigen' }, kinds)).toEqual({ ok: false, reason: 'refused' })
    expect(await hideContent(otherMod, { kind: k, id: '1', category: 'spam', reason: 'andere wijk' }, kinds)).toEqual({ ok: false, reason: 'refused' })
    const outcome = await bulkModerate(
      mod,
      {
        intent: 'dismiss',
        items: [
          { kind: k, id: '1' },
          { kind: k, id: '3' },
          { kind: k, id: '404' },
        ],
        reason: 'geen spam',
      },
      kinds,
    )
    expect(outcome).toEqual({ done: 1, refused: 1, missing: 1 })
    const open = await db
      .select()
      .from(contentFlags)
      .where(and(eq(contentFlags.contentKind, k), eq(contentFlags.contentId, '1')))
    expect(open[0]!.resolvedAt).not.toBeNull()
    expect((await hiddenReasons(db, k, ['1'])).size).toBe(0)
    expect(await dismissFlags(otherMod, { kind: k, id: '1', reason: 'x' }, kinds)).toEqual({ ok: false, reason: 'refused' })
  })

  it('lets staff block a person with a reason, which hides their content; moderators cannot', async () => {
    const { db, author, mod, staff, kinds, k } = await people()
    expect(await blockUser(mod, { userId: author.id, reason: 'herhaald schelden' }, kinds)).toMatchObject({ ok: false })
    expect(await blockUser(staff, { userId: author.id, reason: 'herhaald schelden' }, kinds)).toEqual({ ok: true, hidden: 2 })
    const [row] = await db.select().from(users).where(eq(users.id, author.id))
    expect(row).toMatchObject({ blockedReason: 'herhaald schelden' })
    expect(row!.blockedAt).not.toBeNull()
    expect([...(await hiddenReasons(db, k, ['1', '2', '3'])).keys()].sort()).toEqual(['1', '2'])
  })

  it('lets nobody block an administrator, nor themselves (issue 14)', async () => {
    const { db, staff, kinds } = await people()
    const admin = await createUser(db, { roles: [{ role: 'admin' }] })
    expect(await blockUser(staff, { userId: admin.id, reason: 'ruzie' }, kinds)).toEqual({ ok: false, reason: 'moderation.errors.admin_target' })
    const adminActor = (await actorForUser(admin.id))!
    const otherAdmin = await createUser(db, { roles: [{ role: 'admin' }] })
    expect(await blockUser(adminActor, { userId: otherAdmin.id, reason: 'ruzie' }, kinds)).toEqual({ ok: false, reason: 'moderation.errors.admin_target' })
    expect(await blockUser(staff, { userId: staff.id, reason: 'ik zelf' }, kinds)).toEqual({ ok: false, reason: 'moderation.errors.not_self' })
    expect((await db.select().from(users).where(eq(users.id, admin.id)))[0]!.blockedAt).toBeNull()
  })
})

describe('unblocking', () => {
  it('finds what the block hid by reference, so rewording the public reason does not break it', async () => {
    const { db, author, staff, kinds, k } = await people()
    await blockUser(staff, { userId: author.id, reason: 'herhaald schelden' }, kinds)
    // The public sentence is edited in the dictionary (or the rows were written in another language).
    await db.update(hiddenContent).set({ reason: 'Verborgen: het account is geblokkeerd (nieuwe tekst)' })
    expect(await unblockUser(staff, { userId: author.id, reason: 'gesprek gehad' })).toEqual({ ok: true, restored: 2 })
    expect((await hiddenReasons(db, k, ['1', '2', '3'])).size).toBe(0)
  })

  it('lets staff lift a block with a reason: the person takes part again and what the block hid is shown again', async () => {
    const { db, author, mod, staff, kinds, k } = await people()
    // Hidden by a moderator for its own reason before the block: that stays hidden.
    expect(await hideContent(mod, { kind: k, id: '1', category: 'offensive', reason: 'scheldwoord' }, kinds)).toEqual({ ok: true })
    expect(await unblockUser(staff, { userId: author.id, reason: 'nog niet geblokkeerd' })).toEqual({
      ok: false,
      reason: 'moderation.errors.not_blocked',
    })
    await blockUser(staff, { userId: author.id, reason: 'herhaald schelden' }, kinds)
    expect(await unblockUser(mod, { userId: author.id, reason: 'toch niet' })).toMatchObject({ ok: false })
    expect((await db.select().from(users).where(eq(users.id, author.id)))[0]!.blockedAt).not.toBeNull()

    expect(await unblockUser(staff, { userId: author.id, reason: 'gesprek gehad, excuses aangeboden' })).toEqual({ ok: true, restored: 1 })
    const [row] = await db.select().from(users).where(eq(users.id, author.id))
    expect(row).toMatchObject({ blockedAt: null, blockedReason: null })
    const hidden = await hiddenReasons(db, k, ['1', '2', '3'])
    expect([...hidden.keys()]).toEqual(['1'])
    expect((await actorForUser(author.id))!.blocked).toBe(false)

    const [logged] = await db
      .select()
      .from(moderationActions)
      .where(and(eq(moderationActions.action, 'unblock'), eq(moderationActions.targetUserId, author.id)))
    expect(logged).toMatchObject({ actorId: staff.id, reason: 'gesprek gehad, excuses aangeboden' })
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'moderation.unblock'), eq(auditLog.subjectUserId, author.id)))
    expect(audits).toHaveLength(1)
    const told = await db.select().from(notifications).where(eq(notifications.userId, author.id))
    expect(told.map((n) => n.kind)).toEqual(expect.arrayContaining(['moderation_blocked', 'moderation_unblocked']))
  })
})

describe('summary', () => {
  it('counts flags and hides per month and reason, also as open data', async () => {
    const { flagger, mod, kinds, k } = await people()
    await flagContent(flagger.id, { kind: k, id: '1', reason: 'personal_data' }, kinds)
    await hideContent(mod, { kind: k, id: '1', category: 'personal_data', reason: 'telefoonnummer' }, kinds)
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).format(new Date())
    const summary = await monthlySummary()
    expect(summary.find((r) => r.reason === 'personal_data')).toEqual({
      month: month.slice(0, 7),
      reason: 'personal_data',
      flags: 1,
      hidden: 1,
    })
    expect(summary.every((r) => r.month === month.slice(0, 7))).toBe(true)
    const response = (await summaryApi({
      request: new Request('http://stem.test/api/v1/moderation/summary'),
      params: { '*': 'moderation/summary' },
      context: { clientIp: '203.0.113.1' },
    })) as Response
    expect(((await response.json()) as { data: unknown[] }).data).toEqual(JSON.parse(JSON.stringify(summary)))
    const bad = (await summaryApi({
      request: new Request('http://stem.test/api/v1/moderation/summary?months=99'),
      params: { '*': 'moderation/summary' },
      context: { clientIp: '203.0.113.1' },
    })) as Response
    expect(bad.status).toBe(400)
  })
})
