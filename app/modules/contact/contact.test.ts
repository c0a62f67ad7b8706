import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { auditLog, contactRequests, outboundEmails } from '~db/schema'
import { action as contactAction } from '~/routes/persoonlijk-contact'
import { loader as statusLoader } from '~/routes/persoonlijk-contact_.status.$token'
import type { FormFailure } from '~/utils/forms'
import { addWorkingDays } from '~/utils/time'
import { advanceContact, contactQueue, idFromStatusToken, requestContact, statusToken } from './contact.server'

async function post(body: Record<string, string>, ip = '203.0.113.20') {
  const request = new Request('http://stem.test/persoonlijk-contact', {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { Origin: 'http://stem.test' },
  })
  return (await contactAction({ request, params: {}, context: { clientIp: ip } })) as Response
}

describe('personal contact', () => {
  it('refuses a request without any way to reach the person, in Dutch, keeping what was typed', async () => {
    const response = await post({ name: 'Annie de Vries', message: 'Ik snap de stemming niet', phone: '', email: '', van: '/wijken' })
    expect(response.status).toBe(400)
    const data = (await response.json()) as FormFailure
    expect(data.errors).toEqual({ phone: 'contact.errors.no_way' })
    expect(data.values).toMatchObject({ name: 'Annie de Vries', message: 'Ik snap de stemming niet', van: '/wijken' })
    const { db } = getDatabase()
    expect(await db.select().from(contactRequests)).toHaveLength(0)
  })

  it('records the page it came from, mails a signed status link and promises two working days', async () => {
    const response = await post({
      name: 'Annie de Vries',
      message: 'Ik wil graag iemand spreken',
      email: 'annie@example.test',
      van: '/wijken/WK001400',
    })
    expect(response.status).toBe(302)
    const location = response.headers.get('Location')!
    expect(location).toMatch(/^\/persoonlijk-contact\/status\/\d+\./)
    const { db } = getDatabase()
    const [row] = await db.select().from(contactRequests)
    expect(row).toMatchObject({ fromPath: '/wijken/WK001400', status: 'new', email: 'annie@example.test', userId: null })
    expect(row!.dueAt.getTime()).toBe(addWorkingDays(row!.createdAt, 2).getTime())
    const [mail] = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'contact_request'))
    expect(mail!.textBody).toContain(`http://stem.test${location}`)
    const token = location.split('/').pop()!
    const status = (await statusLoader({
      request: new Request(`http://stem.test${location}`),
      params: { token },
      context: { clientIp: '203.0.113.20' },
    })) as Response
    expect(((await status.json()) as { status: string }).status).toBe('new')
  })

  it('never keeps a full URL as the page, and ignores forged status tokens', async () => {
    const { db } = getDatabase()
    const r = await requestContact(
      { name: 'Piet', message: 'Bel me even terug', phone: '050 123 4567', visitDesk: false, van: 'https://evil.example/' },
      { ip: '203.0.113.21', locale: 'nl', userId: null },
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const [row] = await db.select().from(contactRequests).where(eq(contactRequests.id, r.id))
    expect(row!.fromPath).toBeNull()
    expect(idFromStatusToken(statusToken(r.id))).toBe(r.id)
    expect(idFromStatusToken(`${r.id}.forged`)).toBeNull()
    expect(idFromStatusToken(`${r.id + 1}.${statusToken(r.id).split('.')[1]}`)).toBeNull()
  })

  it('limits requests per IP address', async () => {
    const input = { name: 'Bot', message: 'spam spam spam', phone: '0501234567', visitDesk: false }
    for (let i = 0; i < 5; i++) expect((await requestContact(input, { ip: '203.0.113.99', locale: 'nl', userId: null })).ok).toBe(true)
    const sixth = await requestContact(input, { ip: '203.0.113.99', locale: 'nl', userId: null })
    expect(sixth).toMatchObject({ ok: false, reason: 'errors.rate_limited', params: { minutes: expect.any(Number) } })
  })

  it('moves new → picked up → answered → closed, tracks the times and audits every step', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const resident = await createUser(db)
    const r = await requestContact(
      { name: 'Kees', message: 'Mijn buurman kan niet online', phone: '0612345678', visitDesk: true },
      { ip: '203.0.113.22', locale: 'nl', userId: resident.id },
    )
    if (!r.ok) throw new Error('request failed')
    expect(await advanceContact(staff.id, r.id, 'answer')).toMatchObject({ ok: true })
    expect(await advanceContact(staff.id, r.id, 'pick_up')).toMatchObject({ ok: false, reason: 'contact.errors.wrong_step' })
    expect(await advanceContact(staff.id, r.id, 'close', 'Teruggebeld, opgelost')).toMatchObject({ ok: true })
    const queue = await contactQueue()
    const row = queue.rows.find((x) => x.id === r.id)!
    expect(row).toMatchObject({ status: 'closed', pickedUpBy: staff.id, overdue: false, staffNote: 'Teruggebeld, opgelost' })
    expect(row.minutesToAnswer).toBe(0)
    const entries = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, resident.id))
    expect(entries.map((e) => e.action).sort()).toEqual(['contact.answer', 'contact.close'])
  })

  it('marks a request overdue after two working days', () => {
    // Friday 12:00 → Tuesday 12:00.
    expect(addWorkingDays(new Date('2026-12-04T12:00:00Z'), 2).toISOString()).toBe('2026-12-08T12:00:00.000Z')
  })
})
