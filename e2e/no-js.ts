import type { Page } from '@playwright/test'
import { expect, expectAccessible as scan } from './fixtures'
import { freshCode } from './sign-in'

/**
 * Helpers for the journeys with JavaScript off (`e2e/no-js-*.spec.ts`): every form must post
 * as a plain HTML form and answer with a page, never a blank 500, in old or locked-down browsers.
 */

/**
 * The fixtures' axe scan for a page shown with JavaScript off. axe runs as a script inside the
 * page, which such a page cannot do; so the page exactly as the reader has it (its DOM, without
 * the scripts that never ran) is opened in a scripted twin page at the same address and scanned there.
 */
export async function expectAccessible(page: Page) {
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
  const url = page.url()
  // JavaScript on explicitly: new contexts in a test inherit the spec's `javaScriptEnabled: false`.
  // A context per scan, closed before the scan returns: a twin left open until its page closes
  // was closed during test teardown, and that failed the worker's next test.
  const context = await page.context().browser()!.newContext({ locale: 'nl-NL', javaScriptEnabled: true })
  try {
    const twin = await context.newPage()
    await twin.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }))
    await twin.goto(url)
    await scan(twin)
  } finally {
    await context.close()
  }
}

/** Visits a path with JavaScript off: no server error, and the axe scan. */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path)
  expect(response?.status(), `status of ${path}`).toBeLessThan(400)
  await expectAccessible(page)
}

/** Submits with the button and checks the answer is a real page (not a blank or bare error). */
export async function submit(page: Page, button: string | RegExp, scope: Pick<Page, 'getByRole'> = page) {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document')
  await scope.getByRole('button', { name: button }).click()
  const response = await answer
  expect(response.status(), `status of the post to ${response.url()}`).toBeLessThan(500)
  await page.waitForLoadState('domcontentloaded')
}

/** Signs in with JavaScript off: password, then (when `totpSecret` is given) the authenticator code. */
export async function signInNoJs(page: Page, account: { email: string; password: string; totpSecret?: string }, used = new Set<string>()) {
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(account.email)
  await page.getByLabel('Wachtwoord').fill(account.password)
  await submit(page, 'Inloggen')
  if (account.totpSecret) {
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap/)
    await page.getByLabel('Code van 6 cijfers').fill(await freshCode(account.totpSecret, used))
    await submit(page, 'Bevestigen')
  }
  await expect(page).not.toHaveURL(/\/inloggen/)
  await expectAccessible(page)
}
