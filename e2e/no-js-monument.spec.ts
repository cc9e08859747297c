import { randomBytes } from 'node:crypto'
import { expect, test } from './fixtures'
import { expectAccessible, signInNoJs, submit, visit } from './no-js'
import { connectPortalDb } from './portal-db'
import { createSurvivorAccount } from './staff-accounts'

// The monument's forms as plain HTML forms: old or locked-down browsers, JavaScript off.
test.use({ javaScriptEnabled: false })
// A shared 2-core machine: the twin-page axe scans take their time.
test.describe.configure({ timeout: 600_000 })

test('a survivor writes a story without JavaScript: an error keeps the text, then details, name, consent and sending in', async ({ page }) => {
  const survivor = await createSurvivorAccount({ name: 'Schrijver zonder script' })
  await signInNoJs(page, survivor)

  await visit(page, '/mijn-verhalen')
  await submit(page, 'Een nieuw verhaal beginnen')
  await expect(page).toHaveURL(/\/mijn-verhalen\/[0-9a-f-]+\?stap=verhaal/)
  await expectAccessible(page)

  // The text step: a title that is too long is refused next to the field; the story text stays.
  const body = 'Ik was tien toen ik naar het tehuis ging.\n\nDe eerste nacht kon ik niet slapen.'
  await page.getByLabel('Titel').fill('x'.repeat(201))
  await page.getByLabel('Je verhaal', { exact: true }).fill(body)
  await submit(page, 'Opslaan en verder')
  await expect(page.getByLabel('Titel')).toHaveAccessibleDescription(/De titel mag hoogstens 200 tekens zijn./)
  await expect(page.getByLabel('Titel')).toHaveValue('x'.repeat(201))
  await expect(page.getByLabel('Je verhaal', { exact: true })).toHaveValue(body)
  await expectAccessible(page)
  await page.getByLabel('Titel').fill('De eerste nacht')
  await submit(page, 'Opslaan en verder')

  // The details (facets) step.
  await expect(page).toHaveURL(/stap=details/)
  await expectAccessible(page)
  await page.getByRole('checkbox', { name: 'Jaren 70' }).check()
  await page.getByRole('checkbox', { name: 'Leefgroep of tehuis' }).check()
  await submit(page, 'Opslaan en verder')

  // The name step: a pseudonym is needed when chosen.
  await expect(page).toHaveURL(/stap=weergave/)
  await page.getByRole('radio', { name: 'Met een andere naam' }).check()
  await submit(page, 'Opslaan en verder')
  await expect(page.getByRole('textbox', { name: 'Andere naam' })).toHaveAccessibleDescription(/Vul de naam in die je wilt gebruiken/)
  await expect(page.getByRole('radio', { name: 'Met een andere naam' })).toBeChecked()
  await expectAccessible(page)
  await page.getByRole('textbox', { name: 'Andere naam' }).fill('Kees')
  await submit(page, 'Opslaan en verder')

  // No files: on to the consent step.
  await expect(page).toHaveURL(/stap=media/)
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Verder' }).click()
  await expect(page).toHaveURL(/stap=toestemming/)
  await expectAccessible(page)
  const publish = page.getByRole('region', { name: 'Mijn verhaal openbaar tonen op het monument' })
  await submit(page, 'Ik geef toestemming', publish)
  await expect(page.getByText('Je toestemming is vastgelegd.')).toBeVisible()
  await expect(publish.getByRole('button', { name: 'Toestemming intrekken' })).toBeVisible()
  await expectAccessible(page)

  // Check and send in to moderation.
  await page.getByRole('link', { name: 'Verder' }).click()
  await expect(page).toHaveURL(/stap=controle/)
  await expect(page.getByText('De eerste nacht kon ik niet slapen.')).toBeVisible()
  await expectAccessible(page)
  await submit(page, 'Verhaal insturen')
  await expect(page.getByText('Je verhaal is ingestuurd.')).toBeVisible()
  await expect(page.getByText('Ingestuurd', { exact: true })).toBeVisible()
  await expectAccessible(page)
})

test('a reader reports a story without JavaScript: no reason chosen is refused with the text kept, then the report is received', async ({ page }) => {
  const sql = connectPortalDb()
  const marker = `nojs${randomBytes(4).toString('hex')}`
  try {
    const [author] = await sql<Array<{ id: string }>>`select id from users where kind = 'survivor' limit 1`
    await sql`insert into stories (author_id, slug, title, body, published_title, published_body, status, audience, published_at, submitted_at)
      values (${author!.id}, ${`e2e-${marker}`}, ${`Het huis aan de dijk ${marker}`}, 'Het huis aan de dijk.', ${`Het huis aan de dijk ${marker}`}, 'Het huis aan de dijk.',
        'published', 'public', now(), now())`
  } finally {
    await sql.end()
  }

  await visit(page, `/verhalen/e2e-${marker}/melden`)
  const details = 'In de derde alinea staat de naam van mijn broer.'
  await page.getByLabel('Wil je meer vertellen? (mag leeg blijven)').fill(details)
  await page.getByLabel('Je e-mailadres (mag leeg blijven)').fill('lezer@example.nl')
  await submit(page, 'Melding versturen')
  await expect(page.getByRole('group', { name: 'Waarom meld je dit verhaal?' })).toHaveAccessibleDescription(/Kies waarom je dit verhaal meldt./)
  await expect(page.getByLabel('Wil je meer vertellen? (mag leeg blijven)')).toHaveValue(details)
  await expect(page.getByLabel('Je e-mailadres (mag leeg blijven)')).toHaveValue('lezer@example.nl')
  await expectAccessible(page)

  await page.getByLabel('Er staat een bedreiging of intimidatie in').check()
  await submit(page, 'Melding versturen')
  await expect(page).toHaveURL(/\/verhalen\/melding-ontvangen/)
  await expect(page.getByRole('heading', { name: 'Dank je voor je melding' })).toBeVisible()
  await expectAccessible(page)
})
