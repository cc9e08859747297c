// Playwright's own test, not the fixtures': the 500 this journey provokes is logged by the
// browser as a console error, which the fixtures count as a failure.
import { expect, test } from '@playwright/test'
import { expectAccessible } from './no-js'

// An error Remix cannot render must still give the reader a page: here an old browser's form
// post with `Origin: null` and no Sec-Fetch-Site, which Remix's CSRF check refuses before React runs.
test.use({ javaScriptEnabled: false })
test.describe.configure({ timeout: 600_000 })

test('a post Remix refuses before rendering answers the branded last-resort page, in the reader language', async ({ page, request }) => {
  const dutch = await request.post('/inloggen', { headers: { Origin: 'null', Accept: 'text/html' }, form: { email: 'a@example.nl', password: 'x' }, maxRedirects: 0 })
  expect(dutch.status()).toBe(500)
  expect(dutch.headers()['content-type']).toMatch(/^text\/html/)
  const html = await dutch.text()
  expect(html).toContain('<html lang="nl">')
  expect(html).toContain('Er ging iets mis')
  const english = await request.post('/inloggen', { headers: { Origin: 'null', Accept: 'text/html', 'Accept-Language': 'en-GB,en;q=0.9' }, form: { email: 'a@example.nl', password: 'x' }, maxRedirects: 0 })
  expect(await english.text()).toContain('Something went wrong')

  // The same answer in the browser: the old browser's post is replayed without Sec-Fetch-Site.
  await page.goto('/inloggen')
  await page.route(
    (url) => url.pathname === '/inloggen',
    async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      const headers: Record<string, string> = { ...route.request().headers(), origin: 'null' }
      delete headers['sec-fetch-site']
      await route.fulfill({ response: await route.fetch({ headers, maxRedirects: 0 }) })
    },
    { times: 1 },
  )
  await page.getByLabel('E-mailadres').fill('a@example.nl')
  await page.getByLabel('Wachtwoord').fill('een wachtwoord')
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect(page.getByRole('heading', { name: 'Er ging iets mis', level: 1 })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Snel weg' })).toHaveAttribute('href', 'https://www.google.nl/')
  await expect(page.getByRole('link', { name: '113', exact: true })).toHaveAttribute('href', 'tel:113')
  // Nothing of the replay may outlive this test (its fetch runs on the context's request client).
  await page.unrouteAll({ behavior: 'wait' })
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Naar de startpagina' }).click()
  await expect(page).toHaveURL(/\/$/)
})
