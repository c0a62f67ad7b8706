import { actorForUser } from '~/auth/session.server'
import { all, loggedIn, staffOnly, type Case, type ModuleRouteCases, type Outcome, type RoleName } from '~db/test/route-cases'
import { openTextsOf } from './open-answers.server'
import { addQuestion, createDraft, saveConsultationDeclaration, submitResponse, transition } from './commands.server'
import { questionsOf } from './queries.server'
import { detailsSchema } from './validation'

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 16)

const detailsBody = (areaScope: string, areaCode: string) => ({
  intent: 'details',
  title: 'Route-test inspraak',
  intro: '',
  kind: 'consultation',
  goals: '',
  areaScope,
  ...(areaCode ? { areaCodes: areaCode } : {}),
  eligibility: 'verified_area',
  minimumAge: '',
  opensAt: '',
  closesAt: inDays(10),
  results: 'after_close',
})

const declaration = {
  level: 'raadplegen' as const,
  decidedBy: 'gemeenteraad',
  decisionExpectedOn: null,
  usedFor: 'De raad leest alle reacties voor het besluit.',
  bindingRule: null,
  reportBackBy: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
}

/** Who manages what: staff and admin everything, the griffie its own, a moderator the wijkteam's in WK001400. */
const managers = (who: RoleName[], outcome: Outcome = 'ok') => ({ ...staffOnly([]), ...Object.fromEntries(who.map((r) => [r, outcome])) })
const residentsAnswer = (outcome: Outcome) => ({
  ...loggedIn('denied:not_verified'),
  unconfirmed: 'denied:email_not_confirmed' as Outcome,
  verified: outcome,
})

type Fixtures = Record<'open' | 'closed' | 'draft' | 'wijkDraft' | 'wijkDraft2' | 'answer', string>

export const routeCases: ModuleRouteCases<Fixtures> = {
  setup: async (_db, people) => {
    const griffie = (await actorForUser(people.griffie!.id))!
    const moderator = (await actorForUser(people.moderator!.id))!
    const make = async (actor: typeof griffie, areaScope: string, areaCode: string) => {
      const created = await createDraft(actor, detailsSchema.parse(detailsBody(areaScope, areaCode)))
      if (!created.ok) throw new Error('route-cases: draft')
      return created.id
    }
    const open = await make(griffie, 'wijken', 'WK001400')
    await addQuestion(open, { kind: 'open', prompt: 'Wat vind je?', help: '', required: false, config: { maxLength: 200 } })
    await saveConsultationDeclaration(griffie, open, declaration)
    await transition(griffie, open, 'open')
    const closed = await make(griffie, 'city', '')
    await addQuestion(closed, { kind: 'open', prompt: 'Wat vind je?', help: '', required: false, config: { maxLength: 200 } })
    await saveConsultationDeclaration(griffie, closed, declaration)
    await transition(griffie, closed, 'open')
    const [question] = await questionsOf(closed)
    const resident = (await actorForUser(people.verified!.id))!
    await submitResponse(resident, closed, { [String(question!.id)]: 'Mail me op iemand@example.nl.' })
    const [answer] = await openTextsOf(closed)
    await transition(griffie, closed, 'close')
    return {
      open: String(open),
      closed: String(closed),
      draft: String(await make(griffie, 'city', '')),
      wijkDraft: String(await make(moderator, 'wijken', 'WK001400')),
      wijkDraft2: String(await make(moderator, 'buurten', 'BU00140000')),
      answer: answer!.id,
    }
  },
  // eslint-disable-next-line max-lines-per-function -- a table of routes, one case per line
  cases: (fx): Case[] => [
    { route: 'inspraak._index', method: 'GET', path: '/inspraak?zoek=fiets&stand=open', expect: all('ok') },
    { route: 'inspraak.$id._index', method: 'GET', path: `/inspraak/${fx.open}`, params: { id: fx.open }, expect: all('ok') },
    { route: 'inspraak.$id._index', method: 'GET', path: '/inspraak/999999', params: { id: '999999' }, expect: all('not_found') },
    {
      route: 'inspraak.$id._index',
      method: 'GET',
      path: `/inspraak/${fx.draft}`,
      params: { id: fx.draft },
      expect: { ...managers(['griffie', 'staff', 'admin']), visitor: 'login' },
    },
    // Taking part: verified residents of the area only; the reason is given to everyone else.
    {
      route: 'inspraak.$id._index',
      method: 'POST',
      path: `/inspraak/${fx.open}`,
      params: { id: fx.open },
      body: { [`q0`]: '' },
      expect: residentsAnswer('redirect'),
    },
    {
      route: 'inspraak.$id._index',
      method: 'POST',
      path: `/inspraak/${fx.closed}`,
      params: { id: fx.closed },
      body: {},
      expect: { ...loggedIn('denied:closed') },
    },
    {
      route: 'inspraak.$id.uitkomsten',
      method: 'GET',
      path: `/inspraak/${fx.open}/uitkomsten`,
      params: { id: fx.open },
      expect: { ...loggedIn('denied:closed'), griffie: 'ok', staff: 'ok', admin: 'ok' },
    },
    {
      route: 'inspraak.$id.uitkomsten',
      method: 'GET',
      path: `/inspraak/${fx.closed}/uitkomsten`,
      params: { id: fx.closed },
      expect: all('ok'),
    },
    {
      route: 'inspraak.$id.open-data',
      method: 'GET',
      path: `/inspraak/${fx.closed}/open-data?formaat=json`,
      params: { id: fx.closed },
      expect: all('ok'),
    },
    {
      route: 'inspraak.$id.documenten.$documentId',
      method: 'GET',
      path: `/inspraak/${fx.open}/documenten/999999`,
      params: { id: fx.open, documentId: '999999' },
      expect: all('not_found'),
    },
    {
      route: 'beheer.inspraak._index',
      method: 'GET',
      path: '/beheer/inspraak',
      expect: staffOnly(['moderator', 'griffie', 'staff', 'admin']),
    },
    // A wijkteam moderator creates in their own wijk, not in another one and not city-wide.
    {
      route: 'beheer.inspraak._index',
      method: 'POST',
      path: '/beheer/inspraak',
      body: detailsBody('wijken', 'WK001400'),
      expect: managers(['moderator', 'griffie', 'staff', 'admin'], 'redirect'),
    },
    {
      route: 'beheer.inspraak._index',
      method: 'POST',
      path: '/beheer/inspraak',
      body: detailsBody('wijken', 'WK001404'),
      expect: managers(['griffie', 'staff', 'admin'], 'redirect'),
    },
    {
      route: 'beheer.inspraak._index',
      method: 'POST',
      path: '/beheer/inspraak',
      body: detailsBody('city', ''),
      expect: managers(['griffie', 'staff', 'admin'], 'redirect'),
    },
    {
      route: 'beheer.inspraak._index',
      method: 'POST',
      path: '/beheer/inspraak',
      body: { title: '' },
      expect: managers(['moderator', 'griffie', 'staff', 'admin'], 'bad_request'),
    },
    {
      route: 'beheer.inspraak.$id',
      method: 'GET',
      path: `/beheer/inspraak/${fx.draft}`,
      params: { id: fx.draft },
      expect: managers(['griffie', 'staff', 'admin']),
    },
    {
      route: 'beheer.inspraak.$id',
      method: 'GET',
      path: `/beheer/inspraak/${fx.wijkDraft}`,
      params: { id: fx.wijkDraft },
      expect: managers(['moderator', 'staff', 'admin']),
    },
    {
      route: 'beheer.inspraak.$id',
      method: 'POST',
      path: `/beheer/inspraak/${fx.wijkDraft}`,
      params: { id: fx.wijkDraft },
      body: { intent: 'question_add', questionKind: 'single', prompt: 'Welke?', options: 'alleen een' },
      expect: managers(['moderator', 'staff', 'admin'], 'bad_request'),
    },
    // Moving the moderator's draft to another wijk is refused to the moderator.
    {
      route: 'beheer.inspraak.$id',
      method: 'POST',
      path: `/beheer/inspraak/${fx.wijkDraft2}`,
      params: { id: fx.wijkDraft2 },
      body: detailsBody('wijken', 'WK001404'),
      expect: managers(['staff', 'admin'], 'redirect'),
    },
    // Checking open answers: the owner only; hiding needs a reason.
    {
      route: 'beheer.inspraak.$id.antwoorden',
      method: 'GET',
      path: `/beheer/inspraak/${fx.closed}/antwoorden`,
      params: { id: fx.closed },
      expect: managers(['griffie', 'staff', 'admin']),
    },
    {
      route: 'beheer.inspraak.$id.antwoorden',
      method: 'POST',
      path: `/beheer/inspraak/${fx.closed}/antwoorden`,
      params: { id: fx.closed },
      body: { intent: 'hide', answerId: fx.answer, reason: 'Er staat een e-mailadres in.' },
      expect: managers(['griffie', 'staff', 'admin'], 'redirect'),
    },
    {
      route: 'beheer.inspraak.$id.antwoorden',
      method: 'POST',
      path: `/beheer/inspraak/${fx.closed}/antwoorden`,
      params: { id: fx.closed },
      body: { intent: 'hide', answerId: fx.answer, reason: '' },
      expect: managers(['griffie', 'staff', 'admin'], 'bad_request'),
    },
    {
      route: 'beheer.inspraak.$id.antwoorden',
      method: 'POST',
      path: `/beheer/inspraak/${fx.closed}/antwoorden`,
      params: { id: fx.closed },
      body: { intent: 'show', answerId: 'bestaatniet' },
      expect: managers(['griffie', 'staff', 'admin'], 'not_found'),
    },
    {
      route: 'beheer.inspraak.$id.antwoorden',
      method: 'POST',
      path: `/beheer/inspraak/${fx.closed}/antwoorden`,
      params: { id: fx.closed },
      body: { intent: 'terms', terms: 'Piet Jansen\nMarieke' },
      expect: managers(['griffie', 'staff', 'admin'], 'redirect'),
    },
    {
      route: 'beheer.inspraak.$id.csv',
      method: 'GET',
      path: `/beheer/inspraak/${fx.open}/csv`,
      params: { id: fx.open },
      expect: managers(['griffie', 'staff', 'admin']),
    },
  ],
}
