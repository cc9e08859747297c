import { randomBytes, randomInt } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
// ajv 6 comes with the toolchain (eslint); it reads the published draft-07 schema as any consumer would.
import Ajv from 'ajv'
import { newTotpSecret } from '../app/auth/totp'
import type postgres from 'postgres'
import { hashPassword } from '../app/auth/password.server'
import { createFieldCrypto } from '../app/privacy/field-crypto.server'
import { JEUGDZORG_DEMO_2026 } from '../app/scheme/schemes'
import { startReceiver, type Receiver } from '../scripts/schadefonds-receiver'
import { expect, expectAccessible, test } from './fixtures'
import { connectPortalDb, e2eSecrets } from './portal-db'
import { signInAddingPasskey } from './sign-in'

// The portal delivers to SCHADEFONDS_URL (default http://127.0.0.1:4600/cases); Playwright
// passes this process's environment on to the portal it starts, so both sides agree.
const SCHADEFONDS_URL = process.env.SCHADEFONDS_URL ?? 'http://127.0.0.1:4600/cases'
const PORT = Number(process.env.E2E_PORT ?? 3100)
const baseURL = `http://localhost:${PORT}`
const PASSWORD = 'een lange zin voor de beoordeling'

type Secrets = { EMBEDDED_PG_PASSWORD: string; DATA_ENCRYPTION_KEYS: string; LOOKUP_HASH_KEY: string; WEBHOOK_SECRET: string }

let secrets: Secrets
let sql: postgres.Sql
let receiver: Receiver
const suffix = randomBytes(4).toString('hex')
const assessors = [
  { email: `beoordelaar-een-${suffix}@example.nl`, totp: newTotpSecret() },
  { email: `beoordelaar-twee-${suffix}@example.nl`, totp: newTotpSecret() },
]
const applicant = { email: `aanvrager-${suffix}@example.nl` }
let application: { id: string; reference: string }

test.beforeAll(async () => {
  secrets = e2eSecrets()
  sql = connectPortalDb({ max: 2 })
  const crypto = createFieldCrypto({ encryptionKeys: secrets.DATA_ENCRYPTION_KEYS, lookupKey: secrets.LOOKUP_HASH_KEY })
  const passwordHash = await hashPassword(PASSWORD)

  // Two assessors of our own (the demo assessor may already hold another spec's passkey).
  for (const [i, a] of assessors.entries()) {
    const [user] = await sql`insert into users (email, password_hash, display_name, kind, email_verified_at) values (${a.email}, ${passwordHash}, ${`Beoordelaar ${i + 1}`}, 'staff', now()) returning id`
    await sql`insert into user_roles (user_id, role) values (${user!.id}, 'assessor')`
    await sql`insert into totp_factors (user_id, secret_encrypted, confirmed_at) values (${user!.id}, ${crypto.encryptField(a.totp)}, now())`
  }
  const [survivor] = await sql`insert into users (email, password_hash, display_name, kind, email_verified_at) values (${applicant.email}, ${passwordHash}, 'Aanvrager', 'survivor', now()) returning id`
  await sql`insert into user_roles (user_id, role) values (${survivor!.id}, 'survivor')`

  // A submitted application, stored as the applicant's side stores it (sensitive fields encrypted).
  await sql`insert into schemes (code, version, config) values (${JEUGDZORG_DEMO_2026.code}, ${JEUGDZORG_DEMO_2026.version}, ${sql.json(JEUGDZORG_DEMO_2026)}) on conflict do nothing`
  const [scheme] = await sql`select id from schemes where code = ${JEUGDZORG_DEMO_2026.code} and version = ${JEUGDZORG_DEMO_2026.version}`
  const reference = `JZ-2026-${String(900_000 + randomInt(0, 99_999))}`
  const answers = {
    applicant: { kind: 'self' },
    personal: { fullName: 'Voorbeeld Persoon', email: applicant.email, accountHolder: 'V. Persoon', bsnMasked: '*****2333', ibanMasked: 'NL91 **** 4300', hasPhone: false },
    placements: [{ from: '1971-09', to: '1976-06', kind: 'residentialYouthCare', place: 'Voorbeeldhuis', municipality: 'Zeist', inNetherlands: 'yes' }],
    placementsDone: true,
    harm: { mode: 'write', kinds: ['physical', 'psychological'], ownWords: 'Een verzonnen beschrijving voor de test.' },
    evidence: { searchRecords: true, done: true },
    conversation: { wish: 'no' },
  }
  const [app] = await sql`
    insert into applications (scheme_id, applicant_user_id, reference, status, answers, applicant_name, bsn_encrypted, bsn_hash, iban_encrypted, date_of_birth_encrypted, address_encrypted, submitted_at)
    values (${scheme!.id}, ${survivor!.id}, ${reference}, 'submitted', ${sql.json(answers)}, 'Voorbeeld Persoon',
      ${crypto.encryptField('111222333')}, ${crypto.lookupHash({ kind: 'bsn', value: '111222333' })}, ${crypto.encryptField('NL91ABNA0417164300')},
      ${crypto.encryptField('1962-05-17')}, ${crypto.encryptField(JSON.stringify({ street: 'Voorbeeldstraat', houseNumber: '12a', postcode: '3511 AB', town: 'Utrecht' }))}, now())
    returning id, reference`
  await sql`insert into application_events (application_id, status) values (${app!.id}, 'submitted')`
  application = { id: app!.id as string, reference: app!.reference as string }

  receiver = await startReceiver({
    port: Number(new URL(SCHADEFONDS_URL).port),
    secret: secrets.WEBHOOK_SECRET,
    dataDir: mkdtempSync(path.join(tmpdir(), 'e2e-receiver-')),
    portalInboundUrl: `${baseURL}/api/schadefonds/events`,
  })
})

test.afterAll(async () => {
  await receiver?.close()
  await sql?.end()
})

async function openCase(page: Page) {
  await page.goto('/beheer/aanvragen')
  await expectAccessible(page)
  await page.getByRole('link', { name: application.reference }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Aanvraag ${application.reference}` })).toBeVisible()
  await expectAccessible(page)
}

async function newClient(browser: Browser, n: number) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${200 + n}` }, locale: 'nl-NL' })
  return { context, page: await context.newPage() }
}

test('assessment with four eyes, hand-off to the Schadefonds and its report back', async ({ page, browser }) => {
  test.setTimeout(300_000)

  // Assessor 1 opens the case: masked numbers, the full BSN only on request (fresh sign-in).
  await signInAddingPasskey(page, { email: assessors[0]!.email, password: PASSWORD, totpSecret: assessors[0]!.totp })
  await openCase(page)
  await expect(page.getByText('*****2333')).toBeVisible()
  await expect(page.getByText('111222333')).toHaveCount(0)
  await page.getByRole('link', { name: 'Toon het volledige BSN' }).click()
  await expect(page.getByText('111222333')).toBeVisible()
  await expectAccessible(page)

  // Assessor 1 asks for more information.
  await page.getByLabel('Je vraag').fill('Weet u nog in welk jaar u naar het Voorbeeldhuis ging?')
  await page.getByRole('button', { name: 'Vraag versturen' }).click()
  await expect(page.getByRole('status')).toContainText('Je vraag is verstuurd')
  await expectAccessible(page)

  // The applicant sees the question in the portal and answers it there.
  const survivor = await newClient(browser, 1)
  await survivor.page.goto('/inloggen')
  await survivor.page.getByLabel('E-mailadres').fill(applicant.email)
  await survivor.page.getByLabel('Wachtwoord').fill(PASSWORD)
  await survivor.page.getByRole('button', { name: 'Inloggen' }).click()
  await survivor.page.waitForURL((url) => !url.pathname.startsWith('/inloggen'))
  await survivor.page.goto('/mijn-aanvraag')
  await expect(survivor.page.getByText('Weet u nog in welk jaar')).toBeVisible()
  await expectAccessible(survivor.page)
  await survivor.page.getByLabel('Je antwoord').fill('In 1971, in september.')
  await survivor.page.getByRole('button', { name: 'Antwoord versturen' }).click()
  await expect(survivor.page.getByText('In 1971, in september.')).toBeVisible()
  await expectAccessible(survivor.page)

  // Assessor 1 sees the answer and proposes "grant".
  await page.goto(`/beheer/aanvragen/${application.id}`)
  await expect(page.getByText('In 1971, in september.')).toBeVisible()
  await page.getByLabel('Toekennen').check()
  await page.getByLabel('Motivering').fill('De plaatsing en het geweld zijn aannemelijk gemaakt.')
  await page.getByRole('button', { name: 'Voorstel opslaan' }).click()
  await expect(page.getByRole('status')).toContainText('Je voorstel is opgeslagen')
  await expectAccessible(page)

  // Assessor 1 cannot confirm their own proposal: no button, and the server refuses it too.
  await expect(page.getByText('Dit is jouw voorstel.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Voorstel bevestigen' })).toHaveCount(0)
  const forced = await page.request.post(`/beheer/aanvragen/${application.id}`, { form: { intent: 'confirm' }, maxRedirects: 0 })
  expect(forced.status()).toBe(403)

  // Assessor 2 confirms.
  const second = await newClient(browser, 2)
  await signInAddingPasskey(second.page, { email: assessors[1]!.email, password: PASSWORD, totpSecret: assessors[1]!.totp })
  await openCase(second.page)
  await second.page.getByRole('button', { name: 'Voorstel bevestigen' }).click()
  await expect(second.page.getByRole('status')).toContainText('Het voorstel is bevestigd')
  await expectAccessible(second.page)

  // The receiver gets a correctly signed case (it stores only verified deliveries) that
  // validates against the published JSON Schema.
  let stored: { webhookId: string; document: unknown } | null = null
  await expect
    .poll(
      async () => {
        const res = await fetch(`${receiver.url}/cases/${application.id}`)
        stored = res.ok ? ((await res.json()) as { webhookId: string; document: unknown }) : null
        return stored?.webhookId ?? null
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(`case_${application.id}_v1`)
  const schema = (await (await page.request.get('/schemas/case-v1.json')).json()) as object
  const validate = new Ajv({ allErrors: true, format: 'full' }).compile(schema)
  expect(validate(stored!.document), JSON.stringify(validate.errors)).toBe(true)
  expect(stored!.document).toMatchObject({ reference: application.reference, applicant: { bsn: '111222333' }, assessment: { proposedOutcome: 'grant' } })
  expect(receiver.stats()).toMatchObject({ unique: 1, rejected: 0, processedTwice: 0 })

  // The Schadefonds reports "received" and "paid"; the applicant sees it.
  for (const report of [{ event: 'received' }, { event: 'paid', amountCents: 500_000 }]) {
    const res = await fetch(`${receiver.url}/report`, {
      method: 'POST',
      body: JSON.stringify({ ...report, caseId: application.id, reference: application.reference }),
    })
    expect(await res.json()).toMatchObject({ delivered: true, portalStatus: 200 })
  }
  await survivor.page.goto('/mijn-aanvraag')
  await expect(survivor.page.getByText('Betaald').first()).toBeVisible()
  await expectAccessible(survivor.page)

  await survivor.context.close()
  await second.context.close()
})
