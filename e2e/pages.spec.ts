import { expect, test, visit } from './fixtures'

test('public pages are accessible and work offline, the map with a list beside it', async ({ page }) => {
  for (const path of ['/', '/wijken', '/persoonlijk-contact', '/inloggen', '/registreren', '/wachtwoord-vergeten', '/dev/mail', '/verantwoording']) {
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
  await visit(page, '/wijken')
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Districts and neighbourhoods')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('button', { name: 'Nederlands' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wijken en buurten')
})

test('the open-data API describes itself and never returns personal data', async ({ request }) => {
  const doc = await (await request.get('/api/v1/openapi.json')).json()
  expect(Object.keys(doc.paths)).toContain('/areas/{code}')
  const areas = await (await request.get('/api/v1/areas?kind=wijk')).json()
  expect(areas.data).toHaveLength(20)
  const body = JSON.stringify(await (await request.get('/api/v1/areas')).json())
  expect(body).not.toMatch(/@stem\.example|password|email/i)
})
