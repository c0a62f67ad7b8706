import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import nodemailer from 'nodemailer'
import { eq, isNull, sql } from 'drizzle-orm'
import { outboundEmails } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { deliverDueEmails, queueEmail } from './mail.server'
import { startTestSmtp, type ReceivedMail } from '../../scripts/test-smtp'

// A real SMTP server on this machine; `reject` makes it refuse the next messages.
let reject = false
let smtp: Awaited<ReturnType<typeof startTestSmtp>>
let received: ReceivedMail[] = []
let port = 0

beforeAll(async () => {
  smtp = await startTestSmtp({ refuse: () => reject })
  received = smtp.received
  port = smtp.port
})

afterAll(() => smtp.close())

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })

describe('mail outbox', () => {
  it('delivers every queued message exactly once, even with two workers at the same time, and never mails a letter', async () => {
    const { db } = getDatabase()
    received.length = 0
    for (let i = 0; i < 12; i++)
      await queueEmail(db, { to: `p${i}@example.test`, subject: `Bericht ${i}`, text: `Hallo ${i}`, kind: 'test' })
    await queueEmail(db, { to: 'post: Proefstraat 1', subject: 'Brief', text: 'code', kind: 'letter' })
    const [a, b] = await Promise.all([deliverDueEmails(5, transport()), deliverDueEmails(5, transport())])
    const rest = (await deliverDueEmails(20, transport())) + (await deliverDueEmails(20, transport()))
    expect(a + b + rest).toBe(12)
    expect(received.map((r) => r.to).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `p${i}@example.test`).sort())
    expect(received[0]!.data).toMatch(/Message-ID: <stem-\d+-\d+@/i)
    const unsent = await db.select().from(outboundEmails).where(isNull(outboundEmails.sentAt))
    expect(unsent.map((m) => m.kind)).toEqual(['letter'])
  })

  it('keeps a refused message, counts the attempt and tries again later', async () => {
    const { db } = getDatabase()
    received.length = 0
    const id = await queueEmail(db, { to: 'later@example.test', subject: 'Later', text: 'x', kind: 'test' })
    reject = true
    expect(await deliverDueEmails(20, transport())).toBe(0)
    reject = false
    const [row] = await db.select().from(outboundEmails).where(eq(outboundEmails.id, id))
    expect(row).toMatchObject({ attempts: 1, sentAt: null })
    expect(row!.lastError).toContain('451')
    expect(row!.sendAfter.getTime()).toBeGreaterThan(Date.now())
    // Not due yet; once due it goes.
    expect(await deliverDueEmails(20, transport())).toBe(0)
    await db
      .update(outboundEmails)
      .set({ sendAfter: sql`now()` })
      .where(eq(outboundEmails.id, id))
    expect(await deliverDueEmails(20, transport())).toBe(1)
    expect(received.map((r) => r.to)).toEqual(['later@example.test'])
  })
})
