import type { Page } from '@playwright/test'
import { expect, expectAccessible, logIn, openLatestMail, test, visit } from './fixtures'

/*
 * Issue 14, part B: a verified person, not a typed birth year; helpers act only for the person found at
 * the desk and see whether a resident voted, never what.
 */

test.describe.configure({ timeout: 600_000 })

const BUDGET = 'Wijkbudget Centrum 2027 (fictief voorbeeld)'

async function budgetPath(page: Page) {
  await visit(page, '/begrotingen')
  return (await page.getByRole('link', { name: BUDGET, exact: true }).first().getAttribute('href'))!
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page.getByRole('status')).toContainText('Je bent uitgelogd')
}

/** Signs up and confirms the e-mail address; the new account stays logged in. */
async function signUp(page: Page, displayName: string) {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.test`
  await visit(page, '/registreren')
  await page.getByLabel('Naam').fill(displayName)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Kies een wachtwoord').fill('mijn fiets staat bij de Martini')
  await page.getByRole('button', { name: 'Account maken' }).click()
  await expect(page.getByRole('status')).toContainText('We hebben je een e-mail gestuurd')
  const mail = await openLatestMail(page, /Bevestig je e-mailadres/)
  await visit(page, new URL(/http:\/\/\S+\/email-bevestigen\/\S+/.exec(mail)![0]).pathname)
  await expect(page.getByRole('status')).toContainText('Je e-mailadres is bevestigd')
}

async function askLetter(page: Page, person: { name: string; birthDate: string; postcode: string; houseNumber: string }) {
  await visit(page, '/mijn/adres?opnieuw=1')
  await page.getByLabel('Naam zoals in je paspoort').fill(person.name)
  await page.getByLabel('Postcode').fill(person.postcode)
  await page.getByLabel('Huisnummer').fill(person.houseNumber)
  await page.getByLabel('Geboortedatum').fill(person.birthDate)
  await page.getByRole('button', { name: 'Stuur de brief' }).click()
}

/** A new account, verified by letter as this person at Martinikerkhof 3 (Centrum). */
async function verifiedAccount(page: Page, name: string, birthDate: string) {
  await signUp(page, name)
  await askLetter(page, { name, birthDate, postcode: '9712 JG', houseNumber: '3' })
  await expect(page.getByRole('status')).toContainText('De brief is onderweg')
  const letter = await openLatestMail(page, /Uw code voor Stem/)
  expect(letter).toContain(`Aan ${name}`)
  await visit(page, '/mijn/adres')
  await page.getByLabel('Code uit de brief').fill(/^\s+([A-Z0-9]{4} [A-Z0-9]{4})$/m.exec(letter)![1]!)
  await page.getByRole('button', { name: 'Bevestig mijn adres' }).click()
  await expect(page.getByRole('status')).toContainText('Je adres is bevestigd')
}

async function voteFor(page: Page, path: string, project: RegExp) {
  await visit(page, `${path}/stemmen`)
  await page.getByLabel(project).check()
  await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
}

test('two residents of one address with the same birth year both vote; one person through two accounts votes once; the seventh person at one address goes to the desk', async ({
  page,
}) => {
  const path = await budgetPath(page)
  const stamp = String(Date.now()).slice(-5)
  const twinA = `Lotte Tweeling${stamp}`
  const twinB = `Lieke Tweeling${stamp}`

  await verifiedAccount(page, twinA, '09-09-1999')
  await voteFor(page, path, /Geveltuinen/)
  await expect(page.getByRole('heading', { name: 'Je stem is ontvangen' })).toBeVisible()
  await logOut(page)

  // Her twin sister: same address, same birth date, another person — she votes too.
  await verifiedAccount(page, twinB, '09-09-1999')
  await voteFor(page, path, /Bankjes/)
  await expect(page.getByRole('heading', { name: 'Je stem is ontvangen' })).toBeVisible()
  await logOut(page)

  // The seventh person at the student house (six verified there in the demo) is sent to the desk.
  await signUp(page, `Zeven Student${stamp}`)
  await askLetter(page, { name: `Zeven Student${stamp}`, birthDate: '01-01-2004', postcode: '9724 AD', houseNumber: '3' })
  await expect(page.getByText('Op dit adres zijn al 6 personen bevestigd')).toBeVisible()
  await expect(page.getByText('naar de balie van de gemeente')).toBeVisible()
  await expect(page.getByLabel('Naam zoals in je paspoort')).toHaveValue(`Zeven Student${stamp}`)
  await expectAccessible(page)
  await logOut(page)

  // Lotte again, through a second account (her name typed in lower case): her person has voted.
  await verifiedAccount(page, twinA.toLowerCase(), '09-09-1999')
  await visit(page, `${path}/stemmen`)
  await expect(page.getByText('Je hebt al gestemd')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Stem uitbrengen' })).toHaveCount(0)
  await expectAccessible(page)
})

test('a helper acting for a resident who voted online sees that she voted, not what; acting never starts from a user id', async ({
  page,
}) => {
  const path = await budgetPath(page)
  // Vera (demo) votes online (unless she already did).
  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, `${path}/stemmen`)
  if (await page.getByRole('button', { name: 'Stem uitbrengen' }).isVisible()) {
    if (!(await page.getByLabel(/Geveltuinen/).isChecked())) {
      await page.getByLabel(/Geveltuinen/).check()
      await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
      await expect(page.getByRole('heading', { name: /Je stem is/ })).toBeVisible()
    }
  }
  await logOut(page)

  await logIn(page, 'helper@stem.example')
  await visit(page, '/balie')
  await page.getByLabel('Postcode').fill('9712 JG')
  await page.getByLabel('Huisnummer').fill('3')
  await page.getByLabel('Geboortedatum').fill('21-03-1984')
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click()
  const results = page.getByTestId('search-results')
  await expect(results).toContainText('Vera Verifieerd')
  await expectAccessible(page)
  const residentId = (await results.locator('input[name=residentId]').first().getAttribute('value'))!

  // A bare user id (as the old user list offered) does not start acting.
  const bare = await page.request.post('/balie', {
    form: { intent: 'start', residentId, channel: 'desk', consent: 'on' },
    headers: { Origin: new URL(page.url()).origin },
  })
  expect(bare.status()).toBe(400)
  await visit(page, '/balie')
  await expect(page.getByTestId('acting-for')).toHaveCount(0)

  // From the desk's own search, with consent: acting starts.
  await page.getByLabel('Postcode').fill('9712 JG')
  await page.getByLabel('Huisnummer').fill('3')
  await page.getByLabel('Geboortedatum').fill('21-03-1984')
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click()
  const vera = page.getByTestId('search-results').locator('li', { hasText: 'Vera Verifieerd' })
  await vera.getByLabel('Hoe help je de bewoner?').selectOption('desk')
  await vera.getByLabel('De bewoner geeft toestemming').check()
  await vera.getByRole('button', { name: 'Beginnen voor deze bewoner' }).click()
  await expect(page.getByTestId('acting-for')).toContainText('Vera Verifieerd')

  // The voting page: that she voted, not what.
  await visit(page, `${path}/stemmen`)
  await expect(page.getByText('Deze bewoner heeft al gestemd')).toBeVisible()
  await expect(page.getByRole('checkbox')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Stem uitbrengen' })).toHaveCount(0)

  // The page views are in her dossier.
  await visit(page, '/balie')
  await page.getByRole('button', { name: 'Stoppen met invoeren voor deze bewoner' }).click()
  await logOut(page)
  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, '/mijn/dossier')
  await expect(page.getByTestId('dossier-lines')).toContainText('Pagina bekeken')
})
