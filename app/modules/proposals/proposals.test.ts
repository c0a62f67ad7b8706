import { describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import sharp from 'sharp'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { hiddenContent, notifications, proposalPendingUploads, outboundEmails, proposals, publications, reportBacks } from '~db/schema'
import { findItem, declarationOf, accountability } from '~/modules/participation/queries.server'
import { addComment, editComment } from './comments.server'
import { answerProposal, createProposal, publishProposal, retireProposal, updateProposal } from './commands.server'
import { archiveExpired, hotTick, hotWeight, refreshHotScores, supportProposal, withdrawSupport } from './supports.server'
import { saveScope } from './scopes.server'
import { renderMarkdown } from './markdown.server'
import { processImage } from './image.server'
import { discardKeptUploads, PENDING_IMAGE_FIELD, purgeKeptUploads, readProposalForm } from './form.server'
import { commentsOf, listProposals, mapPoints, MARK_END, MARK_START } from './queries.server'
import { proposalPermissions } from './permissions'
import { proposalSchema } from './validation'
import { proposalsServer } from './manifest.server'

const input = (over: Record<string, string> = {}) =>
  proposalSchema.parse({
    title: 'Een moestuin op het Ebbingekwartier',
    summary: 'Buurtbewoners willen samen groente kweken op het braakliggende stuk.',
    body: 'Het stuk grond ligt al jaren braak. Met **bakken** en een hek kan het een moestuin worden.',
    theme: 'groen',
    wijkCode: 'WK001400',
    ...over,
  })

async function published(threshold = 3) {
  const { db } = getDatabase()
  const author = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
  await saveScope(db, 'WK001400', { threshold, windowDays: 14, minimumAge: 16 }, author.id)
  const created = await createProposal(author.id, input())
  if (!created.ok) throw new Error('create failed')
  await publishProposal(created.id, author.id)
  return { id: created.id, author }
}

describe('markdown', () => {
  it('renders Markdown and makes scripts, handlers and javascript: links inert', () => {
    const html = renderMarkdown(
      '**Vet** <script>alert(1)</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1)) [ok](https://groningen.nl)',
    )
    expect(html).toContain('<strong>Vet</strong>')
    expect(html).not.toMatch(/script|onerror|javascript:|<img/i)
    expect(html).toContain('href="https://groningen.nl"')
  })
})

describe('images', () => {
  it('accepts a real PNG, resizes it to at most 1600 px WebP, and refuses a fake one', async () => {
    const png = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer()
    const ok = await processImage(new File([png], 'foto.png', { type: 'image/png' }))
    expect(ok).toMatchObject({ ok: true, width: 1600, height: 533 })
    if (ok.ok) expect((await sharp(ok.data).metadata()).format).toBe('webp')
    const fake = await processImage(new File([Buffer.from('<?php echo 1; ?> not an image')], 'foto.jpg', { type: 'image/jpeg' }))
    expect(fake).toEqual({ ok: false, error: 'proposals.errors.image_type' })
    const big = await processImage(new File([Buffer.alloc(5 * 1024 * 1024 + 1)], 'groot.png'))
    expect(big).toEqual({ ok: false, error: 'proposals.errors.image_too_large' })
  })

  it('keeps a valid image when another field is wrong, for this resident only, and uses it on the next try', async () => {
    const { db } = getDatabase()
    const [author, other] = await Promise.all([createUser(db), createUser(db)])
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#37a' } })
      .png()
      .toBuffer()
    const send = (fields: Record<string, string>, file?: Buffer) => {
      const body = new FormData()
      for (const [k, v] of Object.entries({ ...input(), wijkCode: 'WK001400', ...fields })) body.set(k, String(v))
      if (file) body.set('image', new File([new Uint8Array(file)], 'foto.png', { type: 'image/png' }))
      return new Request('http://stem.test/initiatieven/nieuw', { method: 'POST', body })
    }
    const first = await readProposalForm(send({ title: 'x'.repeat(130) }, png), author.id)
    if (first.ok) throw new Error('expected a failure')
    const failure = (await first.response.json()) as { errors: Record<string, string>; values: Record<string, string> }
    expect(failure.errors).toEqual({ title: expect.any(String) })
    const token = failure.values[PENDING_IMAGE_FIELD]!
    expect(token).toMatch(/^[\w-]{20,}$/)
    expect(await db.select().from(proposalPendingUploads)).toHaveLength(1)
    // Someone else cannot use the token.
    const stolen = await readProposalForm(send({ [PENDING_IMAGE_FIELD]: token }), other.id)
    expect(stolen.ok && stolen.uploads.image).toBe(null)
    const second = await readProposalForm(send({ [PENDING_IMAGE_FIELD]: token, imageAlt: 'Een blauw vlak' }), author.id)
    if (!second.ok) throw new Error('expected success')
    expect(second.uploads.image).toMatchObject({ width: 40, height: 30, alt: 'Een blauw vlak' })
    await discardKeptUploads(second.uploads)
    expect(await db.select().from(proposalPendingUploads)).toHaveLength(0)
    // Nobody came back: the tick removes kept images after a day.
    await readProposalForm(send({ title: '' }, png), author.id)
    await purgeKeptUploads(new Date(Date.now() + 2 * 86_400_000))
    expect(await db.select().from(proposalPendingUploads)).toHaveLength(0)
  })
})

describe('validation', () => {
  it('refuses a title over 120 characters with a Dutch message key', () => {
    const r = proposalSchema.safeParse({ ...input(), title: 'x'.repeat(121) })
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]!.message).toBe('proposals.errors.title_too_long')
  })

  it('takes a point from the map inside the municipality, refuses one outside, and treats empty as none', () => {
    expect(input({ lat: '53.2194', lon: '6.5665' })).toMatchObject({ lat: 53.2194, lon: 6.5665 })
    expect(input({ lat: '', lon: '' })).toMatchObject({ lat: undefined, lon: undefined })
    const amsterdam = proposalSchema.safeParse({ ...input(), lat: '52.37', lon: '4.89' })
    expect(amsterdam.success).toBe(false)
    expect(amsterdam.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['lat', 'proposals.errors.outside'],
      ['lon', 'proposals.errors.outside'],
    ])
    const garbage = proposalSchema.safeParse({ ...input(), lat: 'x', lon: '6.5' })
    expect(garbage.error!.issues[0]!.message).toBe('proposals.errors.outside')
  })
})

describe('the map of the list', () => {
  it('shows the filtered proposals that have a place, and only those', async () => {
    const { db } = getDatabase()
    const author = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const title = `Bankjes langs het Reitdiep ${Date.now()}`
    const placed = await createProposal(author.id, input({ title, lat: '53.2301', lon: '6.5502', theme: 'groen' }))
    const unplaced = await createProposal(author.id, input({ title: `${title} zonder plek` }))
    if (!placed.ok || !unplaced.ok) throw new Error('create failed')
    await publishProposal(placed.id, author.id)
    await publishProposal(unplaced.id, author.id)
    const points = await mapPoints({ q: 'Reitdiep' }, db)
    expect(points.map((p) => p.href)).toEqual([`/initiatieven/${placed.id}`])
    expect(points[0]).toMatchObject({ label: title })
    expect(points[0]!.lat).toBeCloseTo(53.2301, 4)
    expect(await mapPoints({ q: 'Reitdiep', theme: 'verkeer' }, db)).toEqual([])
  })
})

describe('location from the map', () => {
  it('stores the clicked point as the proposal location', async () => {
    const { db } = getDatabase()
    const author = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const created = await createProposal(author.id, input({ lat: '53.21878', lon: '6.56804' }))
    expect(created.ok).toBe(true)
    if (!created.ok) return
    const [row] = await db
      .select({ x: sql<number>`ST_X(${proposals.location})`, y: sql<number>`ST_Y(${proposals.location})` })
      .from(proposals)
      .where(eq(proposals.id, created.id))
    expect(Number(row!.x)).toBeCloseTo(6.56804, 5)
    expect(Number(row!.y)).toBeCloseTo(53.21878, 5)
  })
})

describe('lifecycle', () => {
  it('publishes with a declaration from the threshold, registers the item and the publication', async () => {
    const { db } = getDatabase()
    const { id } = await published(3)
    const item = (await findItem({ kind: 'proposal', itemId: String(id) }))!
    expect(item).toMatchObject({ status: 'open', areaCodes: ['WK001400'], href: `/initiatieven/${id}` })
    const { current } = await declarationOf(item.id)
    expect(current!.usedFor).toMatch(
      /^Als 3 inwoners dit steunen vóór \d+ \w+ \d{4}, beantwoordt het college het voorstel binnen 8 weken\.$/,
    )
    const pubs = await db
      .select()
      .from(publications)
      .where(and(eq(publications.itemKind, 'proposal'), eq(publications.itemId, String(id))))
    expect(pubs.map((p) => p.event)).toEqual(['published'])
  })

  it('can be edited until the first support, and withdrawn support counts down', async () => {
    const { db } = getDatabase()
    const { id, author } = await published(3)
    expect((await updateProposal(id, author.id, input({ title: 'Een moestuin voor iedereen' }))).ok).toBe(true)
    const fan = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    await supportProposal(id, fan.id)
    expect(await updateProposal(id, author.id, input())).toEqual({ ok: false, reason: 'proposals.errors.not_editable', field: 'form' })
    expect(await withdrawSupport(id, fan.id)).toMatchObject({ ok: true, counted: true, count: 0 })
  })

  it('moves to in behandeling at the threshold, then the answer reports back and notifies by e-mail', async () => {
    const { db } = getDatabase()
    const { id, author } = await published(2)
    const [a, b] = [
      await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } }),
      await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } }),
    ]
    await supportProposal(id, a.id)
    expect(await supportProposal(id, b.id)).toMatchObject({ reached: true })
    expect(await withdrawSupport(id, b.id)).toEqual({ ok: false, reason: 'closed' })
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const answered = await answerProposal(id, staff.id, {
      kind: 'partly_adopted',
      reasons: 'We leggen de moestuin aan, maar zonder hek.',
      link: 'https://gemeente.groningen.nl',
    })
    expect(answered.ok).toBe(true)
    const item = (await findItem({ kind: 'proposal', itemId: String(id) }))!
    const [rb] = await db.select().from(reportBacks).where(eq(reportBacks.participationItemId, item.id))
    expect(rb!.decision).toBe('Deels overgenomen')
    expect((await accountability()).find((r) => r.id === item.id)!.status).toBe('on_time')
    const notices = await db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `proposal:${id}:answered`))
    expect(notices.map((n) => n.userId).sort()).toEqual([a.id, b.id, author.id].sort())
    const mails = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'proposal_answered'))
    expect(mails.map((m) => m.toAddress).sort()).toEqual([a.email, b.email, author.email].sort())
    const pubs = await db
      .select()
      .from(publications)
      .where(and(eq(publications.itemId, String(id)), eq(publications.event, 'answered')))
    expect(pubs).toHaveLength(1)
    expect((await answerProposal(id, staff.id, { kind: 'adopted', reasons: 'Nog een keer antwoorden kan niet.' })).ok).toBe(false)
  })

  it('archives when the window ends unmet, and lets the author retire with a reason', async () => {
    const { db } = getDatabase()
    const { id } = await published(3)
    await db.execute(sql`update proposals set window_ends_at = now() - interval '1 day' where id = ${id}`)
    // The list only reads; the clock archives (a tick of the module's server manifest).
    expect((await listProposals({ status: 'archived' })).rows.some((r) => r.id === id)).toBe(false)
    const tick = proposalsServer.ticks!.find((t) => t.name === 'proposals.archive')!
    await tick.run(new Date())
    const [row] = await db.select().from(proposals).where(eq(proposals.id, id))
    expect(row!.status).toBe('archived')
    expect((await listProposals({ status: 'archived' })).rows.some((r) => r.id === id)).toBe(true)
    expect(await archiveExpired(db)).toBe(0)
    const other = await published(3)
    expect((await retireProposal(other.id, other.author.id, 'Het is al geregeld door de buurtvereniging.')).ok).toBe(true)
  })
})

describe('permissions', () => {
  it('says why someone cannot support: not verified, outside the wijk, too young, closed', () => {
    const p = {
      status: 'published' as const,
      authorId: 'a',
      wijkCode: 'WK001400',
      minimumAge: 16,
      windowEndsAt: new Date(Date.now() + 86_400_000),
      supportCount: 0,
    }
    const actor = {
      id: 'x',
      displayName: 'X',
      email: 'x@x',
      emailConfirmed: true,
      verified: false,
      wijkCode: null,
      buurtCode: null,
      birthDate: '1990-01-01',
      blocked: false,
      roles: [],
    }
    expect(proposalPermissions.support(actor, p)).toEqual({ ok: false, reason: 'not_verified' })
    expect(proposalPermissions.support({ ...actor, verified: true, wijkCode: 'WK001401' }, p)).toEqual({
      ok: false,
      reason: 'outside_area',
    })
    expect(
      proposalPermissions.support(
        { ...actor, verified: true, wijkCode: 'WK001400', birthDate: `${new Date().getFullYear() - 12}-01-01` },
        p,
      ),
    ).toEqual({
      ok: false,
      reason: 'too_young',
    })
    expect(proposalPermissions.support({ ...actor, verified: true, wijkCode: 'WK001400' }, { ...p, status: 'in_progress' })).toEqual({
      ok: false,
      reason: 'closed',
    })
  })
})

describe('finding and discussing', () => {
  it('searches in Dutch with highlighted matches, filters and sorts', async () => {
    await published(3)
    const result = await listProposals({ q: 'groenten', wijk: 'WK001400' })
    expect(result.total).toBeGreaterThanOrEqual(1)
    expect(result.rows[0]!.headline).toContain(`${MARK_START}groente${MARK_END}`)
    for (const sort of ['newest', 'most_supported', 'closing_soon', 'hot'] as const) {
      expect((await listProposals({ sort, theme: 'groen' })).rows.length).toBeGreaterThan(0)
    }
  })

  it('keeps the hot order exact: a new support weighs 4, 2 after 7 days, 1 after 30, and withdrawing takes its weight off', async () => {
    const { db } = getDatabase()
    const { id } = await published(100)
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })))
    for (const u of [a!, b!, c!]) expect((await supportProposal(id, u.id)).ok).toBe(true)
    const score = async () => (await db.select({ s: proposals.hotScore }).from(proposals).where(eq(proposals.id, id)))[0]!.s
    expect(await score()).toBe(12)
    // a's support is 10 days old, b's 40: the tick finds them as they cross a mark.
    await db.execute(
      sql`update proposal_supports set created_at = now() - interval '10 days' where proposal_id = ${id} and user_id = ${a!.id}`,
    )
    await db.execute(
      sql`update proposal_supports set created_at = now() - interval '40 days' where proposal_id = ${id} and user_id = ${b!.id}`,
    )
    const now = new Date()
    expect(await refreshHotScores(db, now, new Date(now.getTime() - 5 * 86_400_000))).toBe(1)
    expect(await score()).toBe(2 + 4 + 1)
    expect(await refreshHotScores(db, now)).toBe(0) // the full recompute agrees
    expect(hotWeight(new Date(now.getTime() - 40 * 86_400_000), now)).toBe(1)
    expect((await withdrawSupport(id, a!.id)).ok).toBe(true)
    expect(await score()).toBe(5)
    const hot = await listProposals({ sort: 'hot', wijk: 'WK001400' })
    expect(hot.rows.findIndex((r) => r.id === id)).toBeGreaterThanOrEqual(0)
    // Drift from a write outside the commands is repaired by the full run (every process's first tick).
    await db.execute(sql`update proposals set hot_score = 0 where id = ${id}`)
    expect(await hotTick(db, now)).toBeGreaterThanOrEqual(1)
    expect(await score()).toBe(5)
  })

  it('threads two levels, closes the edit window, and shows the moderator reason for hidden comments', async () => {
    const { db } = getDatabase()
    const { id, author } = await published(3)
    const top = await addComment(id, author.id, 'Wie doet er mee?')
    if (!top.ok) throw new Error('comment')
    const reply = await addComment(id, author.id, 'Ik!', top.id)
    if (!reply.ok) throw new Error('reply')
    expect(await addComment(id, author.id, 'Te diep', reply.id)).toEqual({
      ok: false,
      reason: 'proposals.errors.reply_invalid',
      field: 'body',
    })
    expect((await editComment(top.id, author.id, 'Wie doet er mee? Graag!')).ok).toBe(true)
    expect(await editComment(top.id, author.id, 'Later', undefined, new Date(Date.now() + 16 * 60_000))).toEqual({
      ok: false,
      reason: 'proposals.errors.edit_window',
      field: 'body',
    })
    await db
      .insert(hiddenContent)
      .values({ contentKind: 'proposal_comment', contentId: String(reply.id), reason: 'Persoonlijke gegevens' } as never)
    const { comments } = await commentsOf(id, 'newest')
    expect(comments[0]!.replies[0]).toMatchObject({ body: null, hiddenReason: 'Persoonlijke gegevens' })
    const describe = proposalsServer.moderation!.find((m) => m.kind === 'proposal_comment')!.describe
    expect(await describe(String(top.id))).toMatchObject({
      href: `/initiatieven/${id}#reactie-${top.id}`,
      wijkCode: 'WK001400',
      authorId: author.id,
    })
  })

  it('serves open data for the list and one proposal', async () => {
    const { id } = await published(3)
    const list = proposalsServer.api!.find((r) => r.path === '/proposals')!
    const res = await list.handler({
      params: {},
      query: new URLSearchParams('wijk=WK001400&status=published'),
      request: new Request('http://stem.test'),
    })
    expect(res).toMatchObject({ status: 200 })
    const one = proposalsServer.api!.find((r) => r.path === '/proposals/{id}')!
    expect(
      await one.handler({ params: { id: String(id) }, query: new URLSearchParams(), request: new Request('http://stem.test') }),
    ).toMatchObject({
      status: 200,
      body: { id, threshold: 3, status: 'published' },
    })
    expect(
      await one.handler({ params: { id: 'nope' }, query: new URLSearchParams(), request: new Request('http://stem.test') }),
    ).toMatchObject({ status: 404 })
  })
})
