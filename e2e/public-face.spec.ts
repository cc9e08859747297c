import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'
import { freshCode } from './sign-in'
import { createStaffAccount } from './staff-accounts'

/** Issue 15: findable help, reading pages without framework JavaScript, charts with their tables. */

test('reading pages ship no Remix scripts, keep the quick exit and name their canonical and language addresses', async ({ page, visit }) => {
  // Three axe scans on a shared two-core machine.
  test.setTimeout(180_000)
  const scripts: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url())
  })
  for (const path of ['/hulp', '/verhalen', '/over']) {
    await visit(path)
    await expect(page.locator('a.quick-exit')).toBeVisible()
  }
  expect(scripts, 'scripts loaded by reading pages').toEqual([])
  await page.goto('/hulp')
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/hulp$/)
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', /\/hulp\?lng=en$/)
  // The English address is English, whatever the browser asks for.
  await page.goto('/hulp?lng=en')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  // Stories are not for search engines.
  await page.goto('/verhalen')
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex')
})

test('robots.txt and sitemap.xml are served, the sitemap without stories', async ({ request }) => {
  const robots = await request.get('/robots.txt')
  expect(robots.status()).toBe(200)
  expect(await robots.text()).toMatch(/Disallow: \/verhalen\n[\s\S]*Sitemap: http/)
  const sitemap = await request.get('/sitemap.xml')
  expect(sitemap.headers()['content-type']).toContain('application/xml')
  const xml = await sitemap.text()
  expect(xml).toContain('/hulp/professionals</loc>')
  expect(xml).not.toMatch(/\/verhalen\/(?!rapporten)/)
})

test('the monument sector figures are public, as charts with their tables', async ({ page, visit }) => {
  await visit('/verhalen/cijfers')
  await expect(page.getByRole('heading', { level: 1, name: 'Cijfers over de verhalen' })).toBeVisible()
  await expect(page.getByRole('img', { name: /Per periode/ })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Per soort plek' })).toBeVisible()
  await expect(page.getByRole('columnheader', { name: 'Aantal verhalen' }).first()).toBeVisible()
})

async function signInTriage(page: Page) {
  const account = await createStaffAccount({ role: 'triage', name: 'Grafiek Kijker' })
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(account.email)
  await page.getByLabel('Wachtwoord').fill(account.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(account.totpSecret))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page).toHaveURL(/\/beheer$/)
}

test('the triage dashboard shows its waits as charts beside tables, with and without JavaScript', async ({ page, browser }) => {
  test.setTimeout(180_000)
  await signInTriage(page)
  await page.goto('/beheer/triage/dashboard')
  await expectAccessible(page)
  for (const name of [/Spreiding van de tijd tot eerste contact/, /Spreiding van de tijd tot de zorg begint/, /Open vragen naar wachttijd/]) {
    await expect(page.getByRole('img', { name })).toBeVisible()
    await expect(page.getByRole('table', { name })).toBeVisible()
  }
  // Drawn on the server: the same charts without JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() })
  const noJs = await context.newPage()
  await noJs.goto('/beheer/triage/dashboard')
  await expect(noJs.getByRole('img', { name: /Spreiding van de tijd tot eerste contact/ })).toBeVisible()
  await context.close()
})
