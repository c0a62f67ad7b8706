import { expect, test, visit } from './fixtures'

test('public pages are accessible and work offline, the map with a list beside it', async ({ page }) => {
  for (const path of [
    '/',
    '/wijken',
    '/persoonlijk-contact',
    '/inloggen',
    '/registreren',
    '/wachtwoord-vergeten',
    '/dev/mail',
    '/verantwoording',
  ]) {
    const response = await visit(page, path)
    expect(response?.status(), path).toBe(200)
  }
  await visit(page, '/wijken/WK001400')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Centrum')
  await expect(page.getByRole('region', { name: 'Kaart van Centrum' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Binnenstad-Noord' })).toBeVisible()
  const notFound = await visit(page, '/bestaat-niet')
  expect(notFound?.status()).toBe(404)
})

test('the language switch turns the interface into English and back', async ({ page }) => {
  // The browser loads the English strings only when the page is English; React must find the same text.
  const problems: string[] = []
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
  page.on('pageerror', (e) => problems.push(e.message))
  const english: string[] = []
  page.on('request', (r) => /\/build\/_shared\/en-[\w-]+\.js$/.test(r.url()) && english.push(r.url()))
  await visit(page, '/wijken')
  expect(english).toEqual([])
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Districts and neighbourhoods')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  expect(english).toHaveLength(1)
  // Hydrated in English: a client-side navigation renders English too.
  await page.getByRole('link', { name: 'Proposals', exact: true }).first().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Proposals')
  await page.getByRole('button', { name: 'Nederlands' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Initiatieven')
  expect(problems).toEqual([])
})

test('the open-data API describes itself and never returns personal data', async ({ request }) => {
  const doc = await (await request.get('/api/v1/openapi.json')).json()
  expect(Object.keys(doc.paths)).toContain('/areas/{code}')
  const areas = await (await request.get('/api/v1/areas?kind=wijk')).json()
  expect(areas.data).toHaveLength(20)
  const body = JSON.stringify(await (await request.get('/api/v1/areas')).json())
  expect(body).not.toMatch(/@stem\.example|password|email/i)
})
