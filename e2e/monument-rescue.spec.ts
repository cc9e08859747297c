import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'
import { createSurvivorAccount } from './staff-accounts'

// "Nothing typed is lost on an expired session": a survivor types a long story, their session
// has ended by the time they press save, they sign in again and find their text back.

// Each journey has a survivor of its own: the shared demo survivor signs in from many specs,
// and sign-ins per account are rate limited.
let survivor: { email: string; password: string }
test.beforeEach(async () => {
  survivor = await createSurvivorAccount({ name: 'Schrijver' })
})

async function signIn(page: Page) {
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(survivor.email)
  await page.getByLabel('Wachtwoord').fill(survivor.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect(page).toHaveURL(/\/account$/)
}

async function startStory(page: Page, visit: (path: string) => Promise<void>) {
  await visit('/mijn-verhalen')
  await page.getByRole('button', { name: 'Een nieuw verhaal beginnen' }).click()
  await expect(page).toHaveURL(/\/mijn-verhalen\/[0-9a-f-]+\?stap=verhaal/)
  return page.url()
}

test('the text typed when the session ended is there again after signing in', async ({ page, visit }) => {
  await signIn(page)

  const editorUrl = await startStory(page, visit)

  const body = 'Ik heb er lang over gedaan om dit op te schrijven.\n\nDe winter van 1972 was koud in het tehuis.'
  await page.getByLabel('Titel').fill('De lange winter')
  await page.getByLabel('Je verhaal', { exact: true }).fill(body)

  // Meanwhile the session ends on the server (as after two hours without activity): the
  // browser still holds its session cookie, the portal no longer knows it.
  const sid = (await page.context().cookies()).find((c) => c.name === 'sid')!
  await page.request.post('/uitloggen')
  await page.context().addCookies([sid])

  await page.getByRole('button', { name: 'Concept opslaan' }).click()
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=/)
  await expectAccessible(page)
  await page.getByLabel('E-mailadres').fill(survivor.email)
  await page.getByLabel('Wachtwoord').fill(survivor.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()

  await expect(page).toHaveURL(editorUrl)
  await expect(page.getByText('We hebben je tekst bewaard')).toBeVisible()
  await expect(page.getByLabel('Titel')).toHaveValue('De lange winter')
  await expect(page.getByLabel('Je verhaal', { exact: true })).toHaveValue(body)
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Concept opslaan' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Je concept is bewaard.' })).toBeVisible()
  await page.goto(editorUrl)
  await expect(page.getByLabel('Je verhaal', { exact: true })).toHaveValue(body)
  await expect(page.getByText('We hebben je tekst bewaard')).toHaveCount(0)
})

test('a save while offline stays on the page with the text, and the tab keeps a copy', async ({ page, visit, context }) => {
  await signIn(page)
  const editorUrl = await startStory(page, visit)

  await context.setOffline(true)
  await page.getByLabel('Je verhaal', { exact: true }).fill('Zonder verbinding geschreven.')
  await page.getByRole('button', { name: 'Concept opslaan' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'geen internetverbinding' })).toBeVisible()
  await expect(page.getByLabel('Je verhaal', { exact: true })).toHaveValue('Zonder verbinding geschreven.')
  await expectAccessible(page)

  // Back online, the page is opened again before anything was saved: the tab offers the copy.
  await context.setOffline(false)
  await page.goto(editorUrl)
  await expect(page.getByText('In dit tabblad staat nog tekst')).toBeVisible()
  await page.getByRole('button', { name: 'Zet mijn tekst terug' }).click()
  await expect(page.getByLabel('Je verhaal', { exact: true })).toHaveValue('Zonder verbinding geschreven.')
  await expectAccessible(page)
})
