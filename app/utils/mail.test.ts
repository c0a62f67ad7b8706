import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import nodemailer from 'nodemailer'
import { eq, isNull, sql } from 'drizzle-orm'
import { outboundEmails } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { deliverDueEmails, mailName, queueEmail } from './mail.server'
import { resetEnvForTests } from './env.server'
import { loader as devMailLoader } from '~/routes/dev.mail._index'
import { loader as devMailMessageLoader } from '~/routes/dev.mail.$id'
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

  it('queues nothing for the placeholder address of an account started by DigiD', async () => {
    const { db } = getDatabase()
    const before = (await db.select().from(outboundEmails)).length
    expect(await queueEmail(db, { to: 'u123@digid.invalid', subject: 'Ontvangst', text: 'x', kind: 'receipt' })).toBeNull()
    expect((await db.select().from(outboundEmails)).length).toBe(before)
  })

  it('keeps a refused message, counts the attempt and tries again later', async () => {
    const { db } = getDatabase()
    received.length = 0
    const id = (await queueEmail(db, { to: 'later@example.test', subject: 'Later', text: 'x', kind: 'test' }))!
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

describe('names in outgoing mail', () => {
  it('quotes a typed name and strips links, web addresses and line breaks', () => {
    expect(mailName('Anna de Vries')).toBe('“Anna de Vries”')
    expect(mailName('Uw DigiD verloopt: log in op http://evil.example/digid')).toBe('“Uw DigiD verloopt: log in op …”')
    expect(mailName('Klik www.evil.example of evil.example/login')).toBe('“Klik … of …”')
    expect(mailName('Anna\r\nBcc: iemand@example.test')).not.toMatch(/[\r\n]|example\.test/)
    expect(mailName('x'.repeat(200))).toHaveLength(62)
  })
})

describe('the development mailbox', () => {
  it('is not there in production without SMTP unless DEV_MAILBOX=true says so', async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, SMTP_URL: process.env.SMTP_URL, DEV_MAILBOX: process.env.DEV_MAILBOX }
    const set = (values: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(values))
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      resetEnvForTests()
    }
    const status = async (fn: () => Promise<unknown>) => {
      try {
        await fn()
        return 200
      } catch (thrown) {
        return (thrown as Response).status
      }
    }
    try {
      set({ NODE_ENV: 'production', SMTP_URL: undefined, DEV_MAILBOX: undefined })
      expect(await status(() => devMailLoader())).toBe(404)
      expect(await status(() => devMailMessageLoader({ params: { id: '1' } } as never))).toBe(404)
      set({ DEV_MAILBOX: 'true' })
      expect(await status(() => devMailLoader())).toBe(200)
    } finally {
      set(saved)
    }
  })
})
