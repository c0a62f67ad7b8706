import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { createUser } from '~db/factories/users'
import { notifications, outboundEmails, proposals } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { createProposal, publishProposal } from './commands.server'
import { saveScope } from './scopes.server'
import { supportProposal } from './supports.server'
import { proposalsServer } from './manifest.server'
import { proposalSchema } from './validation'

describe('a proposal that ends below its threshold', () => {
  it('closes the loop once: the author and every supporter are told, by the clock', async () => {
    const { db } = getDatabase()
    const author = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const supporter = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const bystander = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    await saveScope(db, 'WK001400', { threshold: 3, windowDays: 14, minimumAge: 16 }, author.id)
    const created = await createProposal(
      author.id,
      proposalSchema.parse({
        title: 'Bankjes langs het Reitdiep',
        summary: 'Meer plekken om te zitten langs het water, voor ouderen en wandelaars.',
        body: 'Langs het Reitdiep is over twee kilometer geen bank. Wij vragen er zes.',
        theme: 'groen',
        wijkCode: 'WK001400',
      }),
    )
    if (!created.ok) throw new Error('create failed')
    await publishProposal(created.id, author.id)
    expect((await supportProposal(created.id, supporter.id)).ok).toBe(true)

    const tick = proposalsServer.ticks!.find((t) => t.name === 'proposals.archive')!
    // Nothing before the window ends.
    await tick.run(new Date())
    expect(await db.select().from(notifications).where(eq(notifications.kind, 'proposal_below_threshold'))).toHaveLength(0)
    // The clock moves past the end of the window (14 days), twice: one message each, not two.
    const later = new Date(Date.now() + 15 * 86_400_000)
    await tick.run(later)
    await tick.run(new Date(later.getTime() + 60_000))
    const told = await db
      .select({ userId: notifications.userId, title: notifications.title })
      .from(notifications)
      .where(eq(notifications.kind, 'proposal_below_threshold'))
    expect(told.map((n) => n.userId).sort()).toEqual([author.id, supporter.id].sort())
    expect(told[0]!.title).toBe('Niet genoeg steun: Bankjes langs het Reitdiep')
    expect(told.some((n) => n.userId === bystander.id)).toBe(false)
    const mails = await db
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.toAddress, supporter.email), eq(outboundEmails.kind, 'proposal_below_threshold')))
    expect(mails).toHaveLength(1)
    const [row] = await db.select({ status: proposals.status }).from(proposals).where(eq(proposals.id, created.id))
    expect(row!.status).toBe('archived')
  })
})
