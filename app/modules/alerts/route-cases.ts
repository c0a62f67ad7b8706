import { all, loggedIn, staffOnly, type Case, type ModuleRouteCases, type Outcome } from '~db/test/route-cases'
import { createUser } from '~db/factories/users'
import { alertPlaces } from '~db/schema'
import { sql } from 'drizzle-orm'
import { publishNotice, react } from './notices.server'
import { publishDecision } from './decisions.server'
import { unsubscribeToken } from './token.server'

const confirmed = (o: Outcome) => ({ ...loggedIn(o), unconfirmed: 'denied:email_not_confirmed' as Outcome })

export const routeCases: ModuleRouteCases<{
  noticeId: string
  withdrawId: string
  ownerId: string
  token: string
  reactionId: string
  decidedId: string
}> = {
  setup: async (db) => {
    const owner = await createUser(db, { displayName: 'Plekkenhouder' })
    const notice = await publishNotice(db, null, {
      kind: 'draft_decision',
      title: 'Ontwerpbesluit voor de route-test',
      description: 'Een verzonnen ontwerpbesluit.',
      locationLabel: 'Martinikerkhof',
      geometry: { type: 'Point', coordinates: [6.5686, 53.2193] },
      startsOn: new Date().toISOString().slice(0, 10),
    })
    const toWithdraw = await publishNotice(db, null, {
      kind: 'permit_application',
      title: 'Aanvraag om in te trekken in de route-test',
      description: 'Een verzonnen aanvraag.',
      locationLabel: 'Vismarkt',
      geometry: { type: 'Point', coordinates: [6.5645, 53.2175] },
      startsOn: new Date().toISOString().slice(0, 10),
    })
    const [place] = await db
      .insert(alertPlaces)
      .values({
        userId: owner.id,
        kind: 'area',
        label: 'Binnenstad-Noord',
        areaCode: 'BU00140000',
        geom: sql`(select geom from areas where code = 'BU00140000')` as unknown as string,
        matchGeom: sql`(select geom from areas where code = 'BU00140000')` as unknown as string,
        topics: ['building'],
        channel: 'immediate',
        consentVersion: 'test',
        consentedAt: new Date(),
      })
      .returning({ id: alertPlaces.id })
    const pdf = () => new File([Buffer.from('%PDF-1.4\n%%EOF\n')], 'stuk.pdf', { type: 'application/pdf' })
    const reaction = await react(
      owner.id,
      notice.id,
      { body: 'Een zienswijze voor de route-test.', authorName: 'P', authorAddress: 'Vismarkt 1' },
      pdf(),
      new Date(),
      db,
    )
    if (!reaction.ok) throw new Error('reaction refused')
    const decided = await publishNotice(db, null, {
      kind: 'draft_decision',
      title: 'Ontwerpbesluit met besluit in de route-test',
      description: 'Een verzonnen ontwerpbesluit.',
      locationLabel: 'Vismarkt',
      geometry: { type: 'Point', coordinates: [6.5645, 53.2175] },
      startsOn: new Date().toISOString().slice(0, 10),
    })
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    await publishDecision(staff.id, decided.id, { text: 'Het besluit van de route-test.', nota: [], document: pdf() }, new Date(), db)
    return {
      noticeId: String(notice.id),
      withdrawId: String(toWithdraw.id),
      ownerId: owner.id,
      token: unsubscribeToken(owner.id, place!.id),
      reactionId: String(reaction.id),
      decidedId: String(decided.id),
    }
  },
  // eslint-disable-next-line max-lines-per-function -- a table of routes, one case per line
  cases: ({ noticeId, withdrawId, ownerId, token, reactionId, decidedId }): Case[] => [
    { route: 'mijn.reacties', method: 'GET', path: '/mijn/reacties', expect: loggedIn('ok') },
    { route: 'bekendmakingen._index', method: 'GET', path: '/bekendmakingen?postcode=9712JG&huisnummer=3&afstand=500', expect: all('ok') },
    { route: 'bekendmakingen._index', method: 'GET', path: '/bekendmakingen?lat=53.2193&lon=6.5686&afstand=1000', expect: all('ok') },
    { route: 'bekendmakingen._index', method: 'GET', path: '/bekendmakingen?postcode=fout&huisnummer=x', expect: all('bad_request') },
    {
      route: 'bekendmakingen.feed',
      method: 'GET',
      path: '/bekendmakingen/feed?postcode=9712JG&huisnummer=3&afstand=500',
      expect: all('ok'),
    },
    { route: 'bekendmakingen.feed', method: 'GET', path: '/bekendmakingen/feed', expect: all('bad_request') },
    {
      route: 'mijn.plekken',
      method: 'GET',
      path: '/mijn/plekken?postcode=9712JG&huisnummer=3&straal=500',
      expect: confirmed('ok'),
    },
    {
      route: 'bekendmakingen.$id',
      method: 'POST',
      path: `/bekendmakingen/${noticeId}?volgen=aan`,
      params: { id: noticeId },
      expect: loggedIn('redirect'),
    },
    {
      route: 'bekendmakingen.$id',
      method: 'POST',
      path: `/bekendmakingen/${noticeId}`,
      params: { id: noticeId },
      body: { authorName: 'Anna', authorAddress: 'Vismarkt 1, Groningen', body: '' },
      expect: confirmed('bad_request'),
    },
    {
      route: 'bekendmakingen.$id.besluit',
      method: 'GET',
      path: `/bekendmakingen/${decidedId}/besluit`,
      params: { id: decidedId },
      expect: all('ok'),
    },
    {
      route: 'bekendmakingen.$id.besluit',
      method: 'GET',
      path: `/bekendmakingen/${noticeId}/besluit`,
      params: { id: noticeId },
      expect: all('not_found'),
    },
    { route: 'beheer.reacties._index', method: 'GET', path: '/beheer/reacties', expect: staffOnly(['staff', 'admin']) },
    {
      route: 'beheer.reacties._index',
      method: 'GET',
      path: `/beheer/reacties?bekendmaking=${noticeId}&status=overdue&soort=zienswijze&wijk=WK001400&van=2020-01-01&tot=fout&zoek=route`,
      expect: staffOnly(['staff', 'admin']),
    },
    { route: 'beheer.reacties._index', method: 'GET', path: '/beheer/reacties?bekendmaking=999999', expect: all('not_found') },
    {
      route: 'beheer.reacties.$id',
      method: 'GET',
      path: `/beheer/reacties/${reactionId}`,
      params: { id: reactionId },
      expect: staffOnly(['staff', 'admin']),
    },
    { route: 'beheer.reacties.$id', method: 'GET', path: '/beheer/reacties/999999', params: { id: '999999' }, expect: all('not_found') },
    {
      route: 'beheer.reacties.$id',
      method: 'POST',
      path: `/beheer/reacties/${reactionId}`,
      params: { id: reactionId },
      body: { intent: 'status', status: 'inadmissible', reason: '' },
      expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.reacties.$id',
      method: 'POST',
      path: `/beheer/reacties/${reactionId}`,
      params: { id: reactionId },
      body: { intent: 'status', status: 'in_progress' },
      expect: { ...staffOnly([]), staff: 'redirect', admin: 'redirect' },
    },
    {
      route: 'beheer.reacties.$id',
      method: 'POST',
      path: `/beheer/reacties/${reactionId}`,
      params: { id: reactionId },
      body: { intent: 'note', note: 'Notitie uit de route-test.' },
      expect: { ...staffOnly([]), staff: 'redirect', admin: 'redirect' },
    },
    {
      route: 'beheer.reacties.$id',
      method: 'POST',
      path: `/beheer/reacties/${reactionId}`,
      params: { id: reactionId },
      body: { intent: 'assign', assignee: ownerId },
      expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.reacties.$id.bijlage',
      method: 'GET',
      path: `/beheer/reacties/${reactionId}/bijlage`,
      params: { id: reactionId },
      expect: staffOnly(['staff', 'admin']),
    },
    {
      route: 'beheer.bekendmakingen.$id.export',
      method: 'GET',
      path: `/beheer/bekendmakingen/${noticeId}/export?formaat=zip`,
      params: { id: noticeId },
      expect: staffOnly(['staff', 'admin']),
    },
    {
      route: 'beheer.bekendmakingen.$id.export',
      method: 'GET',
      path: `/beheer/bekendmakingen/${noticeId}/export?formaat=csv`,
      params: { id: noticeId },
      expect: staffOnly(['staff', 'admin']),
    },
    {
      route: 'beheer.bekendmakingen.$id.export',
      method: 'GET',
      path: `/beheer/bekendmakingen/${noticeId}/export?formaat=xls`,
      params: { id: noticeId },
      expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.bekendmakingen.$id.besluit',
      method: 'GET',
      path: `/beheer/bekendmakingen/${noticeId}/besluit`,
      params: { id: noticeId },
      expect: staffOnly(['staff', 'admin']),
    },
    {
      route: 'beheer.bekendmakingen.$id.besluit',
      method: 'POST',
      path: `/beheer/bekendmakingen/${noticeId}/besluit`,
      params: { id: noticeId },
      body: { text: 'kort', theme0: 'Groen' },
      expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.bekendmakingen.$id.besluit',
      method: 'POST',
      path: `/beheer/bekendmakingen/${decidedId}/besluit`,
      params: { id: decidedId },
      body: { text: 'Het besluit is al genomen, dit is een tweede.' },
      expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
    },
    { route: 'mijn.plekken', method: 'GET', path: '/mijn/plekken', expect: confirmed('ok') },
    {
      route: 'mijn.plekken',
      method: 'POST',
      path: '/mijn/plekken',
      body: { mode: 'address', postcode: 'fout' },
      expect: confirmed('bad_request'),
    },
    {
      route: 'mijn.plekken',
      method: 'POST',
      path: '/mijn/plekken',
      body: { intent: 'delete', placeId: '0' },
      expect: confirmed('redirect'),
    },
    { route: 'bekendmakingen._index', method: 'GET', path: '/bekendmakingen', expect: all('ok') },
    { route: 'bekendmakingen.$id', method: 'GET', path: `/bekendmakingen/${noticeId}`, params: { id: noticeId }, expect: all('ok') },
    { route: 'bekendmakingen.$id', method: 'GET', path: '/bekendmakingen/999999', params: { id: '999999' }, expect: all('not_found') },
    {
      route: 'bekendmakingen.$id',
      method: 'POST',
      path: `/bekendmakingen/${noticeId}`,
      params: { id: noticeId },
      body: { body: 'kort' },
      expect: confirmed('bad_request'),
    },
    { route: 'beheer.bekendmakingen._index', method: 'GET', path: '/beheer/bekendmakingen', expect: staffOnly(['staff', 'admin']) },
    {
      route: 'beheer.bekendmakingen._index',
      method: 'POST',
      path: '/beheer/bekendmakingen',
      body: { kind: 'decision', title: 'x' },
      expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.bekendmakingen.$id.intrekken',
      method: 'GET',
      path: `/beheer/bekendmakingen/${withdrawId}/intrekken`,
      params: { id: withdrawId },
      expect: staffOnly(['staff', 'admin']),
    },
    {
      route: 'beheer.bekendmakingen.$id.intrekken',
      method: 'GET',
      path: '/beheer/bekendmakingen/999999/intrekken',
      params: { id: '999999' },
      expect: { ...staffOnly([]), staff: 'not_found', admin: 'not_found' },
    },
    {
      route: 'beheer.bekendmakingen.$id.intrekken',
      method: 'POST',
      path: `/beheer/bekendmakingen/${withdrawId}/intrekken`,
      params: { id: withdrawId },
      body: { reason: 'kort' },
      expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
    },
    // Roles run in order: staff withdraws it, then admin is told it is withdrawn already.
    {
      route: 'beheer.bekendmakingen.$id.intrekken',
      method: 'POST',
      path: `/beheer/bekendmakingen/${withdrawId}/intrekken`,
      params: { id: withdrawId },
      body: { reason: 'De aanvrager heeft de aanvraag teruggetrokken.' },
      expect: { ...staffOnly([]), staff: 'redirect', admin: 'bad_request' },
    },
    {
      route: 'bekendmakingen.$id',
      method: 'POST',
      path: `/bekendmakingen/${withdrawId}`,
      params: { id: withdrawId },
      body: { body: 'Een reactie op een ingetrokken bekendmaking.' },
      expect: confirmed('bad_request'),
    },
    {
      route: 'beheer.bekendmakingen.importeren',
      method: 'GET',
      path: '/beheer/bekendmakingen/importeren',
      expect: staffOnly(['staff', 'admin']),
    },
    {
      route: 'beheer.bekendmakingen.importeren',
      method: 'POST',
      path: '/beheer/bekendmakingen/importeren',
      body: { content: 'kind,title\nonbekend,x' },
      expect: { ...staffOnly([]), staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.plekken.$id',
      method: 'GET',
      path: `/beheer/plekken/${ownerId}`,
      params: { id: ownerId },
      expect: staffOnly(['helper', 'staff', 'admin']),
    },
    {
      route: 'beheer.plekken.$id',
      method: 'GET',
      path: `/beheer/plekken/${ownerId}?reden=${encodeURIComponent('vraag aan de balie')}`,
      params: { id: ownerId },
      expect: staffOnly(['helper', 'staff', 'admin']),
    },
    { route: 'afmelden.$token', method: 'GET', path: '/afmelden/fout', params: { token: 'fout' }, expect: all('bad_request') },
    { route: 'afmelden.$token', method: 'GET', path: `/afmelden/${token}`, params: { token }, expect: all('ok') },
    { route: 'afmelden.$token', method: 'POST', path: '/afmelden/fout', params: { token: 'fout' }, expect: all('bad_request') },
    {
      route: 'afmelden.$token',
      method: 'POST',
      path: `/afmelden/${token}`,
      params: { token },
      body: { 'List-Unsubscribe': 'One-Click' },
      expect: all('ok'),
    },
  ],
}
