import type { Case, ModuleRouteCases } from '~db/test/route-cases'
import { all, loggedIn, staffOnly } from '~db/test/route-cases'

// Flaggable content comes from the other modules (the demo seed's proposal 1); an unknown kind is not found.
export const routeCases: ModuleRouteCases = {
  cases: (): Case[] => [
    { route: 'melden', method: 'GET', path: '/melden?kind=onbekend&id=1&terug=%2F', expect: loggedIn('not_found') },
    { route: 'melden', method: 'GET', path: '/melden?kind=proposal&id=1&terug=%2F', expect: loggedIn('ok') },
    {
      route: 'melden',
      method: 'POST',
      path: '/melden',
      body: { kind: 'proposal', id: '1', reason: '' },
      expect: loggedIn('bad_request'),
    },
    { route: 'moderatie', method: 'GET', path: '/moderatie', expect: all('ok') },
    { route: 'moderatie_.bezwaar', method: 'GET', path: '/moderatie/bezwaar?kind=proposal&id=1', expect: loggedIn('not_found') },
    {
      route: 'moderatie_.bezwaar',
      method: 'POST',
      path: '/moderatie/bezwaar',
      body: { kind: 'proposal', id: '1', text: 'kort' },
      expect: loggedIn('bad_request'),
    },
    { route: 'beheer.moderatie', method: 'GET', path: '/beheer/moderatie', expect: staffOnly(['moderator', 'staff', 'admin']) },
    {
      route: 'beheer.moderatie',
      method: 'POST',
      path: '/beheer/moderatie',
      body: { intent: 'hide', reason: 'scheldwoorden', category: 'offensive' },
      expect: { ...staffOnly([]), moderator: 'bad_request', staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.moderatie',
      method: 'POST',
      path: '/beheer/moderatie',
      body: { intent: 'block', userId: 'onbekend', reason: '' },
      expect: { ...staffOnly([]), moderator: 'denied:not_allowed', staff: 'bad_request', admin: 'bad_request' },
    },
    {
      route: 'beheer.moderatie',
      method: 'POST',
      path: '/beheer/moderatie',
      body: { intent: 'unblock', userId: 'onbekend', reason: 'gesprek gehad' },
      expect: { ...staffOnly([]), moderator: 'denied:not_allowed', staff: 'bad_request', admin: 'bad_request' },
    },
  ],
}
