import { expect, test } from './fixtures'
import { expectAccessible, submit, visit } from './no-js'
import { freshCode } from './sign-in'
import { createStaffAccount } from './staff-accounts'

// Old or locked-down browsers: every account form must work as a plain HTML form.
test.use({ javaScriptEnabled: false })
// A shared 2-core machine: the twin-page axe scans take their time.
test.describe.configure({ timeout: 600_000 })

test('registration without JavaScript: an error next to the field keeps what was typed, then the mail is sent', async ({ page }) => {
  await visit(page, '/registreren')
  await page.getByLabel('E-mailadres').fill('geen-adres')
  await page.getByLabel('Naam die anderen zien').fill('Lotje zonder script')
  await page.getByLabel('Nieuw wachtwoord').fill('mijn verhaal mag gehoord worden')
  await submit(page, 'Account maken')
  await expect(page.getByLabel('E-mailadres')).toHaveAccessibleDescription(/Vul een e-mailadres in zoals naam@voorbeeld.nl/)
  await expect(page.getByLabel('E-mailadres')).toHaveValue('geen-adres')
  await expect(page.getByLabel('Naam die anderen zien')).toHaveValue('Lotje zonder script')
  await expectAccessible(page)

  await page.getByLabel('E-mailadres').fill(`nojs-${Date.now()}@example.nl`)
  await page.getByLabel('Nieuw wachtwoord').fill('mijn verhaal mag gehoord worden')
  await page.getByLabel('Ik heb gelezen hoe het portaal met mijn gegevens omgaat').check()
  await submit(page, 'Account maken')
  await expect(page.getByRole('heading', { name: 'Kijk in je mail' })).toBeVisible()
  await expectAccessible(page)
})

test('sign-in in two steps without JavaScript: a wrong password and a malformed code are refused on the page, then the code opens the staff area', async ({ page }) => {
  const account = await createStaffAccount({ role: 'triage', name: 'Triage zonder script' })
  await visit(page, '/inloggen')
  await page.getByLabel('E-mailadres').fill(account.email)
  await page.getByLabel('Wachtwoord').fill('niet het goede wachtwoord')
  await submit(page, 'Inloggen')
  await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').first()).toBeVisible()
  await expect(page.getByLabel('E-mailadres')).toHaveValue(account.email)
  await expectAccessible(page)

  await page.getByLabel('Wachtwoord').fill(account.password)
  await submit(page, 'Inloggen')
  await expect(page).toHaveURL(/\/inloggen\/tweede-stap/)
  await expectAccessible(page)
  await page.getByLabel('Code van 6 cijfers').fill('12a')
  await submit(page, 'Bevestigen')
  await expect(page.getByLabel('Code van 6 cijfers')).toHaveAccessibleDescription(/Typ de 6 cijfers uit je app, zonder letters/)
  await expect(page.getByLabel('Code van 6 cijfers')).toHaveValue('12a')
  await expectAccessible(page)

  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(account.totpSecret))
  await submit(page, 'Bevestigen')
  await expect(page).toHaveURL(/\/beheer/)
  await expectAccessible(page)
})
