import { DEMO_ACCOUNTS } from '../db/seed/demo-accounts'
import { addVirtualAuthenticator, expect, expectAccessible, mailedLink, test } from './fixtures'
import { freshCode } from './sign-in'

const demo = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!

test.describe('survivor account', () => {
  test('registers, confirms by mail, adds TOTP, signs in with it, downloads data and deletes the account', async ({ page, visit }) => {
    test.setTimeout(240_000)
    const email = `lotgenoot-${Date.now()}@example.nl`
    const password = 'mijn verhaal mag gehoord worden'
    const used = new Set<string>()

    await visit('/registreren')
    // Bad input first: errors next to the fields, nothing typed is lost (but the password).
    await page.getByLabel('E-mailadres').fill('geen-adres')
    await page.getByLabel('Naam die anderen zien').fill('Lotje')
    await page.getByLabel('Nieuw wachtwoord').fill('kort')
    await page.getByRole('button', { name: 'Account maken' }).click()
    await expect(page.getByText('Vul een e-mailadres in zoals naam@voorbeeld.nl').first()).toBeVisible()
    await expect(page.getByLabel('Naam die anderen zien')).toHaveValue('Lotje')
    await expectAccessible(page)

    await page.getByLabel('E-mailadres').fill(email)
    await page.getByLabel('Nieuw wachtwoord').fill('password')
    await page.getByLabel('Ik heb gelezen hoe het portaal met mijn gegevens omgaat').check()
    await page.getByRole('button', { name: 'Account maken' }).click()
    await expect(page.getByText(/wordt heel vaak gebruikt/).first()).toBeVisible()
    await page.getByLabel('Nieuw wachtwoord').fill(password)
    await page.getByRole('button', { name: 'Account maken' }).click()
    await expect(page.getByRole('heading', { name: 'Kijk in je mail' })).toBeVisible()
    await expectAccessible(page)

    const confirm = await mailedLink(page, email, '/registreren/bevestigen/')
    await visit(confirm)
    await page.getByRole('button', { name: 'Bevestigen' }).click()
    await expect(page).toHaveURL(/\/inloggen/)

    await page.getByLabel('E-mailadres').fill(email)
    await page.getByLabel('Wachtwoord').fill(password)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect(page).toHaveURL(/\/account$/)
    await expect(page.getByRole('heading', { name: 'Mijn account' })).toBeVisible()
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Beveiliging instellen' }).click()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'App instellen' }).click()
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim()
    await page.getByLabel('Code van 6 cijfers').fill('123')
    await page.getByRole('button', { name: 'App koppelen' }).click()
    await expect(page.getByText('Typ de 6 cijfers uit je app, zonder letters').first()).toBeVisible()
    await page.getByLabel('Code van 6 cijfers').fill(await freshCode(secret, used))
    await page.getByRole('button', { name: 'App koppelen' }).click()
    await expect(page.getByRole('heading', { name: 'Bewaar deze herstelcodes' })).toBeVisible()
    await expect(page.getByText('Je authenticator-app is gekoppeld.')).toBeVisible()
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Uitloggen' }).click()
    await visit('/inloggen')
    await page.getByLabel('E-mailadres').fill(email)
    await page.getByLabel('Wachtwoord').fill(password)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap/)
    await expectAccessible(page)
    await page.getByLabel('Code van 6 cijfers').fill(await freshCode(secret, used))
    await page.getByRole('button', { name: 'Bevestigen' }).click()
    await expect(page).toHaveURL(/\/account$/)

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Mijn gegevens downloaden' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^mijn-gegevens-\d{4}-\d{2}-\d{2}\.zip$/)
    const bytes = await (await import('node:fs/promises')).readFile((await file.path())!)
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    expect(bytes.includes(Buffer.from('my-data.json'))).toBe(true)

    await page.getByRole('link', { name: 'Mijn account verwijderen' }).click()
    await expectAccessible(page)
    await page.getByLabel('Typ je wachtwoord om te bevestigen').fill('niet goed')
    await page.getByRole('button', { name: 'Account definitief verwijderen' }).click()
    await expect(page.getByText('Je wachtwoord klopt niet. Je account is niet verwijderd.')).toBeVisible()
    await page.getByLabel('Typ je wachtwoord om te bevestigen').fill(password)
    await page.getByRole('button', { name: 'Account definitief verwijderen' }).click()
    await expect(page.getByRole('heading', { name: 'Je account is verwijderd' })).toBeVisible()

    await visit('/inloggen')
    await page.getByLabel('E-mailadres').fill(email)
    await page.getByLabel('Wachtwoord').fill(password)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').first()).toBeVisible()
  })
})

test.describe('staff', () => {
  test('an admin signs in with TOTP, must add a passkey, and invites a triage worker who enrols TOTP', async ({ page, browser, visit }) => {
    test.setTimeout(240_000)
    const admin = demo('admin')
    const used = new Set<string>()
    await addVirtualAuthenticator(page)
    await visit('/inloggen')
    await page.getByLabel('E-mailadres').fill(admin.email)
    await page.getByLabel('Wachtwoord').fill(admin.password)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await page.getByLabel('Code van 6 cijfers').fill(await freshCode(admin.totpSecret!, used))
    await page.getByRole('button', { name: 'Bevestigen' }).click()
    // Admins need a passkey before any staff page opens.
    await expect(page).toHaveURL(/\/beheer\/tweede-factor$/)
    await expectAccessible(page)
    await page.goto('/beheer/accounts')
    await expect(page).toHaveURL(/\/beheer\/tweede-factor$/)
    await page.getByRole('button', { name: 'Passkey toevoegen' }).click()
    await expect(page.getByRole('heading', { name: 'Bewaar deze herstelcodes' })).toBeVisible()
    await page.getByRole('link', { name: 'Verder' }).click()
    await expect(page).toHaveURL(/\/beheer$/)
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Medewerkers en rollen' }).click()
    await expectAccessible(page)
    const invitee = `triage-${Date.now()}@example.nl`
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click()
    await expect(page.getByText('Kies minstens één rol').first()).toBeVisible()
    await page.getByLabel('E-mailadres').fill(invitee)
    await page.getByRole('group', { name: 'Rollen' }).getByLabel('Triagemedewerker').check()
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click()
    await expect(page.getByText('De uitnodiging is verstuurd.')).toBeVisible()

    const link = await mailedLink(page, invitee, '/uitnodiging/')
    const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.251' } })
    const staffPage = await context.newPage()
    await staffPage.goto(link)
    await expectAccessible(staffPage)
    await staffPage.getByLabel('Naam die anderen zien').fill('Tess')
    await staffPage.getByLabel('Nieuw wachtwoord').fill('triage is mensenwerk')
    await staffPage.getByRole('button', { name: 'Account aanmaken' }).click()
    await staffPage.getByLabel('E-mailadres').fill(invitee)
    await staffPage.getByLabel('Wachtwoord').fill('triage is mensenwerk')
    await staffPage.getByRole('button', { name: 'Inloggen' }).click()
    await expect(staffPage).toHaveURL(/\/beheer\/tweede-factor$/)
    await staffPage.getByRole('button', { name: 'App instellen' }).click()
    const secret = (await staffPage.getByTestId('totp-secret').textContent())!.trim()
    await staffPage.getByLabel('Code van 6 cijfers').fill(await freshCode(secret, used))
    await staffPage.getByRole('button', { name: 'App koppelen' }).click()
    await expect(staffPage.getByRole('heading', { name: 'Bewaar deze herstelcodes' })).toBeVisible()
    await staffPage.getByRole('link', { name: 'Verder' }).click()
    await expect(staffPage.getByRole('heading', { name: 'Beheer' })).toBeVisible()
    await expectAccessible(staffPage)
    // A triage worker is not an admin.
    const denied = await staffPage.goto('/beheer/accounts')
    expect(denied?.status()).toBe(403)
    await context.close()
  })

  test('an assessor signs in with a passkey', async ({ page, visit }) => {
    test.setTimeout(240_000)
    const assessor = demo('assessor')
    await addVirtualAuthenticator(page)
    const signIn = async () => {
      await visit('/inloggen')
      await page.getByLabel('E-mailadres').fill(assessor.email)
      await page.getByLabel('Wachtwoord').fill(assessor.password)
      await page.getByRole('button', { name: 'Inloggen' }).click()
    }
    await signIn()
    await page.getByLabel('Code van 6 cijfers').fill(await freshCode(assessor.totpSecret!, new Set()))
    await page.getByRole('button', { name: 'Bevestigen' }).click()
    await expect(page).toHaveURL(/\/beheer\/tweede-factor$/)
    await page.getByRole('button', { name: 'Passkey toevoegen' }).click()
    await page.getByRole('link', { name: 'Verder' }).click()
    await page.getByRole('button', { name: 'Uitloggen' }).click()

    await signIn()
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap/)
    // With a passkey on file, the code option is not offered to an assessor.
    await expect(page.getByLabel('Code van 6 cijfers')).toHaveCount(0)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Inloggen met passkey' }).click()
    await expect(page).toHaveURL(/\/beheer$/)
    await expect(page.getByRole('heading', { name: 'Beheer' })).toBeVisible()
  })

  test('a staff page refuses a session without a second factor', async ({ page, visit }) => {
    const moderator = demo('moderator')
    await visit('/inloggen')
    await page.getByLabel('E-mailadres').fill(moderator.email)
    await page.getByLabel('Wachtwoord').fill(moderator.password)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap/)
    await page.goto('/beheer')
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap/)
    await expect(page.getByRole('heading', { name: 'Tweede stap' })).toBeVisible()
  })
})

test('the 11th rapid sign-in attempt is refused with 429 and a clear message', async ({ page, request, visit }) => {
  const headers = { 'X-Forwarded-For': '198.51.100.252', Origin: new URL(page.url() || 'http://localhost:3100').origin }
  let last = 0
  for (let i = 1; i <= 11; i++) {
    const response = await request.post('/inloggen?index', {
      headers: { 'X-Forwarded-For': headers['X-Forwarded-For'] },
      form: { email: 'bestaat.niet@example.nl', password: `poging ${i}` },
      maxRedirects: 0,
    })
    last = response.status()
    if (i <= 10) expect(last, `attempt ${i}`).toBe(400)
  }
  expect(last).toBe(429)
  // A person sees it in words, next to the form.
  await visit('/inloggen')
  const context = page.context()
  await context.setExtraHTTPHeaders({ 'X-Forwarded-For': '198.51.100.252' })
  await page.getByLabel('E-mailadres').fill('bestaat.niet@example.nl')
  await page.getByLabel('Wachtwoord').fill('nog een keer')
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect(page.getByText('Je hebt het te vaak achter elkaar geprobeerd.').first()).toBeVisible()
})
