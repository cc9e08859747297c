import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** Axe scan of the page as it is now; fails on any WCAG 2.2 A/AA violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(summary, `axe violations on ${page.url()}`).toEqual([])
}

type Fixtures = {
  /** Visits a path, checks it loaded without a server error, and scans it with axe. */
  visit: (path: string) => Promise<void>
}

let clientCounter = 0

export const test = base.extend<Fixtures>({
  // Each test is its own client: the portal sits behind a (loopback) proxy and limits
  // sign-in attempts per address, so tests must not share one address.
  // Playwright requires the object pattern for fixture dependencies, even when empty.
  // eslint-disable-next-line no-empty-pattern
  extraHTTPHeaders: async ({}, use, testInfo) => {
    clientCounter++
    await use({ 'X-Forwarded-For': `198.51.100.${(testInfo.workerIndex * 50 + clientCounter) % 250}` })
  },
  visit: async ({ page }, use) => {
    await use(async (path: string) => {
      const response = await page.goto(path)
      expect(response?.status(), `status of ${path}`).toBeLessThan(400)
      await expectAccessible(page)
    })
  },
  page: async ({ page }, use) => {
    // Any error in the browser console fails the test, unless a test expects it.
    const errors: string[] = []
    page.on('console', (msg) => {
      // The browser reports 4xx answers (a form with errors, a refused attempt) as console
      // errors; those are expected answers, not failures of our scripts.
      if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
        errors.push(msg.text())
      }
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await use(page)
    expect(errors, 'browser console errors').toEqual([])
  },
})

export { expect }

/** The link in the newest development-mailbox message to `to` (the portal keeps mail there without SMTP). */
export async function mailedLink(page: Page, to: string, pathPrefix: string) {
  await page.goto('/dev/mail')
  const mail = page.locator('article', { hasText: to }).first()
  await expect(mail).toBeVisible()
  const text = (await mail.locator('pre').textContent()) ?? ''
  const match = new RegExp(`https?://[^\\s]+${pathPrefix.replace(/\//g, '\\/')}[^\\s]*`).exec(text)
  expect(match, `a ${pathPrefix} link in the mail to ${to}`).not.toBeNull()
  return new URL(match![0]).pathname
}

/** A virtual WebAuthn authenticator (Chromium's DevTools protocol) for passkey journeys. */
export async function addVirtualAuthenticator(page: Page) {
  const client = await page.context().newCDPSession(page)
  await client.send('WebAuthn.enable')
  await client.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  })
}
