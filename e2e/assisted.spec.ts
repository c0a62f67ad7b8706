import { expect, expectAccessible, logIn, openLatestMail, test, visit } from './fixtures'
import type { Page } from '@playwright/test'

async function linkTo(page: Page, list: string, name: string) {
  await visit(page, list)
  return (await page.getByRole('link', { name, exact: true }).first().getAttribute('href'))!
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page.getByRole('status')).toContainText('Je bent uitgelogd')
}

test.describe.configure({ timeout: 300_000 })

test('a helper registers a resident, prints the paper form, enters an answer and a ballot; the resident cannot vote again and sees both', async ({
  page,
}) => {
  const consultation = await linkTo(page, '/inspraak', 'Meer groen in de straten van Centrum')
  const budget = await linkTo(page, '/begrotingen', 'Wijkbudget Centrum 2027 (fictief voorbeeld)')
  const proposal = await linkTo(page, '/initiatieven', 'Meer fietsenstallingen rond de Vismarkt')

  await logIn(page, 'helper@stem.example')
  await visit(page, '/balie')
  // Martinikerkhof 3 (Centrum); a birth date no one else there has.
  await page.getByLabel('Postcode').fill('9712 JG')
  await page.getByLabel('Huisnummer').fill('3')
  await page.getByLabel('Geboortedatum').fill('09-09-1939')
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click()
  await expect(page.getByTestId('search-results')).toContainText('Er staat niemand met deze geboortedatum ingeschreven')
  await page.getByLabel('Naam zoals in je paspoort').fill('Truus Papier')
  await page.getByLabel('Welk identiteitsbewijs heb je gezien?').selectOption('passport')
  await page.getByLabel('Naam', { exact: true }).fill('Truus Papier')
  await page.getByLabel('Hoe help je de bewoner?').selectOption('desk')
  await page.getByLabel('De bewoner geeft toestemming').check()
  await page.getByRole('button', { name: 'Inschrijven en beginnen' }).click()
  await expect(page.getByTestId('acting-for')).toContainText('Je voert nu in voor Truus Papier (balie)')
  await expectAccessible(page)

  // The paper form of the consultation, to print.
  await page.getByRole('link', { name: 'Papieren formulier: Meer groen in de straten van Centrum' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meer groen in de straten van Centrum')
  await expect(page.getByText('Zet een kruisje bij één antwoord.')).toBeVisible()
  await expect(page.getByText('Ik geef toestemming dat een medewerker van de gemeente mijn antwoorden')).toBeVisible()
  await expectAccessible(page)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByText('Print deze pagina op A4')).toBeHidden()
  await page.emulateMedia({ media: 'screen' })

  // The answer, as the resident.
  await visit(page, consultation)
  await page.getByLabel('Ja', { exact: true }).check()
  await page.getByRole('button', { name: 'Reactie versturen' }).click()
  await expect(page.getByText('Deze bewoner heeft al meegedaan')).toBeVisible()
  await expectAccessible(page)

  // The ballot, as the resident.
  await visit(page, `${budget}/stemmen`)
  await page.getByLabel(/Geveltuinen/).check()
  await page.getByRole('button', { name: 'Stem uitbrengen' }).click()
  await expect(page.getByText('Dank je wel. Je stem telt mee.')).toBeVisible()
  await expectAccessible(page)
  // On every page while acting: for whom, and the way back to stop.
  await expect(page.getByTestId('banner-acting-for')).toContainText('je voert in voor Truus Papier (balie)')

  // A comment the resident dictates on the phone is theirs.
  await visit(page, proposal)
  await expect(page.getByTestId('banner-acting-for')).toBeVisible()
  await page.getByLabel('Je reactie').first().fill('Graag meer plekken bij het station (ingesproken)')
  await page.getByRole('button', { name: 'Reactie plaatsen' }).first().click()
  await expect(page.getByRole('status')).toContainText('Je reactie is geplaatst')
  await expect(page.locator('li.comment', { hasText: 'Graag meer plekken bij het station' })).toContainText('Truus Papier')

  await visit(page, '/balie')
  await expect(page.getByTestId('acting-for')).toContainText('Antwoord op een inspraak')
  await expect(page.getByTestId('acting-for')).toContainText('Stem voor een wijkbudget')
  await expect(page.getByTestId('acting-for')).toContainText('Reactie bij een initiatief geplaatst')
  await page.getByRole('button', { name: 'Stoppen met invoeren voor deze bewoner' }).click()
  await logOut(page)

  // The resident claims the account with the letter, and confirms the e-mail address.
  const letter = await openLatestMail(page, /Uw code om uw account op Stem over te nemen/)
  expect(letter).toContain('Truus Papier')
  const code = /^\s+([A-Z0-9]{4} [A-Z0-9]{4})$/m.exec(letter)![1]!
  await visit(page, '/account-claimen')
  await page.getByLabel('Code uit de brief').fill(code)
  await page.getByLabel('E-mailadres').fill('truus.papier@example.test')
  await page.getByLabel('Kies een wachtwoord').fill('de krant ligt op de mat')
  await page.getByRole('button', { name: 'Account overnemen' }).click()
  await expect(page.getByRole('status')).toContainText('Het account is nu van jou')
  const entered = page.getByTestId('dossier-lines')
  await expect(entered).toContainText('Antwoord op een inspraak')
  await expect(entered).toContainText('Stem voor een wijkbudget')
  // The three things the helper entered, and the pages the helper viewed while acting.
  expect(await entered.getByText(/deed dit voor je, aan de balie/).count()).toBeGreaterThanOrEqual(3)
  await expect(entered).toContainText('Pagina bekeken')
  await expectAccessible(page)
  const mail = await openLatestMail(page, /Bevestig je e-mailadres/)
  await visit(page, new URL(/http:\/\/\S+\/email-bevestigen\/\S+/.exec(mail)![0]).pathname)
  await expect(page.getByRole('status')).toContainText('Je e-mailadres is bevestigd')

  // Online the resident cannot vote again; their answer is there to see and change.
  await visit(page, `${budget}/stemmen`)
  await expect(page.getByText('Je hebt al gestemd via een medewerker')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Stem uitbrengen' })).toHaveCount(0)
  await visit(page, consultation)
  await expect(page.getByText('Je hebt al gereageerd.')).toBeVisible()
  await expect(page.getByLabel('Ja', { exact: true })).toBeChecked()
})

test('a resident flags a comment; the moderator of that wijk hides it with a reason the public sees; another wijk’s moderator does not see it', async ({
  page,
}) => {
  const proposal = await linkTo(page, '/initiatieven', 'Meer fietsenstallingen rond de Vismarkt')
  const body = `Jullie zijn allemaal sukkels (e2e ${Date.now()})`
  await logIn(page, 'steun1@stem.example')
  await visit(page, proposal)
  await page.getByLabel('Je reactie').first().fill(body)
  await page.getByRole('button', { name: 'Reactie plaatsen' }).first().click()
  await expect(page.getByRole('status')).toContainText('Je reactie is geplaatst')
  await logOut(page)

  await logIn(page, 'bewoner@stem.example')
  await visit(page, proposal)
  const comment = page.locator('li.comment', { hasText: body })
  await comment.getByRole('link', { name: 'Melden' }).click()
  await expectAccessible(page)
  // Without a reason: refused in Dutch, the text kept.
  await page.getByLabel(/Toelichting/).fill('Scheldwoorden')
  await page.getByRole('button', { name: 'Verstuur de melding' }).click()
  await expect(page.getByText('Kies wat er mis is met deze bijdrage.')).toBeVisible()
  await expect(page.getByLabel(/Toelichting/)).toHaveValue('Scheldwoorden')
  await expectAccessible(page)
  // Corrected in the same form, which then goes (with JavaScript, after the browser's refusal).
  await page.getByLabel('Wat is er mis?').selectOption('offensive')
  await page.getByRole('button', { name: 'Verstuur de melding' }).click()
  await expect(page.getByRole('status')).toContainText('Je melding is ontvangen')
  await logOut(page)

  // The Oosterparkwijk moderator does not see it.
  await logIn(page, 'moderator-oost@stem.example')
  await visit(page, '/beheer/moderatie')
  await expect(page.getByText(body)).toHaveCount(0)
  await logOut(page)

  // The Centrum moderator hides it with a reason.
  await logIn(page, 'moderator@stem.example')
  await visit(page, '/beheer/moderatie')
  const item = page.getByRole('listitem').filter({ hasText: body }).first()
  await item.getByRole('checkbox').check()
  await page.getByRole('combobox', { name: 'Wat doe je met de gekozen bijdragen?' }).selectOption('hide')
  await page.getByLabel('Soort reden (voor het overzicht)').selectOption('offensive')
  await page.getByLabel('Reden', { exact: true }).fill('scheldwoorden naar andere bewoners')
  await page.getByRole('button', { name: 'Uitvoeren' }).click()
  await expect(page.getByRole('status')).toContainText('Gedaan: 1.')
  await expectAccessible(page)
  await logOut(page)

  // The public sees the reason in place of the comment.
  await visit(page, proposal)
  await expect(page.getByText('Verborgen door de moderator: scheldwoorden naar andere bewoners')).toBeVisible()
  await expect(page.getByText(body)).toHaveCount(0)
})
