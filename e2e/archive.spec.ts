import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { Page } from '@playwright/test'
import sharp from 'sharp'
import { expect, expectAccessible, test } from './fixtures'
import { expectAccessible as noJsAccessible, submit, visit as noJsVisit } from './no-js'
import { unzipInto } from '../app/testing/zip'
import { connectPortalDb } from './portal-db'
import { signInAddingPasskey } from './sign-in'
import { createStaffAccount, createSurvivorAccount } from './staff-accounts'

// An archivist packages a survivor's story (archive consent, one photo that goes along and one
// that does not), hands it over with a receipt reference; the bag verifies with sha256sum; the
// survivor downloads exactly the same bytes from their own archive page.

const S3_PORT = process.env.E2E_S3_PORT ?? '4570'
const marker = randomBytes(4).toString('hex')
const TITLE = `Het huis aan de rivier ${marker}`
const TITLE_NO_JS = `Het huis zonder script ${marker}`

/** Puts bytes in the e2e portal's bucket, as an upload would have left them. */
async function putObject(key: string, body: Buffer, contentType: string) {
  const s3 = new S3Client({
    endpoint: `http://127.0.0.1:${S3_PORT}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  await s3.send(new PutObjectCommand({ Bucket: 'portal-media', Key: key, Body: body, ContentType: contentType, ContentLength: body.length }))
  s3.destroy()
}

/** Unzips `zipPath` into `dir` (no entry may leave the folder). */
function unzip(zipPath: string, dir: string) {
  return unzipInto(readFileSync(zipPath), dir)
}

/** Clicks a download link and returns the bytes it delivered. */
async function download(page: Page, name: string | RegExp, to: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()])
  await file.saveAs(to)
  return { bytes: readFileSync(to), suggested: file.suggestedFilename() }
}

/**
 * A published story of a new survivor whose author chose the archive, arranged in the database
 * and the bucket (the consent pages and the editor have their own journeys; this writes what
 * they write): two photos, only the first with its own "also to the archive" consent.
 */
async function arrangeStory(title: string) {
  const survivor = await createSurvivorAccount({ name: 'Schrijver archief' })
  const sql = connectPortalDb()
  const [author] = await sql<Array<{ id: string }>>`select id from users where email = ${survivor.email}`
  const [story] = await sql<Array<{ id: string }>>`
    insert into stories (author_id, slug, title, body, published_title, published_body, status, audience, submitted_at, author_approved_at, published_at)
    values (${author!.id}, ${`e2e-archief-${randomBytes(4).toString('hex')}`}, ${title}, 'Eigen tekst.', ${title}, ${'Ik was tien toen ik daar kwam.\n\nDe rivier was mijn troost.'},
      'published', 'public', now(), now(), now())
    returning id`
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#335577' } }).jpeg().toBuffer()
  const media: string[] = []
  for (const [i, description] of ['De rivier achter het huis.', 'De slaapzaal.'].entries()) {
    const key = `monument/${story!.id}/e2e-${marker}-${i}/original.jpg`
    await putObject(key, jpeg, 'image/jpeg')
    const [file] = await sql<Array<{ id: string }>>`
      insert into stored_files (key, byte_size, content_type, sha256, purpose)
      values (${key}, ${jpeg.length}, 'image/jpeg', 'e2e', 'monument.photo') returning id`
    const [medium] = await sql<Array<{ id: string }>>`
      insert into story_media (story_id, owner_id, kind, file_id, mime, byte_size, description, published_description, position)
      values (${story!.id}, ${author!.id}, 'photo', ${file!.id}, 'image/jpeg', ${jpeg.length}, ${description}, ${description}, ${i}) returning id`
    media.push(medium!.id)
  }
  await sql`insert into consent_events (user_id, subject_ref, object_type, object_id, purpose, action, text_version, locale, channel)
    values (${author!.id}, ${author!.id}, 'story', ${story!.id}, 'monument.archiveTransfer', 'grant', 'monument.archiveTransfer@2026-12-07', 'nl', 'web'),
      (${author!.id}, ${author!.id}, 'media', ${media[0]!}, 'media.archiveTransfer', 'grant', 'media.archiveTransfer@2026-12-07', 'nl', 'web')`
  await sql.end()

  return { survivor, storyId: story!.id, jpeg }
}

test('an archivist packages and hands over a story; the bag verifies; its author downloads the same bag', async ({ page, browser }) => {
  // A shared 2-core machine: two passkey sign-ins and axe scans on every page take their time.
  test.setTimeout(600_000)
  const work = mkdtempSync(path.join(tmpdir(), 'archive-e2e-'))
  const { survivor, storyId, jpeg } = await arrangeStory(TITLE)

  // — the archivist: passkey sign-in, the queue, a package —
  const archivist = await createStaffAccount({ role: 'archivist', name: 'Archivaris e2e' })
  await signInAddingPasskey(page, archivist)
  await page.getByRole('link', { name: 'Archief: overdracht' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Archief: overdracht' })).toBeVisible()
  await expectAccessible(page)
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: TITLE }) })
  await expect(row).toContainText('Foto 1: gaat mee')
  await expect(row).toContainText('Foto 2: gaat niet mee')
  await expect(row).toContainText('Nog geen pakket')
  await row.getByRole('button', { name: `Pakket maken voor ${TITLE}` }).click()

  await expect(page.getByRole('status')).toContainText('Het pakket is klaar')
  await expect(page.getByRole('heading', { level: 1, name: 'Archiefpakket' })).toBeVisible()
  await expectAccessible(page)
  const ref = (await page.locator('dt:has-text("Kenmerk") + dd').textContent())!.trim()
  expect(ref).toMatch(/^ARCH-\d{4}-[0-9A-Z]{8}$/)
  expect(page.url()).not.toContain(storyId)
  await expect(page.getByRole('listitem').filter({ hasText: 'manifest-sha256.txt' }).first()).toBeVisible()

  // A receipt reference with nothing in it: refused next to the field; then the real one.
  await page.getByLabel('Kenmerk van het ontvangstbewijs').fill('  ')
  await page.getByRole('button', { name: 'Overdracht vastleggen' }).click()
  await expect(page.getByText('Vul het kenmerk van het ontvangstbewijs in').first()).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Kenmerk van het ontvangstbewijs').fill(`NA-2026-${marker}`)
  await page.getByRole('button', { name: 'Overdracht vastleggen' }).click()
  await expect(page.getByRole('status').first()).toContainText('De overdracht is vastgelegd')
  await expect(page.getByText(`Ontvangstbewijs: NA-2026-${marker}.`)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Overdracht vastleggen' })).toHaveCount(0)
  await expectAccessible(page)

  // The archivist's download: a zipped BagIt bag whose manifests agree with its files.
  const staffCopy = await download(page, 'Pakket downloaden (zip)', path.join(work, 'archivaris.zip'))
  expect(staffCopy.suggested).toBe(`${ref}.zip`)
  const bagDir = path.join(work, 'uitgepakt')
  mkdirSync(bagDir)
  await unzip(path.join(work, 'archivaris.zip'), bagDir)
  const root = path.join(bagDir, ref)
  expect(readFileSync(path.join(root, 'bagit.txt'), 'utf8')).toContain('BagIt-Version: 1.0')
  const payload = execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: root, encoding: 'utf8' })
  const tags = execFileSync('sha256sum', ['-c', 'tagmanifest-sha256.txt'], { cwd: root, encoding: 'utf8' })
  expect(payload).not.toMatch(/FAILED/)
  expect(tags).not.toMatch(/FAILED/)
  // The photo that goes along is in the payload, byte for byte; the other one is not.
  const photos = payload.split('\n').filter((l) => /\.jpe?g: OK$/.test(l))
  expect(photos).toHaveLength(1)
  expect(readFileSync(path.join(root, photos[0]!.replace(/: OK$/, '')))).toEqual(jpeg)

  // — the survivor: their archive page, the reference, the same bag —
  const survivorContext = await browser.newContext({ locale: 'nl-NL', extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.241' } })
  const survivorPage = await survivorContext.newPage()
  await survivorPage.goto('/inloggen')
  await survivorPage.getByLabel('E-mailadres').fill(survivor.email)
  await survivorPage.getByLabel('Wachtwoord').fill(survivor.password)
  await survivorPage.getByRole('button', { name: 'Inloggen' }).click()
  await expect(survivorPage).toHaveURL(/\/account$/)
  await survivorPage.goto('/mijn-verhalen')
  await expectAccessible(survivorPage)
  await survivorPage.getByRole('link', { name: 'Archief: mijn verhalen in het archief' }).click()
  await expect(survivorPage.getByRole('heading', { level: 1, name: 'Mijn verhalen in het archief' })).toBeVisible()
  await expect(survivorPage.getByText('ook als je het verhaal of je account hier verwijdert')).toBeVisible()
  const ownRow = survivorPage.getByRole('row').filter({ has: survivorPage.getByRole('rowheader', { name: TITLE }) })
  await expect(ownRow).toContainText(ref)
  await expect(ownRow).toContainText(`Ontvangstbewijs: NA-2026-${marker}`)
  await expectAccessible(survivorPage)
  const ownCopy = await download(survivorPage, `Pakket van ${TITLE} downloaden`, path.join(work, 'overlevende.zip'))
  expect(ownCopy.suggested).toBe(`${ref}.zip`)
  expect(ownCopy.bytes.equals(staffCopy.bytes)).toBe(true)

  // Another survivor asking for this reference gets 404: app/auth/object-state-matrix.test.ts (archive packages).
  await survivorContext.close()
})

test('without JavaScript: the archivist makes a package, a too short receipt reference is refused with the text kept, then the hand-over is recorded', async ({ page, browser, extraHTTPHeaders }) => {
  test.setTimeout(600_000)
  await arrangeStory(TITLE_NO_JS)
  // A passkey needs JavaScript (WebAuthn): sign in with it, then carry the session into a context without scripts.
  const archivist = await createStaffAccount({ role: 'archivist', name: 'Archivaris zonder script' })
  await signInAddingPasskey(page, archivist)
  const noJs = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false, storageState: await page.context().storageState(), extraHTTPHeaders })
  try {
    const plain = await noJs.newPage()
    await noJsVisit(plain, '/beheer/archief')
    const row = plain.getByRole('row').filter({ has: plain.getByRole('rowheader', { name: TITLE_NO_JS }) })
    await submit(plain, `Pakket maken voor ${TITLE_NO_JS}`, row)
    await expect(plain.getByRole('status')).toContainText('Het pakket is klaar')
    await noJsAccessible(plain)

    await plain.getByLabel('Kenmerk van het ontvangstbewijs').fill('ab')
    await submit(plain, 'Overdracht vastleggen')
    await expect(plain.getByText('Een kenmerk heeft minstens 3 tekens').first()).toBeVisible()
    await expect(plain.getByLabel('Kenmerk van het ontvangstbewijs')).toHaveValue('ab')
    await noJsAccessible(plain)

    await plain.getByLabel('Kenmerk van het ontvangstbewijs').fill(`NA-NOJS-${marker}`)
    await submit(plain, 'Overdracht vastleggen')
    await expect(plain.getByRole('status').first()).toContainText('De overdracht is vastgelegd')
    await expect(plain.getByText(`Ontvangstbewijs: NA-NOJS-${marker}.`)).toBeVisible()
    await noJsAccessible(plain)

    // Back on the queue: the story shows its hand-over, and no button to make another package.
    await noJsVisit(plain, '/beheer/archief')
    const done = plain.getByRole('row').filter({ has: plain.getByRole('rowheader', { name: TITLE_NO_JS }) })
    await expect(done).toContainText(`ontvangstbewijs NA-NOJS-${marker}`)
    await expect(done.getByRole('button')).toHaveCount(0)
  } finally {
    await noJs.close()
  }
})
