import type { Browser, Page } from '@playwright/test'
import { expect, expectAccessible, logIn, test, visit } from './fixtures'

/*
 * The consultation journey: the griffie drafts a council consultation with a declaration, schedules and
 * opens it; a verified resident of Centrum answers every question type (with and without JavaScript);
 * a resident elsewhere sees why not; the griffie closes it and reports back, on time.
 */

const TITLE = `Bankjes op de Grote Markt ${Date.now().toString(36)}`
let consultationUrl = ''
let adminUrl = ''

const local = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

async function addQuestion(page: Page, kind: string, prompt: string, extra: Record<string, string> = {}, required = false) {
  await page.getByLabel('Soort vraag').selectOption({ label: kind })
  await page.getByLabel('Vraag', { exact: true }).fill(prompt)
  if (required) await page.getByLabel('Verplicht', { exact: true }).check()
  for (const [label, value] of Object.entries(extra)) await page.getByLabel(label, { exact: true }).fill(value)
  await page.getByRole('button', { name: 'Vraag toevoegen' }).click()
  await expect(page.getByTestId('question-list').getByText(prompt)).toBeVisible()
}

async function as(browser: Browser, email: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: test.info().project.use.baseURL })
  const page = await context.newPage()
  await logIn(page, email)
  return { page, close: () => context.close() }
}

test.describe.serial('consultations', () => {
  // Long journeys on shared CPUs: the owner's page is large (every buurt in the area list).
  test.describe.configure({ timeout: 180_000 })

  test('the griffie drafts a consultation with a declaration, schedules and opens it', async ({ page }) => {
    await logIn(page, 'griffie@stem.example')
    await visit(page, '/beheer/inspraak')
    await page.getByLabel('Titel', { exact: true }).fill(TITLE)
    await page.getByLabel('Inleiding').fill('De raad wil nieuwe bankjes op de Grote Markt. Waar en hoeveel? (Verzonnen voorbeeld.)')
    await page.getByLabel('Gebied', { exact: true }).selectOption('wijken')
    await page.getByLabel('Kies de wijken of buurten').selectOption('WK001400')
    await page.getByLabel('Wie mag meedoen').selectOption('verified_area')
    await page.getByLabel('Open vanaf').fill(local(1))
    await page.getByLabel('Sluit op').fill(local(14))
    await page.getByRole('button', { name: 'Concept maken' }).click()
    await expect(page.getByText('Het concept is gemaakt.')).toBeVisible()
    adminUrl = new URL(page.url()).pathname
    await expectAccessible(page)

    // Opening without a declaration is refused with the reason.
    await page.getByRole('button', { name: 'Nu openen' }).click()
    await expect(page.getByText('Vul eerst de weging in')).toBeVisible()

    await page.getByLabel('Niveau van meedoen').selectOption('raadplegen')
    await page.getByLabel('Wie beslist').fill('gemeenteraad')
    await page.getByLabel('Wat doen we met de reacties').fill('De raad leest alle reacties voordat hij over de bankjes besluit.')
    await page.getByLabel('Terugkoppeling uiterlijk op').fill(day(30))
    await page.getByRole('button', { name: 'Weging opslaan' }).click()
    await expect(page.getByText('De weging is opgeslagen.')).toBeVisible()

    await addQuestion(page, 'Eén keuze', 'Hoeveel bankjes wil je?', { 'Keuzes (één per regel)': 'Twee\nVier\nZes' }, true)
    await addQuestion(page, 'Meer keuzes', 'Welke soort bankjes?', {
      'Keuzes (één per regel)': 'Hout\nSteen\nMet rugleuning',
      'Minimum aantal keuzes': '1',
      'Maximum aantal keuzes': '2',
    })
    await addQuestion(page, 'Schaal 1 tot 5', 'Hoe fijn is de Grote Markt nu?', { 'Woord bij 1': 'Niet fijn', 'Woord bij 5': 'Heel fijn' })
    await addQuestion(page, 'Rangschikken', 'Wat is het belangrijkst?', { 'Keuzes (één per regel)': 'Schaduw\nUitzicht\nRust' })
    await addQuestion(page, 'Open vraag', 'Wat wil je nog zeggen?', { 'Maximum aantal tekens (open vraag)': '200' })
    await addQuestion(page, 'Plek op de kaart', 'Waar moet een bankje komen?')
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Inplannen' }).click()
    await expect(page.getByText('Nu: Gepland')).toBeVisible()
    await page.getByRole('button', { name: 'Nu openen' }).click()
    await expect(page.getByText('Nu: Open')).toBeVisible()
    consultationUrl = adminUrl.replace('/beheer', '')
    await page.getByRole('link', { name: 'Bekijk de openbare pagina' }).click()
    await page.waitForURL((url) => url.pathname === consultationUrl)
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
    await expect(page.getByRole('complementary', { name: 'Hoe telt je mening?' }).first()).toContainText('De raad leest alle reacties')
  })

  test('a verified resident of Centrum answers every question type', async ({ browser }) => {
    const { page, close } = await as(browser, 'geverifieerd@stem.example')
    await visit(page, consultationUrl)
    // The declaration is at the top and next to the submit button.
    await expect(page.getByRole('complementary', { name: 'Hoe telt je mening?' })).toHaveCount(2)
    await page.getByLabel('Vier').check()
    await page.getByLabel('Hout').check()
    await page.getByLabel('Met rugleuning').check()
    await page.getByLabel('4', { exact: true }).check()
    await page.getByLabel('Plaats 1').selectOption({ label: 'Rust' })
    await page.getByLabel('Plaats 2').selectOption({ label: 'Schaduw' })
    await page.getByLabel('Plaats 3').selectOption({ label: 'Uitzicht' })
    await page.getByRole('textbox', { name: 'Wat wil je nog zeggen?' }).fill('Graag bij de bomen.')
    // The map: a click chooses a place (the tiles never load here, the map still works).
    await page.locator('.leaflet-container').click({ position: { x: 120, y: 90 } })
    await expect(page.getByText('Gekozen plek:')).toBeVisible()
    await page.getByRole('button', { name: 'Reactie versturen' }).click()
    await expect(page.getByText('Bedankt. Je reactie is opgeslagen.')).toBeVisible()
    await expect(page.getByText('Je hebt al gereageerd.')).toBeVisible()
    await expect(page.getByLabel('Vier')).toBeChecked()
    await expectAccessible(page)
    await close()
  })

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false })

    test('the same resident changes the answers; a bad answer gets a message at its question, the rest is kept', async ({ page }) => {
      await logIn(page, 'geverifieerd@stem.example')
      await visit(page, consultationUrl)
      await expect(page.getByLabel('Vier')).toBeChecked()
      await page.getByLabel('Zes').check()
      await page.getByLabel('Plaats 1').selectOption({ label: 'Rust' })
      await page.getByLabel('Plaats 2').selectOption({ label: 'Rust' })
      await page.getByLabel('Postcode').fill('9712 JG')
      await page.getByLabel('Huisnummer').fill('3')
      await page.getByRole('button', { name: 'Reactie aanpassen' }).click()
      await expect(page.getByText('Je hebt een keuze vaker gekozen.')).toBeVisible()
      await expect(page.getByLabel('Zes')).toBeChecked()
      await expect(page.getByLabel('Postcode')).toHaveValue('9712 JG')
      await expectAccessible(page)
      await page.getByLabel('Plaats 2').selectOption({ label: 'Uitzicht' })
      await page.getByLabel('Plaats 3').selectOption({ label: 'Schaduw' })
      await page.getByRole('button', { name: 'Reactie aanpassen' }).click()
      await expect(page.getByText('Bedankt. Je reactie is opgeslagen.')).toBeVisible()
      await expect(page.getByLabel('Zes')).toBeChecked()
      await expectAccessible(page)
    })
  })

  test('a resident outside the area sees why they cannot take part', async ({ page }) => {
    await logIn(page, 'jongere@stem.example')
    await visit(page, consultationUrl)
    await expect(page.getByTestId('cannot-take-part')).toContainText('Dit is voor een ander gebied')
    await expect(page.getByRole('button', { name: 'Reactie versturen' })).toHaveCount(0)
  })

  test('the griffie closes, reports back, and the accountability page shows it on time', async ({ page }) => {
    await logIn(page, 'griffie@stem.example')
    await visit(page, adminUrl)
    await page.getByRole('button', { name: 'Nu sluiten' }).click()
    await expect(page.getByText('Nu: Gesloten')).toBeVisible()
    await page
      .getByLabel('Wat we hoorden en wat we ermee deden')
      .fill('De meeste mensen willen zes houten bankjes met rugleuning bij de bomen.')
    await page.getByLabel('Het besluit').fill('Er komen zes bankjes bij de bomen.')
    await page.getByRole('button', { name: 'Terugkoppeling publiceren' }).click()
    await expect(page.getByText('De terugkoppeling is gepubliceerd.')).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Wat we met de reacties hebben gedaan' })).toBeVisible()
    await expectAccessible(page)

    await expect(page.getByRole('link', { name: 'Bekijk de uitkomsten' })).toBeVisible()
    const results = await visit(page, `${consultationUrl}/uitkomsten`)
    expect(results?.status()).toBe(200)
    await expect(page.getByTestId('results-total')).toHaveText('Aantal mensen dat reageerde: 1.')
    await expect(page.getByRole('img', { name: /Hoeveel bankjes wil je/ })).toBeVisible()
    await expectAccessible(page)

    await visit(page, '/verantwoording')
    await expect(page.getByTestId('accountability-on_time').filter({ hasText: TITLE })).toBeVisible()
    // The seeded example past its date shows as overdue.
    await expect(page.getByTestId('accountability-overdue').filter({ hasText: 'Afvalinzameling in de Oosterparkwijk' })).toBeVisible()
  })

  test('a declaration edited after opening shows its history', async ({ page }) => {
    await visit(page, '/inspraak?zoek=groen')
    await page.getByRole('link', { name: 'Meer groen in de straten van Centrum' }).click()
    await page.getByText(/aangepast op/i).click()
    await expect(page.getByText('Waarom: Het budget is verhoogd, dus er kunnen meer straten mee.')).toBeVisible()
    // The version before the change stays readable.
    await expect(page.getByText(/Tot .* stond er:/)).toBeVisible()
    await expect(page.getByText(/Het wijkteam kiest de eerste tien straten met de meeste steun/)).toBeVisible()
    await expectAccessible(page)
  })
})
