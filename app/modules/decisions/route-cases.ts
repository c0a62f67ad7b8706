import { all, loggedIn, staffOnly, type Case, type ModuleRouteCases } from '~db/test/route-cases'
import { recordDecision } from './commands.server'

const staff = ['griffie', 'staff', 'admin'] as const
const staffOutcome = (o: 'bad_request' | 'not_found' | 'redirect') => ({ ...staffOnly([]), griffie: o, staff: o, admin: o })

export const routeCases: ModuleRouteCases<{ publicId: string; secretId: string }> = {
  setup: async (db) => {
    const open = await recordDecision(db, null, {
      body: 'raad',
      kind: 'decision',
      decidedOn: '2026-11-01',
      title: 'Besluit voor de route-test',
      summary: 'Een verzonnen besluit voor de route-test.',
      theme: 'verkeer',
    })
    const secret = await recordDecision(db, null, {
      body: 'college',
      kind: 'decision',
      decidedOn: '2026-11-01',
      title: 'Geheim besluit voor de route-test',
      summary: 'De inhoud van een verzonnen geheim besluit.',
      secret: { generalSubject: 'Grondzaken', ground: 'woo_5_1_2_b', until: new Date(Date.now() + 365 * 86_400_000), untilKind: 'ends' },
    })
    return { publicId: String(open.id), secretId: String(secret.id) }
  },
  cases: ({ publicId, secretId }): Case[] => [
    { route: 'besluiten._index', method: 'GET', path: '/besluiten', expect: all('ok') },
    { route: 'besluiten._index', method: 'GET', path: '/besluiten?q=vismarkt&orgaan=raad&van=2026-01-01&wijk=fout', expect: all('ok') },
    { route: 'besluiten.$id', method: 'GET', path: `/besluiten/${publicId}`, params: { id: publicId }, expect: all('ok') },
    { route: 'besluiten.$id', method: 'GET', path: `/besluiten/${secretId}`, params: { id: secretId }, expect: all('ok') },
    { route: 'besluiten.$id', method: 'GET', path: '/besluiten/999999', params: { id: '999999' }, expect: all('not_found') },
    {
      route: 'besluiten.$id',
      method: 'POST',
      path: `/besluiten/${secretId}`,
      params: { id: secretId },
      body: { intent: 'follow' },
      expect: loggedIn('redirect'),
    },
    {
      route: 'besluiten.$id',
      method: 'POST',
      path: `/besluiten/${publicId}`,
      params: { id: publicId },
      body: { intent: 'iets' },
      expect: loggedIn('bad_request'),
    },
    { route: 'besluiten.geheim', method: 'GET', path: '/besluiten/geheim', expect: all('ok') },
    { route: 'besluiten.sitemap[.]xml', method: 'GET', path: '/besluiten/sitemap.xml', expect: all('ok') },
    { route: 'beheer.besluiten._index', method: 'GET', path: '/beheer/besluiten', expect: staffOnly([...staff]) },
    {
      route: 'beheer.besluiten._index',
      method: 'POST',
      path: '/beheer/besluiten',
      body: { body: 'raad', kind: 'decision', title: 'x' },
      expect: staffOutcome('bad_request'),
    },
    {
      // A day that JavaScript accepts and PostgreSQL does not: a message at the field, not a 500.
      route: 'beheer.besluiten._index',
      method: 'POST',
      path: '/beheer/besluiten',
      body: { body: 'raad', kind: 'decision', decidedOn: '2026-02-30', title: 'Een besluit', summary: 'Een samenvatting van het besluit.' },
      expect: staffOutcome('bad_request'),
    },
    { route: 'besluiten._index', method: 'GET', path: '/besluiten?q=%22de%20-%3A*%26%7C!&van=2026-02-30', expect: all('ok') },
    { route: 'beheer.besluiten.importeren', method: 'GET', path: '/beheer/besluiten/importeren', expect: staffOnly([...staff]) },
    {
      route: 'beheer.besluiten.importeren',
      method: 'POST',
      path: '/beheer/besluiten/importeren',
      body: { content: 'kenmerk,orgaan\nX-1,kabinet' },
      expect: staffOutcome('bad_request'),
    },
    {
      route: 'beheer.besluiten.$id',
      method: 'GET',
      path: `/beheer/besluiten/${secretId}`,
      params: { id: secretId },
      expect: staffOnly([...staff]),
    },
    {
      route: 'beheer.besluiten.$id',
      method: 'GET',
      path: '/beheer/besluiten/999999',
      params: { id: '999999' },
      expect: staffOutcome('not_found'),
    },
    {
      route: 'beheer.besluiten.$id',
      method: 'POST',
      path: `/beheer/besluiten/${secretId}`,
      params: { id: secretId },
      body: { body: 'raad', decidedOn: '2026-12-01', ground: 'gemw_25', secretUntil: '2020-01-01', secretUntilKind: 'ends', note: 'kort' },
      expect: staffOutcome('bad_request'),
    },
  ],
}
