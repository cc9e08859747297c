import { randomBytes } from 'node:crypto'
import type { Browser, Page } from '@playwright/test'
import type postgres from 'postgres'
import { hashPassword } from '../app/auth/password.server'
import { newTotpSecret } from '../app/auth/totp'
import { createFieldCrypto } from '../app/privacy/field-crypto.server'
import { JEUGDZORG_DEMO_2026 } from '../app/scheme/schemes'
import { expect, expectAccessible, test } from './fixtures'
import { connectPortalDb, e2eSecrets } from './portal-db'
import { signInAddingPasskey } from './sign-in'

/**
 * Issue 17's journey for a paper application: an intake staff member enters it with its scanned
 * pages for a 78-year-old; it is first in the assessors' queue, marked fast track; one assessor
 * proposes, another confirms; the case document (v2) records the channel; the applicant claims
 * it with the letter code and sees its status. axe on every page.
 */

const PASSWORD = 'een lange zin voor de papieren aanvraag'
const suffix = randomBytes(4).toString('hex')
const staff = [
  { email: `intake-${suffix}@example.nl`, role: 'intake', totp: newTotpSecret() },
  { email: `beoordelaar-a-${suffix}@example.nl`, role: 'assessor', totp: newTotpSecret() },
  { email: `beoordelaar-b-${suffix}@example.nl`, role: 'assessor', totp: newTotpSecret() },
]
const applicant = { email: `papier-${suffix}@example.nl` }
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
let sql: postgres.Sql
let crypto: ReturnType<typeof createFieldCrypto>

test.beforeAll(async () => {
  const secrets = e2eSecrets()
  sql = connectPortalDb({ max: 2 })
  crypto = createFieldCrypto({ encryptionKeys: secrets.DATA_ENCRYPTION_KEYS, lookupKey: secrets.LOOKUP_HASH_KEY })
  const passwordHash = await hashPassword(PASSWORD)
  for (const s of staff) {
    const [user] = await sql`insert into users (email, password_hash, display_name, kind, email_verified_at) values (${s.email}, ${passwordHash}, ${s.role}, 'staff', now()) returning id`
    await sql`insert into user_roles (user_id, role) values (${user!.id}, ${s.role})`
    await sql`insert into totp_factors (user_id, secret_encrypted, confirmed_at) values (${user!.id}, ${crypto.encryptField(s.totp)}, now())`
  }
  const [survivor] = await sql`insert into users (email, password_hash, display_name, kind, email_verified_at) values (${applicant.email}, ${passwordHash}, 'Gerrit', 'survivor', now()) returning id`
  await sql`insert into user_roles (user_id, role) values (${survivor!.id}, 'survivor')`
  await sql`insert into schemes (code, version, config) values (${JEUGDZORG_DEMO_2026.code}, ${JEUGDZORG_DEMO_2026.version}, ${sql.json(JEUGDZORG_DEMO_2026)}) on conflict do nothing`
})

test.afterAll(async () => {
  await sql?.end()
})

async function newClient(browser: Browser, n: number) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${140 + n}` }, locale: 'nl-NL' })
  return { context, page: await context.newPage() }
}

const field = (page: Page, name: string) => page.locator(`[name="${name}"]`)

async function fillRegistration(page: Page) {
  const birthYear = String(new Date().getUTCFullYear() - 78)
  await field(page, 'channel').and(page.locator('[value="paper"]')).check()
  await field(page, 'receivedOn').fill(new Date().toISOString().slice(0, 10))
  await page.getByLabel("De gescande pagina's").setInputFiles({ name: 'aanvraag-gescand.pdf', mimeType: 'application/pdf', buffer: PDF })
  await field(page, 'applicant.kind').and(page.locator('[value="self"]')).check()
  const values: Record<string, string> = {
    'personal.fullName': 'Gerrit de Vries',
    'personal.dateOfBirth.day': '4',
    'personal.dateOfBirth.month': '2',
    'personal.dateOfBirth.year': birthYear,
    'personal.bsn': '123456782',
    'personal.street': 'Dorpsstraat',
    'personal.houseNumber': '3',
    'personal.postcode': '8011 AB',
    'personal.town': 'Zwolle',
    'personal.iban': 'NL91ABNA0417164300',
    'personal.accountHolder': 'G. de Vries',
    'placement.from': '1958',
    'placement.to': '1963',
    'placement.place': 'Huize Voorbeeld',
    'placement.municipality': 'Zwolle',
    'harm.ownWords': 'In het tehuis werd ik geslagen en opgesloten.',
  }
  for (const [name, value] of Object.entries(values)) await field(page, name).fill(value)
  await field(page, 'placement.kind').selectOption('residentialYouthCare')
  await field(page, 'placement.inNetherlands').and(page.locator('[value="yes"]')).check()
  await field(page, 'harm.kinds').and(page.locator('[value="physical"]')).check()
  await field(page, 'conversation.wish').and(page.locator('[value="no"]')).check()
}

test('a paper application: entered with its scan, fast-tracked, assessed with four eyes, claimed with the letter code', async ({ page, browser }) => {
  test.setTimeout(360_000)

  // Intake enters the paper application (passkey sign-in, like an assessor).
  await signInAddingPasskey(page, { email: staff[0]!.email, password: PASSWORD, totpSecret: staff[0]!.totp })
  await page.goto('/beheer/aanvragen/registreren')
  await expect(page.getByRole('heading', { level: 1, name: 'Aanvraag invoeren' })).toBeVisible()
  await expectAccessible(page)
  await fillRegistration(page)
  await page.getByRole('button', { name: 'Aanvraag invoeren' }).click()
  await expect(page.getByRole('heading', { name: 'De aanvraag is ingevoerd' })).toBeVisible()
  await expectAccessible(page)
  const reference = (await page.getByText(/Het nummer van de aanvraag is/).textContent())!.match(/JZ-\d{4}-\d{6}/)![0]
  const code = (await page.locator('.letter-code strong').textContent())!.trim()
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
  // The first letter, with the code, for posting.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Brief met de code afdrukken (pdf)' }).click()])
  expect(download.suggestedFilename()).toBe(`${reference}-code.pdf`)
  const [app] = await sql`select a.id, a.fast_track, r.channel from applications a join application_registrations r on r.application_id = a.id where a.reference = ${reference}`
  expect(app).toMatchObject({ fast_track: true, channel: 'paper' })

  // Assessor A: first in the queue, marked fast track; the case shows how it came in.
  const a = await newClient(browser, 1)
  await signInAddingPasskey(a.page, { email: staff[1]!.email, password: PASSWORD, totpSecret: staff[1]!.totp })
  await a.page.goto('/beheer/aanvragen')
  await expectAccessible(a.page)
  const firstRow = a.page.locator('tbody tr').first()
  await expect(firstRow).toContainText(reference)
  await expect(firstRow).toContainText('Voorrang: 75 jaar of ouder')
  await firstRow.getByRole('link', { name: reference }).click()
  await expect(a.page.getByText(/Op papier, op .*Ingevoerd door intake-/)).toBeVisible()
  await expectAccessible(a.page)
  await a.page.getByLabel('Toekennen').check()
  await a.page.getByLabel('Motivering').fill('De plaatsing en het geweld zijn aannemelijk gemaakt.')
  await a.page.getByRole('button', { name: 'Voorstel opslaan' }).click()
  await expect(a.page.getByRole('status')).toContainText('Je voorstel is opgeslagen')
  await expectAccessible(a.page)

  // Assessor B confirms (four eyes).
  const b = await newClient(browser, 2)
  await signInAddingPasskey(b.page, { email: staff[2]!.email, password: PASSWORD, totpSecret: staff[2]!.totp })
  await b.page.goto(`/beheer/aanvragen/${app!.id}`)
  await expectAccessible(b.page)
  await b.page.getByRole('button', { name: 'Voorstel bevestigen' }).click()
  await expect(b.page.getByRole('status')).toContainText('Het voorstel is bevestigd')
  await expectAccessible(b.page)

  // The sealed case document v2 records the channel and who entered it (pseudonymously).
  const [sealed] = await sql`select payload_encrypted from handoff_outbox where application_id = ${app!.id}`
  const frozen = JSON.parse(crypto.decryptField(sealed!.payload_encrypted as string)) as { v2: { intake: unknown } }
  expect(frozen.v2.intake).toMatchObject({ channel: 'paper', enteredBy: { staffRef: expect.stringMatching(/^staff-/) } })

  // The applicant claims it with the letter code and sees its status.
  const applicantClient = await newClient(browser, 3)
  const s = applicantClient.page
  await s.goto('/inloggen')
  await s.getByLabel('E-mailadres').fill(applicant.email)
  await s.getByLabel('Wachtwoord').fill(PASSWORD)
  await s.getByRole('button', { name: 'Inloggen' }).click()
  await s.waitForURL((url) => !url.pathname.startsWith('/inloggen'))
  await s.goto('/mijn-aanvraag/ophalen')
  await expectAccessible(s)
  await s.getByLabel('Briefcode').fill('AAAA-BBBB-CCCC')
  await s.getByRole('button', { name: 'Aanvraag ophalen' }).click()
  await expect(s.getByText('Deze code werkt niet.').first()).toBeVisible()
  await expectAccessible(s)
  await s.getByLabel('Briefcode').fill(code.toLowerCase())
  await s.getByRole('button', { name: 'Aanvraag ophalen' }).click()
  await expect(s).toHaveURL(/\/mijn-aanvraag$/)
  await expect(s.getByText(reference).first()).toBeVisible()
  await expect(s.getByText('Wordt beoordeeld').first()).toBeVisible()
  await expectAccessible(s)

  for (const c of [a, b, applicantClient]) await c.context.close()
})
