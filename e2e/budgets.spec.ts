import type { Locator, Page } from '@playwright/test'
import { expect, expectAccessible, logIn, test, visit } from './fixtures'

/*
 * Participatory budget, start to finish: staff set up a wijk budget, a resident sends ideas, staff review
 * them, the resident votes by knapsack (with and without JavaScript), others see why they cannot, a helper
 * enters a paper ballot, the result is published with its explanation and a milestone notifies followers.
 * The journeys share one server, so they run in order.
 */
// Long journeys on a shared, busy machine: a generous time limit per test.
test.describe.configure({ mode: 'serial', timeout: 300_000 })

const TITLE = 'Wijkbudget Centrum e2e'
let budgetPath = ''
let adminPath = ''
/** The receipt of the resident's first ballot: the only key to change it. */
let firstReceipt = ''

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page.getByRole('status')).toContainText('Je bent uitgelogd')
}

async function seededVotingBudget(page: Page): Promise<string> {
  await visit(page, '/begrotingen')
  return (await page.getByRole('link', { name: 'Wijkbudget Centrum 2027 (fictief voorbeeld)' }).getAttribute('href'))!
}

test('staff set up a wijk budget, a resident sends in ideas and staff review them', async ({ page }) => {
  await logIn(page, 'medewerker@stem.example')
  await visit(page, '/beheer/begrotingen')
  await page.getByLabel('Titel').fill(TITLE)
  await page.getByLabel('Gebied').selectOption('WK001400')
  await page.getByLabel('Budget in euro').fill('50000')
  await page.getByLabel('Minimumleeftijd (mag leeg)').fill('16')
  await page.getByRole('button', { name: 'Begroting maken' }).click()
  await expect(page.getByRole('status')).toContainText('De begroting is gemaakt.')
  await expectAccessible(page)
  adminPath = new URL(page.url()).pathname
  budgetPath = adminPath.replace('/beheer', '')
  await page.getByRole('button', { name: 'Naar fase: Ideeën insturen' }).click()
  await expect(page.getByRole('status')).toContainText('De fase is veranderd.')
  await logOut(page)

  await logIn(page, 'geverifieerd@stem.example')
  for (const [title, body] of [
    ['Speeltuin', 'Een speeltuin op het plein achter de kerk.'],
    ['Bankjes', 'Meer bankjes in de schaduw op het Akerkhof.'],
    ['Metro', 'Een metrolijn van de Grote Markt naar Haren.'],
  ]) {
    await visit(page, `${budgetPath}/idee`)
    await page.getByLabel('Titel').fill(title!)
    await page.getByLabel('Wat is je idee?').fill(body!)
    await page.getByRole('button', { name: 'Idee versturen' }).click()
    await page.waitForURL(/#idee-\d+$/)
    await expect(page.getByRole('status')).toContainText('Je idee is verstuurd.')
  }
  await expectAccessible(page)
  await logOut(page)

  await logIn(page, 'medewerker@stem.example')
  await visit(page, adminPath)
  await page.getByRole('button', { name: 'Naar fase: Beoordeling' }).click()
  await expect(page.getByRole('status')).toContainText('De fase is veranderd.')
  const review = async (title: string, decision: string, fill: (section: Locator) => Promise<unknown>) => {
    const section = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(`${title}$`) }) })
    await section.getByLabel(decision).check()
    await fill(section)
    await section.getByRole('button', { name: 'Beoordeling opslaan' }).click()
    await expect(page.getByRole('status')).toContainText('Het idee is beoordeeld.')
  }
  // A reason is needed for an unfeasible idea: the message comes back next to the typed values.
  const metro = page.locator('section', { has: page.getByRole('heading', { name: /Metro$/ }) })
  await metro.getByLabel('Niet uitvoerbaar (leg uit waarom)').check()
  await metro.getByRole('button', { name: 'Beoordeling opslaan' }).click()
  await expect(page.getByRole('alert')).toContainText('Leg uit waarom het niet kan')
  await expectAccessible(page)
  await review('Metro', 'Niet uitvoerbaar (leg uit waarom)', (s) =>
    s.getByLabel('Openbare toelichting').fill('Een metro past niet in een wijkbudget.'),
  )
  await review('Speeltuin', 'Uitvoerbaar (vul de kosten in)', (s) => s.getByLabel('Kosten volgens de gemeente (euro)').fill('30000'))
  await review('Bankjes', 'Uitvoerbaar (vul de kosten in)', (s) => s.getByLabel('Kosten volgens de gemeente (euro)').fill('25000'))
  await page.getByRole('button', { name: 'Zet ‘Speeltuin’ op het stembiljet' }).click()
  await expect(page.getByRole('status')).toContainText('op het stembiljet')
  await page.getByRole('button', { name: 'Zet ‘Bankjes’ op het stembiljet' }).click()
  await expect(page.getByRole('status')).toContainText('op het stembiljet')
  await page.getByRole('button', { name: 'Naar fase: Stemmen' }).click()
  await expect(page.getByRole('status')).toContainText('De fase is veranderd.')
  await expectAccessible(page)
  await logOut(page)

  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, '/mijn/meldingen')
  await expect(page.getByText('Je idee kan niet worden uitgevoerd. De reden: Een metro past niet in een wijkbudget.')).toBeVisible()
  await visit(page, budgetPath)
  await expect(page.getByText('Toelichting van de gemeente: Een metro past niet in een wijkbudget.')).toBeVisible()
})

test('a verified resident of the wijk votes by knapsack, with the remaining budget shown live', async ({ page }) => {
  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, budgetPath)
  await page.getByRole('link', { name: 'Ga naar het stembiljet' }).click()
  await expectAccessible(page)
  await expect(page.getByTestId('remaining')).toHaveText('Nog over: € 50.000')
  await page.getByLabel(/Speeltuin/).check()
  await page.getByLabel(/Bankjes/).check()
  await expect(page.getByTestId('remaining')).toHaveText('Je zit € 5.000 boven het budget.')
  await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
  await expect(page.getByRole('alert')).toHaveText(
    'Je keuze kost € 55.000. Dat is € 5.000 meer dan het budget van € 50.000. Haal een project weg en probeer het opnieuw.',
  )
  await expect(page.getByLabel(/Speeltuin/)).toBeChecked()
  await expect(page.getByLabel(/Bankjes/)).toBeChecked()
  await expectAccessible(page)
  await page.getByLabel(/Bankjes/).uncheck()
  await expect(page.getByTestId('remaining')).toHaveText('Nog over: € 20.000')
  await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
  await expect(page.getByRole('heading', { name: 'Je stem is ontvangen' })).toBeVisible()
  await expect(page.getByTestId('receipt')).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
  firstReceipt = (await page.getByTestId('receipt').textContent())!
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the resident changes the vote with the Bereken button and the server-side check', async ({ page }) => {
    await logIn(page, 'geverifieerd@stem.example')
    await visit(page, `${budgetPath}/stemmen`)
    await expect(page.getByText('Je hebt al gestemd. Je kunt je keuze veranderen tot het stemmen sluit.')).toBeVisible()
    // The ballot is secret, also from the page: nothing is ticked; the receipt opens the way to change it.
    await expect(page.getByLabel(/Speeltuin/)).not.toBeChecked()
    await page.getByLabel(/Speeltuin/).check()
    await page.getByLabel(/Bankjes/).check()
    await page.getByRole('button', { name: 'Bereken' }).click()
    await expectAccessible(page)
    await expect(page.getByTestId('remaining')).toHaveText('Je zit € 5.000 boven het budget.')
    await expect(page.getByRole('alert')).toContainText('Dat is € 5.000 meer dan het budget')
    await page.getByLabel(/Speeltuin/).uncheck()
    await page.getByRole('button', { name: 'Bereken' }).click()
    await expect(page.getByTestId('remaining')).toHaveText('Nog over: € 25.000')
    await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
    await expect(page.getByRole('alert')).toHaveText('Vul de code van je stembewijs in. Alleen met die code kun je je stem veranderen.')
    // A wrong code is refused, and what was typed stays in the field.
    await page.getByLabel('De code van je stembewijs').fill('AAAA-BBBB-CCCC')
    await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
    await expect(page.getByRole('alert')).toHaveText('Deze code hoort niet bij jouw stem. Kijk of je de code goed hebt overgenomen.')
    await expect(page.getByLabel('De code van je stembewijs')).toHaveValue('AAAA-BBBB-CCCC')
    await page.getByLabel('De code van je stembewijs').fill(firstReceipt)
    await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
    await expect(page.getByText('Je stem is veranderd.')).toBeVisible()
    const receipt = await page.getByTestId('receipt').textContent()
    await expectAccessible(page)
    await visit(page, budgetPath)
    await page.getByLabel('Je stembewijs (code)').fill(receipt!)
    await page.getByRole('button', { name: 'Controleer' }).click()
    await expect(page.getByRole('status')).toHaveText('Je stem is ontvangen. Hij telt mee als het stemmen sluit.')
    await expectAccessible(page)
  })
})

test('a resident of another wijk and a too-young resident see why they cannot vote', async ({ page }) => {
  // Jip Jong (14) lives in Oud-Zuid.
  await logIn(page, 'jongere@stem.example')
  const tooYoung = await visit(page, `${budgetPath}/stemmen`)
  expect(tooYoung?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je bent hiervoor nog te jong')
  await visit(page, budgetPath)
  await expect(page.getByText('Voor dit onderwerp geldt een minimumleeftijd.')).toBeVisible()
  // The demo's Centrum budget is open from 12 years: Jip may vote by age, but lives elsewhere.
  const seeded = await seededVotingBudget(page)
  const outside = await visit(page, `${seeded}/stemmen`)
  expect(outside?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dit is voor een ander gebied')
})

test('a helper enters a paper ballot for a resident, who then cannot vote online', async ({ page }) => {
  await logIn(page, 'helper@stem.example')
  await visit(page, '/beheer/begrotingen')
  await page.getByRole('link', { name: 'Wijkbudget Centrum 2027 (fictief voorbeeld)' }).click()
  await expectAccessible(page)
  // Vera Verifieerd (demo) lives at Martinikerkhof 3, 9712 JG, born 21 March 1984; the helper types her
  // name as on her passport.
  await page.getByLabel('Naam zoals op het identiteitsbewijs').fill('Vera Verifieerd')
  await page.getByLabel('Geboortedatum').fill('21-03-1984')
  await page.getByLabel('Postcode').fill('9712 JG')
  await page.getByLabel('Huisnummer').fill('3')
  await page.getByLabel(/Geveltuinen/).check()
  await page.getByLabel(/Bankjes en schaduw/).check()
  await page.getByLabel('Reden').fill('Stembiljet ingeleverd bij het wijkpunt, paspoort gezien')
  await page.getByRole('button', { name: 'Stembiljet invoeren' }).click()
  await expect(page.getByRole('status')).toHaveText('Het papieren stembiljet is ingevoerd. Deze bewoner kan nu niet meer online stemmen.')
  await expectAccessible(page)
  // The same person again, on paper: refused.
  await page.getByLabel('Naam zoals op het identiteitsbewijs').fill('VERA VERIFIEERD')
  await page.getByLabel('Geboortedatum').fill('21-03-1984')
  await page.getByLabel('Postcode').fill('9712JG')
  await page.getByLabel('Huisnummer').fill('3')
  await page.getByLabel(/Geveltuinen/).check()
  await page.getByLabel('Reden').fill('tweede keer')
  await page.getByRole('button', { name: 'Stembiljet invoeren' }).click()
  await expect(page.getByRole('alert')).toContainText('Er is al gestemd voor deze bewoner. Dat kan maar één keer.')
  // Her housemate, born in 1984 too and without an account, is another person: his ballot counts.
  await page.getByLabel('Naam zoals op het identiteitsbewijs').fill(`Koen Huisgenoot${String(Date.now()).slice(-5)}`)
  await page.getByLabel('Geboortedatum').fill('02-11-1984')
  await page.getByLabel('Postcode').fill('9712 JG')
  await page.getByLabel('Huisnummer').fill('3')
  await page.getByLabel(/Geveltuinen/).check()
  await page.getByLabel('Reden').fill('Stembiljet ingeleverd bij het wijkpunt, rijbewijs gezien')
  await page.getByRole('button', { name: 'Stembiljet invoeren' }).click()
  await expect(page.getByRole('status')).toHaveText('Het papieren stembiljet is ingevoerd. Deze bewoner kan nu niet meer online stemmen.')
  await logOut(page)

  await logIn(page, 'geverifieerd@stem.example')
  const seeded = await seededVotingBudget(page)
  await visit(page, `${seeded}/stemmen`)
  await expect(page.getByText('Je hebt al gestemd via een medewerker (met een papieren stembiljet')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Stem uitbrengen' })).toHaveCount(0)
})

test('the result is published with the explanation, and a milestone notifies followers', async ({ page }) => {
  await logIn(page, 'medewerker@stem.example')
  await visit(page, adminPath)
  await page.getByRole('button', { name: 'Sluit het stemmen en tel de uitslag' }).click()
  await expect(page.getByRole('status')).toContainText('Het stemmen is gesloten en de uitslag is geteld.')
  await visit(page, budgetPath)
  await expect(page.getByRole('heading', { name: 'Uitslag' })).toBeVisible()
  await expect(page.getByText(/^Zo tellen we: de projecten staan op volgorde van het aantal stemmen/)).toBeVisible()
  await expect(page.getByRole('img', { name: /Stemmen per project/ })).toBeVisible()
  const table = page.getByRole('table', { name: /Alle projecten/ })
  await expect(table.getByRole('row', { name: /Bankjes/ })).toContainText('Gekozen')
  await expect(table.getByRole('row', { name: /Speeltuin/ })).toContainText('Niet gekozen: past niet meer in het budget')

  await visit(page, adminPath)
  await page.getByRole('button', { name: 'Naar fase: Uitvoering' }).click()
  await expect(page.getByRole('status')).toContainText('De fase is veranderd.')
  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'Bankjes' })
  await page.getByLabel('Datum').fill('2027-06-01')
  await page.getByLabel('Voortgang in procent (0–100)').fill('50')
  await page.getByLabel('Wat is er gebeurd?').fill('De eerste drie bankjes staan er.')
  await page.getByRole('button', { name: 'Voortgang opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('De voortgang is opgeslagen.')
  await expectAccessible(page)
  await logOut(page)

  // Vera follows the budget since she sent in ideas.
  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, '/mijn/meldingen')
  await expect(page.getByRole('link', { name: 'Voortgang: Bankjes (50%)' })).toBeVisible()
  await page.getByRole('link', { name: 'Voortgang: Bankjes (50%)' }).click()
  await expect(page.getByText('De eerste drie bankjes staan er.')).toBeVisible()
  await expectAccessible(page)
  const api = await page.request.get(`/api/v1/budgets/${budgetPath.split('/').pop()}`)
  const body = (await api.json()) as { projects: { title: string; selected: boolean; milestones: unknown[] }[] }
  expect(body.projects.find((p) => p.title === 'Bankjes')).toMatchObject({ selected: true })
  const pb = await page.request.get(`/api/v1/budgets/${budgetPath.split('/').pop()}/pabulib`)
  expect(await pb.text()).toContain('vote_type;approval')
})
