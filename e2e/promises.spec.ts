import type { Page } from '@playwright/test'
import { expect, expectAccessible, logIn, receivedMail, test, visit } from './fixtures'

/*
 * The beloftemeter, start to finish: staff record a promise with an indicator and import its series from
 * CSV (one broken row reported, the rest kept; a unit mismatch refused), a resident follows it, staff
 * change its status to "achter" with an explanation (refused without one), the resident is notified in
 * the app and by e-mail, and the history and chart show on the page without JavaScript.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 })

const stamp = Date.now()
const TITLE = `Meer woningen in Oosterpark ${stamp}`
let promisePath = ''

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page.getByRole('status')).toContainText('Je bent uitgelogd')
}

test('staff record a promise with an indicator and import its series from CSV', async ({ page }) => {
  await logIn(page, 'medewerker@stem.example')
  await visit(page, '/beheer/beloften')
  await page.getByLabel('Korte titel').fill(TITLE)
  await page.getByLabel('De belofte, in de woorden van de bron').fill('We bouwen 400 betaalbare woningen in Oosterparkwijk. (e2e)')
  await page.getByLabel('Soort bron').selectOption('coalition_agreement')
  await page.getByLabel('Document', { exact: true }).fill('Coalitieakkoord (e2e, verzonnen)')
  await page.getByLabel('Bladzijde (mag leeg)').fill('12')
  await page.getByLabel('Thema', { exact: true }).fill('Wonen')
  await page.getByLabel('Verantwoordelijk wethouder').fill('Wethouder Wonen (e2e)')
  await page.getByRole('checkbox', { name: 'Oosterparkwijk' }).check()
  await page.getByRole('button', { name: 'Belofte vastleggen' }).click()
  await expect(page.getByRole('status')).toContainText('De belofte is vastgelegd.')
  await expectAccessible(page)
  const adminPath = new URL(page.url()).pathname
  promisePath = adminPath.replace('/beheer', '')

  await page.getByLabel('Naam van het cijfer').fill('Woningen opgeleverd')
  await page.getByLabel('Wat wordt er gemeten?').fill('Opgeleverde betaalbare woningen per jaar (e2e).')
  await page.getByLabel('Eenheid', { exact: true }).fill('woningen')
  await page.getByLabel('Bron van de cijfers').fill('Onderzoek en Statistiek (e2e)')
  await page.getByLabel('Doel (mag leeg)').fill('400')
  await page.getByRole('button', { name: 'Cijfer toevoegen' }).click()
  await expect(page.getByRole('status')).toContainText('Het cijfer is toegevoegd.')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cijfers inlezen: Woningen opgeleverd')
  await expectAccessible(page)

  // A unit mismatch refuses the whole file, with the reason at the field and the text kept.
  const wrong = 'periode,waarde,eenheid\n2024,120,woningen\n2025,5,%\n'
  await page.getByLabel('Of plak de CSV hier').fill(wrong)
  await page.getByRole('button', { name: 'Inlezen' }).click()
  await expect(page.getByText('Regel 3 heeft de eenheid "%", maar dit cijfer wordt gemeten in "woningen".')).toBeVisible()
  await expect(page.getByLabel('Of plak de CSV hier')).toHaveValue(wrong)
  await expectAccessible(page)

  await page
    .getByLabel('Of plak de CSV hier')
    .fill('periode,waarde,eenheid,wijk\n2023,80,woningen,\n2024,veel,woningen,\n2025,190,woningen,\n2025,60,woningen,WK001404\n')
  await page.getByRole('button', { name: 'Inlezen' }).click()
  await expect(page.getByTestId('import-report')).toContainText('3 rijen ingelezen.')
  await expect(page.getByTestId('import-report')).toContainText('Regel 3: de waarde "veel" is geen getal')
  await expectAccessible(page)
  await logOut(page)
})

test('a resident finds and follows the promise', async ({ page }) => {
  await logIn(page, 'bewoner@stem.example')
  await visit(page, `/beloften?zoek=${stamp}`)
  await expect(page.getByTestId('promise')).toHaveCount(1)
  await page.getByRole('link', { name: TITLE }).click()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Volgen' }).click()
  await expect(page.getByRole('status')).toContainText('Je volgt deze belofte.')
  await logOut(page)
})

test('staff change the status to "achter", only with an explanation, and the resident is notified', async ({ page }) => {
  await logIn(page, 'medewerker@stem.example')
  await visit(page, `/beheer${promisePath}`)
  await page.getByLabel('Nieuwe stand').selectOption('behind')
  await page.getByRole('button', { name: 'Update publiceren' }).click()
  await expect(page.getByText('Leg uit waarom (minstens 10 tekens). Deze uitleg is openbaar.')).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Uitleg voor iedereen').fill('De aannemer is failliet; we zoeken een nieuwe. (e2e)')
  await page.getByRole('button', { name: 'Update publiceren' }).click()
  await expect(page.getByRole('status')).toContainText('De update staat in de geschiedenis.')
  await logOut(page)

  await logIn(page, 'bewoner@stem.example')
  await visit(page, '/mijn/meldingen')
  await expect(page.getByText(`${TITLE}: de stand is nu "Achter"`).first()).toBeVisible()
  const mails = async () => (await receivedMail(page)).filter((m) => m.to === 'bewoner@stem.example' && m.data.includes(String(stamp)))
  await expect.poll(async () => (await mails()).length, { timeout: 30_000, intervals: [1000] }).toBeGreaterThanOrEqual(1)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the history and the chart show on the page, and the overdue demo promise counts in the accountability view', async ({ page }) => {
    await visit(page, promisePath)
    await expect(page.getByTestId('history')).toContainText('Nog niet gestart → Achter')
    await expect(page.getByTestId('history')).toContainText('De aannemer is failliet; we zoeken een nieuwe. (e2e)')
    await expect(page.getByRole('img', { name: 'Staafdiagram: Woningen opgeleverd' })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Woningen opgeleverd — Hele gemeente' })).toContainText('190')
    await expect(page.getByRole('table', { name: 'Woningen opgeleverd — Oosterparkwijk' })).toContainText('60')
    await expect(page.getByRole('img', { name: 'Kaart per wijk: Woningen opgeleverd, 2025' })).toBeVisible()
    await visit(page, '/wijken/WK001404')
    await expect(page.getByTestId('wijk-promises')).toContainText(TITLE)
    await visit(page, '/beloften?te-laat=ja')
    await expect(page.getByRole('link', { name: 'Toezegging: raad hoort elk kwartaal over de wachtlijst jeugdzorg' })).toBeVisible()
    await visit(page, '/verantwoording?status=overdue')
    await expect(page.getByRole('link', { name: 'Toezegging: raad hoort elk kwartaal over de wachtlijst jeugdzorg' })).toBeVisible()
    // The demo promise links to demo items, and their pages show the promise they serve.
    await visit(page, '/beloften?zoek=betaalbare')
    await page.getByRole('link', { name: '2.000 betaalbare woningen erbij' }).click()
    await expectAccessible(page)
    await expect(page.getByRole('img', { name: /Staafdiagram: Betaalbare woningen opgeleverd/ })).toBeVisible()
    await page.getByTestId('links').getByRole('link').first().click()
    await expectAccessible(page)
    await expect(page.getByTestId('served-promises')).toContainText('2.000 betaalbare woningen erbij')
  })
})
