import { randomBytes } from 'node:crypto'
import { expect, test } from './fixtures'
import { expectAccessible, signInNoJs, submit, visit } from './no-js'
import { connectPortalDb } from './portal-db'
import { createStaffAccount, createSurvivorAccount } from './staff-accounts'

// A moderator's decisions as plain HTML forms (JavaScript off). Assessors and admins need a
// passkey, which needs JavaScript (WebAuthn), so their forms are not reachable this way.
test.use({ javaScriptEnabled: false })
// A shared 2-core machine: the twin-page axe scans take their time.
test.describe.configure({ timeout: 600_000 })

test('a moderator decides on a marked name without JavaScript: no reason is refused with the choice kept, then the version goes to the author', async ({ page }) => {
  const marker = `nojs${randomBytes(4).toString('hex')}`
  const author = await createSurvivorAccount({ name: 'Schrijver voor moderatie' })
  const sql = connectPortalDb()
  let storyId: string
  try {
    const [user] = await sql<Array<{ id: string }>>`select id from users where email = ${author.email}`
    const [story] = await sql<Array<{ id: string }>>`
      insert into stories (author_id, slug, title, body, content_note, settings, decades, status, submitted_at, display_mode, pseudonym)
      values (${user!.id}, ${`e2e-${marker}`}, ${`Mijn verhaal ${marker}`},
        ${'Ik was negen jaar toen ik werd geplaatst.\n\nElke avond kwam groepsleider Wim de Boer langs op de slaapzaal.'},
        ${'Dit gaat over geweld op een slaapzaal.'}, ${['residentialGroup']}, ${['1960s']}, 'submitted', now(), 'pseudonym', 'Lotje')
      returning id`
    storyId = story!.id
  } finally {
    await sql.end()
  }

  const moderator = await createStaffAccount({ role: 'moderator', name: 'Moderator zonder script' })
  await signInNoJs(page, moderator)
  await visit(page, `/beheer/verhalen/${storyId}`)
  await submit(page, 'Beoordeling beginnen')
  await expect(page.getByRole('status')).toContainText('De beoordeling is begonnen')
  await expectAccessible(page)

  const mark = page.getByRole('form', { name: 'Besluit over Wim de Boer' })
  await mark.getByLabel('Weghalen (vervangen door een neutrale tekst)').check()
  await submit(page, 'Besluit opslaan', mark)
  await expect(mark.getByLabel('Reden (verplicht)')).toHaveAccessibleDescription(/Schrijf een reden op. Zo is later te zien waarom./)
  await expect(mark.getByLabel('Weghalen (vervangen door een neutrale tekst)')).toBeChecked()
  await expectAccessible(page)
  await mark.getByLabel('Reden (verplicht)').fill('Naam van een medewerker')
  await submit(page, 'Besluit opslaan', mark)
  await expect(page.getByText('Besluit: weghalen.')).toBeVisible()
  await expectAccessible(page)

  await submit(page, 'Aangepaste versie voorleggen aan de schrijver')
  await expect(page.getByRole('status')).toContainText('De aangepaste versie ligt nu bij de schrijver')
  await expect(page.getByText('[naam weggelaten]').first()).toBeVisible()
  await expectAccessible(page)
})
