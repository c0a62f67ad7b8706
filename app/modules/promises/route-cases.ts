import { actorForUser } from '~/auth/session.server'
import { all, loggedIn, staffOnly, type Case, type ModuleRouteCases, type Outcome, type RoleName } from '~db/test/route-cases'
import { addIndicator, createPromise } from './commands.server'
import { promiseSchema } from './validation'

const promiseBody = (sourceKind: string) => ({
  intent: 'create',
  title: 'Route-test belofte',
  body: 'We bouwen meer woningen.',
  sourceKind,
  sourceDocument: 'Coalitieakkoord (test)',
  theme: 'Wonen',
  portfolioHolder: 'Wethouder Wonen',
  areaCodes: 'WK001400',
  updateEveryMonths: '3',
})

const managers = (who: RoleName[], outcome: Outcome = 'ok') => ({ ...staffOnly([]), ...Object.fromEntries(who.map((r) => [r, outcome])) })

type Fixtures = Record<'college' | 'council' | 'indicator', string>

export const routeCases: ModuleRouteCases<Fixtures> = {
  setup: async (_db, people) => {
    const staff = (await actorForUser(people.staff!.id))!
    const griffie = (await actorForUser(people.griffie!.id))!
    const college = await createPromise(staff, promiseSchema.parse(promiseBody('coalition_agreement')))
    const council = await createPromise(griffie, promiseSchema.parse(promiseBody('council_motion')))
    if (!college.ok || !council.ok) throw new Error('route-cases: promise')
    const indicator = await addIndicator(staff, college.id, {
      name: 'Nieuwe woningen',
      definition: 'Woningen opgeleverd per jaar',
      unit: 'woningen',
      source: 'CBS',
      period: 'year',
      baselineValue: null,
      baselinePeriod: null,
      targetValue: null,
      targetOn: null,
    })
    if (!indicator.ok) throw new Error('route-cases: indicator')
    return { college: String(college.id), council: String(council.id), indicator: String(indicator.id) }
  },
  // eslint-disable-next-line max-lines-per-function -- a table of routes, one case per line
  cases: (fx): Case[] => [
    { route: 'beloften._index', method: 'GET', path: '/beloften?zoek=woningen&stand=on_track&wijk=WK001400&te-laat=ja', expect: all('ok') },
    { route: 'beloften.$id', method: 'GET', path: `/beloften/${fx.college}`, params: { id: fx.college }, expect: all('ok') },
    { route: 'beloften.$id', method: 'GET', path: '/beloften/999999', params: { id: '999999' }, expect: all('not_found') },
    {
      route: 'beloften.$id',
      method: 'POST',
      path: `/beloften/${fx.college}`,
      params: { id: fx.college },
      body: { intent: 'follow' },
      expect: loggedIn('redirect'),
    },
    { route: 'beheer.beloften._index', method: 'GET', path: '/beheer/beloften', expect: staffOnly(['griffie', 'staff', 'admin']) },
    // The griffie records the council's motions and toezeggingen, not the college's coalition agreement.
    {
      route: 'beheer.beloften._index',
      method: 'POST',
      path: '/beheer/beloften',
      body: promiseBody('coalition_agreement'),
      expect: { ...managers(['staff', 'admin'], 'redirect'), griffie: 'bad_request' },
    },
    {
      route: 'beheer.beloften._index',
      method: 'POST',
      path: '/beheer/beloften',
      body: promiseBody('toezegging'),
      expect: managers(['griffie', 'staff', 'admin'], 'redirect'),
    },
    {
      route: 'beheer.beloften._index',
      method: 'POST',
      path: '/beheer/beloften',
      body: { title: '' },
      expect: managers(['griffie', 'staff', 'admin'], 'bad_request'),
    },
    {
      route: 'beheer.beloften.$id',
      method: 'GET',
      path: `/beheer/beloften/${fx.college}`,
      params: { id: fx.college },
      expect: managers(['staff', 'admin']),
    },
    {
      route: 'beheer.beloften.$id',
      method: 'GET',
      path: `/beheer/beloften/${fx.council}`,
      params: { id: fx.council },
      expect: managers(['griffie', 'staff', 'admin']),
    },
    {
      route: 'beheer.beloften.$id',
      method: 'GET',
      path: '/beheer/beloften/999999',
      params: { id: '999999' },
      expect: { ...loggedIn('denied:not_allowed'), griffie: 'not_found', staff: 'not_found', admin: 'not_found' },
    },
    // A status change without its public explanation is refused.
    {
      route: 'beheer.beloften.$id',
      method: 'POST',
      path: `/beheer/beloften/${fx.council}`,
      params: { id: fx.council },
      body: { intent: 'update', status: 'behind', explanation: '' },
      expect: managers(['griffie', 'staff', 'admin'], 'bad_request'),
    },
    {
      route: 'beheer.beloften.$id',
      method: 'POST',
      path: `/beheer/beloften/${fx.council}`,
      params: { id: fx.council },
      body: { intent: 'update', status: 'on_track', explanation: 'De motie wordt uitgevoerd zoals afgesproken.' },
      expect: managers(['griffie', 'staff', 'admin'], 'redirect'),
    },
    {
      route: 'beheer.beloften.$id',
      method: 'POST',
      path: `/beheer/beloften/${fx.college}`,
      params: { id: fx.college },
      body: { intent: 'link', item: 'consultation:999999' },
      expect: managers(['staff', 'admin'], 'bad_request'),
    },
    {
      route: 'beheer.beloften.$id_.cijfers.$indicatorId',
      method: 'GET',
      path: `/beheer/beloften/${fx.college}/cijfers/${fx.indicator}`,
      params: { id: fx.college, indicatorId: fx.indicator },
      expect: managers(['staff', 'admin']),
    },
    {
      route: 'beheer.beloften.$id_.cijfers.$indicatorId',
      method: 'GET',
      path: `/beheer/beloften/${fx.council}/cijfers/${fx.indicator}`,
      params: { id: fx.council, indicatorId: fx.indicator },
      expect: { ...loggedIn('denied:not_allowed'), griffie: 'not_found', staff: 'not_found', admin: 'not_found' },
    },
    {
      route: 'beheer.beloften.$id_.cijfers.$indicatorId',
      method: 'POST',
      path: `/beheer/beloften/${fx.college}/cijfers/${fx.indicator}`,
      params: { id: fx.college, indicatorId: fx.indicator },
      body: { content: 'periode,waarde,eenheid\n2024,120,woningen\n2025,140,woningen\n' },
      expect: managers(['staff', 'admin']),
    },
    {
      route: 'beheer.beloften.$id_.cijfers.$indicatorId',
      method: 'POST',
      path: `/beheer/beloften/${fx.college}/cijfers/${fx.indicator}`,
      params: { id: fx.college, indicatorId: fx.indicator },
      body: { content: 'periode,waarde,eenheid\n2026,150,%\n' },
      expect: managers(['staff', 'admin'], 'bad_request'),
    },
  ],
}
