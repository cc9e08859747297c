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

export const test = base.extend<Fixtures>({
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
      if (msg.type() === 'error') errors.push(msg.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await use(page)
    expect(errors, 'browser console errors').toEqual([])
  },
})

export { expect }
