import type { Page } from '@playwright/test'
import { expect, expectAccessible, logIn, test, visit } from './fixtures'

/*
 * The clock closes voting (issue 14): staff set a budget's voting end date to yesterday, then nobody visits
 * anything; the server's clock (every 2 s on the e2e server) closes the vote and counts it. On the way, the
 * remaining-budget counter starts from the boxes ticked before its script arrived.
 */
test.describe.configure({ mode: 'serial', timeout: 300_000 })

const TITLE = `Klokbudget Centrum e2e ${Date.now() % 100000}`
const day = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(d)
}
let adminPath = ''
let budgetPath = ''
let receipt = ''

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page.getByRole('status')).toContainText('Je bent uitgelogd')
}

test('staff open a budget for voting with one project', async ({ page }) => {
  await logIn(page, 'medewerker@stem.example')
  await visit(page, '/beheer/begrotingen')
  await page.getByLabel('Titel').fill(TITLE)
  await page.getByLabel('Gebied').selectOption('WK001400')
  await page.getByLabel('Budget in euro').fill('50000')
  await page.getByRole('button', { name: 'Begroting maken' }).click()
  await expect(page.getByRole('status')).toContainText('De begroting is gemaakt.')
  adminPath = new URL(page.url()).pathname
  budgetPath = adminPath.replace('/beheer', '')
  await page.getByRole('button', { name: 'Naar fase: Ideeën insturen' }).click()
  await expect(page.getByRole('status')).toContainText('De fase is veranderd.')
  await logOut(page)

  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, `${budgetPath}/idee`)
  await page.getByLabel('Titel').fill('Bloembakken')
  await page.getByLabel('Wat is je idee?').fill('Bloembakken langs de Oude Boteringestraat.')
  await page.getByRole('button', { name: 'Idee versturen' }).click()
  await expect(page.getByRole('status')).toContainText('Je idee is verstuurd.')
  await logOut(page)

  await logIn(page, 'medewerker@stem.example')
  await visit(page, adminPath)
  await page.getByRole('button', { name: 'Naar fase: Beoordeling' }).click()
  await expect(page.getByRole('status')).toContainText('De fase is veranderd.')
  const section = page.locator('section', { has: page.getByRole('heading', { name: /Bloembakken$/ }) })
  await section.getByLabel('Uitvoerbaar (vul de kosten in)').check()
  await section.getByLabel('Kosten volgens de gemeente (euro)').fill('12000')
  await section.getByRole('button', { name: 'Beoordeling opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('Het idee is beoordeeld.')
  await page.getByRole('button', { name: 'Zet ‘Bloembakken’ op het stembiljet' }).click()
  await expect(page.getByRole('status')).toContainText('op het stembiljet')
  await page.getByRole('button', { name: 'Naar fase: Stemmen' }).click()
  await expect(page.getByRole('status')).toContainText('De fase is veranderd.')
  await logOut(page)
})

test('the remaining budget counts a box ticked before the script ran', async ({ page }) => {
  await logIn(page, 'geverifieerd@stem.example')
  // Hold the page's scripts back until the box is ticked, as on a slow connection.
  let release: () => void = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/build/**/*.js', async (route) => {
    await held
    await route.continue()
  })
  await page.goto(`${budgetPath}/stemmen`, { waitUntil: 'commit' })
  await page.getByLabel(/Bloembakken/).check()
  await expect(page.getByTestId('remaining')).toHaveText('Nog over: € 50.000')
  release()
  await page.waitForLoadState('load')
  await expect(page.getByTestId('remaining')).toHaveText('Nog over: € 38.000')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
  await expect(page.getByRole('heading', { name: 'Je stem is ontvangen' })).toBeVisible()
  receipt = (await page.getByTestId('receipt').textContent())!
  await page.unroute('**/build/**/*.js')
  await logOut(page)
})

test('voting closes at its end date with no one visiting', async ({ page }) => {
  await logIn(page, 'medewerker@stem.example')
  await visit(page, adminPath)
  // Voting ran from three days ago until yesterday: its end date has passed.
  await page.locator('summary', { hasText: 'Instellingen' }).click()
  await page.getByLabel('Stemmen: begint op').fill(day(-3))
  await page.getByLabel('Stemmen: eindigt op').fill(day(-1))
  await page.getByRole('button', { name: 'Instellingen opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('De instellingen zijn opgeslagen.')
  await logOut(page)
  // Nobody visits the budget; the clock ticks every 2 seconds here.
  await page.waitForTimeout(8_000)
  await visit(page, budgetPath)
  await expect(page.getByRole('heading', { name: 'Uitslag', exact: true })).toBeVisible()
  await expect(page.getByText('Aantal stemmen: 1.')).toBeVisible()
  await page.getByLabel('Je stembewijs (code)').fill(receipt)
  await page.getByRole('button', { name: 'Controleer' }).click()
  await expect(page.getByRole('status')).toHaveText('Je stem is meegeteld in de uitslag.')
  // Voting is closed: the voting page says so instead of taking a ballot.
  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, budgetPath)
  await expect(page.getByRole('link', { name: 'Ga naar het stembiljet' })).toHaveCount(0)
})
