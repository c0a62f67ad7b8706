import { strFromU8, unzipSync } from 'fflate'
import { expect, expectAccessible, logIn, receivedMail, test, visit } from './fixtures'

// Dirk Dossier (app/modules/dossier/seed.server.ts) has something in every module.
const TITLES = [
  'Bankjes in het Noorderplantsoen (synthetisch)',
  'Meer fietsenrekken bij het station (synthetisch)',
  'Inspraak herinrichting Vismarkt (synthetisch)',
  'Wijkbudget Centrum dossier (synthetisch)',
  'Een speeltuin op het Ebbingekwartier (synthetisch)',
  'Omgevingsvergunning Oude Boteringestraat 1 (synthetisch)',
  'Nieuwe bomen aan de Diepenring (synthetisch)',
]

test('a resident finds everything in the dossier, downloads it, withdraws an alert consent and asks to delete the account', async ({
  page,
}) => {
  await logIn(page, 'dossier@stem.example')
  await visit(page, '/mijn/dossier')
  const lines = page.getByTestId('dossier-lines')
  for (const title of TITLES.slice(0, 4)) await expect(lines).toContainText(title)
  await expect(lines).toContainText(
    'Een medewerker van de gemeente: bekeek je plekken voor meldingen. Reden: Bewoner belde met een vraag over meldingen',
  )
  await expect(lines).toContainText(/Een medewerker van de balie deed dit voor je, aan de telefoon: Antwoord op een inspraak/)
  await expect(lines).toContainText('Hoe je stemde, is niet bij je naam bewaard')
  await expect(lines).not.toContainText('medewerker e')
  await page.getByLabel('Soort').selectOption({ label: 'Reacties op bekendmakingen' })
  await page.getByRole('button', { name: 'Laten zien' }).click()
  await expect(page.getByTestId('dossier-lines')).toContainText(TITLES[5]!)
  await expect(page.getByTestId('dossier-lines').locator('li')).toHaveCount(1)
  await expectAccessible(page)
  await page.getByLabel('Soort').selectOption({ label: 'Meldingen' })
  await page.getByLabel('Vanaf (datum)').fill('2026-01-01')
  await page.getByRole('button', { name: 'Laten zien' }).click()
  await expect(page.getByTestId('dossier-lines')).toContainText(TITLES[6]!)

  // Take my data: prepared in the background, announced by e-mail.
  await visit(page, '/mijn/dossier')
  await page.getByRole('link', { name: 'Je gegevens downloaden' }).click()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Mijn gegevens klaarmaken' }).click()
  await expect(page.getByRole('status')).toContainText('We maken je gegevens klaar')
  await expectAccessible(page)
  let link = ''
  await expect(async () => {
    const mail = (await receivedMail(page)).filter(
      (m) => m.to.includes('dossier@stem.example') && /Je gegevens van Stem staan klaar/.test(m.header('Subject')),
    )
    expect(mail.length).toBeGreaterThan(0)
    link = /\/mijn\/gegevens\/download\/[\w-]+/.exec(mail.at(-1)!.data.replace(/=\r?\n/g, ''))![0]
  }).toPass({ timeout: 30_000 })
  const download = await page.request.get(link)
  expect(download.status()).toBe(200)
  const files = unzipSync(new Uint8Array(await download.body()))
  const json = strFromU8(files['dossier.json']!)
  for (const title of TITLES) expect(json).toContain(title)
  for (const kind of [
    'proposal',
    'support',
    'comment',
    'consultation_answer',
    'budget_vote',
    'place',
    'reaction',
    'contact',
    'assisted',
    'access',
  ])
    expect(Object.keys(files)).toContain(`${kind}.csv`)

  // Withdraw the consent for the place.
  await visit(page, '/mijn/toestemmingen')
  const consents = page.getByTestId('consents')
  await expect(consents).toContainText('Meldingen over de plek „Centrum”')
  await expect(consents).toContainText('Als je intrekt, verwijderen we de plek')
  await consents.locator('li').filter({ hasText: 'Meldingen over de plek' }).getByRole('button', { name: 'Intrekken' }).click()
  await expect(page.getByRole('status')).toContainText('Je toestemming is ingetrokken')
  await expect(page.getByTestId('consents')).not.toContainText('Meldingen over de plek')
  await expectAccessible(page)

  // Erase me: what goes and what stays is said beforehand; a box to tick.
  await visit(page, '/mijn/account-verwijderen')
  await expect(page.getByTestId('erase-keeps')).toContainText('Je steun blijft meetellen')
  await expect(page.getByTestId('erase-keeps')).toContainText('Je stem voor een wijkbudget blijft meetellen')
  await page.getByRole('button', { name: 'Mijn account verwijderen' }).click()
  await expect(page.getByText('Zet eerst een vinkje')).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Ik begrijp wat er verdwijnt en wat er blijft.').check()
  await page.getByRole('button', { name: 'Mijn account verwijderen' }).click()
  await expect(page.getByRole('status')).toContainText('Je account wordt verwijderd')
  await expect(page.getByText(/Je account wordt verwijderd op/)).toBeVisible()
  await expectAccessible(page)
  // The e-mail's cancel link works without logging in.
  let cancel = ''
  await expect(async () => {
    const mail = (await receivedMail(page)).filter(
      (m) => m.to.includes('dossier@stem.example') && /wordt verwijderd/.test(m.header('Subject')),
    )
    cancel = /\/account-verwijderen\/annuleren\/[\w-]+/.exec(mail.at(-1)!.data.replace(/=\r?\n/g, ''))![0]
  }).toPass({ timeout: 30_000 })
  await page.context().clearCookies()
  await visit(page, cancel)
  await page.getByRole('button', { name: 'Niet verwijderen' }).click()
  await expect(page.getByRole('status')).toContainText('Je account wordt niet verwijderd')
})

test('the privacy and accessibility statements are in the footer of every page', async ({ page }) => {
  for (const path of ['/', '/initiatieven', '/inloggen']) {
    await visit(page, path)
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click()
    await expect(page.getByRole('heading', { name: 'Privacyverklaring', level: 1 })).toBeVisible()
    await expectAccessible(page)
  }
  await expect(page.getByTestId('retention')).toContainText('1095 dagen')
  await expect(page.getByTestId('privacy-officer')).toContainText('privacy@stem.example')
  await page.getByRole('contentinfo').getByRole('link', { name: 'Toegankelijkheid' }).click()
  await expect(page.getByRole('heading', { name: 'Toegankelijkheidsverklaring', level: 1 })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Bekende uitzonderingen' })).toBeVisible()
  await expectAccessible(page)
})
