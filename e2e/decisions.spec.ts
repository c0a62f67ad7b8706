import { expect, expectAccessible, logIn, receivedMail, test, visit } from './fixtures'

/*
 * The besluitenregister: staff import decisions from a file (one bad row reported); a resident searches
 * "Vismarkt", finds the decision and the consultation that fed it; a secret decision shows its ground and
 * end date but no content until the clock passes that date — then the full text is public and a follower
 * gets the e-mail at the real SMTP server. The open-data endpoints return the demo decisions.
 */

test('staff import decisions from a CSV file and see the one bad row reported', async ({ page }) => {
  test.setTimeout(120_000)
  const stamp = Date.now()
  await logIn(page, 'griffie@stem.example')
  await visit(page, '/beheer/besluiten/importeren')
  const csv = [
    'kenmerk,orgaan,soort,datum,titel,samenvatting,thema',
    `E2E-${stamp}-1,raad,decision,2026-11-01,Ingelezen besluit ${stamp},De raad besluit iets verzonnens voor de test van het inlezen.,bestuur`,
    `E2E-${stamp}-2,college,motion,2026-11-02,Tweede ingelezen besluit ${stamp},Het college besluit nog iets verzonnens voor de test.,groen`,
    `E2E-${stamp}-3,kabinet,decision,2026-11-03,Fout orgaan ${stamp},Deze regel heeft een orgaan dat niet bestaat.,bestuur`,
  ].join('\n')
  await page.getByLabel('Bestand (CSV of JSON)').setInputFiles({ name: 'besluiten.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.getByRole('button', { name: 'Inlezen' }).click()
  await expect(page.getByRole('status')).toHaveText('2 besluiten ingelezen')
  await expect(page.getByTestId('import-report')).toContainText('Regel 3: Orgaan: Kies wie het besluit nam.')
  await expectAccessible(page)
  await visit(page, `/besluiten?q=${stamp}`)
  await expect(page.getByTestId('decisions').getByRole('link')).toHaveCount(2)
})

test('a resident searches "Vismarkt", finds the decision and the consultation that fed it', async ({ page }) => {
  test.setTimeout(120_000)
  await visit(page, '/besluiten')
  await page.getByLabel('Zoekwoorden').fill('Vismarkt')
  await page.getByRole('button', { name: 'Zoeken' }).click()
  await expect(page).toHaveURL(/q=Vismarkt/)
  await expectAccessible(page)
  const results = page.getByTestId('decisions')
  await expect(results.locator('mark').first()).toHaveText(/Vismarkt/i)
  await results.getByRole('link', { name: 'De Vismarkt wordt autoluw' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'De Vismarkt wordt autoluw' })).toBeVisible()
  await expectAccessible(page)
  const fedBy = page.getByTestId('fed-by')
  await expect(fedBy).toContainText('Inspraak')
  await fedBy.getByRole('link', { name: 'Autoluwe Vismarkt' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Autoluwe Vismarkt' })).toBeVisible()
  await expectAccessible(page)
})

test('a secret decision shows its ground and end date, no content; past the date the full text is public and a follower is mailed', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const stamp = Date.now()
  const marker = `Geheimpand${stamp}`
  // The secrecy ends half a minute from now, in Dutch time; the server's clock runs every 2 seconds.
  const [day, time] = new Date(Date.now() + 40_000).toLocaleString('sv-SE', { timeZone: 'Europe/Amsterdam' }).split(' ') as [string, string]

  await logIn(page, 'griffie@stem.example')
  await visit(page, '/beheer/besluiten')
  await page.getByLabel('Orgaan').selectOption('college')
  await page.getByLabel('Titel').fill(`Aankoop ${marker}`)
  await page.getByLabel('Samenvatting').fill(`Het college koopt ${marker} voor een fietsenstalling.`)
  await page.getByLabel('Volledige tekst').fill(`Het college besluit ${marker} te kopen. (e2e, verzonnen)`)
  await page.getByLabel('Thema').selectOption('verkeer')
  await page.getByRole('checkbox', { name: 'Dit besluit is (nog) niet openbaar' }).check()
  await page.getByLabel('Onderwerp in algemene woorden').fill(`Grondzaken ${stamp}`)
  await page.getByLabel('Grond in de wet').selectOption('woo_5_1_2_b')
  await page.getByLabel('Geheim tot (datum)').fill(day)
  await page.getByLabel('Tijd', { exact: true }).fill(time)
  await page.getByRole('button', { name: 'Besluit vastleggen' }).click()
  await expect(page.getByTestId('staff-secret')).toBeVisible()
  await expectAccessible(page)
  const id = new URL(page.url()).pathname.split('/').pop()!

  // A resident sees the register entry — ground and date — and nothing of the content; and follows it.
  await page.context().clearCookies()
  await logIn(page, 'bewoner@stem.example')
  await visit(page, `/besluiten/${id}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Niet openbaar besluit: Grondzaken ${stamp}`)
  await expect(page.getByTestId('ground')).toHaveText(/Woo artikel 5\.1 lid 2 onder b/)
  await expect(page.getByTestId('secret-until')).not.toBeEmpty()
  expect(await page.content()).not.toContain(marker)
  await page.getByRole('button', { name: 'Volg dit besluit' }).click()
  await expect(page.getByRole('status')).toContainText('Je volgt dit besluit')
  await expectAccessible(page)
  await visit(page, '/besluiten/geheim')
  await expect(page.getByTestId('secret-register')).toContainText(`Grondzaken ${stamp}`)
  expect(await page.content()).not.toContain(marker)

  // The clock passes the date: the full text appears, with the history saying when and why.
  await expect
    .poll(
      async () => {
        await page.goto(`/besluiten/${id}`)
        return page.getByTestId('full-text').count()
      },
      { timeout: 120_000, intervals: [2000] },
    )
    .toBe(1)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Aankoop ${marker}`)
  await expect(page.getByTestId('full-text')).toContainText(marker)
  await expect(page.getByTestId('released-notice')).toContainText('Woo artikel 5.1 lid 2 onder b')
  await expect(page.getByTestId('history')).toContainText('Openbaar gemaakt')
  await expectAccessible(page)
  const forFollower = async () =>
    (await receivedMail(page)).filter((m) => m.to === 'bewoner@stem.example' && m.header('Subject').includes(marker))
  await expect.poll(async () => (await forFollower()).length, { timeout: 60_000, intervals: [1000] }).toBe(1)
  const [mail] = await forFollower()
  expect(mail!.header('Subject')).toBe(`Besluit openbaar: Aankoop ${marker}`)
})

test('the open-data endpoints return the demo decisions and the register of secret ones', async ({ request }) => {
  const list = await request.get('/api/v1/decisions?q=Vismarkt')
  expect(list.ok()).toBe(true)
  const { data } = (await list.json()) as { data: { title: string; url: string }[] }
  expect(data.map((d) => d.title)).toContain('De Vismarkt wordt autoluw')
  const one = data.find((d) => d.title === 'De Vismarkt wordt autoluw')!
  const detail = (await (await request.get(`/api/v1/decisions/${one.url.split('/').pop()}`)).json()) as {
    links: { kind: string; title: string }[]
  }
  expect(detail.links).toContainEqual(expect.objectContaining({ kind: 'consultation', title: 'Autoluwe Vismarkt' }))
  const secret = (await (await request.get('/api/v1/decisions/secret')).json()) as { data: { subject: string; ground: string }[] }
  expect(secret.data).toContainEqual(expect.objectContaining({ subject: 'Grondzaken binnenstad', ground: 'woo_5_1_2_b' }))
  const openapi = (await (await request.get('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> }
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/decisions', '/decisions/{id}', '/decisions/secret']))
})
