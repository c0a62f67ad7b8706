import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { ActionFunction, LoaderFunction } from '@remix-run/node'
import { getDatabase } from '~db/runtime'
import { simplePdf } from '~db/factories/documents'
import { createUser } from '~db/factories/users'
import { proposalDocuments, proposalPendingUploads, proposals } from '~db/schema'
import { createSessionCookie } from '~/auth/session.server'
import { action as createAction } from '~/routes/initiatieven.nieuw'
import { action as editAction } from '~/routes/initiatieven.$id.bewerken'
import { loader as downloadLoader } from '~/routes/initiatieven.$id.documenten.$documentId'
import { openApiDocument } from '~/modules/api.server'
import { checkPdf } from '~/utils/pdf.server'
import { publishProposal, updateProposal } from './commands.server'
import { saveScope } from './scopes.server'
import { supportProposal } from './supports.server'
import { purgeKeptUploads, type ProposalFormFailure } from './form.server'
import { proposalsServer } from './manifest.server'
import { documentsOf } from './queries.server'
import { LIMITS, proposalSchema } from './validation'

/*
 * Documents at a proposal, through the real routes: the create and edit actions read the multipart form
 * as a browser sends it, the download route serves what the view rule allows.
 */

const text = {
  title: 'Een bankje bij de bibliotheek',
  summary: 'Een bankje om even uit te rusten na het lenen van boeken.',
  body: 'Bij de ingang van de bibliotheek is geen plek om te zitten. Een bankje helpt ouderen.',
  theme: 'groen',
  wijkCode: 'WK001400',
  postcode: '',
  houseNumber: '',
  imageAlt: '',
  intent: 'draft',
}

const pdf = (name: string, lines = ['Een document voor de test.']) => new File([new Uint8Array(simplePdf(name, lines))], name)
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

async function person(traits: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(getDatabase().db, traits)
  return { ...user, cookie: (await createSessionCookie(user.id)).split(';')[0]! }
}

async function call(fn: LoaderFunction | ActionFunction, path: string, params: Record<string, string>, cookie?: string, body?: FormData) {
  const headers = new Headers({ Origin: 'http://stem.test' })
  if (cookie) headers.set('Cookie', cookie)
  const request = new Request(`http://stem.test${path}`, { method: body ? 'POST' : 'GET', headers, body })
  try {
    return (await fn({ request, params, context: { clientIp: '203.0.113.9' } })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

function form(fields: Record<string, string | string[]> = {}, documents: File[] = []) {
  const body = new FormData()
  for (const [k, v] of Object.entries({ ...text, ...fields })) for (const one of [v].flat()) body.append(k, one)
  for (const file of documents) body.append('documents', file)
  return body
}

const create = (cookie: string, body: FormData) => call(createAction, '/initiatieven/nieuw', {}, cookie, body)
const edit = (id: number, cookie: string, body: FormData) =>
  call(editAction, `/initiatieven/${id}/bewerken`, { id: String(id) }, cookie, body)
const download = (id: number, documentId: number, cookie?: string) =>
  call(downloadLoader, `/initiatieven/${id}/documenten/${documentId}`, { id: String(id), documentId: String(documentId) }, cookie)
const idFrom = (response: Response) => Number(/^\/initiatieven\/(\d+)$/.exec(response.headers.get('Location') ?? '')?.[1])
const failureOf = async (response: Response) => {
  expect(response.status).toBe(400)
  return (await response.json()) as ProposalFormFailure
}

describe('documents at a proposal', () => {
  it('stores a valid PDF and serves it only to who may see the proposal; the open data lists it', async () => {
    const [author, other, staff] = await Promise.all([person(), person(), person({ roles: [{ role: 'staff' }] })])
    const file = pdf('Plan voor het bankje.pdf', ['Het bankje komt links van de deur.'])
    expect((await checkPdf(file, LIMITS.documentBytes)).ok).toBe(true)
    const created = await create(author.cookie, form({}, [file]))
    expect(created.status).toBe(302)
    const id = idFrom(created)
    const [doc] = await documentsOf(id)
    expect(doc).toMatchObject({ title: 'Plan voor het bankje', filename: 'Plan voor het bankje.pdf', size: file.size })

    // A draft: its author and staff get it; another resident and a visitor are told it does not exist.
    const mine = await download(id, doc!.id, author.cookie)
    expect(mine.status).toBe(200)
    expect(mine.headers.get('Content-Type')).toBe('application/pdf')
    expect(mine.headers.get('Cache-Control')).toBe('private, no-store')
    expect(mine.headers.get('Content-Disposition')).toContain('filename="Plan voor het bankje.pdf"')
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(Buffer.from(await file.arrayBuffer()))
    expect((await download(id, doc!.id, staff.cookie)).status).toBe(200)
    expect((await download(id, doc!.id, other.cookie)).status).toBe(404)
    expect((await download(id, doc!.id)).status).toBe(404)

    // Published: everyone, briefly cached; never as a document of another proposal.
    await saveScope(getDatabase().db, 'WK001400', { threshold: 10, windowDays: 30, minimumAge: 16 }, author.id)
    await publishProposal(id, author.id)
    const open = await download(id, doc!.id)
    expect(open.status).toBe(200)
    expect(open.headers.get('Cache-Control')).toBe('public, max-age=300')
    const second = idFrom(await create(author.cookie, form()))
    await publishProposal(second, author.id)
    expect((await download(second, doc!.id)).status).toBe(404)

    const one = proposalsServer.api!.find((r) => r.path === '/proposals/{id}')!
    const api = await one.handler({ params: { id: String(id) }, query: new URLSearchParams(), request: new Request('http://stem.test') })
    expect(api).toMatchObject({
      status: 200,
      body: {
        documents: [{ id: doc!.id, title: 'Plan voor het bankje', size: file.size, url: `/initiatieven/${id}/documenten/${doc!.id}` }],
      },
    })
    expect(openApiDocument('http://stem.test').paths['/proposals/{id}']).toMatchObject({
      get: { responses: { '200': { content: { 'application/json': { schema: { properties: { documents: { type: 'array' } } } } } } } },
    })
  })

  it('refuses a fake PDF, an oversized one and a fourth with the message at the field, keeping what was typed', async () => {
    const author = await person()
    const typed = { title: 'Mijn getypte titel over een fake PDF' }
    const fake = await failureOf(await create(author.cookie, form(typed, [new File([png], 'foto.pdf', { type: 'application/pdf' })])))
    expect(fake.errors).toEqual({ documents: 'proposals.errors.document_type' })
    expect(fake.params).toEqual({ documents: { name: 'foto.pdf' } })
    expect(fake.values).toMatchObject({ title: typed.title, summary: text.summary, body: text.body })

    const big = new File([new Uint8Array(simplePdf('groot', [])), new Uint8Array(LIMITS.documentBytes)], 'groot.pdf')
    const oversized = await failureOf(await create(author.cookie, form(typed, [big])))
    expect(oversized.errors).toEqual({ documents: 'proposals.errors.document_too_large' })
    expect(oversized.values.title).toBe(typed.title)

    // Four at once: the fourth is refused; the first three are kept for the next try.
    const four = await failureOf(
      await create(
        author.cookie,
        form(
          typed,
          ['a', 'b', 'c', 'd'].map((n) => pdf(`${n}.pdf`)),
        ),
      ),
    )
    expect(four.errors).toEqual({ documents: 'proposals.errors.documents_too_many' })
    expect(four.keptDocuments?.map((d) => d.filename)).toEqual(['a.pdf', 'b.pdf', 'c.pdf'])
    const saved = await create(author.cookie, form({ pendingDocument: four.keptDocuments!.map((d) => d.token) }))
    const id = idFrom(saved)
    expect((await documentsOf(id)).map((d) => d.filename)).toEqual(['a.pdf', 'b.pdf', 'c.pdf'])

    // A fourth on edit: refused; removing one while adding one is fine.
    const more = await failureOf(await edit(id, author.cookie, form({}, [pdf('d.pdf')])))
    expect(more.errors).toEqual({ documents: 'proposals.errors.documents_too_many' })
    expect(await documentsOf(id)).toHaveLength(3)
    const [first] = await documentsOf(id)
    expect((await edit(id, author.cookie, form({ removeDocument: String(first!.id) }, [pdf('d.pdf')]))).status).toBe(302)
    expect((await documentsOf(id)).map((d) => d.filename)).toEqual(['b.pdf', 'c.pdf', 'd.pdf'])
    // The command counts too, under the proposal's lock.
    expect(
      await updateProposal(id, author.id, proposalSchema.parse(text), null, {
        add: [{ title: 'e', filename: 'e.pdf', content: simplePdf('e', []) }],
      }),
    ).toEqual({ ok: false, reason: 'proposals.errors.documents_too_many', field: 'documents' })

    // Far larger than the form can carry: refused before reading, with the message at the field.
    const huge = new Request('http://stem.test/initiatieven/nieuw', {
      method: 'POST',
      body: form(typed),
      headers: { Cookie: author.cookie, 'Content-Length': String(100 * 1024 * 1024) },
    })
    const refused = (await createAction({ request: huge, params: {}, context: { clientIp: '203.0.113.9' } })) as Response
    expect(refused.status).toBe(413)
    expect(((await refused.json()) as ProposalFormFailure).errors).toEqual({ documents: 'proposals.errors.upload_too_large' })
  })

  it('keeps valid documents across an error, for this resident only, until used, dropped or a day old', async () => {
    const { db } = getDatabase()
    const [author, other] = await Promise.all([person(), person()])
    const first = await failureOf(await create(author.cookie, form({ title: 'x'.repeat(130) }, [pdf('Tekening.pdf')])))
    expect(first.errors).toEqual({ title: 'proposals.errors.title_too_long' })
    expect(first.keptDocuments).toEqual([
      { token: expect.stringMatching(/^[\w-]{20,}$/), filename: 'Tekening.pdf', size: expect.any(Number) },
    ])
    const token = first.keptDocuments![0]!.token
    // Someone else cannot use the token: their proposal is saved without it, and it stays the author's.
    const stolen = idFrom(await create(other.cookie, form({ pendingDocument: token })))
    expect(await documentsOf(stolen)).toEqual([])
    expect(await db.select().from(proposalPendingUploads).where(eq(proposalPendingUploads.token, token))).toHaveLength(1)
    // Another error keeps it again, with the same token; then the author's next try saves it.
    const again = await failureOf(await create(author.cookie, form({ title: '', pendingDocument: token })))
    expect(again.keptDocuments?.map((d) => d.token)).toEqual([token])
    const id = idFrom(await create(author.cookie, form({ pendingDocument: token })))
    expect((await documentsOf(id)).map((d) => d.title)).toEqual(['Tekening'])
    expect(await db.select().from(proposalPendingUploads).where(eq(proposalPendingUploads.userId, author.id))).toEqual([])

    // "Verwijderen" at a kept document forgets it.
    const kept = await failureOf(await create(author.cookie, form({ title: '' }, [pdf('Weg.pdf')])))
    const dropToken = kept.keptDocuments![0]!.token
    const dropped = await failureOf(
      await create(author.cookie, form({ title: '', pendingDocument: dropToken, dropPendingDocument: dropToken })),
    )
    expect(dropped.keptDocuments).toEqual([])
    expect(await db.select().from(proposalPendingUploads).where(eq(proposalPendingUploads.token, dropToken))).toEqual([])

    // Nobody came back: the tick removes kept files after a day.
    await failureOf(await create(author.cookie, form({ title: '' }, [pdf('Vergeten.pdf')])))
    await purgeKeptUploads(new Date(Date.now() + 2 * 86_400_000))
    expect(await db.select().from(proposalPendingUploads).where(eq(proposalPendingUploads.userId, author.id))).toEqual([])
  })

  it('removes and renames documents on edit, and refuses any edit after the first support', async () => {
    const { db } = getDatabase()
    const author = await person()
    const supporter = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const id = idFrom(await create(author.cookie, form({}, [pdf('Eerste.pdf'), pdf('Tweede versie.pdf')])))
    const [one, two] = await documentsOf(id)
    const long = await failureOf(await edit(id, author.cookie, form({ [`documentTitle-${two!.id}`]: 'y'.repeat(121) })))
    expect(long.errors).toEqual({ [`documentTitle-${two!.id}`]: 'proposals.errors.document_title_too_long' })
    expect(long.values[`documentTitle-${two!.id}`]).toBe('y'.repeat(121))
    const saved = await edit(id, author.cookie, form({ removeDocument: String(one!.id), [`documentTitle-${two!.id}`]: '' }))
    expect(saved.status).toBe(302)
    expect(await documentsOf(id)).toMatchObject([{ id: two!.id, title: 'Tweede versie' }])
    expect((await edit(id, author.cookie, form({ [`documentTitle-${two!.id}`]: 'Plan, tweede versie' }))).status).toBe(302)
    expect((await documentsOf(id))[0]!.title).toBe('Plan, tweede versie')

    // Supported once: no more changes, by the route (with the reason) or the command.
    await saveScope(db, 'WK001400', { threshold: 10, windowDays: 30, minimumAge: 16 }, author.id)
    await publishProposal(id, author.id)
    expect((await supportProposal(id, supporter.id)).ok).toBe(true)
    const denied = await edit(id, author.cookie, form({ removeDocument: String(two!.id) }, [pdf('Nieuw.pdf')]))
    expect(denied.status).toBe(403)
    expect(await denied.json()).toMatchObject({ denied: 'closed' })
    expect(
      await updateProposal(id, author.id, proposalSchema.parse(text), null, {
        add: [{ title: 'Nieuw', filename: 'Nieuw.pdf', content: simplePdf('Nieuw', []) }],
        remove: [two!.id],
      }),
    ).toEqual({ ok: false, reason: 'proposals.errors.not_editable', field: 'form' })
    expect((await documentsOf(id)).map((d) => d.id)).toEqual([two!.id])
    // Deleting the proposal takes its documents along.
    await db.delete(proposals).where(eq(proposals.id, id))
    expect(await db.select().from(proposalDocuments).where(eq(proposalDocuments.proposalId, id))).toEqual([])
  })
})
