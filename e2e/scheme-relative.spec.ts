import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'
import { answerConversationAndDeclaration, fillDate, fillPersonalDetails } from './scheme-steps'
import { signInAddingPasskey } from './sign-in'
import { createStaffAccount, createSurvivorAccount } from './staff-accounts'

// A surviving relative applies for a survivor who died: the survivor's dates of birth and
// death on the 'who is applying' page, with proof of being next of kin uploaded right there
// (kept when another answer needs fixing). The application is sent, and an assessor sees in
// the completeness checklist that the authorisation is present; two assessors confirm, which
// only succeeds when the case document for the Schadefonds is complete.

const PASSWORD = 'een lange zin voor de nabestaande'
let relative: { email: string }

/** A small but real PDF, generated here. */
function tinyPdf() {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
  return Buffer.from(body, 'latin1')
}

test.beforeAll(async () => {
  // The relative's own account (the demo survivor already applies in another spec: one application per person).
  relative = await createSurvivorAccount({ name: 'Pieter', password: PASSWORD })
})

async function signInRelative(page: Page) {
  await page.goto('/inloggen')
  await expectAccessible(page)
  await page.getByLabel('E-mailadres').fill(relative.email)
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'))
}

async function openCase(page: Page, reference: string) {
  await page.goto('/beheer/aanvragen')
  await expectAccessible(page)
  await page.getByRole('link', { name: reference }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Aanvraag ${reference}` })).toBeVisible()
  await expectAccessible(page)
}

test('a surviving relative applies for a deceased survivor with proof of being next of kin', async ({ page, browser }) => {
  test.setTimeout(300_000)
  await signInRelative(page)
  await page.goto('/regeling/aanvraag')
  await expect(page.getByRole('heading', { name: 'Je aanvraag', level: 1 })).toBeVisible()
  await expectAccessible(page)

  // Who is applying: the survivor's date of birth is forgotten at first, the proof is chosen.
  await page.getByRole('link', { name: 'Wie vraagt aan' }).click()
  await expect(page.getByRole('heading', { name: 'Wie vraagt aan', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Als nabestaande').check()
  await page.getByLabel('Naam van het slachtoffer').fill('Kees de Boer')
  await page.getByLabel('Wat ben je van deze persoon?').fill('Zoon')
  await fillDate(page, 'Datum van overlijden van het slachtoffer', '2020-06-15')
  await page.getByLabel('Bestand met de machtiging').setInputFiles({ name: 'verklaring-van-erfrecht.pdf', mimeType: 'application/pdf', buffer: tinyPdf() })
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // The message sits next to the field; nothing typed or uploaded is lost.
  const birthGroup = page.getByRole('group', { name: 'Geboortedatum van het slachtoffer', exact: true })
  await expect(birthGroup.getByLabel('Dag')).toHaveAttribute('aria-invalid', 'true')
  await expect(birthGroup).toHaveAccessibleDescription(/Vul de geboortedatum van het slachtoffer in/)
  await expect(page.getByLabel('Naam van het slachtoffer')).toHaveValue('Kees de Boer')
  const diedGroup = page.getByRole('group', { name: 'Datum van overlijden van het slachtoffer', exact: true })
  await expect(diedGroup.getByLabel('Jaar')).toHaveValue('2020')
  await expect(page.getByRole('button', { name: 'verklaring-van-erfrecht.pdf weghalen' })).toBeVisible()
  await expect(page.getByLabel('Nog een bestand toevoegen')).toBeVisible()
  await expectAccessible(page)
  await fillDate(page, 'Geboortedatum van het slachtoffer', '1955-06-01')
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // The relative's own details.
  await expect(page.getByRole('heading', { name: 'Persoonlijke gegevens', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await fillPersonalDetails(page, {
    name: 'Pieter de Boer',
    dateOfBirth: '1982-03-09',
    bsn: '123456782',
    street: 'Kerkstraat',
    houseNumber: '3',
    postcode: '3512 AB',
    town: 'Utrecht',
    email: 'pieter@example.nl',
    iban: 'NL91 ABNA 0417 1643 00',
    accountHolder: 'P. de Boer',
  })
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // The survivor's placement (aged 11 to 16: the age rule reads the survivor's birth date).
  await expect(page.getByRole('heading', { name: 'Waar verbleef Kees de Boer?', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Van (jaar of jaar en maand)').fill('1966-09')
  await page.getByLabel('Tot (jaar of jaar en maand)').fill('1971')
  await page.getByLabel('Soort plek').selectOption('residentialYouthCare')
  await page.getByLabel('Naam van de instelling of het pleeggezin').fill('Huize De Linde')
  await page.getByLabel('Gemeente').fill('Zeist')
  await page.getByRole('button', { name: 'Plaatsing toevoegen' }).click()
  await expect(page.getByText('De plaatsing is toegevoegd.')).toBeVisible()
  await expect(page.getByText('pas na de', { exact: false })).toHaveCount(0)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Ik heb alle plaatsingen ingevuld' }).click()

  await expect(page.getByRole('heading', { name: 'Wat Kees de Boer overkwam', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Lichamelijk geweld').check()
  await page.getByLabel('In je eigen woorden').fill('Wat mijn vader ons vertelde over die jaren.')
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // Evidence: the proof from the first page is already listed; ask for a records search.
  await expect(page.getByRole('heading', { name: 'Bewijs van de plaatsing', level: 1 })).toBeVisible()
  await expect(page.getByText('Machtiging: verklaring-van-erfrecht.pdf')).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Zoek de gegevens voor mij op in de archieven').check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  await answerConversationAndDeclaration(page)

  // Check your answers: the survivor's dates and the proof, each with a way to change it.
  await expect(page.getByRole('heading', { name: 'Controleer je antwoorden', level: 1 })).toBeVisible()
  await expect(page.getByText('1 juni 1955')).toBeVisible()
  await expect(page.getByText('15 juni 2020')).toBeVisible()
  await expect(page.getByText('verklaring-van-erfrecht.pdf')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Wijzigen Geboortedatum van het slachtoffer' })).toBeVisible()
  await expect(page.getByText('nog geen machtiging toegevoegd')).toHaveCount(0)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Aanvraag versturen' }).click()

  await expect(page).toHaveURL(/\/mijn-aanvraag\?verstuurd=1/)
  // The confirmation panel: its heading, the reference to write down, what happens next.
  await expect(page.getByRole('heading', { name: 'Aanvraag verstuurd', level: 1 })).toBeVisible()
  await expect(page.getByRole('status').getByText(/^JZ-\d{4}-\d{6}$/)).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Wat gebeurt er nu', level: 2 })).toBeVisible()
  const heading = await page.getByRole('heading', { name: /Aanvraag JZ-\d{4}-\d{6}/ }).first().textContent()
  const reference = /JZ-\d{4}-\d{6}/.exec(heading ?? '')![0]
  await expectAccessible(page)

  // The assessor's checklist says the authorisation is there.
  const [first, second] = await Promise.all([
    createStaffAccount({ role: 'assessor', name: 'Beoordelaar Een' }),
    createStaffAccount({ role: 'assessor', name: 'Beoordelaar Twee' }),
  ])
  const one = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.231' }, locale: 'nl-NL' })
  const assessorPage = await one.newPage()
  await signInAddingPasskey(assessorPage, first)
  await openCase(assessorPage, reference)
  await expect(assessorPage.getByText('Er is een machtiging of bewijs van nabestaande meegestuurd.')).toBeVisible()
  // For whom the relative applies, with the survivor's dates (the case document needs the birth date).
  const applicant = assessorPage.getByRole('region', { name: 'Aanvrager' })
  await expect(applicant.getByText('Kees de Boer')).toBeVisible()
  await expect(applicant.getByText('1 juni 1955')).toBeVisible()
  await expect(applicant.getByText('15 juni 2020')).toBeVisible()
  await expect(assessorPage.getByLabel('Machtiging is aanwezig')).toBeVisible()
  await assessorPage.getByLabel('Toekennen').check()
  await assessorPage.getByLabel('Motivering').fill('De plaatsing en het geweld zijn aannemelijk gemaakt.')
  await assessorPage.getByRole('button', { name: 'Voorstel opslaan' }).click()
  await expect(assessorPage.getByRole('status')).toContainText('Je voorstel is opgeslagen')
  await expectAccessible(assessorPage)

  // Confirming checks the case document against the contract: it is complete for a relative.
  const two = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.232' }, locale: 'nl-NL' })
  const confirmPage = await two.newPage()
  await signInAddingPasskey(confirmPage, second)
  await openCase(confirmPage, reference)
  await confirmPage.getByRole('button', { name: 'Voorstel bevestigen' }).click()
  await expect(confirmPage.getByRole('status')).toContainText('Het voorstel is bevestigd')
  await expectAccessible(confirmPage)

  await one.close()
  await two.close()
})
