import type { Case, ModuleRouteCases } from '~db/test/route-cases'
import { all, staffOnly } from '~db/test/route-cases'
import { contactRequests } from '~db/schema'
import { addWorkingDays } from '~/utils/time'
import { statusToken } from './contact.server'

export const routeCases: ModuleRouteCases = {
  setup: async (db) => {
    const [row] = await db
      .insert(contactRequests)
      .values({ name: 'Testpersoon', message: 'Graag contact', phone: '0501234567', dueAt: addWorkingDays(new Date(), 2) })
      .returning({ id: contactRequests.id })
    return { id: String(row!.id), token: statusToken(row!.id) }
  },
  cases: (fx): Case[] => [
    { route: 'persoonlijk-contact', method: 'GET', path: '/persoonlijk-contact?van=%2Fwijken', expect: all('ok') },
    {
      route: 'persoonlijk-contact',
      method: 'POST',
      path: '/persoonlijk-contact',
      body: { name: 'Iemand', message: 'Ik wil iemand spreken', phone: '', email: '' },
      expect: all('bad_request'),
    },
    {
      route: 'persoonlijk-contact_.status.$token',
      method: 'GET',
      path: `/persoonlijk-contact/status/${fx.token}`,
      params: { token: fx.token! },
      expect: all('ok'),
    },
    {
      route: 'persoonlijk-contact_.status.$token',
      method: 'GET',
      path: '/persoonlijk-contact/status/1.vals',
      params: { token: '1.vals' },
      expect: all('not_found'),
    },
    { route: 'beheer.contact', method: 'GET', path: '/beheer/contact', expect: staffOnly(['helper', 'staff', 'admin']) },
    {
      route: 'beheer.contact',
      method: 'POST',
      path: '/beheer/contact',
      body: { id: fx.id!, step: 'verkeerd' },
      expect: { ...staffOnly(['helper', 'staff', 'admin']), helper: 'bad_request', staff: 'bad_request', admin: 'bad_request' },
    },
  ],
}
