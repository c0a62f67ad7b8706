import { expect, expectAccessible, logIn, openLatestMail, test, visit } from './fixtures'

const PASSWORD = 'mijn fiets staat bij de Martini'

test('a known address signs up again: the same answer, and the owner is told by e-mail', async ({ page }) => {
  const email = `twee-keer-${Date.now()}@example.test`
  for (const name of ['Tineke Twee', 'Iemand Anders']) {
    await visit(page, '/registreren')
    await page.getByLabel('Naam').fill(name)
    await page.getByLabel('E-mailadres').fill(email)
    await page.getByLabel('Kies een wachtwoord').fill(PASSWORD)
    await page.getByRole('button', { name: 'Account maken' }).click()
    await expect(page.getByRole('status')).toContainText('Bijna klaar. We hebben je een e-mail gestuurd.')
    await expectAccessible(page)
  }
  const notice = await openLatestMail(page, /Iemand probeerde een account te maken met jouw e-mailadres/)
  expect(notice).toContain('Hallo “Tineke Twee”')
  expect(notice).toContain('/wachtwoord-vergeten')
  expect(notice).not.toContain('Iemand Anders')
})

test('after many wrong passwords from many addresses, the owner follows the mailed unlock link and logs in again', async ({ page }) => {
  const email = `slot-${Date.now()}@example.test`
  await visit(page, '/registreren')
  await page.getByLabel('Naam').fill('Sanne Slot')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Kies een wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Account maken' }).click()
  const confirm = await openLatestMail(page, /Bevestig je e-mailadres/)
  await visit(page, new URL(/http:\/\/\S+\/email-bevestigen\/\S+/.exec(confirm)![0]).pathname)
  await expect(page.getByRole('status')).toContainText('Je e-mailadres is bevestigd')
  await page.getByRole('button', { name: 'Uitloggen' }).click()

  // An attacker guesses from twenty-one addresses, a few times each (behind the load balancer).
  const origin = new URL(page.url()).origin
  const statuses: number[] = []
  for (let n = 0; n < 21; n++) {
    const response = await page.request.post('/inloggen', {
      form: { email, password: `geraden wachtwoord ${n}` },
      headers: { Origin: origin, 'X-Forwarded-For': `198.51.100.${n}` },
      maxRedirects: 0,
    })
    statuses.push(response.status())
  }
  expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true)
  expect(statuses[20]).toBe(429)

  // The right password alone no longer logs in; the page says what to do.
  await logIn(page, email, PASSWORD)
  await expect(page.getByText('We hebben je een e-mail gestuurd met een link om inloggen weer aan te zetten')).toBeVisible()
  await expectAccessible(page)

  const mail = await openLatestMail(page, /Inloggen weer aanzetten/)
  const link = /http:\/\/\S+\/inloggen\/ontgrendelen\/\S+/.exec(mail)![0]
  await visit(page, new URL(link).pathname)
  await page.getByRole('button', { name: 'Inloggen weer aanzetten' }).click()
  await expect(page.getByRole('status')).toContainText('Inloggen staat weer aan')
  await expectAccessible(page)

  await logIn(page, email, PASSWORD)
  await expect(page.getByRole('status')).toContainText('Je bent ingelogd')
  // The link works once.
  await visit(page, new URL(link).pathname)
  await expect(page.getByText('Deze link werkt niet meer')).toBeVisible()
})
