import { expect, expectAccessible, mailedLink, test } from './fixtures'
import { connectPortalDb } from './portal-db'
import { answerConversationAndDeclaration, fillPersonalDetails } from './scheme-steps'
import { signInAddingPasskey } from './sign-in'
import { createStaffAccount, createSurvivorAccount } from './staff-accounts'

// The commission's recorded life story (issue 12, item 4): an archivist registers it for a
// survivor's e-mail address; the survivor opens the mailed link, signs in, claims it, reads it,
// and brings it into a scheme application as its narrative, up to submission.

const TEXT = 'Ik was negen toen ik naar het tehuis ging. Slachtofferhulp schreef dit met mij op. Herkenbare-zin-7310.'

function tinyPdf() {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
  return Buffer.from(body, 'latin1')
}

test('an archivist registers a life story; the survivor claims it, reads it and uses it in an application', async ({ page, visit }) => {
  test.setTimeout(400_000)
  const archivist = await createStaffAccount({ role: 'archivist', name: 'Archivaris' })
  const survivor = await createSurvivorAccount({ name: 'Verteller' })

  // The archivist registers the story (passkey required for this role).
  await signInAddingPasskey(page, archivist)
  await visit('/beheer/levensverhalen')
  await page.getByRole('link', { name: 'Levensverhaal toevoegen' }).click()
  await expect(page.getByRole('heading', { name: 'Levensverhaal toevoegen', level: 1 })).toBeVisible()
  await expectAccessible(page)
  // Nothing chosen: the messages stand next to the fields, what was typed stays.
  await page.getByLabel('Titel').fill('Mijn jeugd')
  await page.getByRole('button', { name: 'Toevoegen en link sturen' }).click()
  await expect(page.getByText('Kies wie het verhaal heeft opgeschreven.').first()).toBeVisible()
  await expect(page.getByLabel('Titel')).toHaveValue('Mijn jeugd')
  await expectAccessible(page)
  await page.getByLabel('E-mailadres van de overlevende').fill(survivor.email)
  await page.getByLabel('Slachtofferhulp Nederland').check()
  await page.getByLabel('Datum waarop het is opgeschreven').fill('2020-03-15')
  await page.getByLabel('Tekst van het levensverhaal').fill(TEXT)
  await page.getByRole('button', { name: 'Toevoegen en link sturen' }).click()
  await expect(page.getByText('Het levensverhaal is toegevoegd. We hebben de overlevende een link gestuurd.')).toBeVisible()
  await expectAccessible(page)
  // The list shows the state, never the text.
  await visit('/beheer/levensverhalen')
  await expect(page.getByText('Uitgenodigd, nog niet opgehaald').first()).toBeVisible()
  await expect(page.getByText('Herkenbare-zin-7310')).toHaveCount(0)
  await page.getByRole('button', { name: 'Uitloggen' }).click()

  // The survivor opens the link from the mailbox, signs in, and claims the story.
  const link = await mailedLink(page, survivor.email, '/levensverhaal/ophalen/')
  await page.goto(link)
  await expect(page).toHaveURL(/\/inloggen/)
  await page.getByLabel('E-mailadres').fill(survivor.email)
  await page.getByLabel('Wachtwoord').fill(survivor.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect(page.getByRole('heading', { name: 'Je levensverhaal ophalen', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Ophalen in mijn account' }).click()
  await expect(page.getByRole('heading', { name: 'Mijn jeugd', level: 1 })).toBeVisible()
  await expect(page.getByText('Je levensverhaal staat nu in je account.')).toBeVisible()
  await expect(page.getByText(TEXT)).toBeVisible()
  await expectAccessible(page)
  // The link works once.
  await page.goto(link)
  await expect(page.getByRole('heading', { name: 'Deze link werkt niet', level: 1 })).toBeVisible()
  await expectAccessible(page)

  // The application, with the life story as what happened.
  await visit('/regeling')
  await page.getByRole('link', { name: 'Aanvraag beginnen of verder gaan' }).click()
  await page.getByRole('link', { name: 'Wie vraagt aan' }).click()
  await page.getByLabel('Voor mezelf').check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  await expect(page.getByRole('heading', { name: 'Persoonlijke gegevens', level: 1 })).toBeVisible()
  await fillPersonalDetails(page, {
    name: 'Vera Verteller',
    dateOfBirth: '1961-02-03',
    bsn: '111222333',
    street: 'Lindelaan',
    houseNumber: '9',
    postcode: '3511 AA',
    town: 'Utrecht',
    email: survivor.email,
    iban: 'NL91 ABNA 0417 1643 00',
    accountHolder: 'V. Verteller',
  })
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  await expect(page.getByRole('heading', { name: 'Waar je geplaatst was', level: 1 })).toBeVisible()
  await page.getByLabel('Van (jaar of jaar en maand)').fill('1970-09')
  await page.getByLabel('Tot (jaar of jaar en maand)').fill('1974')
  await page.getByLabel('Soort plek').selectOption('residentialYouthCare')
  await page.getByLabel('Naam van de instelling of het pleeggezin').fill('Huize De Eik')
  await page.getByLabel('Gemeente').fill('Zeist')
  await page.getByRole('button', { name: 'Plaatsing toevoegen' }).click()
  await expect(page.getByText('De plaatsing is toegevoegd.')).toBeVisible()
  await page.getByRole('button', { name: 'Ik heb alle plaatsingen ingevuld' }).click()

  await expect(page.getByRole('heading', { name: 'Wat er gebeurde', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Lichamelijk geweld').check()
  await page.getByLabel('Gebruik mijn opgenomen levensverhaal').check()
  await page.getByRole('group', { name: 'Welk levensverhaal mogen we gebruiken?' }).getByRole('radio').first().check()
  // Without the consent it is refused, next to the box.
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  await expect(page.getByText('Geef toestemming om je levensverhaal').first()).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Mijn opgenomen levensverhaal gebruiken bij mijn aanvraag').check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  await expect(page.getByRole('heading', { name: 'Bewijs van de plaatsing', level: 1 })).toBeVisible()
  await page.getByLabel('Wat voor document is het?').selectOption('guardianshipCard')
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'voogdijkaart.pdf', mimeType: 'application/pdf', buffer: tinyPdf() })
  await page.getByRole('button', { name: 'Bestand toevoegen' }).click()
  await expect(page.getByText('Het bestand is toegevoegd.')).toBeVisible()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  await answerConversationAndDeclaration(page)

  await expect(page.getByRole('heading', { name: 'Controleer je antwoorden', level: 1 })).toBeVisible()
  await expect(page.getByText('Opgenomen levensverhaal').first()).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Aanvraag versturen' }).click()
  // Sending renders the PDF copy: slow on a loaded machine.
  await expect(page.getByRole('heading', { name: 'Aanvraag verstuurd', level: 1 })).toBeVisible({ timeout: 60_000 })
  const reference = (await page.getByRole('status').getByText(/^JZ-\d{4}-\d{6}$/).textContent())!.trim()

  // What the assessors and the case document build on: the life story, frozen with its consent.
  const sql = connectPortalDb({ max: 1 })
  try {
    const [row] = await sql`select answers->'harm' as harm from applications where reference = ${reference}`
    const harm = row!.harm as { mode: string; lifeStory: { snapshot: { text: string; consentTextVersion: string } } }
    expect(harm.mode).toBe('lifeStory')
    expect(harm.lifeStory.snapshot.text).toBe(TEXT)
    expect(harm.lifeStory.snapshot.consentTextVersion).toBe('scheme.useCommissionStory@2026-12-07')
  } finally {
    await sql.end()
  }
})
