import type { Case, ModuleRouteCases } from '~db/test/route-cases'
import { loggedIn, staffOnly } from '~db/test/route-cases'

const desk = (o: 'ok' | 'bad_request' | 'redirect') => ({ ...staffOnly(['helper', 'staff', 'admin']), helper: o, staff: o, admin: o })

export const routeCases: ModuleRouteCases = {
  cases: (): Case[] => [
    { route: 'balie', method: 'GET', path: '/balie', expect: desk('ok') },
    {
      route: 'balie',
      method: 'POST',
      path: '/balie',
      body: { intent: 'search', postcode: '9999ZZ', houseNumber: '1', addition: '', birthYear: '1950' },
      expect: desk('bad_request'),
    },
    {
      route: 'balie',
      method: 'POST',
      path: '/balie',
      body: {
        intent: 'register',
        postcode: '9712JG',
        houseNumber: '3',
        addition: '',
        birthYear: '1930',
        displayName: 'Zonder Toestemming',
        channel: 'desk',
      },
      expect: desk('bad_request'),
    },
    { route: 'balie', method: 'POST', path: '/balie', body: { intent: 'stop' }, expect: desk('redirect') },
    { route: 'mijn.dossier', method: 'GET', path: '/mijn/dossier', expect: loggedIn('ok') },
    { route: 'account-claimen', method: 'GET', path: '/account-claimen', expect: { ...loggedIn('redirect'), visitor: 'ok' } },
    {
      route: 'account-claimen',
      method: 'POST',
      path: '/account-claimen',
      body: { code: '', email: 'x@example.test', password: 'een lang wachtwoord' },
      expect: { ...loggedIn('redirect'), visitor: 'bad_request' },
    },
    { route: 'beheer.audit', method: 'GET', path: '/beheer/audit?action=user', expect: staffOnly(['staff', 'admin']) },
  ],
}
