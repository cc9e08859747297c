import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { createFieldCrypto } from '../app/privacy/field-crypto.server'
import { expect, expectAccessible, mailedLink, test } from './fixtures'
import { expectAccessible as expectAccessibleNoJs } from './no-js'
import { connectPortalDb, e2eSecrets } from './portal-db'
import { freshCode } from './sign-in'
import { createStaffAccount, createSurvivorAccount } from './staff-accounts'

// Issue 17, item 1 (ADR 0030): an interviewer registers a recorded conversation for a survivor;
// the survivor claims it, corrects the text in their own words and approves it, and only then
// is it their monument draft. Every page gets an axe scan.

const TRANSCRIPT = 'Ik was zeven toen ik naar Huize De Linde ging. Opgeschreven door de interviewer. Interviewzin-4471.'
const CORRECTED = 'Ik was acht toen ik naar Huize De Linde ging. Dit zijn mijn eigen woorden. Eigenzin-8810.'

async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(account.email)
  await page.getByLabel('Wachtwoord').fill(account.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
}

test('an interviewer registers a conversation; the survivor corrects and approves it into their own draft', async ({ page, visit }) => {
  test.setTimeout(300_000)
  const interviewer = await createStaffAccount({ role: 'interviewer', name: 'Interviewer' })
  const survivor = await createSurvivorAccount({ name: 'Verteller' })
  const usedCodes = new Set<string>()

  // The interviewer signs in with an authenticator code.
  await signIn(page, interviewer)
  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(interviewer.totpSecret, usedCodes))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page).not.toHaveURL(/\/inloggen/)
  await visit('/beheer/levensverhalen')
  await page.getByRole('link', { name: 'Gesprek toevoegen' }).click()
  await expect(page.getByRole('heading', { name: 'Gesprek toevoegen', level: 1 })).toBeVisible()
  await expectAccessible(page)
  // E-mail chosen without an address: the message stands next to the field, what was typed stays.
  await page.getByLabel('Per e-mail: we sturen een link').check()
  await page.getByLabel('Titel').fill('Mijn jeugd in Zwolle')
  await page.getByLabel('Datum van het gesprek').fill('2026-11-20')
  await page.getByLabel('Uitgeschreven tekst van het gesprek').fill(TRANSCRIPT)
  await page.getByRole('button', { name: 'Gesprek toevoegen' }).click()
  await expect(page.getByText('Vul het e-mailadres in, of kies voor een brief.').first()).toBeVisible()
  await expect(page.getByLabel('Titel')).toHaveValue('Mijn jeugd in Zwolle')
  await expectAccessible(page)
  await page.getByLabel('E-mailadres van de overlevende (alleen bij e-mail)').fill(survivor.email)
  await page.getByRole('button', { name: 'Gesprek toevoegen' }).click()
  await expect(page.getByText('Het levensverhaal is toegevoegd. We hebben de overlevende een link gestuurd.')).toBeVisible()
  await expect(page.getByText(TRANSCRIPT)).toBeVisible()
  await expectAccessible(page)
  const storyUrl = new URL(page.url()).pathname
  await page.getByRole('button', { name: 'Uitloggen' }).click()

  // The survivor opens the mailed link, signs in, claims, corrects and approves.
  const link = await mailedLink(page, survivor.email, '/levensverhaal/ophalen/')
  await page.goto(link)
  await expect(page).toHaveURL(/\/inloggen/)
  await page.getByLabel('E-mailadres').fill(survivor.email)
  await page.getByLabel('Wachtwoord').fill(survivor.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect(page.getByRole('heading', { name: 'Je levensverhaal ophalen', level: 1 })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Ophalen in mijn account' }).click()
  await expect(page.getByRole('heading', { name: 'Mijn jeugd in Zwolle', level: 1 })).toBeVisible()
  await expect(page.getByText('Alleen jij en de interviewer kunnen dit lezen, tot je het goedkeurt.')).toBeVisible()
  await expect(page.getByLabel('Tekst van je levensverhaal')).toHaveValue(TRANSCRIPT)
  await expectAccessible(page)
  await page.getByLabel('Tekst van je levensverhaal').fill(CORRECTED)
  await page.getByRole('button', { name: 'Opslaan' }).click()
  await expect(page.getByText('Je verbeteringen zijn opgeslagen.')).toBeVisible()
  await expect(page.getByLabel('Tekst van je levensverhaal')).toHaveValue(CORRECTED)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Goedkeuren' }).click()
  // Their own monument draft, with their words.
  await expect(page).toHaveURL(/\/mijn-verhalen\/[0-9a-f-]{36}\?stap=verhaal$/)
  await expect(page.getByLabel('Titel').first()).toHaveValue('Mijn jeugd in Zwolle')
  await expect.poll(() => page.locator('textarea').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value).join('\n'))).toContain('Eigenzin-8810')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Uitloggen' }).click()

  // The interviewer no longer opens it.
  await signIn(page, interviewer)
  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(interviewer.totpSecret, usedCodes))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page).not.toHaveURL(/\/inloggen/)
  await visit('/beheer/levensverhalen')
  await expect(page.getByText('Goedgekeurd door de overlevende').first()).toBeVisible()
  const response = await page.goto(storyUrl.split('?')[0]!)
  expect(response?.status()).toBe(404)
})

// Axe runs in a scripted twin of each page (e2e/no-js.ts).
test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the survivor corrects and approves an interviewer’s story with plain forms', async ({ page }) => {
    test.setTimeout(180_000)
    const survivor = await createSurvivorAccount({ name: 'Verteller zonder scripts' })
    // A story an interviewer registered and this survivor already claimed (the claim itself is covered above).
    const secrets = e2eSecrets()
    const crypto = createFieldCrypto({ encryptionKeys: secrets.DATA_ENCRYPTION_KEYS, lookupKey: secrets.LOOKUP_HASH_KEY })
    const sql = connectPortalDb({ max: 1 })
    let id: string
    try {
      const [user] = await sql<Array<{ id: string }>>`select id from users where email = ${survivor.email}`
      const [row] = await sql<Array<{ id: string }>>`
        insert into life_stories (reference, source, state, recorded_on, title_encrypted, body_encrypted, claimed_by, claimed_at)
        values (${`LV-E${randomBytes(4).toString('hex').toUpperCase()}`}, 'interviewer', 'awaiting_survivor', '2026-11-20',
          ${crypto.encryptField('Gesprek zonder scripts')}, ${crypto.encryptField(TRANSCRIPT)}, ${user!.id}, now()) returning id`
      id = row!.id
    } finally {
      await sql.end()
    }

    await signIn(page, survivor)
    await expect(page).not.toHaveURL(/\/inloggen/)
    await page.goto(`/mijn-verhalen/levensverhaal/${id}`)
    await expect(page.getByRole('heading', { name: 'Gesprek zonder scripts', level: 1 })).toBeVisible()
    await expectAccessibleNoJs(page)
    // An empty text is refused next to the field; the title typed stays.
    await page.getByLabel('Titel').fill('Mijn eigen titel')
    await page.getByLabel('Tekst van je levensverhaal').fill('')
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await expect(page.getByLabel('Titel')).toHaveValue('Mijn eigen titel')
    await expect(page.locator('.field__error').first()).toBeVisible()
    await expectAccessibleNoJs(page)
    await page.getByLabel('Tekst van je levensverhaal').fill(CORRECTED)
    await page.getByRole('button', { name: 'Goedkeuren' }).click()
    await expect(page).toHaveURL(/\/mijn-verhalen\/[0-9a-f-]{36}\?stap=verhaal$/)
    await expect(page.getByLabel('Titel').first()).toHaveValue('Mijn eigen titel')
    await expectAccessibleNoJs(page)
  })
})
