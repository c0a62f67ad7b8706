import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import os from 'node:os'
import { simplePdf } from '../db/factories/documents'
import { expect as baseExpect, expectAccessible, logIn, test, visit } from './fixtures'

// Generous waits: the journey is long and the shared machine is often busy.
const expect = baseExpect.configure({ timeout: 30_000 })
test.describe.configure({ timeout: 900_000 })

/*
 * The proposals journey, threshold 3 (set by staff in the admin UI for Centrum, WK001400): a resident
 * proposes, three verified residents of Centrum support it (geverifieerd@, and the seeded demo residents
 * steun1@ and steun2@), it moves to "in behandeling", staff answer, supporters get the notice and the
 * e-mail; the unverified resident sees why they cannot support and how to get verified.
 */

const TITLE = `Een waterspeelplaats in het Noorderplantsoen ${Date.now() % 100000}`

/** A small real PDF, and a PNG that only has the name of one. */
function pdfFiles() {
  const real = path.join(os.tmpdir(), 'tekening-speelplek.pdf')
  writeFileSync(real, simplePdf('Tekening van de speelplek', ['Een tekening voor de end-to-end-test.']))
  const fake = path.join(os.tmpdir(), 'nep-document.pdf')
  writeFileSync(fake, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'))
  return { real, fake }
}

/** The text fields of a new proposal. */
async function fillProposal(
  page: import('@playwright/test').Page,
  fields: { title: string; summary: string; body: string; theme: string },
) {
  await page.getByLabel('Titel').fill(fields.title)
  await page.getByLabel('Samenvatting').fill(fields.summary)
  await page.getByLabel('Uitleg').fill(fields.body)
  await page.getByLabel('Thema').selectOption(fields.theme)
}

async function logOut(page: import('@playwright/test').Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await expect(page.getByRole('status')).toContainText('Je bent uitgelogd')
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('bad input gets Dutch messages at the fields and keeps what was typed', async ({ page }) => {
    await logIn(page, 'bewoner@stem.example')
    await visit(page, '/initiatieven/nieuw')
    const fake = path.join(os.tmpdir(), 'nep-foto.jpg')
    writeFileSync(fake, '<?php echo "geen foto"; ?>')
    await fillProposal(page, {
      title: 'x'.repeat(130),
      summary: 'Een samenvatting die blijft staan.',
      body: 'Hallo <script>alert("xss")</script> dit is de uitleg van mijn idee.',
      theme: 'spelen',
    })
    await page.getByLabel('Foto of afbeelding (niet verplicht)').setInputFiles(fake)
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()
    await expect(page.getByText('De titel is te lang. Gebruik hoogstens 120 tekens.')).toBeVisible()
    await expect(page.getByText('Dit bestand is geen JPG-, PNG- of WebP-afbeelding.')).toBeVisible()
    await expect(page.getByLabel('Samenvatting')).toHaveValue('Een samenvatting die blijft staan.')
    await expect(page.getByLabel('Uitleg')).toHaveValue(/<script>alert\("xss"\)<\/script>/)
    // Script in the text is kept as typed but never runs: saved, it is rendered inert.
    await page.getByLabel('Titel').fill('Een idee met een script erin')
    await page.getByLabel('Foto of afbeelding (niet verplicht)').setInputFiles([])
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()
    await expect(page.getByRole('status')).toContainText('opgeslagen als concept')
    expect(await page.locator('.prose').innerHTML()).not.toContain('<script')
  })

  test('the map view keeps the list, and says so without JavaScript', async ({ page }) => {
    await visit(page, '/initiatieven')
    await page.getByRole('link', { name: 'Bekijk deze initiatieven op de kaart' }).click()
    await expectAccessible(page)
    await expect(page.getByRole('heading', { name: 'Kaart van de initiatieven' })).toBeVisible()
    await expect(page.getByText(/initiatieven uit deze lijst hebben een plek/)).toBeVisible()
    await expect(page.getByText('De kaart laadt als JavaScript aan staat.', { exact: false })).toBeVisible()
    await expect(page.getByTestId('proposals').locator('> li').first()).toBeVisible()
    await page.getByRole('link', { name: 'Alleen de lijst' }).click()
    await expect(page.getByRole('heading', { name: 'Kaart van de initiatieven' })).toHaveCount(0)
  })

  test('a valid image is kept when another field has an error', async ({ page }) => {
    await logIn(page, 'bewoner@stem.example')
    await visit(page, '/initiatieven/nieuw')
    const photo = path.join(os.tmpdir(), 'echte-foto.png')
    writeFileSync(
      photo,
      await sharp({ create: { width: 60, height: 40, channels: 3, background: '#2a6' } })
        .png()
        .toBuffer(),
    )
    await fillProposal(page, {
      title: 'y'.repeat(130),
      summary: 'Een voorstel met een foto.',
      body: 'De foto laat zien waar het bankje kan staan.',
      theme: 'groen',
    })
    await page.getByLabel('Foto of afbeelding (niet verplicht)').setInputFiles(photo)
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()
    await expect(page.getByText('De titel is te lang. Gebruik hoogstens 120 tekens.')).toBeVisible()
    await expect(page.getByText('Je afbeelding is bewaard')).toBeVisible()
    await page.getByLabel('Titel').fill('Een bankje met foto')
    await page.getByLabel('Wat staat er op de afbeelding?').fill('Een groen vlak')
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()
    await expect(page.getByRole('status')).toContainText('opgeslagen als concept')
    await expect(page.locator('img.proposal-image')).toBeVisible()
  })

  test('a fake PDF gets the message at the field; what was typed and a valid document are kept', async ({ page }) => {
    const { real, fake } = pdfFiles()
    await logIn(page, 'bewoner@stem.example')
    await visit(page, '/initiatieven/nieuw')
    await fillProposal(page, {
      title: 'Een speelplek met een tekening erbij',
      summary: 'Een speelplek, met een tekening als PDF.',
      body: 'De tekening laat zien waar de schommels kunnen staan.',
      theme: 'spelen',
    })
    await page.getByLabel('Documenten (PDF, niet verplicht)').setInputFiles([fake, real])
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()
    await expect(page.getByText('"nep-document.pdf" is geen PDF-bestand.')).toBeVisible()
    await expectAccessible(page)
    await expect(page.getByLabel('Titel')).toHaveValue('Een speelplek met een tekening erbij')
    await expect(page.getByText('Deze documenten zijn bewaard.')).toBeVisible()
    await expect(page.getByText('tekening-speelplek.pdf (PDF, 1 kB)')).toBeVisible()
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()
    await expect(page.getByRole('status')).toContainText('opgeslagen als concept')
    await expect(page.getByTestId('documents').getByRole('link', { name: 'tekening-speelplek' })).toBeVisible()
  })
})

test('a resident adds a PDF to a proposal, sees it on the page and downloads it', async ({ page }) => {
  const { real } = pdfFiles()
  await logIn(page, 'bewoner@stem.example')
  await visit(page, '/initiatieven/nieuw')
  await expect(page.getByText('Hoogstens 3 PDF-bestanden van elk hoogstens 5 MB.', { exact: false })).toBeVisible()
  await fillProposal(page, {
    title: 'Een speelplek met schommels bij de Vismarkt',
    summary: 'Schommels voor de kinderen van de binnenstad.',
    body: 'Er is in de binnenstad bijna geen plek om te schommelen. De tekening zit erbij.',
    theme: 'spelen',
  })
  await page.getByLabel('Documenten (PDF, niet verplicht)').setInputFiles(real)
  await page.getByRole('button', { name: 'Opslaan en publiceren' }).click()
  await expect(page.getByRole('status')).toContainText('Je initiatief is gepubliceerd')
  await expectAccessible(page)
  const documents = page.getByRole('region', { name: 'Documenten' })
  await expect(documents.getByRole('listitem')).toHaveText('tekening-speelplek (PDF, 1 kB)')
  const [download] = await Promise.all([page.waitForEvent('download'), documents.getByRole('link', { name: 'tekening-speelplek' }).click()])
  expect(download.suggestedFilename()).toBe('tekening-speelplek.pdf')
  expect(readFileSync(await download.path()).toString('latin1')).toMatch(/^%PDF-1\.\d/)

  // Until the first support the author can rename or remove it.
  await page.getByRole('link', { name: 'Initiatief aanpassen' }).click()
  await expectAccessible(page)
  await expect(page.getByLabel('Titel van tekening-speelplek.pdf')).toHaveValue('tekening-speelplek')
  await page.getByLabel('Titel van tekening-speelplek.pdf').fill('Tekening van de schommels')
  await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('Je wijzigingen zijn opgeslagen')
  await expect(page.getByRole('region', { name: 'Documenten' }).getByRole('link')).toHaveText('Tekening van de schommels')
  await page.getByRole('link', { name: 'Initiatief aanpassen' }).click()
  await page.getByRole('checkbox', { name: 'Verwijderen tekening-speelplek.pdf' }).check()
  await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('Je wijzigingen zijn opgeslagen')
  await expect(page.getByRole('region', { name: 'Documenten' })).toHaveCount(0)
})

test('a proposal reaches its threshold, is answered, and supporters are told', async ({ page }) => {
  // Staff set the threshold for Centrum to 3.
  await logIn(page, 'medewerker@stem.example')
  await visit(page, '/beheer/initiatieven')
  await page.getByLabel('Voor').selectOption('WK001400')
  await page.getByLabel('Drempel (aantal inwoners)').fill('3')
  await page.getByLabel('Looptijd (dagen)').fill('30')
  await page.getByLabel('Minimumleeftijd').fill('16')
  await page.getByRole('button', { name: 'Regel opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('De drempel is opgeslagen')
  await logOut(page)

  // A resident proposes.
  await logIn(page, 'bewoner@stem.example')
  await visit(page, '/initiatieven/nieuw')
  await fillProposal(page, {
    title: TITLE,
    summary: 'Kinderen kunnen in de zomer nergens met water spelen.',
    body: 'Een kleine **waterspeelplaats** bij de vijver, met fonteintjes die je zelf aanzet.',
    theme: 'spelen',
  })
  await page.getByLabel('Wijk', { exact: true }).selectOption('WK001400')
  await page.getByRole('button', { name: 'Opslaan en publiceren' }).click()
  await expect(page.getByRole('status')).toContainText('Je initiatief is gepubliceerd')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE)
  await expect(page.getByTestId('declaration-sentence')).toHaveText(
    /^Als 3 inwoners dit steunen vóór \d+ \w+ \d{4}, beantwoordt het college het voorstel binnen 8 weken\.$/,
  )
  const proposalUrl = new URL(page.url()).pathname
  // The author is not verified: the page says why, and what to do.
  await expect(page.getByTestId('support-denied')).toContainText('Bevestig eerst waar je woont')
  await expect(page.getByRole('link', { name: 'Bevestig je adres' })).toBeVisible()
  await visit(page, proposalUrl)
  await logOut(page)

  // Three verified residents of Centrum support it.
  const supporters = ['geverifieerd@stem.example', 'steun1@stem.example', 'steun2@stem.example']
  for (const [i, email] of supporters.entries()) {
    await logIn(page, email)
    await visit(page, proposalUrl)
    await expect(page.getByText(`${i} van de 3 inwoners steunen dit`).first()).toBeVisible()
    await page.getByRole('button', { name: 'Ik steun dit' }).click()
    await expect(page.getByRole('status')).toContainText(i === 2 ? 'Met jouw steun is de drempel bereikt' : 'Bedankt voor je steun')
    await logOut(page)
  }

  // In behandeling, with an answer deadline.
  await visit(page, proposalUrl)
  await expect(page.getByText('In behandeling').first()).toBeVisible()
  await expect(page.getByText(/Het college antwoordt uiterlijk/).first()).toBeVisible()

  // Staff answer.
  await logIn(page, 'medewerker@stem.example')
  await visit(page, '/beheer/initiatieven')
  await page.getByRole('link', { name: new RegExp(`Antwoord geven.*${TITLE}`) }).click()
  await page.getByLabel('Besluit', { exact: true }).selectOption('partly_adopted')
  await page
    .getByLabel('Uitleg van het besluit')
    .fill('We leggen fonteintjes aan bij de vijver; een grotere speelplaats past niet in het park.')
  await page.getByLabel('Link naar het vervolg (niet verplicht)').fill('https://gemeente.groningen.nl/noorderplantsoen')
  await page.getByRole('button', { name: 'Antwoord geven' }).click()
  await expect(page.getByRole('status')).toContainText('Het antwoord is gepubliceerd')
  await expect(page.getByTestId('answer')).toContainText('Deels overgenomen')
  await logOut(page)

  // A supporter sees the notice and gets the e-mail.
  await logIn(page, 'steun1@stem.example')
  await visit(page, '/mijn/meldingen')
  await expect(page.getByTestId('notifications')).toContainText(`Het college heeft geantwoord: ${TITLE}`)
  await visit(page, '/dev/mail')
  await page
    .getByRole('row')
    .filter({ hasText: 'steun1@stem.example' })
    .filter({ hasText: 'Antwoord op het initiatief' })
    .getByRole('link')
    .first()
    .click()
  await expect(page.getByTestId('message-body')).toContainText('Deels overgenomen')
})
