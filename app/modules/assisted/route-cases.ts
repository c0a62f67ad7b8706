import type { Case, ModuleRouteCases } from '~db/test/route-cases'
import { loggedIn, staffOnly } from '~db/test/route-cases'
import { actorForUser } from '~/auth/session.server'
import { addQuestion, createDraft, saveConsultationDeclaration, transition } from '~/modules/consultations/commands.server'
import { detailsSchema } from '~/modules/consultations/validation'

const desk = (o: 'ok' | 'bad_request' | 'redirect' | 'not_found') => ({
  ...staffOnly(['helper', 'staff', 'admin']),
  helper: o,
  staff: o,
  admin: o,
})

/** An open consultation (for its paper form) and a draft one, made by the griffie. */
async function consultations(griffieId: string) {
  const griffie = (await actorForUser(griffieId))!
  const make = async () => {
    const created = await createDraft(
      griffie,
      detailsSchema.parse({
        title: 'Route-test papieren formulier',
        intro: '',
        kind: 'consultation',
        goals: '',
        areaScope: 'city',
        eligibility: 'everyone',
        minimumAge: '',
        opensAt: '',
        closesAt: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 16),
        results: 'after_close',
      }),
    )
    if (!created.ok) throw new Error('route-cases: draft')
    await addQuestion(created.id, {
      kind: 'single',
      prompt: 'Zon of schaduw?',
      help: '',
      required: true,
      config: { options: ['Zon', 'Schaduw'] },
    })
    return created.id
  }
  const open = await make()
  await saveConsultationDeclaration(griffie, open, {
    level: 'raadplegen',
    decidedBy: 'gemeenteraad',
    decisionExpectedOn: null,
    usedFor: 'De raad leest alle reacties.',
    bindingRule: null,
    reportBackBy: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
  })
  await transition(griffie, open, 'open')
  return { open: String(open), draft: String(await make()) }
}

export const routeCases: ModuleRouteCases<{ open: string; draft: string }> = {
  setup: async (_db, people) => consultations(people.griffie!.id),
  cases: (fx): Case[] => [
    {
      route: 'balie_.inspraak.$id',
      method: 'GET',
      path: `/balie/inspraak/${fx.open}`,
      params: { id: fx.open },
      expect: desk('ok'),
    },
    {
      route: 'balie_.inspraak.$id',
      method: 'GET',
      path: '/balie/inspraak/999999',
      params: { id: '999999' },
      expect: desk('not_found'),
    },
    // A draft is not on paper before it is published, except for those who manage it.
    {
      route: 'balie_.inspraak.$id',
      method: 'GET',
      path: `/balie/inspraak/${fx.draft}`,
      params: { id: fx.draft },
      expect: { ...desk('ok'), helper: 'denied:not_allowed' },
    },
    { route: 'balie', method: 'GET', path: '/balie', expect: desk('ok') },
    {
      route: 'balie',
      method: 'POST',
      path: '/balie',
      body: { intent: 'search', postcode: '9999ZZ', houseNumber: '1', addition: '', birthDate: '1950-01-01' },
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
        birthDate: '1930-01-01',
        legalName: 'Zonder Toestemming',
        identityDocument: 'passport',
        displayName: 'Zonder Toestemming',
        channel: 'desk',
      },
      expect: desk('bad_request'),
    },
    { route: 'balie', method: 'POST', path: '/balie', body: { intent: 'stop' }, expect: desk('redirect') },
    // Acting never starts from a bare user id (issue 14).
    {
      route: 'balie',
      method: 'POST',
      path: '/balie',
      body: { intent: 'start', residentId: 'iemand', channel: 'desk', consent: 'on' },
      expect: desk('bad_request'),
    },
    {
      route: 'balie',
      method: 'POST',
      path: '/balie',
      body: { intent: 'search', claimCode: 'AAAA BBBB' },
      expect: desk('bad_request'),
    },
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
