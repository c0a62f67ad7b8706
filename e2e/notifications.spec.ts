import { expect, logIn, test, visit } from './fixtures'

test('a resident chooses one e-mail a day for notifications, and the choice stays', async ({ page }) => {
  await logIn(page, 'bewoner@stem.example')
  await visit(page, '/mijn/meldingen')
  // Without a choice yet: e-mail at once, as when the account was made.
  await expect(page.getByRole('radio', { name: 'Meteen, één e-mail per melding' })).toBeChecked()
  await page.getByRole('radio', { name: /Eén e-mail per dag, om 7 uur/ }).check()
  await page.getByRole('button', { name: 'Keuze opslaan' }).click()
  await expect(page.getByText('Je keuze voor e-mail is opgeslagen.')).toBeVisible()
  await visit(page, '/mijn/meldingen')
  await expect(page.getByRole('radio', { name: /Eén e-mail per dag, om 7 uur/ })).toBeChecked()
  // Back to e-mail at once: later journeys (promises, reactions) expect this resident's mail straight away.
  await page.getByRole('radio', { name: 'Meteen, één e-mail per melding' }).check()
  await page.getByRole('button', { name: 'Keuze opslaan' }).click()
  await expect(page.getByText('Je keuze voor e-mail is opgeslagen.')).toBeVisible()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('switching e-mail off works as a plain form', async ({ page }) => {
    await logIn(page, 'geverifieerd@stem.example')
    await visit(page, '/mijn/meldingen')
    await page.getByRole('radio', { name: 'Geen e-mail, alleen hier op de site' }).check()
    await page.getByRole('button', { name: 'Keuze opslaan' }).click()
    await expect(page.getByText('Je keuze voor e-mail is opgeslagen.')).toBeVisible()
    await expect(page.getByRole('radio', { name: 'Geen e-mail, alleen hier op de site' })).toBeChecked()
    // Back to e-mail at once, for the journeys after this one.
    await page.getByRole('radio', { name: 'Meteen, één e-mail per melding' }).check()
    await page.getByRole('button', { name: 'Keuze opslaan' }).click()
    await expect(page.getByText('Je keuze voor e-mail is opgeslagen.')).toBeVisible()
  })
})
