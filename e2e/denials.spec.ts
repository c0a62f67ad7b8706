import { DEMO_PASSWORD, expect, expectAccessible, logIn, test, visit } from './fixtures'

test('too many wrong passwords from one address make that address wait, with a clear message', async ({ page }) => {
  for (let attempt = 1; attempt <= 5; attempt++) {
    await logIn(page, 'griffie@stem.example', `fout wachtwoord ${attempt}`)
    await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.')).toBeVisible()
  }
  await expectAccessible(page)
  await logIn(page, 'griffie@stem.example', DEMO_PASSWORD)
  await expect(page.getByRole('alert')).toContainText('Te veel pogingen. Wacht 15 minuten')
  await expectAccessible(page)
})

test('a resident who opens the admin area is refused with the reason and a next step', async ({ page }) => {
  await logIn(page, 'bewoner@stem.example')
  const response = await visit(page, '/beheer/gebruikers')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Geen toegang')
  await expect(page.getByText('Je bent ingelogd, maar je hebt die rol niet.')).toBeVisible()
  await expect(page.getByRole('link', { name: /Neem contact op/ })).toBeVisible()
})

test('an unverified resident is told to verify the address', async ({ page }) => {
  await logIn(page, 'bewoner@stem.example')
  await visit(page, '/mijn')
  await expect(page.getByText('Je adres is nog niet bevestigd.')).toBeVisible()
})

test('each role of the demo can log in', async ({ page }) => {
  for (const email of [
    'geverifieerd@stem.example',
    'helper@stem.example',
    'moderator@stem.example',
    'medewerker@stem.example',
    'beheerder@stem.example',
  ]) {
    await logIn(page, email)
    await expect(page.getByRole('status')).toContainText('Je bent ingelogd')
    await page.getByRole('button', { name: 'Uitloggen' }).click()
    await expect(page.getByRole('status')).toContainText('Je bent uitgelogd')
  }
})
