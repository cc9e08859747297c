import type { Page } from '@playwright/test'
import { expect, expectAccessible } from './fixtures'

/** The answers of the scheme application's personal-details page, by field label. */
export type PersonalDetails = {
  name: string
  dateOfBirth: string
  bsn: string
  street: string
  houseNumber: string
  postcode: string
  town: string
  email: string
  iban: string
  accountHolder: string
}

/**
 * Fills a GOV.UK date input (day, month, year) found by its legend, from an ISO date;
 * `null` parts are left empty (to try the error messages).
 */
export async function fillDate(page: Page, legend: string, iso: string | { day?: string; month?: string; year?: string }) {
  const group = page.getByRole('group', { name: legend, exact: true })
  const [year, month, day] = typeof iso === 'string' ? iso.split('-').map((v) => String(Number(v))) : [iso.year ?? '', iso.month ?? '', iso.day ?? '']
  await group.getByLabel('Dag').fill(day ?? '')
  await group.getByLabel('Maand').fill(month ?? '')
  await group.getByLabel('Jaar').fill(year ?? '')
}

/** Fills the personal-details page (without sending it). */
export async function fillPersonalDetails(page: Page, d: PersonalDetails) {
  await page.getByLabel('Volledige naam').fill(d.name)
  await fillDate(page, 'Geboortedatum', d.dateOfBirth)
  await page.getByLabel('Burgerservicenummer (BSN)').fill(d.bsn)
  await page.getByLabel('Straat').fill(d.street)
  await page.getByLabel('Huisnummer').fill(d.houseNumber)
  await page.getByLabel('Postcode').fill(d.postcode)
  await page.getByLabel('Woonplaats').fill(d.town)
  await page.getByLabel('E-mailadres').fill(d.email)
  await page.getByLabel('Rekeningnummer (IBAN)').fill(d.iban)
  await page.getByLabel('Naam van de rekeninghouder').fill(d.accountHolder)
}

/** The last two pages before checking: no conversation wanted, and the declaration. */
export async function answerConversationAndDeclaration(page: Page) {
  await expect(page.getByRole('heading', { name: 'Een gesprek', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Nee, dat hoeft niet').check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  await expect(page.getByRole('heading', { name: 'Verklaring', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Ik heb de vragen naar waarheid beantwoord').check()
  await page.getByLabel('Ik weet dat mijn gegevens worden gebruikt').check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
}
