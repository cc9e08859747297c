import type { BrowserContext } from '@playwright/test'
import { expect, test } from './fixtures'

const NEUTRAL = 'https://www.google.nl/'

/** The machine is offline: answer the neutral site ourselves. */
async function stubNeutralSite(context: BrowserContext) {
  await context.route('https://www.google.nl/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<html lang="nl"><title>Google</title><h1>Neutraal</h1></html>' }),
  )
}

test.describe('quick exit (Snel weg)', () => {
  test('the button replaces the page, so Back does not return to it', async ({ page, context, visit }) => {
    await stubNeutralSite(context)
    await visit('/hulp')
    await visit('/privacy')
    await page.getByRole('link', { name: /Snel weg/ }).click()
    await expect(page).toHaveURL(NEUTRAL)
    await page.goBack()
    // The privacy page was replaced in history: Back goes to the page before it.
    await expect(page).toHaveURL(/\/hulp$/)
  })

  test('pressing Escape twice leaves the site', async ({ page, context, visit }) => {
    await stubNeutralSite(context)
    await visit('/verhalen')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect(page).toHaveURL(NEUTRAL)
  })

  test('a single Escape does not leave the site', async ({ page, context, visit }) => {
    await stubNeutralSite(context)
    await visit('/verhalen')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(1200)
    await page.keyboard.press('Escape')
    await page.waitForTimeout(300)
    await expect(page).toHaveURL(/\/verhalen$/)
  })

  test('works without JavaScript as a plain link', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    await stubNeutralSite(context)
    const page = await context.newPage()
    await page.goto('/')
    await page.getByRole('link', { name: /Snel weg/ }).click()
    await expect(page).toHaveURL(NEUTRAL)
    await context.close()
  })
})
