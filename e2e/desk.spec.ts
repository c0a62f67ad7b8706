import { expect, expectAccessible, logIn, openLatestMail, test, visit } from './fixtures'

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled })
    // Long journeys (two people, mail, several forms): more than the default minute on a busy machine.
    test.describe.configure({ timeout: 300_000 })
    const variant = javaScriptEnabled ? 'js' : 'nojs'

    test('an anonymous visitor asks for personal contact from a page, and staff see the request with that page', async ({ page }) => {
      await visit(page, '/wijken/WK001400')
      await page.getByRole('banner').getByRole('link', { name: 'Persoonlijk contact' }).click()
      await expectAccessible(page)
      await expect(page.getByTestId('contact-from')).toContainText('/wijken/WK001400')
      await expect(page.getByText('binnen 2 werkdagen')).toBeVisible()

      // No way to reach the person: refused in Dutch, nothing lost.
      await page.getByLabel('Je naam').fill(`Bezoeker ${variant}`)
      await page.getByLabel('Waar gaat het over?').fill('Ik snap niet hoe ik kan meedoen in mijn wijk.')
      await page.getByRole('button', { name: 'Verstuur mijn vraag' }).click()
      await expect(page.getByText('Kies minstens één manier om je te bereiken')).toBeVisible()
      await expect(page.getByLabel('Waar gaat het over?')).toHaveValue('Ik snap niet hoe ik kan meedoen in mijn wijk.')
      await expect(page.getByLabel('Je naam')).toHaveValue(`Bezoeker ${variant}`)
      await expectAccessible(page)

      await page.getByLabel('E-mailadres').fill(`bezoeker-${variant}@example.test`)
      await page.getByRole('button', { name: 'Verstuur mijn vraag' }).click()
      await expect(page.getByRole('status')).toContainText('Je vraag is verstuurd')
      await expect(page.getByTestId('contact-status')).toContainText('nieuw')
      await expect(page.getByTestId('contact-status')).toContainText('/wijken/WK001400')
      await expectAccessible(page)

      // The confirmation e-mail carries the status link.
      const mail = await openLatestMail(page, /persoonlijk contact ontvangen/)
      const link = /http:\/\/\S+\/persoonlijk-contact\/status\/\S+/.exec(mail)![0]

      await logIn(page, 'medewerker@stem.example')
      await visit(page, '/beheer/contact')
      const item = page.locator('li', { hasText: `Bezoeker ${variant}` })
      await expect(item).toContainText('/wijken/WK001400')
      await expect(item).toContainText(`bezoeker-${variant}@example.test`)
      await item.getByRole('button', { name: 'Oppakken' }).click()
      await expect(page.getByRole('status')).toContainText('De status is aangepast')
      await expect(page.locator('li', { hasText: `Bezoeker ${variant}` })).toContainText('in behandeling')
      await expectAccessible(page)

      await visit(page, new URL(link).pathname)
      await expect(page.getByTestId('contact-status')).toContainText('in behandeling')
    })

    test('a helper registers a resident at the desk with consent; the resident claims the account and sees the dossier', async ({
      page,
    }) => {
      const birthDate = javaScriptEnabled ? '02-03-1950' : '02-03-1951'
      await logIn(page, 'helper@stem.example')
      await visit(page, '/balie')

      // An address that is not in the register.
      await page.getByLabel('Postcode').fill('9999 ZZ')
      await page.getByLabel('Huisnummer').fill('1')
      await page.getByLabel('Geboortedatum').fill(birthDate)
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click()
      await expect(page.getByText('We kunnen dit adres niet vinden')).toBeVisible()
      await expect(page.getByLabel('Geboortedatum')).toHaveValue(birthDate)
      await expectAccessible(page)

      await page.getByLabel('Postcode').fill('9711 ME')
      await page.getByLabel('Huisnummer').fill('1')
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click()
      await expect(page.getByTestId('search-results')).toContainText('Er staat niemand met deze geboortedatum ingeschreven')
      await expectAccessible(page)

      // Consent not recorded: refused, nothing lost.
      await page.getByLabel('Naam zoals in je paspoort').fill(`Wim Wijkpunt ${variant}`)
      await page.getByLabel('Welk identiteitsbewijs heb je gezien?').selectOption('id_card')
      await page.getByLabel('Naam', { exact: true }).fill(`Wim Wijkpunt ${variant}`)
      await page.getByLabel('Hoe help je de bewoner?').selectOption('desk')
      await page.getByRole('button', { name: 'Inschrijven en beginnen' }).click()
      await expect(page.getByText('Zonder toestemming van de bewoner')).toBeVisible()
      await expect(page.getByLabel('Naam', { exact: true })).toHaveValue(`Wim Wijkpunt ${variant}`)
      await expectAccessible(page)

      await page.getByLabel('De bewoner geeft toestemming').check()
      await page.getByRole('button', { name: 'Inschrijven en beginnen' }).click()
      await expect(page.getByRole('status')).toContainText('De bewoner is ingeschreven')
      await expect(page.getByTestId('acting-for')).toContainText(`Je voert nu in voor Wim Wijkpunt ${variant} (balie)`)
      await expectAccessible(page)

      // The helper asks for personal contact for the resident: it lands in the resident's dossier.
      await visit(page, '/persoonlijk-contact')
      await page.getByLabel('Je naam').fill(`Wim Wijkpunt ${variant}`)
      await page.getByLabel('Waar gaat het over?').fill('Wil graag een papieren formulier voor de inspraak.')
      await page.getByLabel('Telefoonnummer').fill('050 000 0003')
      await page.getByRole('button', { name: 'Verstuur mijn vraag' }).click()
      await expect(page.getByRole('status')).toContainText('Je vraag is verstuurd')
      await visit(page, '/balie')
      await expect(page.getByTestId('acting-for')).toContainText('Vraag om persoonlijk contact')
      await page.getByRole('button', { name: 'Stoppen met invoeren voor deze bewoner' }).click()
      await expect(page.getByRole('status')).toContainText('Je voert niet meer in voor een bewoner')
      await page.getByRole('button', { name: 'Uitloggen' }).click()
      await expect(page.getByRole('status')).toContainText('Je bent uitgelogd')

      // The letter with the claim code.
      const letter = await openLatestMail(page, /Uw code om uw account op Stem over te nemen/)
      expect(letter).toContain(`Wim Wijkpunt ${variant}`)
      const code = /^\s+([A-Z0-9]{4} [A-Z0-9]{4})$/m.exec(letter)![1]!

      await visit(page, '/account-claimen')
      await page.getByLabel('Code uit de brief').fill(code)
      await page.getByLabel('E-mailadres').fill(`wim-${variant}@example.test`)
      await page.getByLabel('Kies een wachtwoord').fill('de bus naar het wijkpunt')
      await page.getByRole('button', { name: 'Account overnemen' }).click()
      await expect(page.getByRole('status')).toContainText('Het account is nu van jou')
      await expect(page.getByRole('heading', { name: 'Mijn dossier' })).toBeVisible()
      await expect(page.getByTestId('dossier-lines')).toContainText(/deed dit voor je, aan de balie/)
      await expect(page.getByTestId('dossier-lines')).toContainText('schreef je in aan de balie')
      await expectAccessible(page)
    })
  })
}
