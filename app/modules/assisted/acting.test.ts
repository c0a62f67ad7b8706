import { describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { votingBudget } from '~db/factories/budgets'
import {
  alertPlaces,
  assistedActions,
  noticeReactions,
  assistedSessions,
  auditLog,
  budgetVoters,
  consultationResponses,
  proposals,
  proposalSupports,
  userRoles,
} from '~db/schema'
import { actorForUser, createSessionCookie } from '~/auth/session.server'
import { addQuestion, createDraft, saveConsultationDeclaration, transition } from '~/modules/consultations/commands.server'
import { questionsOf } from '~/modules/consultations/queries.server'
import { detailsSchema } from '~/modules/consultations/validation'
import { createProposal, publishProposal } from '~/modules/proposals/commands.server'
import { saveScope } from '~/modules/proposals/scopes.server'
import { action as answerAction, loader as answerLoader } from '~/routes/inspraak.$id._index'
import { action as voteAction, loader as voteLoader } from '~/routes/begrotingen.$id.stemmen'
import { action as proposalAction } from '~/routes/initiatieven.$id._index'
import { action as newProposalAction } from '~/routes/initiatieven.nieuw'
import { action as placesAction } from '~/routes/mijn.plekken'
import { action as noticeAction } from '~/routes/bekendmakingen.$id'
import { publishNotice } from '~/modules/alerts/notices.server'
import { ALERT_LIMITS } from '~/modules/alerts/validation'
import { loader as paperLoader } from '~/routes/balie_.inspraak.$id'
import { actingFor as assistedContext, enteredBy } from '~/auth/acting.server'
import { registerResident, startActingFor } from './assisted.server'

/*
 * A helper acting for a resident, through every participation module's own route: the input is the
 * resident's own row (it counts like online input and meets the same one-per-person constraints), and the
 * dossier and audit log say who entered it, how.
 */

type Handler = (args: { request: Request; params: Record<string, string>; context: { clientIp: string } }) => Promise<unknown>

async function call(handler: Handler, path: string, cookie: string, params: Record<string, string>, body?: URLSearchParams) {
  const request = new Request(`http://stem.test${path}`, {
    method: body ? 'POST' : 'GET',
    body,
    headers: { Origin: 'http://stem.test', Cookie: cookie },
  })
  try {
    return (await handler({ request, params, context: { clientIp: '203.0.113.70' } })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

const form = (entries: [string, string][]) => new URLSearchParams(entries)

async function cookieOf(userId: string) {
  return (await createSessionCookie(userId)).split(';')[0]!
}

/** A helper, and a resident they registered at the desk (no e-mail, not claimed) with Centrum as wijk. */
async function helperActingForNewResident(birthYear: number, channel: 'desk' | 'phone' | 'paper' = 'phone') {
  const { db } = getDatabase()
  const helper = await createUser(db, { roles: [{ role: 'helper' }] })
  const cookie = await cookieOf(helper.id)
  const person = { postcode: '9712JG', houseNumber: 3, addition: '', birthDate: `${birthYear}-03-01` }
  const registered = await registerResident(
    helper.id,
    {
      ...person,
      legalName: `Bewoner Jaar${birthYear}`,
      identityDocument: 'passport',
      displayName: `Bewoner ${birthYear}`,
      channel: 'desk',
      consent: true,
    },
    'nl',
  )
  if (!registered.ok) throw new Error('register failed')
  const started = await startActingFor(new Request('http://stem.test/balie', { headers: { Cookie: cookie } }), helper.id, {
    search: person,
    residentId: registered.userId,
    channel,
    consent: true,
  })
  expect(started).toEqual({ ok: true })
  return { helper, cookie, residentId: registered.userId }
}

async function openConsultation() {
  const owner = (await actorForUser((await createUser(getDatabase().db, { roles: [{ role: 'griffie' }] })).id))!
  const created = await createDraft(
    owner,
    detailsSchema.parse({
      title: 'Bankjes op het Martinikerkhof',
      intro: 'Waar moeten de bankjes komen?',
      kind: 'consultation',
      goals: '',
      areaScope: 'wijken',
      areaCodes: ['WK001400'],
      eligibility: 'verified_area',
      minimumAge: '',
      opensAt: '',
      closesAt: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 16),
      results: 'after_close',
    }),
  )
  if (!created.ok) throw new Error('draft')
  await addQuestion(created.id, { kind: 'single', config: { options: ['Zon', 'Schaduw'] }, prompt: 'Waar?', help: '', required: true })
  await saveConsultationDeclaration(owner, created.id, {
    level: 'raadplegen',
    decidedBy: 'gemeenteraad',
    decisionExpectedOn: null,
    usedFor: 'De raad leest alle reacties.',
    bindingRule: null,
    reportBackBy: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
  })
  expect(await transition(owner, created.id, 'open')).toEqual({ ok: true })
  const [question] = await questionsOf(created.id)
  return { id: created.id, field: `q${question!.id}` }
}

async function publishedProposal() {
  const { db } = getDatabase()
  const author = await createUser(db)
  await saveScope(db, 'gemeente', { threshold: 100, windowDays: 30, minimumAge: 16 }, author.id)
  const created = await createProposal(author.id, {
    title: 'Een watertappunt op de Vismarkt',
    summary: 'Gratis water voor iedereen in de zomer.',
    body: 'Op warme dagen is er in de binnenstad nergens gratis drinkwater te krijgen.',
    theme: 'groen',
    wijkCode: '',
    postcode: '',
    houseNumber: '',
    imageAlt: '',
  })
  if (!created.ok) throw new Error('create failed')
  await publishProposal(created.id, author.id)
  return created.id
}

async function dossier(residentId: string) {
  const { db } = getDatabase()
  return db.select().from(assistedActions).where(eq(assistedActions.residentId, residentId))
}

describe('a helper acting for a resident in every module', () => {
  it('enters a consultation answer and a budget ballot as the resident; the resident cannot vote again online', async () => {
    const { db } = getDatabase()
    const { helper, cookie, residentId } = await helperActingForNewResident(1944)
    const consultation = await openConsultation()
    // Even where online ballots may change, one entered by a helper is final and the only one.
    const { budget, projects } = await votingBudget(getDatabase().db, [10_000, 20_000], { title: 'Testbudget balie' })

    // The page shows the resident's view: they may answer (the helper alone may not: not verified).
    const page = (await (await call(answerLoader, `/inspraak/${consultation.id}`, cookie, { id: String(consultation.id) })).json()) as {
      canRespond: boolean
    }
    expect(page.canRespond).toBe(true)
    const answered = await call(
      answerAction,
      `/inspraak/${consultation.id}`,
      cookie,
      { id: String(consultation.id) },
      form([[consultation.field, '1']]),
    )
    expect(answered.status).toBe(302)
    const responses = await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, consultation.id))
    expect(responses.map((r) => [r.userId, r.wijkCode])).toEqual([[residentId, 'WK001400']])

    const voted = await call(
      voteAction,
      `/begrotingen/${budget.id}/stemmen`,
      cookie,
      { id: String(budget.id) },
      form([['project', String(projects[0]!.id)]]),
    )
    expect(voted.status).toBe(200)
    expect(await voted.json()).toMatchObject({ kind: 'voted' })
    const voters = await db.select().from(budgetVoters).where(eq(budgetVoters.budgetId, budget.id))
    expect(voters.map((v) => ({ userId: v.userId, channel: v.channel, enteredBy: v.enteredBy, ballotSeal: v.ballotSeal }))).toEqual([
      { userId: residentId, channel: 'paper', enteredBy: helper.id, ballotSeal: null },
    ])

    // Dossier and audit log, written with the input.
    const actions = await dossier(residentId)
    expect(actions.map((a) => [a.action, a.itemKind, a.itemId, a.helperId, a.channel]).sort()).toEqual([
      ['budget.ballot', 'budget', String(budget.id), helper.id, 'phone'],
      ['consultation.answer', 'consultation', String(consultation.id), helper.id, 'phone'],
    ])
    const audits = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.subjectUserId, residentId), sql`${auditLog.action} in ('assisted.budget.ballot', 'assisted.consultation.answer')`),
      )
    expect(audits.map((a) => a.reason)).toEqual([enteredBy(helper.id, 'phone'), enteredBy(helper.id, 'phone')])

    // The resident, online in their own session, cannot vote again, nor change the helper-entered ballot.
    const own = await cookieOf(residentId)
    await db.execute(sql`update users set email_confirmed_at = now() where id = ${residentId}`)
    const status = (await (await call(voteLoader, `/begrotingen/${budget.id}/stemmen`, own, { id: String(budget.id) })).json()) as {
      status: { channel: string; canChange: boolean }
    }
    expect(status.status).toEqual({ channel: 'paper', canChange: false })
    const again = await call(
      voteAction,
      `/begrotingen/${budget.id}/stemmen`,
      own,
      { id: String(budget.id) },
      form([['project', String(projects[1]!.id)]]),
    )
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ kind: 'refused', error: 'budgets.cast_voted_other_channel' })
    // The helper, acting again, cannot enter a second ballot either.
    const twice = await call(
      voteAction,
      `/begrotingen/${budget.id}/stemmen`,
      cookie,
      { id: String(budget.id) },
      form([['project', String(projects[1]!.id)]]),
    )
    expect(twice.status).toBe(400)
    expect(await db.select().from(budgetVoters).where(eq(budgetVoters.budgetId, budget.id))).toHaveLength(1)
    // A refused ballot is not in the dossier.
    expect((await dossier(residentId)).filter((a) => a.action === 'budget.ballot')).toHaveLength(1)

    // Online, the resident answers the consultation once: their answer replaces the one entered for them.
    const online = await call(
      answerAction,
      `/inspraak/${consultation.id}`,
      own,
      { id: String(consultation.id) },
      form([[consultation.field, '0']]),
    )
    expect(online.status).toBe(302)
    expect(await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, consultation.id))).toHaveLength(1)
  })

  it('shows the helper whether the resident voted or answered online, never what (issue 14)', async () => {
    const { db } = getDatabase()
    const { cookie, residentId } = await helperActingForNewResident(1949, 'desk')
    const consultation = await openConsultation()
    // Online ballots may change: the resident's own page shows their ballot, ticked.
    const { budget, projects } = await votingBudget(db, [10_000, 20_000], { title: 'Testbudget geheim', ballotsChangeable: true })
    const own = await cookieOf(residentId)
    await db.execute(sql`update users set email_confirmed_at = now() where id = ${residentId}`)
    const voted = await call(
      voteAction,
      `/begrotingen/${budget.id}/stemmen`,
      own,
      { id: String(budget.id) },
      form([['project', String(projects[1]!.id)]]),
    )
    expect(await voted.json()).toMatchObject({ kind: 'voted' })
    const answered = await call(
      answerAction,
      `/inspraak/${consultation.id}`,
      own,
      { id: String(consultation.id) },
      form([[consultation.field, '1']]),
    )
    expect(answered.status).toBe(302)
    // Not even the voter's own page shows the ballot: the server cannot read it without the receipt (decision 0102).
    const ownPage = (await (await call(voteLoader, `/begrotingen/${budget.id}/stemmen`, own, { id: String(budget.id) })).json()) as {
      status: { channel: string; canChange: boolean } | null
    }
    expect(ownPage.status).toMatchObject({ channel: 'online', canChange: true })
    expect(JSON.stringify(ownPage)).not.toContain(`"${projects[1]!.id}":1`)

    // The helper acting for them: "heeft al gestemd", no ballot, nothing to change.
    const helperVote = (await (await call(voteLoader, `/begrotingen/${budget.id}/stemmen`, cookie, { id: String(budget.id) })).json()) as {
      status: { channel: string; canChange: boolean } | null
      actingFor: boolean
    }
    expect(helperVote).toMatchObject({ status: { channel: 'online', canChange: false }, actingFor: true })
    expect(JSON.stringify(helperVote)).not.toContain(`"${projects[1]!.id}":1`)
    // The consultation page: answered, but the answers are not filled in.
    const helperAnswer = (await (
      await call(answerLoader, `/inspraak/${consultation.id}`, cookie, { id: String(consultation.id) })
    ).json()) as {
      answered: boolean
      actingFor: boolean
      values: Record<string, unknown>
    }
    expect(helperAnswer).toMatchObject({ answered: true, actingFor: true, values: {} })
    // The resident still sees their own answers.
    const ownAnswer = (await (await call(answerLoader, `/inspraak/${consultation.id}`, own, { id: String(consultation.id) })).json()) as {
      values: Record<string, unknown>
    }
    expect(ownAnswer.values).not.toEqual({})
  })

  it('creates and supports proposals and adds an alert place as the resident, once', async () => {
    const { db } = getDatabase()
    const { helper, cookie, residentId } = await helperActingForNewResident(1945, 'desk')
    const proposalId = await publishedProposal()

    const supported = await call(
      proposalAction,
      `/initiatieven/${proposalId}`,
      cookie,
      { id: String(proposalId) },
      form([['intent', 'support']]),
    )
    expect(supported.status).toBe(302)
    // Supporting twice (the resident online, or the helper again) counts once.
    const own = await cookieOf(residentId)
    await db.execute(sql`update users set email_confirmed_at = now() where id = ${residentId}`)
    await call(proposalAction, `/initiatieven/${proposalId}`, own, { id: String(proposalId) }, form([['intent', 'support']]))
    await call(proposalAction, `/initiatieven/${proposalId}`, cookie, { id: String(proposalId) }, form([['intent', 'support']]))
    expect((await db.select().from(proposalSupports).where(eq(proposalSupports.proposalId, proposalId))).map((s) => s.userId)).toEqual([
      residentId,
    ])
    expect((await db.select().from(proposals).where(eq(proposals.id, proposalId)))[0]!.supportCount).toBe(1)

    const created = await call(
      newProposalAction,
      '/initiatieven/nieuw',
      cookie,
      {},
      form([
        ['title', 'Meer fietsenrekken bij de Martinikerk'],
        ['summary', 'Er is te weinig plek voor fietsen.'],
        ['body', 'Op zaterdag staan de fietsen overal op de stoep. Zet er meer rekken bij.'],
        ['theme', 'verkeer'],
        ['wijkCode', ''],
        ['postcode', ''],
        ['houseNumber', ''],
        ['imageAlt', ''],
        ['intent', 'publish'],
      ]),
    )
    expect(created.status).toBe(302)
    const newId = Number(created.headers.get('Location')!.split('/').pop())
    const [made] = await db.select().from(proposals).where(eq(proposals.id, newId))
    expect(made).toMatchObject({ authorId: residentId, status: 'published' })

    const place = await call(
      placesAction,
      '/mijn/plekken',
      cookie,
      {},
      form([
        ['mode', 'address'],
        ['postcode', '9712JG'],
        ['houseNumber', '3'],
        ['radius', '500'],
        ['topics', 'building'],
        ['channel', 'weekly'],
        ['consent', 'yes'],
      ]),
    )
    expect(place.status).toBe(302)
    expect((await db.select().from(alertPlaces).where(eq(alertPlaces.userId, residentId))).map((p) => p.label)).toEqual([
      expect.stringContaining('Martinikerkhof 3'),
    ])
    expect(await db.select().from(alertPlaces).where(eq(alertPlaces.userId, helper.id))).toEqual([])

    const actions = await dossier(residentId)
    expect(actions.map((a) => a.action).sort()).toEqual(['alert.place', 'proposal.publish', 'proposal.support'])
    expect(actions.every((a) => a.helperId === helper.id && a.channel === 'desk')).toBe(true)
  })

  it('gives a reaction to a plan notice as the resident, with the receipt theirs', async () => {
    const { db } = getDatabase()
    const { helper, cookie, residentId } = await helperActingForNewResident(1938, 'phone')
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const notice = await publishNotice(db, staff.id, {
      kind: 'permit_application',
      title: 'Aanvraag voor een dakkapel aan het Martinikerkhof',
      description: 'Een verzonnen aanvraag, om te testen.',
      locationLabel: 'Martinikerkhof',
      geometry: { type: 'Point', coordinates: [6.5686, 53.2193] },
      startsOn: new Date().toISOString().slice(0, 10),
    })
    // An attachment over the limit: the message at its field, the dictated text kept.
    const tooBig = new FormData()
    tooBig.append('body', 'Ik vind de dakkapel te hoog (telefonisch doorgegeven).')
    tooBig.append('attachment', new File([Buffer.alloc(ALERT_LIMITS.attachmentBytes + 1)], 'foto.jpg', { type: 'image/jpeg' }))
    const refused = (await noticeAction({
      request: new Request(`http://stem.test/bekendmakingen/${notice.id}`, {
        method: 'POST',
        body: tooBig,
        headers: { Origin: 'http://stem.test', Cookie: cookie },
      }),
      params: { id: String(notice.id) },
      context: { clientIp: '203.0.113.70' },
    })) as Response
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({
      errors: { attachment: 'alerts.error_attachment_size' },
      values: { body: 'Ik vind de dakkapel te hoog (telefonisch doorgegeven).' },
    })
    const body = new FormData()
    body.append('body', 'Ik vind de dakkapel te hoog (telefonisch doorgegeven).')
    const request = new Request(`http://stem.test/bekendmakingen/${notice.id}`, {
      method: 'POST',
      body,
      headers: { Origin: 'http://stem.test', Cookie: cookie },
    })
    const answered = (await noticeAction({ request, params: { id: String(notice.id) }, context: { clientIp: '203.0.113.70' } })) as Response
    expect(answered.status).toBe(302)
    const reactions = await db.select().from(noticeReactions).where(eq(noticeReactions.noticeId, notice.id))
    expect(reactions.map((r) => r.userId)).toEqual([residentId])
    const actions = await dossier(residentId)
    expect(actions.map((a) => [a.action, a.itemKind, a.itemId, a.channel, a.helperId])).toEqual([
      ['alert.reaction', 'plan_notice', String(notice.id), 'phone', helper.id],
    ])
  })

  it('prints a paper form of a consultation and enters the returned answers as the resident, via paper', async () => {
    const { db } = getDatabase()
    const { helper, cookie, residentId } = await helperActingForNewResident(1947, 'paper')
    const consultation = await openConsultation()
    const paper = (await (
      await call(paperLoader, `/balie/inspraak/${consultation.id}`, cookie, { id: String(consultation.id) })
    ).json()) as {
      questions: { prompt: string; config: { options?: string[] } }[]
      declaration: { usedFor: string } | null
    }
    expect(paper.questions.map((q) => [q.prompt, q.config.options])).toEqual([['Waar?', ['Zon', 'Schaduw']]])
    expect(paper.declaration?.usedFor).toBe('De raad leest alle reacties.')
    // Residents do not print the desk's forms.
    const resident = await call(paperLoader, `/balie/inspraak/${consultation.id}`, await cookieOf(residentId), {
      id: String(consultation.id),
    })
    expect(resident.status).toBe(403)

    const entered = await call(
      answerAction,
      `/inspraak/${consultation.id}`,
      cookie,
      { id: String(consultation.id) },
      form([[consultation.field, '1']]),
    )
    expect(entered.status).toBe(302)
    const [row] = await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, consultation.id))
    expect(row).toMatchObject({ userId: residentId, answers: { [consultation.field.slice(1)]: 1 } })
    const [action] = await dossier(residentId)
    expect(action).toMatchObject({ action: 'consultation.answer', channel: 'paper', helperId: helper.id })
    expect(enteredBy(helper.id, 'paper')).toBe(`ingevoerd door medewerker ${helper.id} via papier`)
  })

  it('acts for no one without the helper role, after the session ends, or in another session', async () => {
    const { db } = getDatabase()
    const { helper, cookie, residentId } = await helperActingForNewResident(1946)
    const request = (c: string) => new Request('http://stem.test/inspraak', { headers: { Cookie: c } })
    expect(await assistedContext(request(cookie))).toMatchObject({ residentId })
    expect(await assistedContext(request(await cookieOf(helper.id)))).toBeNull()

    // Without the role, the same session acts for no one: the input would be the helper's own, and refused.
    await db.delete(userRoles).where(eq(userRoles.userId, helper.id))
    expect(await assistedContext(request(cookie))).toBeNull()
    const consultation = await openConsultation()
    const refused = await call(
      answerAction,
      `/inspraak/${consultation.id}`,
      cookie,
      { id: String(consultation.id) },
      form([[consultation.field, '1']]),
    )
    expect(refused.status).toBe(403)
    expect(await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, consultation.id))).toEqual([])

    // With the role back but the acting time over: no one either.
    await db.insert(userRoles).values({ userId: helper.id, role: 'helper', scope: '' })
    expect(await assistedContext(request(cookie))).toMatchObject({ residentId })
    await db
      .update(assistedSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(assistedSessions.helperId, helper.id))
    expect(await assistedContext(request(cookie))).toBeNull()
    expect(await dossier(residentId)).toEqual([])
  })
})
