import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { DEMO_ACCOUNTS } from '../db/seed/demo-accounts'
import { expect, expectAccessible, test } from './fixtures'
import { answerConversationAndDeclaration, fillPersonalDetails } from './scheme-steps'

// An applicant fills in the financial scheme's application over two sessions (save and
// return), gets clear messages for an invalid BSN and IBAN without losing anything, uses
// their own monument story with consent, uploads evidence, submits and downloads the PDF.

const survivor = DEMO_ACCOUNTS.find((a) => a.role === 'survivor')!

/** A small but real PDF, generated here. */
function tinyPdf() {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
  return Buffer.from(body, 'latin1')
}

async function signIn(page: Page) {
  await page.goto('/inloggen')
  await expectAccessible(page)
  await page.getByLabel('E-mailadres').fill(survivor.email)
  await page.getByLabel('Wachtwoord').fill(survivor.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'))
}

test('a survivor applies over two sessions, with their monument story, evidence, and gets a PDF copy', async ({ page, visit }) => {
  test.setTimeout(300_000)
  await visit('/regeling')
  await expect(page.getByRole('heading', { name: 'Financiële regeling', level: 1 })).toBeVisible()
  await expect(page.getByText('Deze regeling is gesloten')).toBeVisible()

  await signIn(page)
  await visit('/regeling')
  await page.getByRole('link', { name: 'Aanvraag beginnen of verder gaan' }).click()
  await expect(page.getByRole('heading', { name: 'Je aanvraag', level: 1 })).toBeVisible()
  await expectAccessible(page)

  // Who is applying.
  await page.getByRole('link', { name: 'Wie vraagt aan' }).click()
  await expectAccessible(page)
  await page.getByLabel('Voor mezelf').check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // Personal details: an invalid BSN and IBAN first.
  await expect(page.getByRole('heading', { name: 'Persoonlijke gegevens', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await fillPersonalDetails(page, {
    name: 'Sanne de Demo',
    dateOfBirth: '1962-05-14',
    bsn: '123456789',
    street: 'Lindelaan',
    houseNumber: '7',
    postcode: '3511 AA',
    town: 'Utrecht',
    email: 'sanne@example.nl',
    iban: 'NL91 ABNA 0417 1643 01',
    accountHolder: 'S. de Demo',
  })
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  await expect(page.getByText('Dit BSN klopt niet.').first()).toBeVisible()
  await expect(page.getByText('Dit IBAN klopt niet.').first()).toBeVisible()
  await expect(page.getByLabel('Volledige naam')).toHaveValue('Sanne de Demo')
  await expect(page.getByLabel('Straat')).toHaveValue('Lindelaan')
  await expectAccessible(page)
  await page.getByLabel('Burgerservicenummer (BSN)').fill('111222333')
  await page.getByLabel('Rekeningnummer (IBAN)').fill('NL91 ABNA 0417 1643 00')
  // Save and come back later: the first session ends here.
  await page.getByRole('button', { name: 'Opslaan en later verder' }).click()
  await expect(page.getByText('Je antwoorden zijn bewaard. Je kunt later verder.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Uitloggen' }).click()

  // Second session: everything is still there.
  await signIn(page)
  await visit('/regeling/aanvraag')
  await expect(page.getByText('Je hebt 2 van de 7 onderdelen af.')).toBeVisible()
  await page.getByRole('link', { name: 'Persoonlijke gegevens' }).click()
  await expect(page.getByLabel('Burgerservicenummer (BSN)')).toHaveValue('111222333')
  await expect(page.getByLabel('Volledige naam')).toHaveValue('Sanne de Demo')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // A placement.
  await expect(page.getByRole('heading', { name: 'Waar je geplaatst was', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Van (jaar of jaar en maand)').fill('1971-09')
  await page.getByLabel('Tot (jaar of jaar en maand)').fill('1976')
  await page.getByLabel('Soort plek').selectOption('residentialYouthCare')
  await page.getByLabel('Naam van de instelling of het pleeggezin').fill('Huize De Linde')
  await page.getByLabel('Gemeente').fill('Zeist')
  await page.getByRole('button', { name: 'Plaatsing toevoegen' }).click()
  await expect(page.getByText('De plaatsing is toegevoegd.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Ik heb alle plaatsingen ingevuld' }).click()

  // What happened: the monument story, with its own consent.
  await expect(page.getByRole('heading', { name: 'Wat er gebeurde', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Lichamelijk geweld').check()
  await page.getByLabel('Gebruik mijn verhaal uit het monument').check()
  await page.getByRole('group', { name: 'Welk verhaal mogen we gebruiken?' }).getByRole('radio').first().check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  await expect(page.getByText('Geef toestemming om je verhaal').first()).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Ik geef toestemming om dit verhaal te gebruiken voor mijn aanvraag.').check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // Evidence: a small generated PDF.
  await expect(page.getByRole('heading', { name: 'Bewijs van de plaatsing', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Wat voor document is het?').selectOption('guardianshipCard')
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'voogdijkaart.pdf', mimeType: 'application/pdf', buffer: tinyPdf() })
  await page.getByRole('button', { name: 'Bestand toevoegen' }).click()
  await expect(page.getByText('Het bestand is toegevoegd.')).toBeVisible()
  await expect(page.getByText('voogdijkaart.pdf').first()).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  await answerConversationAndDeclaration(page)

  // Check your answers, then send.
  await expect(page.getByRole('heading', { name: 'Controleer je antwoorden', level: 1 })).toBeVisible()
  await expect(page.getByText('*****2333')).toBeVisible()
  await expect(page.getByText('Huize De Linde', { exact: false })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Aanvraag versturen' }).click()

  await expect(page).toHaveURL(/\/mijn-aanvraag\?verstuurd=1/)
  // The confirmation panel: its heading, the reference to write down, what happens next.
  await expect(page.getByRole('heading', { name: 'Aanvraag verstuurd', level: 1 })).toBeVisible()
  await expect(page.getByRole('status').getByText(/^JZ-\d{4}-\d{6}$/)).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Wat gebeurt er nu', level: 2 })).toBeVisible()
  await expect(page.getByRole('heading', { name: /Aanvraag JZ-\d{4}-\d{6}/ })).toBeVisible()
  await expect(page.getByText('Ontvangen').first()).toBeVisible()
  await expect(page.getByText(/We besluiten binnen 26 weken: uiterlijk op \d+ \w+ \d{4}\./)).toBeVisible()
  await expectAccessible(page)

  const downloadPromise = page.waitForEvent('download')
  await page.getByRole('link', { name: /Download een kopie van je aanvraag/ }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toMatch(/^JZ-\d{4}-\d{6}\.pdf$/)
  const path = await download.path()
  expect((await readFile(path!)).subarray(0, 4).toString()).toBe('%PDF')

  // A second application for the same scheme is not possible: the task list says so.
  await visit('/regeling/aanvraag')
  await expect(page.getByText('Je hebt je aanvraag voor deze regeling al verstuurd.')).toBeVisible()
})
