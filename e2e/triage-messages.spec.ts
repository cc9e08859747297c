import { createHash } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'
import { connectPortalDb } from './portal-db'
import { freshCode } from './sign-in'
import { createStaffAccount } from './staff-accounts'

/**
 * A secure message, once sent, leaves the box empty (with and without JavaScript), and a double
 * click on "send" reaches the other person once. Finding 10 of the test report.
 */

/** A guest asks for guidance by letter and opens their private tracking page; returns its path and the request id. */
async function guestRequest(page: Page) {
  await page.goto('/hulp/begeleiding')
  await page.getByRole('group', { name: 'Ben je nu in gevaar, of denk je aan zelfdoding?' }).getByLabel('Nee').check()
  await page.getByLabel('Iemand om mee te praten').check()
  await page.getByLabel('Brief').check()
  await page.getByLabel('Straat en huisnummer').fill('Dorpsstraat 1')
  await page.getByLabel('Postcode').fill('3511lx')
  await page.getByLabel('Plaats', { exact: true }).fill('Utrecht')
  await page.getByLabel('Ik wil dat jullie mijn vraag gebruiken om mij te helpen').check()
  await page.getByRole('button', { name: 'Vraag versturen' }).click()
  await expect(page.getByRole('heading', { name: 'Je vraag is verstuurd' })).toBeVisible()
  const link = new URL((await page.getByTestId('tracking-link').textContent())!.trim()).pathname
  await page.goto(link)
  return link
}

async function sendTwiceAndCheck(page: Page, path: string, box: string, first: string, second: string, { scan = true } = {}) {
  await page.getByLabel(box).fill(first)
  await page.getByRole('button', { name: 'Bericht versturen' }).click()
  await expect(page.getByText(first)).toHaveCount(1)
  await expect(page.getByLabel(box)).toHaveValue('')
  // axe runs inside the page, which a page without JavaScript cannot do; the same page is scanned in the journey with it on.
  if (scan) await expectAccessible(page)

  // A double click on "send": the page and the database hold the message once.
  await page.getByLabel(box).fill(second)
  await page.getByRole('button', { name: 'Bericht versturen' }).dblclick()
  await expect(page.getByText(second)).toHaveCount(1)
  await expect(page.getByLabel(box)).toHaveValue('')
  await page.goto(path)
  await expect(page.getByText(second)).toHaveCount(1)
}

test('the survivor’s message box is empty after sending, and a double click sends once (JavaScript on)', async ({ page }) => {
  const path = await guestRequest(page)
  await sendTwiceAndCheck(page, path, 'Bericht aan je contactpersoon', 'Bellen liever niet, een brief is goed.', 'Ik ben er op dinsdag.')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })
  test('the survivor’s message box is empty after sending, and a double click sends once', async ({ page }) => {
    const path = await guestRequest(page)
    await sendTwiceAndCheck(page, path, 'Bericht aan je contactpersoon', 'Schrijven gaat mij beter af.', 'Woensdag kan ook.', { scan: false })
  })
})

test('the contact person’s message box is empty after sending, and a double click sends once', async ({ page, browser }) => {
  test.setTimeout(240_000)
  const guest = await browser.newPage()
  const tracking = await guestRequest(guest)
  const worker = await createStaffAccount({ role: 'triage', name: 'Sanne Berichten' })
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(worker.email)
  await page.getByLabel('Wachtwoord').fill(worker.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(worker.totpSecret))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page).toHaveURL(/\/beheer$/)
  // The guest's request, found by its tracking token's hash (all the portal keeps of it).
  const token = tracking.split('/').at(-1)!
  const sql = connectPortalDb()
  const [row] = await sql`select id from help_requests where guest_token_hash = ${createHash('sha256').update(token).digest('hex')}`.finally(() => sql.end())
  const path = `/beheer/triage/${row!.id}`
  await page.goto(path)
  await page.getByRole('button', { name: 'Oppakken en contactpersoon worden' }).click()
  await expect(page.getByText('Je bent nu de vaste contactpersoon.')).toBeVisible()
  // An empty message is refused next to its box (its accessible description), not at the top of the page.
  await page.getByRole('button', { name: 'Bericht versturen' }).click()
  await expect(page.getByLabel('Bericht aan de hulpvrager')).toHaveAccessibleDescription('Schrijf eerst een bericht.')
  await expect(page.locator('.error-summary')).toHaveCount(0)
  await sendTwiceAndCheck(page, path, 'Bericht aan de hulpvrager', 'Goedemiddag, ik stuur u deze week een brief.', 'De brief is onderweg.')
  await guest.goto(tracking)
  await expect(guest.getByText('De brief is onderweg.')).toHaveCount(1)
  await guest.close()
})
