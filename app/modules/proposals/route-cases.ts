import { eq, sql } from 'drizzle-orm'
import { proposalDocuments, proposalImages, proposals } from '~db/schema'
import { simplePdf } from '~db/factories/documents'
import { createUser } from '~db/factories/users'
import { all, loggedIn, staffOnly, type Case, type ModuleRouteCases } from '~db/test/route-cases'
import { createProposal, publishProposal } from './commands.server'
import { saveScope } from './scopes.server'

const base = {
  summary: 'Een samenvatting voor de test van de rollen.',
  body: 'Een uitleg die lang genoeg is voor de test van de rollen.',
  theme: 'groen' as const,
  wijkCode: '',
  postcode: '',
  houseNumber: '',
  imageAlt: '',
}

/** Everyone who is not the author: denied, visitors to the login page. */
const notAuthor = { ...loggedIn('denied:not_allowed') }

export const routeCases: ModuleRouteCases = {
  setup: async (db) => {
    const author = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    await saveScope(db, 'gemeente', { threshold: 1000, windowDays: 60, minimumAge: 16 }, author.id)
    const make = async (title: string) => {
      const r = await createProposal(author.id, { ...base, title }, undefined, undefined, db)
      if (!r.ok) throw new Error('route-cases: create failed')
      return r.id
    }
    const pub = await make('Route-test gepubliceerd')
    await publishProposal(pub, author.id, db)
    const draft = await make('Route-test concept')
    const prog = await make('Route-test in behandeling')
    await publishProposal(prog, author.id, db)
    await db.execute(sql`update proposals set status = 'in_progress', answer_deadline = now() + interval '56 days' where id = ${prog}`)
    await db.insert(proposalImages).values({ proposalId: pub, data: Buffer.from('RIFF0000WEBP'), width: 1, height: 1 })
    await db.update(proposals).set({ hasImage: true }).where(eq(proposals.id, pub))
    const content = simplePdf('Route-test document', [])
    const document = async (proposalId: number) => {
      const values = { proposalId, title: 'Route-test', filename: 'route-test.pdf', size: content.length, content }
      const [row] = await db.insert(proposalDocuments).values(values).returning({ id: proposalDocuments.id })
      return String(row!.id)
    }
    return { pub: String(pub), draft: String(draft), prog: String(prog), pubDoc: await document(pub), draftDoc: await document(draft) }
  },
  // eslint-disable-next-line max-lines-per-function -- a table of routes, one case per line
  cases: (fx) => {
    const { pub = '', draft = '', prog = '', pubDoc = '', draftDoc = '' } = fx
    const documentCase = (id: string, documentId: string) => ({
      route: 'initiatieven.$id.documenten.$documentId',
      method: 'GET' as const,
      path: `/initiatieven/${id}/documenten/${documentId}`,
      params: { id, documentId },
    })
    const detail = (id: string) => ({ route: 'initiatieven.$id._index', path: `/initiatieven/${id}`, params: { id } })
    const post = (id: string, body: Record<string, string>) => ({ ...detail(id), method: 'POST' as const, body })
    const list: Case[] = [
      { route: 'initiatieven._index', method: 'GET', path: '/initiatieven?q=fiets&sort=hot', expect: all('ok') },
      {
        route: 'initiatieven.nieuw',
        method: 'GET',
        path: '/initiatieven/nieuw',
        expect: { ...loggedIn('ok'), unconfirmed: 'denied:email_not_confirmed' },
      },
      {
        route: 'initiatieven.nieuw',
        method: 'POST',
        path: '/initiatieven/nieuw',
        body: { title: 'x'.repeat(121), body: '<script>alert(1)</script>' },
        expect: { ...loggedIn('bad_request'), unconfirmed: 'denied:email_not_confirmed' },
      },
      { ...detail(pub), method: 'GET', expect: all('ok') },
      { ...detail('999999'), method: 'GET', expect: all('not_found') },
      { ...detail(draft), method: 'GET', expect: { ...loggedIn('denied:not_allowed'), staff: 'ok', admin: 'ok' } },
      {
        ...post(pub, { intent: 'support' }),
        expect: { ...loggedIn('denied:not_verified'), unconfirmed: 'denied:email_not_confirmed', verified: 'redirect' },
      },
      { ...post(pub, { intent: 'withdraw' }), expect: loggedIn('redirect') },
      { ...post(pub, { intent: 'follow' }), expect: loggedIn('redirect') },
      { ...post(pub, { intent: 'unfollow' }), expect: loggedIn('redirect') },
      {
        ...post(pub, { intent: 'comment', body: '' }),
        expect: { ...loggedIn('bad_request'), unconfirmed: 'denied:email_not_confirmed' },
      },
      {
        ...post(pub, { intent: 'like', commentId: '999999' }),
        expect: { ...loggedIn('not_found'), unconfirmed: 'denied:email_not_confirmed' },
      },
      { ...post(pub, { intent: 'retire', reason: 'test' }), expect: notAuthor },
      { ...post(draft, { intent: 'publish' }), expect: notAuthor },
      { ...post(pub, { intent: 'onbekend' }), expect: loggedIn('bad_request') },
      {
        ...post(prog, { intent: 'support' }),
        expect: { ...loggedIn('denied:not_verified'), unconfirmed: 'denied:email_not_confirmed', verified: 'denied:closed' },
      },
      { route: 'initiatieven.$id.bewerken', method: 'GET', path: `/initiatieven/${pub}/bewerken`, params: { id: pub }, expect: notAuthor },
      {
        route: 'initiatieven.$id.bewerken',
        method: 'POST',
        path: `/initiatieven/${pub}/bewerken`,
        params: { id: pub },
        body: {},
        expect: notAuthor,
      },
      {
        route: 'initiatieven.$id.afbeelding',
        method: 'GET',
        path: `/initiatieven/${pub}/afbeelding`,
        params: { id: pub },
        expect: all('ok'),
      },
      {
        route: 'initiatieven.$id.afbeelding',
        method: 'GET',
        path: `/initiatieven/${prog}/afbeelding`,
        params: { id: prog },
        expect: all('not_found'),
      },
      { ...documentCase(pub, pubDoc), expect: all('ok') },
      // A draft's document exists only for its author and staff; to anyone else it is not found.
      { ...documentCase(draft, draftDoc), expect: { ...all('not_found'), staff: 'ok', admin: 'ok' } },
      { ...documentCase(pub, draftDoc), expect: all('not_found') },
      { ...documentCase(pub, '999999'), expect: all('not_found') },
      { route: 'beheer.initiatieven._index', method: 'GET', path: '/beheer/initiatieven', expect: staffOnly(['staff', 'admin']) },
      {
        route: 'beheer.initiatieven._index',
        method: 'POST',
        path: '/beheer/initiatieven',
        body: { scope: 'gemeente', threshold: '0', windowDays: '30', minimumAge: '16' },
        expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
      },
      {
        route: 'beheer.initiatieven.$id',
        method: 'GET',
        path: `/beheer/initiatieven/${prog}`,
        params: { id: prog },
        expect: staffOnly(['staff', 'admin']),
      },
      {
        route: 'beheer.initiatieven.$id',
        method: 'POST',
        path: `/beheer/initiatieven/${prog}`,
        params: { id: prog },
        body: { kind: 'adopted', reasons: 'te kort' },
        expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
      },
    ]
    return list
  },
}
