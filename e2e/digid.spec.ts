import type { Page } from '@playwright/test'
import { expect, expectAccessible, openLatestMail, test, visit } from './fixtures'

/*
 * DigiD and eHerkenning through the broker STAND-IN (scripts/stand-ins/, started by scripts/e2e-server.ts),
 * with the BRP stand-in's synthetic persons: BSN 999990019 lives at Proefstraat Binnenstad-Noord 1,
 * 9700 SA (a synthetic address in Centrum), born 1990. The journeys share one server and run in order.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 })

const BSN = '999990019'
const VOTING_BUDGET = 'Wijkbudget Centrum 2027 (fictief voorbeeld)'

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page.getByRole('status')).toContainText('Je bent uitgelogd')
}

/** At the broker stand-in's page: a synthetic BSN and a level. */
async function atDigidStandIn(page: Page, bsn: string) {
  await expect(page.getByRole('heading', { name: 'DigiD — stand-in voor test en demo' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('BSN').fill(bsn)
  await page.getByLabel('Niveau').selectOption('substantieel')
  await page.getByRole('button', { name: 'Inloggen' }).click()
}

async function seededVotingBudget(page: Page): Promise<string> {
  await visit(page, '/begrotingen')
  return (await page.getByRole('link', { name: VOTING_BUDGET }).getAttribute('href'))!
}

test('a new resident logs in with DigiD, is verified from the BRP without a letter, and votes in the wijk budget', async ({ page }) => {
  await visit(page, '/inloggen')
  await page.getByRole('button', { name: 'Inloggen met DigiD' }).click()
  await atDigidStandIn(page, BSN)

  await expect(page).toHaveURL(/\/mijn$/)
  await expect(page.getByRole('status')).toContainText('Je bent ingelogd met DigiD.')
  const residence = page.getByTestId('residence')
  await expect(residence).toContainText('Proefstraat Binnenstad-Noord 1, 9700 SA Groningen')
  await expect(residence).toContainText('Centrum')
  await expect(residence).toContainText('inloggen met DigiD')
  await expect(page.getByTestId('digid')).toContainText('DigiD is gekoppeld aan dit account.')
  await expectAccessible(page)
  await visit(page, '/mijn/digid')
  await expect(page.getByText('Je adres komt uit de Basisregistratie Personen (BRP).')).toBeVisible()
  await expect(page.getByText('Betrouwbaarheidsniveau van je laatste DigiD-inlog: substantieel.')).toBeVisible()

  const budget = await seededVotingBudget(page)
  await visit(page, `${budget}/stemmen`)
  await page.getByLabel(/Geveltuinen/).check()
  await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
  await expect(page.getByRole('heading', { name: 'Je stem is ontvangen' })).toBeVisible()
  await expectAccessible(page)
  await logOut(page)
})

test('the same BSN through a second account is the same person, who cannot vote twice', async ({ page }) => {
  const email = `tweede-${Date.now()}@example.test`
  await visit(page, '/registreren')
  await page.getByLabel('Naam').fill('Tweede Account')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Kies een wachtwoord').fill('een tweede account voor dezelfde persoon')
  await page.getByRole('button', { name: 'Account maken' }).click()
  await expect(page.getByRole('status')).toContainText('We hebben je een e-mail gestuurd')
  const mail = await openLatestMail(page, /Bevestig je e-mailadres/)
  await visit(page, new URL(/http:\/\/\S+\/email-bevestigen\/\S+/.exec(mail)![0]).pathname)
  await expect(page.getByRole('status')).toContainText('Je e-mailadres is bevestigd')

  await visit(page, '/mijn')
  await expect(page.getByTestId('digid')).toContainText('Koppel DigiD aan dit account.')
  await page.getByRole('button', { name: 'DigiD koppelen aan dit account' }).click()
  await atDigidStandIn(page, BSN)
  await expect(page).toHaveURL(/\/mijn$/)
  await expect(page.getByRole('status')).toContainText(
    'DigiD is gekoppeld. Deze DigiD hoorde al bij een ander account van jou. Dat is voor ons dezelfde persoon: samen met dat account kun je één keer stemmen, niet twee keer.',
  )
  await expect(page.getByTestId('residence')).toContainText('Proefstraat Binnenstad-Noord 1, 9700 SA Groningen')
  await expectAccessible(page)

  const budget = await seededVotingBudget(page)
  await visit(page, `${budget}/stemmen`)
  await expect(page.getByText('Je hebt al gestemd. Dank je wel!')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Stem uitbrengen' })).toHaveCount(0)
  await logOut(page)
})

test('an organisation logs in with eHerkenning, reacts to a notice as the organisation and cannot vote', async ({ page }) => {
  const organisation = `Buurtvereniging Proefstraat ${Date.now()} (fictief)`
  await visit(page, '/inloggen')
  await page.getByRole('button', { name: 'Inloggen met eHerkenning (voor organisaties)' }).click()
  await expect(page.getByRole('heading', { name: 'eHerkenning — stand-in voor test en demo' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('KVK-nummer').fill('90000001')
  await page.getByLabel('Naam van de organisatie').fill(organisation)
  await page.getByRole('button', { name: 'Inloggen' }).click()

  await expect(page).toHaveURL(/\/mijn$/)
  await expect(page.getByRole('status')).toContainText('Je bent ingelogd met eHerkenning, als organisatie.')
  await expect(page.getByTestId('organisation')).toContainText(`${organisation} (KVK-nummer 90000001)`)
  await expect(page.getByTestId('digid')).toHaveCount(0)
  await expectAccessible(page)

  // Never a vote: the reason says why, in plain words.
  const budget = await seededVotingBudget(page)
  const refused = await visit(page, `${budget}/stemmen`)
  expect(refused?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dit kan alleen een inwoner zelf')

  // A zienswijze on a notice, in the organisation's name.
  await visit(page, '/bekendmakingen')
  await page.getByRole('link', { name: 'Ontwerpbesluit kap van vier bomen, Noorderplantsoen (fictief)' }).first().click()
  await expectAccessible(page)
  const noticeId = new URL(page.url()).pathname.split('/').pop()!
  await expect(page.getByLabel('Je naam')).toHaveValue(organisation)
  await page.getByLabel('Je adres').fill('Proefstraat Binnenstad-Noord 1, 9700 SA Groningen')
  await page.getByLabel('Je gronden').fill('Onze vereniging vraagt de gemeente om de nieuwe bomen eerst met de buurt te kiezen.')
  await page.getByRole('button', { name: 'Zienswijze versturen' }).click()
  await expect(page.getByTestId('receipt')).toContainText(/Je kenmerk is STEM-\d{4}-\d{6}/)
  const receipt = /STEM-\d{4}-\d{6}/.exec((await page.getByTestId('receipt').textContent()) ?? '')![0]
  await expectAccessible(page)
  await logOut(page)

  // Staff see it as the organisation's.
  await visit(page, '/inloggen')
  await page.getByLabel('E-mailadres').fill('medewerker@stem.example')
  await page.getByLabel('Wachtwoord', { exact: true }).fill('stem-demo-2026')
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click()
  await expect(page.getByRole('status')).toBeVisible()
  await visit(page, `/beheer/reacties?bekendmaking=${noticeId}`)
  await expect(page.getByTestId(`reaction-${receipt}`)).toContainText(organisation)
})
