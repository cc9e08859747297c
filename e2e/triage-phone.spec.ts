import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'
import { freshCode } from './sign-in'
import { createStaffAccount } from './staff-accounts'

// Issue 17: help and applying without the web. A triage worker registers a guidance request
// for someone who called, with their safe-contact wishes; anyone can download the paper form.

async function signInWithCode(page: Page, account: { email: string; password: string; totpSecret: string }) {
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(account.email)
  await page.getByLabel('Wachtwoord').fill(account.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(account.totpSecret))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page).toHaveURL(/\/beheer$/)
}

test('a triage worker registers a request for a caller, with the safe-contact wishes, and becomes their fixed contact', async ({ page, visit }) => {
  // Slow on a shared 2-core machine: sign-in waits for a fresh TOTP window, axe scans four pages.
  test.setTimeout(420_000)
  const worker = await createStaffAccount({ role: 'triage', name: 'Telefoon Triage' })
  await signInWithCode(page, worker)
  await visit('/beheer/triage')
  await page.getByRole('link', { name: 'Een vraag registreren voor iemand die belde' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Vraag registreren voor iemand die belde' })).toBeVisible()
  await expectAccessible(page)

  // Bad input first: the message stands next to the field and nothing typed is lost.
  await page.getByLabel('Contact met lotgenoten').check()
  await page.getByRole('radio', { name: 'Bellen' }).check()
  await page.getByLabel('Wanneer kunnen we veilig bellen?').fill('Alleen dinsdag na 19 uur')
  await page.getByLabel('Met welke naam stellen we ons voor als we bellen?').fill('Anne')
  await page.getByRole('button', { name: 'Vraag registreren' }).click()
  await expect(page.getByText('Vraag eerst of de beller akkoord is.').first()).toBeVisible()
  await expect(page.getByLabel('Wanneer kunnen we veilig bellen?')).toHaveValue('Alleen dinsdag na 19 uur')
  await expectAccessible(page)

  await page.getByLabel('Telefoonnummer').fill('06-1234 5678')
  await page.getByRole('group', { name: 'Mogen we een bericht inspreken?' }).getByLabel('Nee, liever niet').check()
  await page.getByLabel('De beller is het ermee eens dat we de vraag opslaan en gebruiken om te helpen').check()
  await page.getByLabel('Ik word zelf de vaste contactpersoon').check()
  await page.getByRole('button', { name: 'Vraag registreren' }).click()

  // The request's own page: the worker is the fixed contact and sees the wishes as given.
  await expect(page).toHaveURL(/\/beheer\/triage\/[0-9a-f-]{36}$/)
  await expect(page.getByText('Alleen dinsdag na 19 uur')).toBeVisible()
  await expect(page.getByText('Anne', { exact: true })).toBeVisible()
  await expect(page.getByLabel('Voicemail ingesproken')).toHaveCount(0)
  await expectAccessible(page)
})

test('the paper application form downloads as a PDF, in Dutch and in English', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/regeling')
  const download = page.waitForEvent('download')
  await page.evaluate(() => {
    const a = document.createElement('a')
    a.href = '/regeling/formulier.pdf'
    document.body.append(a)
    a.click()
  })
  expect((await download).suggestedFilename()).toMatch(/^aanvraagformulier-.+\.pdf$/)

  const nl = await page.request.get('/regeling/formulier.pdf')
  expect(nl.status()).toBe(200)
  expect(nl.headers()['content-type']).toBe('application/pdf')
  expect((await nl.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const en = await page.request.get('/regeling/formulier.pdf?lang=en')
  expect(en.headers()['content-language']).toBe('en')
  expect(en.headers()['content-disposition']).toMatch(/application-form-/)
})
