import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'
import { expectAccessible as expectAccessibleNoJs } from './no-js'
import { answerConversationAndDeclaration, fillDate, fillPersonalDetails } from './scheme-steps'
import { signInAddingPasskey } from './sign-in'
import { createStaffAccount, createSurvivorAccount } from './staff-accounts'

// A representative (Anna) applies for a living survivor (her father Kees) with an
// authorisation. Kees has a page of his own (birth date in three fields, BSN, address), every
// later question is about him by name, the money goes to his account, and "Change" on the
// check page comes back to the check page. The assessor sees Kees, in plain words; two
// assessors confirm. (That the fund receives survivor and representative apart, as case v2,
// is proven against the reference receiver in app/assessment/handoff-version.test.ts.)

const PASSWORD = 'een lange zin voor de gemachtigde'

function tinyPdf() {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
  return Buffer.from(body, 'latin1')
}

async function signIn(page: Page, email: string) {
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'))
}

async function whoIsApplying(page: Page) {
  await page.goto('/regeling/aanvraag/wie-vraagt-aan')
  await page.getByLabel('Voor iemand anders, met een machtiging').check()
  await page.getByLabel('Naam van het slachtoffer').fill('Kees de Boer')
  await page.getByLabel('Wat ben je van deze persoon?').fill('Zijn dochter')
  await page.getByLabel('Bestand met de machtiging').setInputFiles({ name: 'machtiging.pdf', mimeType: 'application/pdf', buffer: tinyPdf() })
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
}

/** The survivor's page: a month left out first; the message stands next to the date and nothing typed is lost. */
async function survivorPage(page: Page, scan: (page: Page) => Promise<void> = expectAccessible) {
  await expect(page.getByRole('heading', { name: 'Gegevens van Kees de Boer', level: 1 })).toBeVisible()
  await scan(page)
  await fillDate(page, 'Geboortedatum van Kees de Boer', { day: '12', year: '1960' })
  await page.getByLabel('Burgerservicenummer (BSN)').fill('111222333')
  await page.getByLabel('Straat').fill('Laan')
  await page.getByLabel('Huisnummer').fill('7')
  await page.getByLabel('Postcode').fill('3581 AB')
  await page.getByLabel('Woonplaats').fill('Utrecht')
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  const birth = page.getByRole('group', { name: 'Geboortedatum van Kees de Boer', exact: true })
  await expect(birth).toHaveAccessibleDescription(/De geboortedatum van het slachtoffer moet een maand bevatten/)
  await expect(birth.getByLabel('Dag')).toHaveValue('12')
  await expect(birth.getByLabel('Jaar')).toHaveValue('1960')
  await expect(page.getByLabel('Burgerservicenummer (BSN)')).toHaveValue('111222333')
  await expect(page.getByRole('link', { name: 'De geboortedatum van het slachtoffer moet een maand bevatten' })).toBeVisible()
  await scan(page)
  await birth.getByLabel('Maand').fill('3')
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
}

test('a representative applies for a living survivor; every question is about him, and the assessors see him', async ({ page, browser }) => {
  test.setTimeout(240_000)
  const anna = await createSurvivorAccount({ name: 'Anna', password: PASSWORD })
  await signIn(page, anna.email)
  await page.goto('/regeling/aanvraag')
  // Nothing answered yet: no warnings.
  await expect(page.getByRole('heading', { name: 'Let op' })).toHaveCount(0)
  await whoIsApplying(page)
  await survivorPage(page)

  // Anna's own details, and Kees's account for the money.
  await expect(page.getByRole('heading', { name: 'Persoonlijke gegevens', level: 1 })).toBeVisible()
  await fillPersonalDetails(page, {
    name: 'Anna de Boer',
    dateOfBirth: '1985-08-20',
    bsn: '123456782',
    street: 'Kerkstraat',
    houseNumber: '3',
    postcode: '3512 AB',
    town: 'Utrecht',
    email: 'anna@example.nl',
    iban: 'NL91 ABNA 0417 1643 00',
    accountHolder: 'K. de Boer',
  })
  await page.getByLabel('Op de rekening van Kees de Boer').check()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // From here on the questions name Kees. Kees was 12 in 1972: no age warning (Anna was not born).
  await expect(page.getByRole('heading', { name: 'Waar verbleef Kees de Boer?', level: 1 })).toBeVisible()
  await page.getByLabel('Van (jaar of jaar en maand)').fill('1972-03')
  await page.getByLabel('Tot (jaar of jaar en maand)').fill('1975')
  await page.getByLabel('Soort plek').selectOption('residentialYouthCare')
  await page.getByLabel('Naam van de instelling of het pleeggezin').fill('Huize Zonneschijn')
  await page.getByLabel('Gemeente').fill('Zeist')
  await page.getByRole('button', { name: 'Plaatsing toevoegen' }).click()
  await expect(page.getByText('De plaatsing is toegevoegd.')).toBeVisible()
  await expect(page.getByText('pas na de', { exact: false })).toHaveCount(0)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Ik heb alle plaatsingen ingevuld' }).click()

  await expect(page.getByRole('heading', { name: 'Wat Kees de Boer overkwam', level: 1 })).toBeVisible()
  await page.getByRole('group', { name: 'Wat voor geweld maakte Kees de Boer mee?' }).getByLabel('Lichamelijk geweld').check()
  await page.getByLabel('In je eigen woorden').fill('Wat mijn vader vertelde over die jaren.')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  await expect(page.getByRole('heading', { name: 'Bewijs van de plaatsing', level: 1 })).toBeVisible()
  await page.getByLabel('Zoek de gegevens voor mij op in de archieven').check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  await answerConversationAndDeclaration(page)

  // Check your answers: Kees's details, dates written out, and "Change" comes back here.
  await expect(page.getByRole('heading', { name: 'Controleer je antwoorden', level: 1 })).toBeVisible()
  await expect(page.getByText('12 maart 1960')).toBeVisible()
  await expect(page.getByText('20 augustus 1985')).toBeVisible()
  await expect(page.getByText('*****2333')).toBeVisible()
  await expect(page.getByText('Kees de Boer (het slachtoffer)')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Wijzigen Wil je een gesprek?' }).click()
  await page.getByLabel('Ja, ik wil graag een gesprek').check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  await expect(page).toHaveURL(/\/regeling\/aanvraag\/controleren$/)
  await page.getByRole('button', { name: 'Aanvraag versturen' }).click()
  await expect(page).toHaveURL(/\/mijn-aanvraag\?verstuurd=1/)
  const heading = await page.getByRole('heading', { name: /Aanvraag JZ-\d{4}-\d{6}/ }).first().textContent()
  const reference = /JZ-\d{4}-\d{6}/.exec(heading ?? '')![0]

  // The assessor reads who the case is about, and plain words instead of codes.
  const [first, second] = await Promise.all([
    createStaffAccount({ role: 'assessor', name: 'Beoordelaar Drie' }),
    createStaffAccount({ role: 'assessor', name: 'Beoordelaar Vier' }),
  ])
  const one = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.241' }, locale: 'nl-NL' })
  const assessorPage = await one.newPage()
  await signInAddingPasskey(assessorPage, first)
  await assessorPage.goto('/beheer/aanvragen')
  await assessorPage.getByRole('link', { name: reference }).click()
  const applicant = assessorPage.getByRole('region', { name: 'Aanvrager' })
  await expect(applicant.getByText('Kees de Boer')).toBeVisible()
  await expect(applicant.getByText('12 maart 1960')).toBeVisible()
  await expect(applicant.getByText('*****2333')).toBeVisible()
  await expect(assessorPage.getByText('Jeugdzorg met verblijf', { exact: false })).toBeVisible()
  await expect(assessorPage.getByText('residentialYouthCare')).toHaveCount(0)
  await expectAccessible(assessorPage)
  await assessorPage.getByLabel('Toekennen').check()
  await assessorPage.getByLabel('Motivering').fill('De plaatsing en het geweld zijn aannemelijk gemaakt.')
  await assessorPage.getByRole('button', { name: 'Voorstel opslaan' }).click()
  await expect(assessorPage.getByRole('status')).toContainText('Je voorstel is opgeslagen')

  const two = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.242' }, locale: 'nl-NL' })
  const confirmPage = await two.newPage()
  await signInAddingPasskey(confirmPage, second)
  await confirmPage.goto('/beheer/aanvragen')
  await confirmPage.getByRole('link', { name: reference }).click()
  await confirmPage.getByRole('button', { name: 'Voorstel bevestigen' }).click()
  await expect(confirmPage.getByRole('status')).toContainText('Het voorstel is bevestigd')
  await one.close()
  await two.close()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test("the survivor's page posts, shows its error next to the date and keeps what was typed", async ({ page }) => {
    const anna = await createSurvivorAccount({ name: 'Anna', password: PASSWORD })
    await signIn(page, anna.email)
    await whoIsApplying(page)
    await survivorPage(page, expectAccessibleNoJs)
    await expect(page.getByRole('heading', { name: 'Persoonlijke gegevens', level: 1 })).toBeVisible()
    // A representative must say whose account; choosing their own needs the authorisation to cover it.
    await fillPersonalDetails(page, {
      name: 'Anna de Boer',
      dateOfBirth: '1985-08-20',
      bsn: '123456782',
      street: 'Kerkstraat',
      houseNumber: '3',
      postcode: '3512 AB',
      town: 'Utrecht',
      email: 'anna@example.nl',
      iban: 'NL91 ABNA 0417 1643 00',
      accountHolder: 'A. de Boer',
    })
    await page.getByLabel('Op mijn eigen rekening').check()
    await page.getByRole('button', { name: 'Opslaan en verder' }).click()
    await expect(page.getByLabel('De machtiging geeft mij toestemming om het geld voor Kees de Boer te ontvangen')).toHaveAccessibleDescription(
      /Het geld kan alleen op je eigen rekening als de machtiging dat toestaat/,
    )
    await expect(page.getByLabel('Op mijn eigen rekening')).toBeChecked()
    await expect(page.getByRole('group', { name: 'Geboortedatum', exact: true }).getByLabel('Maand')).toHaveValue('8')
    await expectAccessibleNoJs(page)
  })
})
