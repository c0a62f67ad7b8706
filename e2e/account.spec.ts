import { expect, expectAccessible, openLatestMail, test, visit } from './fixtures'

test('a newcomer signs up, confirms the e-mail, verifies the address by letter and sees their wijk and buurt', async ({ page }) => {
  const email = `nieuw-${Date.now()}@example.test`
  await visit(page, '/registreren')
  await page.getByLabel('Naam').fill('Nina Nieuw')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Kies een wachtwoord').fill('mijn fiets staat bij de Martini')
  await page.getByRole('button', { name: 'Account maken' }).click()
  await expect(page.getByRole('status')).toContainText('We hebben je een e-mail gestuurd')
  await expectAccessible(page)

  const mail = await openLatestMail(page, /Bevestig je e-mailadres/)
  const link = /http:\/\/\S+\/email-bevestigen\/\S+/.exec(mail)![0]
  await visit(page, new URL(link).pathname)
  await expect(page.getByRole('status')).toContainText('Je e-mailadres is bevestigd')

  await page.getByRole('link', { name: 'Bevestig je adres' }).click()
  await expectAccessible(page)
  await page.getByLabel('Naam zoals in je paspoort').fill('Nina Nieuw')
  await page.getByLabel('Postcode').fill('9712 jg')
  await page.getByLabel('Huisnummer').fill('3')
  await page.getByLabel('Geboortedatum').fill('14-07-1988')
  await page.getByRole('button', { name: 'Stuur de brief' }).click()
  await expect(page.getByRole('status')).toContainText('De brief is onderweg')
  await expectAccessible(page)

  const letter = await openLatestMail(page, /Uw code voor Stem/)
  expect(letter).toContain('Martinikerkhof 3')
  // Addressed to the person, not to "the residents".
  expect(letter).toContain('Aan Nina Nieuw')
  const code = /^\s+([A-Z0-9]{4} [A-Z0-9]{4})$/m.exec(letter)![1]!

  await visit(page, '/mijn/adres')
  await page.getByLabel('Code uit de brief').fill('ZZZZ 9999')
  await page.getByRole('button', { name: 'Bevestig mijn adres' }).click()
  await expect(page.getByText('Deze code klopt niet. Je kunt het nog 4 keer proberen.')).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Code uit de brief').fill(code.toLowerCase())
  await page.getByRole('button', { name: 'Bevestig mijn adres' }).click()

  await expect(page.getByRole('status')).toContainText('Je adres is bevestigd')
  const residence = page.getByTestId('residence')
  await expect(residence).toContainText('Martinikerkhof 3, 9712 JG Groningen')
  await expect(residence).toContainText('Binnenstad-Noord')
  await expect(residence).toContainText('Centrum')
  await expectAccessible(page)
})
