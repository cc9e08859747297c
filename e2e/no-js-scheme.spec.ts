import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { expectAccessible } from './no-js'
import { fillPersonalDetails } from './scheme-steps'
import { createSurvivorAccount } from './staff-accounts'

// Every step of the scheme application with JavaScript off (old or locked-down browsers, issue
// 10): each page posts as a plain HTML form, a refused answer comes back with its message and
// with everything typed still there, and the application is sent and confirmed.

test.use({ javaScriptEnabled: false })

const PASSWORD = 'een lange zin voor aanvragen zonder scripts'

function tinyPdf() {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
  return Buffer.from(body, 'latin1')
}

async function continueWith(page: Page) {
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
}

async function expectRefused(page: Page, message: string) {
  await expect(page.locator('.error-summary')).toBeVisible()
  await expect(page.getByText(message).first()).toBeVisible()
  await expectAccessible(page)
}

test('every application step works without JavaScript: errors by the field, nothing typed lost, sent and confirmed', async ({ page }) => {
  test.setTimeout(360_000)
  const joke = await createSurvivorAccount({ name: 'Joke', password: PASSWORD })
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(joke.email)
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'))

  await page.goto('/regeling/aanvraag')
  await expect(page.getByRole('heading', { name: 'Je aanvraag', level: 1 })).toBeVisible()
  await expectAccessible(page)

  // Who is applying: nothing chosen is refused.
  await page.getByRole('link', { name: 'Wie vraagt aan' }).click()
  await continueWith(page)
  await expectRefused(page, 'Kies een van de mogelijkheden.')
  await page.getByLabel('Voor mezelf').check()
  await continueWith(page)

  // Personal details: a wrong BSN is refused, the rest stays filled in.
  await expect(page.getByRole('heading', { name: 'Persoonlijke gegevens', level: 1 })).toBeVisible()
  await fillPersonalDetails(page, {
    name: 'Joke Zonderscript',
    dateOfBirth: '1958-02-03',
    bsn: '123456789',
    street: 'Dorpsstraat',
    houseNumber: '12',
    postcode: '1234 AB',
    town: 'Amersfoort',
    email: 'joke@example.nl',
    iban: 'NL91 ABNA 0417 1643 00',
    accountHolder: 'J. Zonderscript',
  })
  await continueWith(page)
  await expectRefused(page, 'Dit BSN klopt niet.')
  await expect(page.getByLabel('Volledige naam')).toHaveValue('Joke Zonderscript')
  await expect(page.getByLabel('Straat')).toHaveValue('Dorpsstraat')
  await expect(page.getByRole('group', { name: 'Geboortedatum', exact: true }).getByLabel('Jaar')).toHaveValue('1958')
  await page.getByLabel('Burgerservicenummer (BSN)').fill('111222333')
  await continueWith(page)

  // A placement whose end lies before its start is refused, with the name of the place kept.
  await expect(page.getByRole('heading', { name: 'Waar je geplaatst was', level: 1 })).toBeVisible()
  await page.getByLabel('Van (jaar of jaar en maand)').fill('1970-05')
  await page.getByLabel('Tot (jaar of jaar en maand)').fill('1966')
  await page.getByLabel('Soort plek').selectOption('residentialYouthCare')
  await page.getByLabel('Naam van de instelling of het pleeggezin').fill('Huize Zonder Script')
  await page.getByLabel('Gemeente').fill('Amersfoort')
  await page.getByRole('button', { name: 'Plaatsing toevoegen' }).click()
  await expectRefused(page, 'De einddatum ligt vóór de begindatum.')
  await expect(page.getByLabel('Naam van de instelling of het pleeggezin')).toHaveValue('Huize Zonder Script')
  await page.getByLabel('Tot (jaar of jaar en maand)').fill('1974')
  await page.getByRole('button', { name: 'Plaatsing toevoegen' }).click()
  await expect(page.getByText('De plaatsing is toegevoegd.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Ik heb alle plaatsingen ingevuld' }).click()

  // What happened (no monument story to offer, so written here): the words are kept (the check page counts them).
  await expect(page.getByRole('heading', { name: 'Wat er gebeurde', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Lichamelijk geweld').check()
  await page.getByLabel('In je eigen woorden').fill('Ik werd geslagen als ik huilde.')
  await continueWith(page)

  // Evidence: a file without saying what it is is refused; then a PDF is added as a real upload.
  await expect(page.getByRole('heading', { name: 'Bewijs van de plaatsing', level: 1 })).toBeVisible()
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: tinyPdf() })
  await page.getByRole('button', { name: 'Bestand toevoegen' }).click()
  await expectRefused(page, 'Kies een van de mogelijkheden.')
  await page.getByLabel('Wat voor document is het?').selectOption('guardianshipCard')
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'voogdijkaart.pdf', mimeType: 'application/pdf', buffer: tinyPdf() })
  await page.getByRole('button', { name: 'Bestand toevoegen' }).click()
  await expect(page.getByText('Het bestand is toegevoegd.')).toBeVisible()
  await expect(page.getByText('voogdijkaart.pdf').first()).toBeVisible()
  await expectAccessible(page)
  await continueWith(page)

  // A conversation: no answer is refused.
  await expect(page.getByRole('heading', { name: 'Een gesprek', level: 1 })).toBeVisible()
  await continueWith(page)
  await expectRefused(page, 'Kies een van de mogelijkheden.')
  await page.getByLabel('Nee, dat hoeft niet').check()
  await continueWith(page)

  // The declaration: both boxes are needed.
  await expect(page.getByRole('heading', { name: 'Verklaring', level: 1 })).toBeVisible()
  await page.getByLabel('Ik heb de vragen naar waarheid beantwoord').check()
  await continueWith(page)
  await expectRefused(page, 'Vink dit aan om je aanvraag te kunnen versturen.')
  await expect(page.getByLabel('Ik heb de vragen naar waarheid beantwoord')).toBeChecked()
  await page.getByLabel('Ik weet dat mijn gegevens worden gebruikt').check()
  await continueWith(page)

  // Check, send, and the confirmation with the reference.
  await expect(page.getByRole('heading', { name: 'Controleer je antwoorden', level: 1 })).toBeVisible()
  await expect(page.getByText('Huize Zonder Script', { exact: false })).toBeVisible()
  await expect(page.getByText('3 februari 1958')).toBeVisible()
  // The check page does not repeat what happened, only that it was written: 31 characters, as typed.
  await expect(page.getByText('Ingevuld (31 tekens)')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Aanvraag versturen' }).click()
  await expect(page).toHaveURL(/\/mijn-aanvraag\?verstuurd=1/)
  await expect(page.getByRole('heading', { name: 'Aanvraag verstuurd', level: 1 })).toBeVisible()
  await expect(page.getByRole('status').getByText(/^JZ-\d{4}-\d{6}$/)).toBeVisible()
  await expectAccessible(page)
})
