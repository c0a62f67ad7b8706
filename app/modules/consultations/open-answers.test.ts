import { describe, expect, it } from 'vitest'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { actorForUser } from '~/auth/session.server'
import type { Actor } from '~/auth/permissions'
import { blockUser } from '~/modules/moderation/blocks.server'
import { hideContent } from '~/modules/moderation/commands.server'
import { describeContent } from '~/modules/moderation/shared.server'
import { consultationsServer } from './manifest.server'
import { ANSWER_KIND, openTextsOf, setAnswerHidden, setMaskTerms } from './open-answers.server'
import { maskPersonalData, MASKS } from './personal-data'
import { addQuestion, createDraft, saveConsultationDeclaration, submitResponse, transition } from './commands.server'
import { anonymisedRows, csvOf, resultsOf } from './results.server'
import { questionsOf } from './queries.server'
import { detailsSchema, maskTermsSchema } from './validation'

async function person(traits: Parameters<typeof createUser>[1] = {}): Promise<Actor> {
  const { db } = getDatabase()
  return (await actorForUser((await createUser(db, traits)).id))!
}

/** An open, city-wide consultation with one open question and live results. */
async function openConsultation() {
  const owner = await person({ roles: [{ role: 'griffie' }] })
  const created = await createDraft(
    owner,
    detailsSchema.parse({
      title: 'Een plein',
      intro: '',
      kind: 'consultation',
      goals: '',
      areaScope: 'city',
      eligibility: 'everyone',
      minimumAge: '',
      opensAt: '',
      closesAt: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 16),
      results: 'live',
    }),
  )
  if (!created.ok) throw new Error('draft')
  await addQuestion(created.id, { kind: 'open', prompt: 'Wat vind je?', help: '', required: false, config: { maxLength: 500 } })
  await saveConsultationDeclaration(owner, created.id, {
    level: 'raadplegen',
    decidedBy: 'college',
    decisionExpectedOn: null,
    usedFor: 'We lezen alles voordat we besluiten.',
    bindingRule: null,
    reportBackBy: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
  })
  expect(await transition(owner, created.id, 'open')).toEqual({ ok: true })
  const [q] = await questionsOf(created.id)
  return { id: created.id, owner, qid: String(q!.id) }
}

const textsOf = async (id: number) => (await resultsOf(id)).questions[0]!

describe('the personal-data check', () => {
  it('masks e-mail, phone numbers, postcode with house number, street numbers, IBAN, BSN and marked names', () => {
    const mask = (s: string, terms: string[] = []) => maskPersonalData(s, terms).text
    expect(mask('Mail jan.de.vries@example.nl of bel 06-12345678')).toBe(`Mail ${MASKS.email} of bel ${MASKS.phone}`)
    expect(mask('(050) 367 89 10, +31 6 1234 5678, 0031 50 1234567')).toBe(`${MASKS.phone}, ${MASKS.phone}, ${MASKS.phone}`)
    expect(mask('Ik woon op 9712 JG 3, mijn buur op 5, 9712jg')).toBe(`Ik woon op ${MASKS.address}, mijn buur op ${MASKS.address}`)
    expect(mask('Herestraat 12a en Grote Markt 1 zijn mooi')).toBe(
      `Herestraat ${MASKS.houseNumber} en Grote Markt ${MASKS.houseNumber} zijn mooi`,
    )
    expect(mask('IBAN NL91 ABNA 0417 1643 00, BSN 111222333')).toBe(`IBAN ${MASKS.iban}, BSN ${MASKS.bsn}`)
    expect(mask('Piet Jansen zei dat Jansen gelijk had, niet Jansenius', ['Jansen', 'Piet Jansen'])).toBe(
      `${MASKS.name} zei dat ${MASKS.name} gelijk had, niet Jansenius`,
    )
  })

  it('leaves ordinary numbers, dates, amounts and words alone', () => {
    for (const s of [
      'Er komen 1.000.000 euro en 10 bankjes, bus 15 om 08:30 op 2027-01-15.',
      'In 2026 wil ik 3 bomen; 1000 of 2000 en meer.',
      'De straat is te smal en 123456789 is geen BSN.',
    ])
      expect(maskPersonalData(s)).toEqual({ text: s, masked: 0 })
  })

  it('takes marked names one per line, within limits', () => {
    expect(maskTermsSchema.parse({ terms: ' Piet \n\npiet\nMarieke de Vries ' }).terms).toEqual(['Piet', 'Marieke de Vries'])
    expect(maskTermsSchema.safeParse({ terms: 'x'.repeat(61) }).error!.issues[0]!.message).toBe('consultations.error.term_too_long')
    expect(maskTermsSchema.safeParse({ terms: Array.from({ length: 51 }, (_, i) => `naam${i}`).join('\n') }).success).toBe(false)
  })
})

describe('open-text answers in public', () => {
  it('are shown masked in results, API and open data; the owner CSV keeps the raw text', async () => {
    const { id, owner, qid } = await openConsultation()
    const resident = await person()
    expect(await submitResponse(resident, id, { [qid]: 'Mooi plan! Mail me: an@example.nl' })).toMatchObject({ ok: true })
    const q = await textsOf(id)
    expect(q.texts!.map((t) => t.text)).toEqual([`Mooi plan! Mail me: ${MASKS.email}`])
    const api = consultationsServer.api!.find((r) => r.path === '/consultations/{id}')!
    const res = await api.handler({ params: { id: String(id) }, query: new URLSearchParams(), request: new Request('http://x') })
    expect(JSON.stringify(res)).not.toContain('an@example.nl')
    expect(JSON.stringify(res)).toContain(MASKS.email)
    const open = await anonymisedRows(id, { roundPoints: true, publicTexts: true })
    expect(open.rows[0]!.answers[`q${qid}`]).toBe(`Mooi plan! Mail me: ${MASKS.email}`)
    expect(await csvOf(id, { roundPoints: true, publicTexts: true })).not.toContain('an@example.nl')
    expect(await csvOf(id, { roundPoints: false })).toContain('an@example.nl')

    // Names the owner marks are masked everywhere from then on.
    await setMaskTerms(owner, id, ['Mooi plan'])
    expect((await textsOf(id)).texts![0]!.text).toBe(`${MASKS.name}! Mail me: ${MASKS.email}`)
  })

  it('the owner hides one with a public reason; it leaves results and open data, and shows again on request', async () => {
    const { id, owner, qid } = await openConsultation()
    const a = await person()
    const b = await person()
    await submitResponse(a, id, { [qid]: 'Graag meer bomen.' })
    await submitResponse(b, id, { [qid]: 'Mijn buurman is een sukkel.' })
    const [first, second] = await openTextsOf(id)
    expect([first!.text, second!.text]).toEqual(['Graag meer bomen.', 'Mijn buurman is een sukkel.'])
    expect(await setAnswerHidden(owner, id, second!.id, 'Dit gaat over een persoon.')).toBe(true)
    const q = await textsOf(id)
    expect(q.texts!.map((t) => t.text)).toEqual(['Graag meer bomen.'])
    expect(q.hiddenTexts).toBe(1)
    expect((await resultsOf(id, undefined, { withHidden: true })).questions[0]!.texts).toHaveLength(2)
    const rows = (await anonymisedRows(id, { roundPoints: true, publicTexts: true })).rows.map((r) => r.answers[`q${qid}`]).sort()
    expect(rows).toEqual(['', 'Graag meer bomen.'])
    // Another consultation's answer cannot be hidden from here.
    expect(await setAnswerHidden(owner, id + 1000, first!.id, 'niet van jou')).toBe(false)
    await setAnswerHidden(owner, id, second!.id, null)
    expect((await textsOf(id)).texts).toHaveLength(2)
  })

  it('an unchanged text keeps its id and hide; a changed one gets a new id and a fresh check; an emptied one goes', async () => {
    const { id, owner, qid } = await openConsultation()
    const a = await person()
    await submitResponse(a, id, { [qid]: 'Eerste tekst.' })
    const [before] = await openTextsOf(id)
    await setAnswerHidden(owner, id, before!.id, 'Niet over het onderwerp.')
    await submitResponse(a, id, { [qid]: 'Eerste tekst.' })
    expect(await openTextsOf(id)).toMatchObject([{ id: before!.id, hidden: 'Niet over het onderwerp.' }])
    await submitResponse(a, id, { [qid]: 'Een nieuwe tekst.' })
    const [after] = await openTextsOf(id)
    expect(after!.id).not.toBe(before!.id)
    expect(after!.hidden).toBeNull()
    await submitResponse(a, id, {})
    expect(await openTextsOf(id)).toEqual([])
  })

  it('can be flagged and hidden through moderation, without the author being named; blocking hides them all', async () => {
    const { id, qid } = await openConsultation()
    const a = await person()
    await submitResponse(a, id, { [qid]: 'Bel 06-12345678 voor meer.' })
    const [answer] = await openTextsOf(id)
    const described = await describeContent(ANSWER_KIND, answer!.id)
    expect(described).toEqual({
      title: 'Antwoord bij: Een plein',
      excerpt: `Bel ${MASKS.phone} voor meer.`,
      href: `/inspraak/${id}/uitkomsten`,
      authorId: null,
      wijkCode: null,
    })
    expect(await describeContent(ANSWER_KIND, 'bestaatniet')).toBeNull()
    const staff = await person({ roles: [{ role: 'staff' }] })
    expect(
      await hideContent(staff, { kind: ANSWER_KIND, id: answer!.id, category: 'personal_data', reason: 'Persoonlijke gegevens.' }),
    ).toEqual({ ok: true })
    expect(await openTextsOf(id)).toMatchObject([{ hidden: 'Persoonlijke gegevens.', moderated: true }])
    expect((await textsOf(id)).texts).toEqual([])

    const b = await person()
    await submitResponse(b, id, { [qid]: 'Nog een.' })
    expect(await consultationsServer.moderation![0]!.listByAuthor!(b.id)).toHaveLength(1)
    expect(await blockUser(staff, { userId: b.id, reason: 'Spam in alle antwoorden.' })).toMatchObject({ ok: true })
    expect((await textsOf(id)).texts).toEqual([])
  })
})
