import type { Page } from '@playwright/test'
import { totpCode } from '../app/auth/totp'
import { addVirtualAuthenticator, expect, expectAccessible } from './fixtures'

/** A fresh TOTP code; waits for the next 30-second step when this one is already spent (`used` remembers codes per secret). */
export async function freshCode(secret: string, used: Set<string> = new Set()) {
  let code = totpCode(secret)
  while (used.has(`${secret}:${code}`)) {
    await new Promise((r) => setTimeout(r, 1000))
    code = totpCode(secret)
  }
  used.add(`${secret}:${code}`)
  return code
}

/** A staff member's first sign-in where a passkey is required (assessors, admins): password, authenticator code, then a passkey. */
export async function signInAddingPasskey(page: Page, account: { email: string; password: string; totpSecret: string }) {
  await addVirtualAuthenticator(page)
  await page.goto('/inloggen')
  await expectAccessible(page)
  await page.getByLabel('E-mailadres').fill(account.email)
  await page.getByLabel('Wachtwoord').fill(account.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(account.totpSecret))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page).toHaveURL(/\/beheer\/tweede-factor$/)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Passkey toevoegen' }).click()
  await page.getByRole('link', { name: 'Verder' }).click()
  await expect(page).toHaveURL(/\/beheer$/)
  await expectAccessible(page)
}
