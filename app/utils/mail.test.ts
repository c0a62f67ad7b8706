import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMTPServer } from 'smtp-server'
import nodemailer from 'nodemailer'
import type { AddressInfo } from 'node:net'
import { eq, isNull, sql } from 'drizzle-orm'
import { outboundEmails } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { deliverDueEmails, queueEmail } from './mail.server'

// A real SMTP server on this machine; `reject` makes it refuse the next messages.
const received: { to: string; data: string }[] = []
let reject = false
let server: SMTPServer
let port = 0

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = ''
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()))
      stream.on('end', () => {
        if (reject) return callback(new Error('451 try again later'))
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.server.address() as AddressInfo).port
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

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
