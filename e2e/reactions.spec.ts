import { unzipSync, strFromU8 } from 'fflate'
import { expect, expectAccessible, logIn, receivedMail, test, visit } from './fixtures'

// Martinikerkhof 3 (9712 JG), the demo verified resident's address.
const HOME = { lon: 6.568567, lat: 53.21927 }

test('a zienswijze reaches the inbox, is handled, answered in the nota by receipt number, and reported on time', async ({ page }) => {
  // Many pages, each checked with axe, on a machine shared with other work.
  test.setTimeout(300_000)
  const stamp = Date.now()
  const title = `Ontwerpbesluit speelplek ${stamp} (fictief, e2e)`

  // Staff publish a draft decision.
  await logIn(page, 'medewerker@stem.example')
  await visit(page, '/beheer/bekendmakingen')
  await page.getByLabel('Soort').selectOption('draft_decision')
  await page.getByLabel('Titel').fill(title)
  await page.getByLabel('Omschrijving').fill('Het college wil een speelplek aanleggen op het plein (fictief, e2e).')
  await page.getByRole('radio', { name: 'Punt (coördinaten)' }).check()
  await page.getByLabel('Breedtegraad').fill(String(HOME.lat + 0.001))
  await page.getByLabel('Lengtegraad').fill(String(HOME.lon))
  await page.getByLabel('Locatie in woorden').fill('Plein bij het Martinikerkhof')
  await page.getByRole('button', { name: 'Bekendmaking publiceren' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const noticePath = new URL(page.url()).pathname
  const noticeId = noticePath.split('/').pop()!

  // A follower: the verified resident follows the notice.
  await page.context().clearCookies()
  await logIn(page, 'geverifieerd@stem.example')
  await visit(page, noticePath)
  await page.getByRole('button', { name: 'Volgen' }).click()
  await expect(page.getByRole('status')).toContainText('Je volgt deze bekendmaking')

  // The resident reacts: without grounds the zienswijze is refused at the field, nothing typed is lost.
  await page.context().clearCookies()
  await logIn(page, 'bewoner@stem.example')
  await visit(page, noticePath)
  await page.getByLabel('Je naam').fill('Bram Bewoner')
  await page.getByLabel('Je adres').fill('Oude Ebbingestraat 1, 9712 HA Groningen')
  await page.getByRole('button', { name: 'Zienswijze versturen' }).click()
  await expect(page.getByText('Schrijf je gronden: waarom ben je het niet eens met het ontwerpbesluit?')).toBeVisible()
  await expect(page.getByLabel('Je naam')).toHaveValue('Bram Bewoner')
  await expect(page.getByLabel('Je adres')).toHaveValue('Oude Ebbingestraat 1, 9712 HA Groningen')
  await expectAccessible(page)
  await page.getByLabel('Je gronden').fill('De speelplek komt pal onder mijn slaapkamerraam; leg hem aan de andere kant van het plein.')
  await page.locator('#attachment').setInputFiles({
    name: 'tekening-plein.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% tekening (e2e)\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
  })
  await page.getByRole('button', { name: 'Zienswijze versturen' }).click()
  await expect(page.getByTestId('receipt')).toContainText(/Je kenmerk is STEM-\d{4}-\d{6}/)
  const receipt = /STEM-\d{4}-\d{6}/.exec((await page.getByTestId('receipt').textContent()) ?? '')![0]
  // The form is empty again: nothing invites a second copy.
  await expect(page.getByLabel('Je gronden')).toHaveValue('')
  await expectAccessible(page)
  // The receipt e-mail carries a full copy and the attachment's name.
  const receiptMail = async () =>
    (await receivedMail(page)).find((m) => m.to === 'bewoner@stem.example' && m.header('Subject').includes(receipt))
  await expect.poll(async () => !!(await receiptMail()), { timeout: 30_000, intervals: [1000] }).toBe(true)
  const copy = (await receiptMail())!.data.replace(/=\r?\n/g, '')
  expect(copy).toContain('tekening-plein.pdf')
  expect(copy).toContain('Oude Ebbingestraat 1')

  // Staff find it in the inbox, assign it, and set it in behandeling.
  await page.context().clearCookies()
  await logIn(page, 'medewerker@stem.example')
  await visit(page, '/beheer')
  await expect(page.getByTestId('admin-counts')).toContainText('Reacties op bekendmakingen')
  await visit(page, `/beheer/reacties?bekendmaking=${noticeId}`)
  await expect(page.getByTestId(`reaction-${receipt}`)).toContainText('Bram Bewoner')
  await page.getByRole('link', { name: receipt }).click()
  await expect(page.getByTestId('reaction-body')).toContainText('pal onder mijn slaapkamerraam')
  await expectAccessible(page)
  await page.getByRole('combobox', { name: 'Behandelaar' }).selectOption({ label: 'Mees Medewerker (demo)' })
  await page.getByRole('button', { name: 'Toewijzen' }).click()
  await expect(page.getByRole('status')).toContainText('De reactie is toegewezen')
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('in_progress')
  await page.getByRole('button', { name: 'Status opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('De status is opgeslagen')
  await expect(page.getByTestId('reaction-status')).toContainText('In behandeling')

  // The export holds the reaction and its file.
  const csv = await page.request.get(`/beheer/bekendmakingen/${noticeId}/export?formaat=csv`)
  expect(await csv.text()).toContain(receipt)
  const zip = unzipSync(new Uint8Array(await (await page.request.get(`/beheer/bekendmakingen/${noticeId}/export?formaat=zip`)).body()))
  expect(Object.keys(zip)).toContain(`bijlagen/${receipt}-tekening-plein.pdf`)
  expect(strFromU8(zip['reacties.csv']!)).toContain('pal onder mijn slaapkamerraam')

  // The resident is told and sees the status.
  await page.context().clearCookies()
  await logIn(page, 'bewoner@stem.example')
  await visit(page, '/mijn/reacties')
  await expect(page.getByTestId(`my-${receipt}`)).toContainText('In behandeling')
  await visit(page, '/mijn/meldingen')
  await expect(page.getByText(`Je reactie ${receipt}: In behandeling`)).toBeVisible()

  // Staff publish the decision with a nota that answers it by receipt number.
  await page.context().clearCookies()
  await logIn(page, 'medewerker@stem.example')
  await visit(page, `/beheer/bekendmakingen/${noticeId}/besluit`)
  await page
    .getByLabel('Het besluit', { exact: true })
    .fill('Het college legt de speelplek aan aan de zuidkant van het plein (fictief, e2e).')
  await page.getByLabel('Onderwerp', { exact: true }).first().fill('Plek van de speelplek')
  await page.getByLabel('Reacties').first().fill(receipt)
  await page.getByLabel('Antwoord van de gemeente').first().fill('De speelplek komt aan de zuidkant, verder van de woningen.')
  await page.getByRole('button', { name: 'Besluit publiceren' }).click()
  await expect(page.getByTestId('decision')).toContainText(receipt)
  await expect(page.getByTestId('decision')).not.toContainText('Bram')
  await expectAccessible(page)

  // The resident and the follower are told.
  for (const email of ['bewoner@stem.example', 'geverifieerd@stem.example']) {
    await expect
      .poll(
        async () =>
          (await receivedMail(page)).some(
            (m) => m.to === email && m.header('Subject').includes(`Het besluit is er: ${title.slice(0, 20)}`),
          ),
        {
          timeout: 30_000,
          intervals: [1000],
        },
      )
      .toBe(true)
  }

  // /verantwoording: reported on time.
  await visit(page, '/verantwoording')
  await expect(page.getByTestId('accountability-on_time').filter({ hasText: title })).toHaveCount(1)
})

test('an anonymous visitor finds the notices within 500 m of an address and subscribes from there', async ({ page }) => {
  test.setTimeout(180_000)
  await visit(page, '/bekendmakingen')
  await page.getByLabel('Postcode').fill('9712 JG')
  await page.getByLabel('Huisnummer').fill('3')
  await page.getByLabel('Afstand').selectOption('500')
  await page.getByRole('button', { name: 'Zoeken' }).click()
  const list = page.getByTestId('nearby')
  await expect(list).toContainText('Informatie: herinrichting Vismarkt (fictief)')
  // Further than 500 m: the Stadspark concert is not in the list.
  await expect(list).not.toContainText('zomerconcert Stadspark')
  await expectAccessible(page)
  const feed = await page.request.get((await page.getByRole('link', { name: 'Atom-feed van deze zoekvraag' }).getAttribute('href'))!)
  expect(feed.headers()['content-type']).toContain('application/atom+xml')
  expect(await feed.text()).toContain('herinrichting Vismarkt')

  await page.getByRole('link', { name: 'Houd me op de hoogte van nieuwe plannen hier' }).click()
  await expect(page).toHaveURL(/\/inloggen/)
  await page.getByLabel('E-mailadres').fill('bewoner@stem.example')
  await page.getByLabel('Wachtwoord', { exact: true }).fill('stem-demo-2026')
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click()
  await expect(page).toHaveURL(/\/mijn\/plekken/)
  await expect(page.getByLabel('Postcode', { exact: true })).toHaveValue('9712 JG')
  await expect(page.getByLabel('Huisnummer', { exact: true })).toHaveValue('3')
  await expect(page.getByLabel('Straal in meters')).toHaveValue('500')
  await page.getByRole('checkbox', { name: 'Ik geef toestemming' }).check()
  await page.getByRole('button', { name: 'Plek opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('Je plek is opgeslagen')
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the plans near an address are a list, and a wrong postcode is named at the field', async ({ page }) => {
    test.setTimeout(120_000)
    await visit(page, '/bekendmakingen')
    await page.getByLabel('Postcode').fill('fout')
    await page.getByLabel('Huisnummer').fill('3')
    await page.getByRole('button', { name: 'Zoeken' }).click()
    await expect(page.locator('#near-postcode-error')).toBeVisible()
    await expect(page.getByLabel('Postcode')).toHaveValue('fout')
    await page.getByLabel('Postcode').fill('9712JG')
    await page.getByRole('button', { name: 'Zoeken' }).click()
    await expect(page.getByTestId('nearby')).toContainText('herinrichting Vismarkt')
    await expectAccessible(page)
  })
})
