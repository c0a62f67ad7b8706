import { expect, expectAccessible, logIn, receivedMail, test, visit } from './fixtures'

// Martinikerkhof 3 (9712 JG), the demo verified resident's address, lies at 6.568567, 53.21927.
const HOME = { lon: 6.568567, lat: 53.21927 }
const north = (metres: number) => (HOME.lat + metres / 111_200).toFixed(6)

async function publishPermit(page: import('@playwright/test').Page, title: string, metresNorth: number) {
  await visit(page, '/beheer/bekendmakingen')
  await page.getByLabel('Soort').selectOption('permit_application')
  await page.getByLabel('Titel').fill(title)
  await page.getByLabel('Omschrijving').fill('Aanvraag voor een extra bouwlaag op een bestaand pand (fictief, e2e).')
  await page.getByRole('radio', { name: 'Punt (coördinaten)' }).check()
  await page.getByLabel('Breedtegraad').fill(north(metresNorth))
  await page.getByLabel('Lengtegraad').fill(String(HOME.lon))
  await page.getByLabel('Locatie in woorden').fill(`${metresNorth} meter ten noorden van het Martinikerkhof`)
  await page.getByRole('button', { name: 'Bekendmaking publiceren' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expectAccessible(page)
  return new URL(page.url()).pathname
}

test('a resident hears about the permit 300 m away, not the one 2 km away, reacts with a receipt and unsubscribes in one click', async ({
  page,
}) => {
  // Many pages, each checked with axe, on a machine shared with other work.
  test.setTimeout(240_000)
  const stamp = Date.now()
  const near = `Dakopbouw dichtbij ${stamp}`
  const far = `Dakopbouw ver weg ${stamp}`

  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, '/mijn/plekken')
  await page.getByRole('radio', { name: 'Adres (postcode en huisnummer)' }).check()
  await page.getByLabel('Postcode', { exact: true }).fill('9712 JG')
  await page.getByLabel('Huisnummer', { exact: true }).fill('3')
  await page.getByLabel('Straal in meters').fill('500')
  await page.getByRole('checkbox', { name: 'Bouwen en vergunningen' }).check()
  await page.getByRole('radio', { name: 'Meteen per e-mail' }).check()
  // Without consent the place is not kept.
  await page.getByRole('button', { name: 'Plek opslaan' }).click()
  await expect(page.getByText('Zet een vinkje om toestemming te geven.')).toBeVisible()
  await page.getByRole('checkbox', { name: 'Ik geef toestemming' }).check()
  await page.getByRole('button', { name: 'Plek opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('Je plek is opgeslagen')
  await expect(page.getByRole('heading', { name: 'Nu open bij deze plek' })).toBeVisible()
  await expectAccessible(page)
  const placesBefore = await page.getByTestId('places').locator('> li').count()

  await page.context().clearCookies()
  await logIn(page, 'medewerker@stem.example')
  const nearPath = await publishPermit(page, near, 300)
  await publishPermit(page, far, 2000)
  await expect(page.getByTestId('deadline')).toContainText('Reageren kan tot en met')

  // The worker matches and queues within a few seconds; exactly one e-mail, for the near permit.
  await expect
    .poll(
      async () => {
        await page.goto('/dev/mail')
        // Others with a place there (the demo's Dirk Dossier has all of Centrum) get their own e-mail.
        return page
          .locator('tr', { hasText: 'geverifieerd@stem.example' })
          .getByRole('link', { name: new RegExp(near) })
          .count()
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toBe(1)
  // ... and it really went out: the SMTP server received exactly one, with the one-click unsubscribe headers.
  const forResident = async () =>
    (await receivedMail(page)).filter((m) => m.to === 'geverifieerd@stem.example' && m.header('Subject').includes(String(stamp)))
  await expect.poll(async () => (await forResident()).length, { timeout: 30_000, intervals: [1000] }).toBe(1)
  await page.waitForTimeout(3000)
  const [sent] = await forResident()
  expect(sent!.header('Subject')).toContain(near)
  expect(sent!.header('List-Unsubscribe')).toMatch(/^<http:\/\/\S+\/afmelden\/\S+>$/)
  expect(sent!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
  expect(sent!.data).toMatch(/Content-Type: text\/plain/i)
  expect(await forResident()).toHaveLength(1)
  await visit(page, '/dev/mail')
  const residentRows = page.locator('tr', { hasText: 'geverifieerd@stem.example' })
  await expect(residentRows.getByRole('link', { name: new RegExp(near) })).toHaveCount(1)
  await expect(residentRows.getByRole('link', { name: new RegExp(far) })).toHaveCount(0)
  await residentRows.getByRole('link', { name: new RegExp(near) }).click()
  await expectAccessible(page)
  const mail = (await page.getByTestId('message-body').textContent()) ?? ''
  expect(mail).toMatch(/Termijn: reageren kan tot en met \d+ \w+ \d{4}/)
  expect(mail).toMatch(/\d{3} meter van Martinikerkhof 3/)
  expect(mail).toContain('Hoe telt je reactie?')
  const reactLink = new RegExp(`http://\\S+${nearPath}#reageren`).exec(mail)![0]
  const unsubscribeLink = /http:\/\/\S+\/afmelden\/\S+/.exec(mail)![0]

  await page.context().clearCookies()
  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, new URL(reactLink).pathname)
  await page.getByLabel('Je reactie').fill('Ik maak me zorgen over de schaduw op de binnentuinen in de middag.')
  await page.getByRole('button', { name: 'Reactie versturen' }).click()
  await expect(page.getByTestId('receipt')).toContainText(/Je kenmerk is STEM-\d{4}-\d{6}/)
  await expectAccessible(page)

  // One click, as a mail client does it (RFC 8058): a POST without Origin, from outside the site.
  await visit(page, new URL(unsubscribeLink).pathname)
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible()
  const response = await page.request.post(unsubscribeLink, {
    form: { 'List-Unsubscribe': 'One-Click' },
    headers: { Origin: '' },
  })
  expect(response.status()).toBe(200)
  await visit(page, '/mijn/plekken')
  await expect(page.getByTestId('places').locator('> li')).toHaveCount(placesBefore - 1)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a resident adds a buurt, and a self-intersecting drawn area is refused with a reason', async ({ page }) => {
    test.setTimeout(180_000)
    await logIn(page, 'bewoner@stem.example')
    await visit(page, '/mijn/plekken')
    await page.getByRole('radio', { name: 'Getekend gebied (GeoJSON)' }).check()
    await page
      .getByLabel('Gebied als GeoJSON')
      .fill('{"type":"Polygon","coordinates":[[[6.55,53.21],[6.57,53.23],[6.57,53.21],[6.55,53.23],[6.55,53.21]]]}')
    await page.getByRole('checkbox', { name: 'Ik geef toestemming' }).check()
    await page.getByRole('button', { name: 'Plek opslaan' }).click()
    await expect(page.getByText('De lijnen van het gebied kruisen elkaar.')).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('radio', { name: 'Wijk of buurt' }).check()
    await page.getByRole('combobox', { name: 'Wijk of buurt' }).selectOption({ label: 'Buurt Binnenstad-Noord' })
    await page.getByRole('checkbox', { name: 'Ik geef toestemming' }).check()
    await page.getByRole('button', { name: 'Plek opslaan' }).click()
    await expect(page.getByRole('status')).toContainText('Je plek is opgeslagen')
    await expect(page.getByTestId('places')).toContainText('Binnenstad-Noord')
    await expectAccessible(page)
  })
})
