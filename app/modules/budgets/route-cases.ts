import { budgetProjects } from '~db/schema'
import { all, loggedIn, staffOnly, type Case, type ModuleRouteCases, type Outcome, type RoleName } from '~db/test/route-cases'
import { budgetInput } from '~db/factories/budgets'
import { createBudget, setPhase } from './commands.server'

const base = budgetInput({ title: 'Routebudget', amount: 10_000, phases: {} })

/** Only the verified resident of Centrum may vote or send ideas; the others hear why not. */
const residentsOnly = (ok: Outcome): Record<RoleName, Outcome> => ({
  ...loggedIn('denied:not_verified'),
  unconfirmed: 'denied:email_not_confirmed',
  verified: ok,
})

export const routeCases: ModuleRouteCases = {
  setup: async (db, people) => {
    const staffId = people.staff!.id
    const voting = await createBudget(staffId, { ...base, title: 'Routebudget stemmen' }, db)
    await db.insert(budgetProjects).values({ budgetId: voting.id, title: 'Een project', cost: 5_000 })
    await setPhase(staffId, voting.id, 'voting', db)
    const ideas = await createBudget(staffId, { ...base, title: 'Routebudget ideeën' }, db)
    await setPhase(staffId, ideas.id, 'ideas', db)
    return { voting: String(voting.id), ideas: String(ideas.id) }
  },
  // eslint-disable-next-line max-lines-per-function -- a table of routes, one case per line
  cases: ({ voting, ideas }): Case[] => [
    { route: 'begrotingen._index', method: 'GET', path: '/begrotingen', expect: all('ok') },
    { route: 'begrotingen.$id._index', method: 'GET', path: `/begrotingen/${voting}`, params: { id: voting! }, expect: all('ok') },
    { route: 'begrotingen.$id._index', method: 'GET', path: '/begrotingen/999999', params: { id: '999999' }, expect: all('not_found') },
    {
      route: 'begrotingen.$id._index',
      method: 'POST',
      path: `/begrotingen/${voting}`,
      params: { id: voting! },
      body: { intent: 'receipt', receipt: 'ABCD-EFGH-JKLM' },
      expect: all('ok'),
    },
    {
      route: 'begrotingen.$id._index',
      method: 'POST',
      path: `/begrotingen/${voting}`,
      params: { id: voting! },
      body: { intent: 'receipt', receipt: '' },
      expect: all('bad_request'),
    },
    {
      route: 'begrotingen.$id._index',
      method: 'POST',
      path: `/begrotingen/${voting}`,
      params: { id: voting! },
      body: { intent: 'follow' },
      expect: loggedIn('redirect'),
    },
    {
      route: 'begrotingen.$id.stemmen',
      method: 'GET',
      path: `/begrotingen/${voting}/stemmen`,
      params: { id: voting! },
      expect: residentsOnly('ok'),
    },
    {
      route: 'begrotingen.$id.stemmen',
      method: 'GET',
      path: `/begrotingen/${ideas}/stemmen`,
      params: { id: ideas! },
      expect: residentsOnly('denied:closed'),
    },
    {
      route: 'begrotingen.$id.stemmen',
      method: 'POST',
      path: `/begrotingen/${voting}/stemmen`,
      params: { id: voting! },
      body: { intent: 'calculate' },
      expect: residentsOnly('ok'),
    },
    {
      route: 'begrotingen.$id.stemmen',
      method: 'POST',
      path: `/begrotingen/${voting}/stemmen`,
      params: { id: voting! },
      body: { intent: 'vote' },
      expect: residentsOnly('bad_request'),
    },
    {
      route: 'begrotingen.$id.idee',
      method: 'GET',
      path: `/begrotingen/${ideas}/idee`,
      params: { id: ideas! },
      expect: residentsOnly('ok'),
    },
    {
      route: 'begrotingen.$id.idee',
      method: 'POST',
      path: `/begrotingen/${ideas}/idee`,
      params: { id: ideas! },
      body: { title: 'x' },
      expect: residentsOnly('bad_request'),
    },
    {
      route: 'begrotingen.$id.foto.$milestoneId',
      method: 'GET',
      path: `/begrotingen/${voting}/foto/999999`,
      params: { id: voting!, milestoneId: '999999' },
      expect: all('not_found'),
    },
    { route: 'beheer.begrotingen._index', method: 'GET', path: '/beheer/begrotingen', expect: staffOnly(['helper', 'staff', 'admin']) },
    {
      route: 'beheer.begrotingen._index',
      method: 'POST',
      path: '/beheer/begrotingen',
      body: { title: '' },
      expect: { ...staffOnly(['staff', 'admin']), staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.begrotingen.$id._index',
      method: 'GET',
      path: `/beheer/begrotingen/${voting}`,
      params: { id: voting! },
      expect: staffOnly(['staff', 'admin']),
    },
    {
      route: 'beheer.begrotingen.$id._index',
      method: 'POST',
      path: `/beheer/begrotingen/${voting}`,
      params: { id: voting! },
      body: { intent: 'review', ideaId: '1' },
      expect: { ...staffOnly(['staff', 'admin']), staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.begrotingen.$id._index',
      method: 'POST',
      path: `/beheer/begrotingen/${voting}`,
      params: { id: voting! },
      body: { intent: 'settings', title: 'Nieuwe titel van het routebudget', amount: '10000', voteRule: 'knapsack', tallyMethod: 'greedy' },
      expect: { ...staffOnly(['staff', 'admin']), staff: 'redirect', admin: 'redirect' },
    },
    {
      route: 'beheer.begrotingen.$id.papier',
      method: 'GET',
      path: `/beheer/begrotingen/${voting}/papier`,
      params: { id: voting! },
      expect: staffOnly(['helper', 'staff', 'admin']),
    },
    {
      route: 'beheer.begrotingen.$id.papier',
      method: 'POST',
      path: `/beheer/begrotingen/${voting}/papier`,
      params: { id: voting! },
      body: { postcode: 'fout' },
      expect: { ...staffOnly(['helper', 'staff', 'admin']), helper: 'bad_request', staff: 'bad_request', admin: 'bad_request' },
    },
  ],
}
