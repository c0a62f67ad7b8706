import { expect, expectAccessible, logIn, test, visit } from './fixtures'

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled })

    test('bad sign-up input gets a Dutch message at each field and keeps what was typed', async ({ page }) => {
      await visit(page, '/registreren')
      await page.getByLabel('Naam').fill('Otto')
      await page.getByLabel('E-mailadres').fill('otto-at-example')
      await page.getByLabel('Kies een wachtwoord').fill('kort')
      await page.getByRole('button', { name: 'Account maken' }).click()
      await expect(page.getByText('Dit is geen geldig e-mailadres.')).toBeVisible()
      await expect(page.getByText('Je wachtwoord is te kort. Gebruik minstens 10 tekens.')).toBeVisible()
      await expect(page.getByLabel('Naam')).toHaveValue('Otto')
      await expect(page.getByLabel('E-mailadres')).toHaveValue('otto-at-example')
      await expect(page.getByLabel('E-mailadres')).toHaveAttribute('aria-invalid', 'true')
      await expectAccessible(page)

      await page.getByLabel('E-mailadres').fill(`${'x'.repeat(250)}@example.test`)
      await page.getByLabel('Kies een wachtwoord').fill('een goed wachtwoord nu')
      await page.getByRole('button', { name: 'Account maken' }).click()
      // The maxlength attribute cuts typing at 254; what reaches the server is still checked.
      await expect(page.getByLabel('E-mailadres')).not.toHaveValue('')
    })

    test('an unknown address and a malformed postcode are refused at the field', async ({ page }) => {
      await logIn(page, 'bewoner@stem.example')
      await visit(page, '/mijn/adres')
      await page.getByLabel('Naam zoals in je paspoort').fill('Bea Bewoner')
      await page.getByLabel('Postcode').fill('97')
      await page.getByLabel('Huisnummer').fill('3')
      await page.getByLabel('Geboortedatum').fill('12-04-1990')
      await page.getByRole('button', { name: 'Stuur de brief' }).click()
      await expect(page.getByText('Vul een postcode in zoals 9712 JG')).toBeVisible()
      await expect(page.getByLabel('Geboortedatum')).toHaveValue('12-04-1990')
      await expect(page.getByLabel('Naam zoals in je paspoort')).toHaveValue('Bea Bewoner')
      await page.getByLabel('Postcode').fill('9712JG')
      await page.getByLabel('Huisnummer').fill('998')
      await page.getByRole('button', { name: 'Stuur de brief' }).click()
      await expect(page.getByText('We kunnen dit adres niet vinden')).toBeVisible()
      await expect(page.getByLabel('Postcode')).toHaveValue('9712JG')
      await expectAccessible(page)
    })
  })
}
