import type { Browser } from '@playwright/test'
import { expect, test } from './fixtures'
import { expectAccessible, signInNoJs, submit, visit } from './no-js'
import { createStaffAccount, createSurvivorAccount } from './staff-accounts'

// Asking for guidance, and the triage worker's answer, as plain HTML forms (JavaScript off).
test.use({ javaScriptEnabled: false })
// A shared 2-core machine: the twin-page axe scans take their time.
test.describe.configure({ timeout: 600_000 })

/** A second person in a browser of their own, also without JavaScript. */
async function otherPerson(browser: Browser, client: number) {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL', extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${client}` } })
  return context.newPage()
}

test('a guest asks for guidance without JavaScript: the crisis answer, a wrong postcode with the rest kept, then the tracking link, and withdrawing', async ({ page }) => {
  await visit(page, '/hulp/begeleiding')
  await page.getByRole('group', { name: 'Ben je nu in gevaar, of denk je aan zelfdoding?' }).getByLabel('Ja').check()
  await page.getByLabel('Iemand om mee te praten').check()
  await page.getByLabel('Brief').check()
  await page.getByLabel('Straat en huisnummer').fill('Dorpsstraat 1')
  await page.getByLabel('Postcode').fill('12345')
  await page.getByLabel('Plaats', { exact: true }).fill('Utrecht')
  await page.getByLabel('Ik wil dat jullie mijn vraag gebruiken om mij te helpen').check()
  await submit(page, 'Vraag versturen')
  // Danger first: without JavaScript the crisis lines come with the answer of the post, and the form stays as typed.
  await expect(page.getByRole('heading', { name: 'Ben je nu in gevaar? Bel meteen' })).toBeVisible()
  await expect(page.getByLabel('Straat en huisnummer')).toHaveValue('Dorpsstraat 1')
  await expectAccessible(page)
  await submit(page, 'Toch ook begeleiding vragen')
  await expect(page.getByLabel('Postcode')).toHaveAccessibleDescription(/Deze postcode klopt niet. Vul hem in zoals 1234 AB./)
  await expect(page.getByLabel('Straat en huisnummer')).toHaveValue('Dorpsstraat 1')
  await expect(page.getByLabel('Postcode')).toHaveValue('12345')
  await expectAccessible(page)

  await page.getByRole('group', { name: 'Ben je nu in gevaar, of denk je aan zelfdoding?' }).getByLabel('Nee').check()
  await page.getByLabel('Postcode').fill('3511lx')
  await submit(page, 'Vraag versturen')
  await expect(page.getByRole('heading', { name: 'Je vraag is verstuurd' })).toBeVisible()
  await expectAccessible(page)

  const link = (await page.getByTestId('tracking-link').textContent())!.trim()
  await visit(page, new URL(link).pathname)
  await expect(page.getByText('We hebben je vraag ontvangen.')).toBeVisible()
  await submit(page, 'Mijn vraag intrekken')
  await expect(page.getByText('Je vraag is ingetrokken. Je kunt altijd opnieuw een vraag stellen.')).toBeVisible()
  await expectAccessible(page)
})

test('a survivor asks, a triage worker takes the request and writes, and the survivor answers, all without JavaScript', async ({ page, browser }) => {
  const survivor = await createSurvivorAccount({ name: 'Hulpvrager zonder script' })
  const worker = await createStaffAccount({ role: 'triage', name: 'Triage zonder script' })

  await signInNoJs(page, survivor)
  await visit(page, '/hulp/begeleiding')
  await page.getByRole('group', { name: 'Ben je nu in gevaar, of denk je aan zelfdoding?' }).getByLabel('Nee').check()
  await page.getByLabel('Contact met lotgenoten').check()
  await page.getByRole('radio', { name: 'Bellen' }).check()
  await page.getByLabel('Wanneer is het veilig om te bellen?').fill('Doordeweeks na 19 uur')
  await page.getByLabel('Nee, liever niet').check()
  await page.getByLabel('Ik wil dat jullie mijn vraag gebruiken om mij te helpen').check()
  await submit(page, 'Vraag versturen')
  await expect(page.getByLabel('Telefoonnummer')).toHaveAccessibleDescription(/Je koos voor bellen. Vul een telefoonnummer in, of kies een andere manier./)
  await expect(page.getByLabel('Wanneer is het veilig om te bellen?')).toHaveValue('Doordeweeks na 19 uur')
  await expect(page.getByRole('radio', { name: 'Bellen' })).toBeChecked()
  await expectAccessible(page)
  await page.getByLabel('Telefoonnummer').fill('06-1234 5678')
  await submit(page, 'Vraag versturen')
  await expect(page).toHaveURL(/\/mijn-hulp\/[0-9a-f-]{36}\?klaar=sent$/)
  const requestId = new URL(page.url()).pathname.split('/').at(-1)!
  await expect(page.getByText('We hebben je vraag ontvangen.')).toBeVisible()
  await expectAccessible(page)

  // The triage worker takes it, then writes: first an empty message (refused), then one that goes.
  const staff = await otherPerson(browser, 241)
  await signInNoJs(staff, worker)
  await visit(staff, `/beheer/triage/${requestId}`)
  await submit(staff, 'Oppakken en contactpersoon worden')
  await expect(staff.getByText('Je bent nu de vaste contactpersoon.')).toBeVisible()
  await expectAccessible(staff)
  await submit(staff, 'Bericht versturen')
  // Without JavaScript too, the refusal stands next to the box (its accessible description).
  await expect(staff.getByLabel('Bericht aan de hulpvrager')).toHaveAccessibleDescription('Schrijf eerst een bericht.')
  await expectAccessible(staff)
  const message = 'Hallo, ik probeer je morgen na 19 uur te bellen. Past dat?'
  await staff.getByLabel('Bericht aan de hulpvrager').fill(message)
  await submit(staff, 'Bericht versturen')
  await expect(staff.getByText('Het bericht is verstuurd.')).toBeVisible()
  await expectAccessible(staff)
  await staff.context().close()

  // The survivor reads it and answers: an empty answer is refused, then it is sent.
  await visit(page, `/mijn-hulp/${requestId}`)
  await expect(page.getByText(message)).toBeVisible()
  await submit(page, 'Bericht versturen')
  await expect(page.getByLabel('Bericht aan je contactpersoon')).toHaveAccessibleDescription(/Schrijf eerst een bericht./)
  await expectAccessible(page)
  await page.getByLabel('Bericht aan je contactpersoon').fill('Morgenavond na half acht is goed.')
  await submit(page, 'Bericht versturen')
  await expect(page.getByText('Je bericht is verstuurd.')).toBeVisible()
  await expectAccessible(page)
})
