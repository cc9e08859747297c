import { randomBytes } from 'node:crypto'
import { DEMO_ACCOUNTS } from '../db/seed/demo-accounts'
import { expect, expectAccessible, test } from './fixtures'
import { connectPortalDb } from './portal-db'
import { freshCode } from './sign-in'
import { createStaffAccount } from './staff-accounts'

const demo = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!

test('a moderator redacts a staff name in the story and in a transcript, the author approves, a reader reads it, and a report hides another story at once', async ({ page, browser, visit }) => {
  test.setTimeout(300_000)
  const sql = connectPortalDb()
  const marker = `mk${randomBytes(4).toString('hex')}`
  const [survivor] = await sql<Array<{ id: string }>>`select id from users where email = ${demo('survivor').email}`
  // Arranged directly: the author's editor (/mijn-verhalen) is tested in its own journey.
  const [submitted] = await sql<Array<{ id: string; slug: string }>>`
    insert into stories (author_id, slug, title, body, content_note, settings, decades, status, submitted_at, display_mode, pseudonym)
    values (${survivor!.id}, ${`e2e-${marker}-a`}, ${`Mijn verhaal over het tehuis ${marker}`},
      ${'Ik was negen jaar toen ik werd geplaatst.\n\nElke avond kwam groepsleider Wim de Boer langs op de slaapzaal. Niemand luisterde naar ons.'},
      ${'Dit gaat over geweld op een slaapzaal.'}, ${['residentialGroup']}, ${['1960s']}, 'submitted', now(), 'pseudonym', 'Lotje')
    returning id, slug`
  const [published] = await sql<Array<{ slug: string; title: string }>>`
    insert into stories (author_id, slug, title, body, published_title, published_body, status, audience, published_at, submitted_at)
    values (${survivor!.id}, ${`e2e-${marker}-b`}, ${`Een ander verhaal ${marker}`}, 'Het huis aan de dijk.', ${`Een ander verhaal ${marker}`}, 'Het huis aan de dijk.',
      'published', 'public', now(), now())
    returning slug, published_title as title`
  // An audio recording with a transcript that names someone: published text too, so it is reviewed.
  // (Its bytes are not needed here: players load nothing until asked, the media route has its own tests.)
  const [file] = await sql<Array<{ id: string }>>`
    insert into stored_files (key, byte_size, content_type, sha256, purpose)
    values (${`monument/${submitted!.id}/e2e-${marker}/original.wav`}, 44, 'audio/wav', 'e2e', 'monument.audio') returning id`
  const [audio] = await sql<Array<{ id: string }>>`
    insert into story_media (story_id, owner_id, kind, file_id, mime, byte_size, description, transcript)
    values (${submitted!.id}, ${survivor!.id}, 'audio', ${file!.id}, 'audio/wav', 44, 'Ik vertel over de slaapzaal.',
      'Ik hoor nog de stem van meneer Pietersen op de gang.') returning id`

  // — the moderator —
  // A moderator of this spec's own (the demo one is shared, and a TOTP code works only once).
  const moderator = await createStaffAccount({ role: 'moderator', name: 'Moderator meldingen' })
  await visit('/inloggen')
  await page.getByLabel('E-mailadres').fill(moderator.email)
  await page.getByLabel('Wachtwoord').fill(moderator.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(moderator.totpSecret!, new Set()))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page).not.toHaveURL(/\/inloggen/)

  await visit('/beheer/verhalen')
  await page.getByRole('link', { name: `Mijn verhaal over het tehuis ${marker}` }).click()
  await expect(page.getByRole('heading', { name: 'Verhaal beoordelen' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Beoordeling beginnen' }).click()
  await expect(page.getByRole('status')).toContainText('De beoordeling is begonnen')
  await expectAccessible(page)

  // The guard marked the staff member's name; proposing before deciding is refused.
  const mark = page.getByRole('form', { name: 'Besluit over Wim de Boer' })
  await expect(mark).toBeVisible()
  await page.getByRole('button', { name: 'Aangepaste versie voorleggen aan de schrijver' }).click()
  await expect(page.getByText('Er zijn nog markeringen zonder besluit.')).toBeVisible()
  await expectAccessible(page)
  await mark.getByLabel('Weghalen (vervangen door een neutrale tekst)').check()
  await mark.getByRole('button', { name: 'Besluit opslaan' }).click()
  await expect(page.getByText('Schrijf een reden op. Zo is later te zien waarom.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('form', { name: 'Besluit over Wim de Boer' }).getByLabel('Reden (verplicht)').fill('Naam van een medewerker')
  await page.getByRole('form', { name: 'Besluit over Wim de Boer' }).getByRole('button', { name: 'Besluit opslaan' }).click()
  await expect(page.getByText('Besluit: weghalen.')).toBeVisible()

  // The recording is listed with its own consent; the guard marked the name in its transcript.
  const media = page.getByRole('region', { name: "Foto's, geluid en video" })
  await expect(media.getByRole('heading', { name: 'Geluidsopname 1' })).toBeVisible()
  await expect(media.getByText('Toestemming om dit te publiceren:')).toContainText('niet gegeven')
  await expect(media.getByRole('link', { name: 'Geluidsopname 1 apart openen' })).toHaveAttribute('href', `/media/${audio!.id}`)
  await expect(media.getByRole('link', { name: 'Pietersen' })).toBeVisible()
  const transcriptMark = page.getByRole('form', { name: 'Besluit over Pietersen' })
  const transcriptItem = page.getByRole('listitem').filter({ has: transcriptMark })
  await expect(transcriptItem.getByText('Uitgeschreven tekst bij Geluidsopname 1')).toBeVisible()
  await transcriptMark.getByLabel('Weghalen (vervangen door een neutrale tekst)').check()
  await transcriptMark.getByLabel('Reden (verplicht)').fill('Naam van een medewerker in de opname')
  await transcriptMark.getByRole('button', { name: 'Besluit opslaan' }).click()
  await expect(transcriptItem.getByText('Besluit: weghalen.')).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Aangepaste versie voorleggen aan de schrijver' }).click()
  await expect(page.getByRole('status')).toContainText('De aangepaste versie ligt nu bij de schrijver')
  await expect(page.getByText('[naam weggelaten]').first()).toBeVisible()
  await expectAccessible(page)

  // The public consents, arranged in the database (the consent pages have their own journey):
  // exactly what consenting writes, ledger events and the audience projection.
  await sql`insert into consent_events (user_id, subject_ref, object_type, object_id, purpose, action, text_version, locale, channel)
    values (${survivor!.id}, ${survivor!.id}, 'story', ${submitted!.id}, 'monument.publishPublic', 'grant', 'monument.publishPublic@2026-11-01', 'nl', 'web'),
      (${survivor!.id}, ${survivor!.id}, 'media', ${audio!.id}, 'media.publish', 'grant', 'media.publish@2026-11-01', 'nl', 'web')`
  await sql`update stories set audience = 'public' where id = ${submitted!.id}`

  // — the author sees the transcript redacted in the version they approve —
  const authorContext = await browser.newContext({ locale: 'nl-NL', extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.232' } })
  const authorPage = await authorContext.newPage()
  await authorPage.goto('/inloggen')
  await expectAccessible(authorPage)
  await authorPage.getByLabel('E-mailadres').fill(demo('survivor').email)
  await authorPage.getByLabel('Wachtwoord').fill(demo('survivor').password)
  await authorPage.getByRole('button', { name: 'Inloggen' }).click()
  await expect(authorPage).toHaveURL(/\/account$/)
  await expectAccessible(authorPage)
  await authorPage.goto(`/mijn-verhalen/${submitted!.id}`)
  await expect(authorPage.getByRole('heading', { name: 'De nagekeken versie' })).toBeVisible()
  const moderatedMedia = authorPage.getByRole('region', { name: "De nagekeken teksten bij je foto's, geluid en video" })
  await expect(moderatedMedia.getByRole('heading', { name: 'Geluidsopname 1' })).toBeVisible()
  await expect(moderatedMedia.getByText('Ik hoor nog de stem van meneer [naam weggelaten] op de gang.')).toBeVisible()
  await expect(authorPage.getByText('Pietersen')).toHaveCount(0)
  await expectAccessible(authorPage)
  await authorPage.getByRole('button', { name: 'Ik keur deze versie goed' }).click()
  await expect(authorPage.getByText('Je verhaal staat nu op het monument.')).toBeVisible()
  await expectAccessible(authorPage)
  await authorContext.close()

  // — an anonymous reader —
  const readerContext = await browser.newContext({ locale: 'nl-NL', extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.231' } })
  const reader = await readerContext.newPage()
  const response = await reader.goto('/verhalen')
  expect(response?.headers()['cache-control']).toBe('public, max-age=0, must-revalidate')
  await expectAccessible(reader)
  // "verhalen" (plural) finds the title's "verhaal".
  await reader.getByLabel('Zoek in de verhalen').fill(`verhalen ${marker}`)
  await reader.getByRole('button', { name: 'Verhalen tonen' }).click()
  await reader.waitForURL(/\/verhalen\?q=/)
  await expect(reader.getByRole('heading', { name: `Verhalen bij "verhalen ${marker}"` })).toBeVisible()
  await expectAccessible(reader)
  await reader.getByRole('link', { name: `Mijn verhaal over het tehuis ${marker}` }).click()
  await reader.waitForURL(`**/verhalen/${submitted!.slug}`)
  await expect(reader.getByRole('heading', { name: 'Waarschuwing vooraf' })).toBeVisible()
  await expect(reader.getByText('Niemand luisterde naar ons.')).toHaveCount(0)
  await expectAccessible(reader)
  await reader.getByRole('link', { name: 'Verder lezen' }).click()
  await reader.waitForURL(/lezen=ja/)
  await expect(reader.getByText(/Elke avond kwam groepsleider \[naam weggelaten\] langs/)).toBeVisible()
  await expect(reader.getByText('Wim de Boer')).toHaveCount(0)
  await expect(reader.getByText('Door Lotje', { exact: false })).toBeVisible()
  // The recording's transcript: only the moderated version the author approved.
  await expect(reader.getByText('Ik hoor nog de stem van meneer [naam weggelaten] op de gang.')).toHaveCount(1)
  await expect(reader.getByText('Pietersen')).toHaveCount(0)
  await expectAccessible(reader)
  const help = reader.getByRole('region', { name: 'Praten met iemand die het begrijpt' })
  await help.getByRole('heading').getByRole('link').first().click()
  await expect(reader).toHaveURL(/\/hulp\/[a-z0-9-]+$/)
  await expectAccessible(reader)

  // — a report that someone is identified hides the other story at once —
  await reader.goto(`/verhalen/${published!.slug}`)
  await expectAccessible(reader)
  await reader.getByRole('link', { name: 'Dit verhaal melden' }).click()
  await reader.waitForURL(/\/melden$/)
  await expectAccessible(reader)
  await reader.getByRole('button', { name: 'Melding versturen' }).click()
  await expect(reader.getByText('Kies waarom je dit verhaal meldt.').first()).toBeVisible()
  await expectAccessible(reader)
  await reader.getByLabel('Ik of iemand anders is herkenbaar').check()
  await reader.getByLabel('Wil je meer vertellen? (mag leeg blijven)').fill('Mijn oom staat erin.')
  await reader.getByRole('button', { name: 'Melding versturen' }).click()
  await reader.waitForURL(/\/verhalen\/melding-ontvangen/)
  await expect(reader.getByRole('heading', { name: 'Dank je voor je melding' })).toBeVisible()
  await expect(reader.getByText('Het verhaal is nu niet meer te zien')).toBeVisible()
  await expectAccessible(reader)
  expect((await reader.goto(`/verhalen/${published!.slug}`))?.status()).toBe(404)
  await reader.goto(`/verhalen?q=${marker}`)
  await expect(reader.getByRole('link', { name: published!.title })).toHaveCount(0)
  await expectAccessible(reader)
  await readerContext.close()

  // — the moderator's 48-hour clock —
  await visit('/beheer/meldingen')
  const report = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: published!.title }) })
  await expect(report.getByText(/^Nog (47|48) uur$/)).toBeVisible()
  await expect(report.getByText('Het verhaal is verborgen tot je besluit.')).toBeVisible()
  await sql.end()
})
