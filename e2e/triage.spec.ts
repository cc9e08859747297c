import { readFileSync } from 'node:fs'
import type { Browser, Page } from '@playwright/test'
import { DEMO_ACCOUNTS } from '../db/seed/demo-accounts'
import { SECOND_TRIAGE_DEMO } from '../db/seed/triage'
import { addVirtualAuthenticator, expect, expectAccessible, test } from './fixtures'
import { connectPortalDb } from './portal-db'
import { freshCode } from './sign-in'
import { createStaffAccount } from './staff-accounts'

const demo = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!
const usedCodes = new Set<string>()

// One worker for this file: the journeys sign in as the same demo staff, and a TOTP code may
// be used only once, so two workers would spend each other's codes.
test.describe.configure({ mode: 'serial' })

async function newClient(browser: Browser, n: number) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${200 + n}` }, locale: 'nl-NL' })
  return context.newPage()
}

async function signIn(page: Page, email: string, password: string, totpSecret?: string) {
  await page.goto('/inloggen')
  await expectAccessible(page)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  if (totpSecret) {
    await page.getByLabel('Code van 6 cijfers').fill(await freshCode(totpSecret, usedCodes))
    await page.getByRole('button', { name: 'Bevestigen' }).click()
    await expect(page).toHaveURL(/\/beheer$/)
  } else {
    await expect(page).toHaveURL(/\/account$/)
  }
}

async function medianText(page: Page) {
  await page.goto('/beheer/triage/dashboard')
  await expectAccessible(page)
  return (await page.getByTestId('median-first-contact').textContent())?.trim()
}

test('a survivor asks for guidance; a triage worker guides them to care with one fixed contact person', async ({ page, browser, visit }) => {
  test.setTimeout(240_000)
  const survivor = demo('survivor')
  const worker = demo('triage')

  // The survivor asks, first with bad input (nothing typed is lost), then with no voicemail and a safe time.
  await signIn(page, survivor.email, survivor.password)
  await visit('/hulp/begeleiding')
  const danger = page.getByRole('group', { name: 'Ben je nu in gevaar, of denk je aan zelfdoding?' })
  await danger.getByLabel('Ja').check()
  await expect(page.getByRole('heading', { name: 'Ben je nu in gevaar? Bel meteen' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'bel 113' })).toHaveAttribute('href', 'tel:113')
  await expect(page.getByRole('link', { name: 'bel 112' })).toHaveAttribute('href', 'tel:112')
  await expectAccessible(page)
  await danger.getByLabel('Nee').check()
  await page.getByLabel('Contact met lotgenoten').check()
  await page.getByRole('radio', { name: 'Bellen' }).check()
  await page.getByLabel('Wanneer is het veilig om te bellen?').fill('Doordeweeks na 19 uur')
  await page.getByLabel('Nee, liever niet').check()
  await page.getByLabel('Ik wil dat jullie mijn vraag gebruiken om mij te helpen').check()
  await page.getByRole('button', { name: 'Vraag versturen' }).click()
  await expect(page.getByText('Je koos voor bellen. Vul een telefoonnummer in, of kies een andere manier.').first()).toBeVisible()
  await expect(page.getByLabel('Wanneer is het veilig om te bellen?')).toHaveValue('Doordeweeks na 19 uur')
  await expectAccessible(page)
  await page.getByLabel('Telefoonnummer').fill('06-1234 5678')
  await page.getByRole('button', { name: 'Vraag versturen' }).click()
  await expect(page).toHaveURL(/\/mijn-hulp\/[0-9a-f-]{36}\?klaar=sent$/)
  const requestId = new URL(page.url()).pathname.split('/').at(-1)!
  await expect(page.getByText('We hebben je vraag ontvangen.')).toBeVisible()
  await expectAccessible(page)

  // The triage worker takes it and becomes the fixed contact person.
  const staff = await newClient(browser, 1)
  await signIn(staff, worker.email, worker.password, worker.totpSecret)
  const before = await medianText(staff)
  await staff.goto('/beheer/triage')
  await expectAccessible(staff)
  await staff.goto(`/beheer/triage/${requestId}`)
  await expectAccessible(staff)
  await expect(staff.getByText('06 12345678')).toHaveCount(0)
  await staff.getByRole('button', { name: 'Oppakken en contactpersoon worden' }).click()
  await expect(staff.getByText('Je bent nu de vaste contactpersoon.')).toBeVisible()
  await expect(staff.getByText('06 12345678')).toBeVisible()
  await expect(staff.getByText('Doordeweeks na 19 uur')).toBeVisible()
  await expect(staff.getByText('Niet inspreken')).toBeVisible()
  // No voicemail was allowed, so it cannot even be chosen.
  await expect(staff.getByLabel('Voicemail ingesproken')).toHaveCount(0)
  await expectAccessible(staff)

  await staff.getByLabel('Geen gehoor').check()
  await staff.getByRole('button', { name: 'Poging vastleggen' }).click()
  await expect(staff.getByText('De poging is vastgelegd.')).toBeVisible()
  await staff.getByLabel('Nieuwe notitie').fill('Belde om 19.15 uur, geen gehoor. Morgen via het portaal.')
  await staff.getByRole('button', { name: 'Notitie opslaan' }).click()
  await expect(staff.getByText('De notitie is opgeslagen.')).toBeVisible()
  await staff.getByLabel('Bericht aan de hulpvrager').fill('Hallo, ik heb je net gebeld maar kreeg je niet te pakken. Wanneer schikt het?')
  await staff.getByRole('button', { name: 'Bericht versturen' }).click()
  await expect(staff.getByText('Het bericht is verstuurd.')).toBeVisible()
  await expectAccessible(staff)
  // The portal message reached the survivor: first contact, so the figure moves.
  const after = await medianText(staff)
  expect(after).not.toEqual(before)

  // The survivor sees the contact person's first name and the message (never the notes), and answers.
  await visit(`/mijn-hulp/${requestId}`)
  await expect(page.getByText('Je contactpersoon is Demo.')).toBeVisible()
  await expect(page.getByText('Je hebt een vaste contactpersoon gekregen.')).toBeVisible()
  await expect(page.getByText('Hallo, ik heb je net gebeld maar kreeg je niet te pakken. Wanneer schikt het?')).toBeVisible()
  await expect(page.getByText('Belde om 19.15 uur')).toHaveCount(0)
  await page.getByLabel('Bericht aan je contactpersoon').fill('Morgenavond na half acht is goed.')
  await page.getByRole('button', { name: 'Bericht versturen' }).click()
  await expect(page.getByText('Je bericht is verstuurd.')).toBeVisible()
  await expectAccessible(page)

  // The worker proposes a peer-support organisation, with exactly these fields.
  await staff.goto(`/beheer/triage/${requestId}`)
  await expect(staff.getByText('Morgenavond na half acht is goed.')).toBeVisible()
  await staff.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Be4You2' })
  await staff.getByRole('button', { name: 'Doorverwijzing vastleggen' }).click()
  await expect(staff.getByText('De hulpvrager krijgt de vraag om toestemming.')).toBeVisible()

  // The survivor sees what would be shared and agrees for this organisation.
  await visit(`/mijn-hulp/${requestId}`)
  await expect(page.getByRole('heading', { name: 'Mogen we je doorverwijzen?' })).toBeVisible()
  await expect(page.getByText('Hoe ze je kunnen bereiken (nummer, e-mail of adres)')).toBeVisible()
  await page.getByRole('button', { name: 'Ja, deel dit met Be4You2' }).click()
  await expect(page.getByText('Dank je. We hebben je gegevens doorgegeven.')).toBeVisible()
  await expect(page.getByText('Je bent doorverwezen naar Be4You2.')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Wat we met wie hebben gedeeld' }).getByText('Be4You2', { exact: true })).toBeVisible()
  await expectAccessible(page)

  // Later: care has started.
  await staff.goto(`/beheer/triage/${requestId}`)
  await staff.getByRole('button', { name: 'De zorg is begonnen' }).click()
  await expect(staff.getByText('Vastgelegd: de zorg is begonnen.')).toBeVisible()
  await visit(`/mijn-hulp/${requestId}`)
  await expect(page.getByText('Je hulp is begonnen. Fijn dat het gelukt is.')).toBeVisible()

  // A second triage worker cannot read the first one's notes without taking over; the attempt is logged.
  const other = await newClient(browser, 2)
  await signIn(other, SECOND_TRIAGE_DEMO.email, SECOND_TRIAGE_DEMO.password, SECOND_TRIAGE_DEMO.totpSecret)
  await other.goto(`/beheer/triage/${requestId}`)
  await expect(other.getByRole('heading', { name: 'Een collega is contactpersoon' })).toBeVisible()
  await expect(other.getByText('Belde om 19.15 uur')).toHaveCount(0)
  await expect(other.getByText('06 12345678')).toHaveCount(0)
  await expect(other.getByRole('button', { name: 'Vraag overnemen' })).toBeVisible()
  await expectAccessible(other)

  const sql = connectPortalDb()
  try {
    const rows = await sql`select outcome from audit_log where object_id = ${requestId} and action = 'helpRequest.detailsAttempt'`
    expect(rows.map((r) => r.outcome)).toEqual(['denied'])
  } finally {
    await sql.end()
  }
  await staff.context().close()
  await other.context().close()
})

test('a guest asks for guidance and keeps a private tracking link', async ({ page, visit }) => {
  await visit('/hulp/begeleiding')
  await page.getByRole('group', { name: 'Ben je nu in gevaar, of denk je aan zelfdoding?' }).getByLabel('Nee').check()
  await page.getByLabel('Iemand om mee te praten').check()
  await page.getByLabel('Brief').check()
  await page.getByLabel('Straat en huisnummer').fill('Dorpsstraat 1')
  await page.getByLabel('Postcode').fill('12345')
  await page.getByLabel('Plaats', { exact: true }).fill('Utrecht')
  await page.getByLabel('Ik wil dat jullie mijn vraag gebruiken om mij te helpen').check()
  await page.getByRole('button', { name: 'Vraag versturen' }).click()
  await expect(page.getByText('Deze postcode klopt niet. Vul hem in zoals 1234 AB.').first()).toBeVisible()
  await expect(page.getByLabel('Straat en huisnummer')).toHaveValue('Dorpsstraat 1')
  await page.getByLabel('Postcode').fill('3511lx')
  await page.getByRole('button', { name: 'Vraag versturen' }).click()
  await expect(page.getByRole('heading', { name: 'Je vraag is verstuurd' })).toBeVisible()
  await expectAccessible(page)
  const link = (await page.getByTestId('tracking-link').textContent())!.trim()
  await visit(new URL(link).pathname)
  await expect(page.getByText('We hebben je vraag ontvangen.')).toBeVisible()
  await page.getByRole('button', { name: 'Mijn vraag intrekken' }).click()
  await expect(page.getByText('Je vraag is ingetrokken. Je kunt altijd opnieuw een vraag stellen.')).toBeVisible()
  await expectAccessible(page)
})

test('staff keep the help guide up to date', async ({ page }) => {
  const worker = demo('triage')
  await signIn(page, worker.email, worker.password, worker.totpSecret)
  await page.goto('/beheer/hulpgids')
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Be4You2' }).click()
  await expect(page.getByRole('heading', { name: 'Organisatie bewerken' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Contactmogelijkheden').fill('website | http://onveilig.example')
  await page.getByRole('button', { name: 'Opslaan' }).click()
  await expect(page.getByText('Een regel klopt niet.').first()).toBeVisible()
  await expect(page.getByLabel('Contactmogelijkheden')).toHaveValue('website | http://onveilig.example')
  await expectAccessible(page)
  await page.getByLabel('Contactmogelijkheden').fill('website | https://be4you2.example')
  await page.getByRole('button', { name: 'Opslaan' }).click()
  await expect(page.getByText('De wijzigingen zijn opgeslagen.')).toBeVisible()
  await page.getByRole('link', { name: 'Be4You2' }).click()
  await page.getByRole('button', { name: 'Vandaag gecontroleerd' }).click()
  await expect(page.getByText('Gemarkeerd als vandaag gecontroleerd.')).toBeVisible()
  await expectAccessible(page)
})

test('an admin sees anonymised figures with small counts suppressed and downloads them as CSV', async ({ page }) => {
  const admin = await createStaffAccount({ role: 'admin', name: 'Cijfers beheerder' })
  await addVirtualAuthenticator(page)
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(admin.email)
  await page.getByLabel('Wachtwoord').fill(admin.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(admin.totpSecret!, usedCodes))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page).toHaveURL(/\/beheer\/tweede-factor$/)
  await page.getByRole('button', { name: 'Passkey toevoegen' }).click()
  await page.getByRole('link', { name: 'Verder' }).click()
  await expect(page).toHaveURL(/\/beheer$/)
  await page.goto('/beheer/cijfers')
  await expect(page.getByRole('heading', { level: 1, name: 'Geanonimiseerde cijfers' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Naar plaatsing' }).getByText('<5').first()).toBeVisible()
  await expectAccessible(page)
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download als CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^hulpvragen-cijfers-\d{4}-\d{2}-\d{2}\.csv$/)
  const text = readFileSync((await file.path())!, 'utf8')
  expect(text.split('\r\n')[0]).toBe('dimension,value,count')
  expect(text).toContain('<5')
})
