import type { Case, ModuleRouteCases } from '~db/test/route-cases'
import { all, loggedIn } from '~db/test/route-cases'
import { createUser } from '~db/factories/users'
import { requestErasure } from './erasure.server'

export const routeCases: ModuleRouteCases = {
  setup: async (db) => {
    const someone = await createUser(db)
    const { token } = await db.transaction((tx) => requestErasure(tx, someone.id, 'request'))
    return { token: token! }
  },
  cases: (fx): Case[] => [
    { route: 'mijn.dossier', method: 'GET', path: '/mijn/dossier?soort=support&van=2026-01-01&pagina=2', expect: loggedIn('ok') },
    { route: 'mijn.dossier', method: 'GET', path: '/mijn/dossier?van=gisteren', expect: loggedIn('bad_request') },
    { route: 'mijn.toestemmingen', method: 'GET', path: '/mijn/toestemmingen', expect: loggedIn('ok') },
    {
      route: 'mijn.toestemmingen',
      method: 'POST',
      path: '/mijn/toestemmingen',
      body: { consent: 'place:0' },
      expect: loggedIn('bad_request'),
    },
    { route: 'mijn.account-verwijderen', method: 'GET', path: '/mijn/account-verwijderen', expect: loggedIn('ok') },
    {
      route: 'mijn.account-verwijderen',
      method: 'POST',
      path: '/mijn/account-verwijderen',
      body: { intent: 'request' },
      expect: loggedIn('bad_request'),
    },
    { route: 'privacy', method: 'GET', path: '/privacy', expect: all('ok') },
    { route: 'toegankelijkheid', method: 'GET', path: '/toegankelijkheid', expect: all('ok') },
    { route: 'mijn.gegevens', method: 'GET', path: '/mijn/gegevens', expect: loggedIn('ok') },
    { route: 'mijn.gegevens', method: 'POST', path: '/mijn/gegevens', body: {}, expect: loggedIn('redirect') },
    {
      route: 'mijn.gegevens_.download.$token',
      method: 'GET',
      path: '/mijn/gegevens/download/vals',
      params: { token: 'vals' },
      expect: loggedIn('not_found'),
    },
    {
      route: 'account-verwijderen.annuleren.$token',
      method: 'GET',
      path: `/account-verwijderen/annuleren/${fx.token}`,
      params: { token: fx.token! },
      expect: all('ok'),
    },
    {
      route: 'account-verwijderen.annuleren.$token',
      method: 'GET',
      path: '/account-verwijderen/annuleren/vals',
      params: { token: 'vals' },
      expect: all('not_found'),
    },
    {
      route: 'account-verwijderen.annuleren.$token',
      method: 'POST',
      path: '/account-verwijderen/annuleren/vals',
      params: { token: 'vals' },
      body: {},
      expect: all('not_found'),
    },
  ],
}
