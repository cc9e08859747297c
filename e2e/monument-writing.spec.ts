import type { Page } from '@playwright/test'
import { totpCode } from '../app/auth/totp'
import sharp from 'sharp'
import { DEMO_ACCOUNTS } from '../db/seed/demo-accounts'
import { expect, expectAccessible, test } from './fixtures'
import { wav } from '../app/testing/media-fixtures'
import { createStaffAccount } from './staff-accounts'

// A survivor writes a story in steps, with a photo (its GPS tag must be gone when fetched back)
// and a sound recording with a transcript, gives the public consent and sends it in.

async function gpsJpeg() {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#6f8fa8' } })
    .withExif({
      IFD0: { Make: 'Canon', Model: 'EOS 5D' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 6/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 12/1' },
    })
    .jpeg()
    .toBuffer()
}


const demo = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!

let ownModerator: Awaited<ReturnType<typeof createStaffAccount>> | undefined

/**
 * The demo survivor, or a moderator of this spec's own: another spec signing the shared demo
 * moderator in within the same 30 seconds would spend the TOTP code (each code works once).
 */
async function signIn(page: Page, role: 'survivor' | 'moderator') {
  const account = role === 'moderator' ? (ownModerator ??= await createStaffAccount({ role: 'moderator', name: 'Moderator monument' })) : demo(role)
  await page.goto('/inloggen')
  await expectAccessible(page)
  await page.getByLabel('E-mailadres').fill(account.email)
  await page.getByLabel('Wachtwoord').fill(account.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  if (role === 'moderator') {
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap/)
    await page.getByLabel('Code van 6 cijfers').fill(totpCode(account.totpSecret!))
    await page.getByRole('button', { name: 'Bevestigen' }).click()
  }
  await expect(page).toHaveURL(role === 'moderator' ? /\/beheer/ : /\/account$/)
}

test('a survivor writes a story with a photo and a recording, gives consent and sends it in', async ({ page, visit }) => {
  test.setTimeout(240_000)
  await signIn(page, 'survivor')

  await visit('/mijn-verhalen')
  await page.getByRole('button', { name: 'Een nieuw verhaal beginnen' }).click()
  await expect(page).toHaveURL(/\/mijn-verhalen\/[0-9a-f-]+\?stap=verhaal/)
  await expectAccessible(page)

  // Step 1: a title that is too long is refused; the story text stays.
  const body = 'Ik was tien toen ik naar het tehuis ging.\n\nDe eerste nacht kon ik niet slapen.'
  await page.getByLabel('Titel').fill('x'.repeat(201))
  await page.getByLabel('Je verhaal', { exact: true }).fill(body)
  await page.getByRole('button', { name: 'Concept opslaan' }).click()
  await expect(page.getByText('De titel mag hoogstens 200 tekens zijn.').first()).toBeVisible()
  await expect(page.getByLabel('Je verhaal', { exact: true })).toHaveValue(body)
  await expectAccessible(page)
  await page.getByLabel('Titel').fill('De eerste nacht')
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // Step 2: details.
  await expect(page).toHaveURL(/stap=details/)
  await expectAccessible(page)
  await page.getByRole('checkbox', { name: 'Jaren 70' }).check()
  await page.getByRole('checkbox', { name: 'Leefgroep of tehuis' }).check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // Step 3: a pseudonym is needed when chosen.
  await expect(page).toHaveURL(/stap=weergave/)
  await expectAccessible(page)
  await page.getByRole('radio', { name: 'Met een andere naam' }).check()
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()
  await expect(page.getByText('Vul de naam in die je wilt gebruiken').first()).toBeVisible()
  await page.getByRole('textbox', { name: 'Andere naam' }).fill('Kees')
  await page.getByRole('button', { name: 'Opslaan en verder' }).click()

  // Step 4: a photo with GPS and a recording, each with its own consent.
  await expect(page).toHaveURL(/stap=media/)
  await expectAccessible(page)
  await page.getByLabel('Bestand kiezen').setInputFiles({ name: 'vakantie.jpg', mimeType: 'image/jpeg', buffer: await gpsJpeg() })
  await page.getByRole('button', { name: 'Bestand toevoegen' }).click()
  await expect(page.getByText('Je bestand is toegevoegd.')).toBeVisible()
  await expectAccessible(page)
  const photo = page.locator('.media-item').filter({ has: page.getByRole('heading', { name: 'Foto' }) })
  await photo.getByLabel('Wat is er op de foto te zien?').fill('Het huis waar ik woonde, van buiten.')
  await photo.getByRole('button', { name: 'Beschrijving bewaren' }).click()
  await expect(page.getByText('De beschrijving is bewaard.')).toBeVisible()
  await photo.getByRole('button', { name: 'Ik geef toestemming' }).click()
  await expect(photo.getByText('Je hebt toestemming gegeven om dit bestand te tonen.')).toBeVisible()
  const photoUrl = await photo.getByRole('img').getAttribute('src')
  expect(photoUrl).toMatch(/^\/media\/[0-9a-f-]+\/thumb$/)

  await page.getByLabel('Bestand kiezen').setInputFiles({ name: 'stem.wav', mimeType: 'audio/wav', buffer: wav(16000) })
  await page.getByRole('button', { name: 'Bestand toevoegen' }).click()
  await expect(page.getByText('Je bestand is toegevoegd.')).toBeVisible()
  const audio = page.locator('.media-item').filter({ has: page.getByRole('heading', { name: 'Geluidsopname' }) })
  await expect(audio.getByText('Deze opname heeft nog geen uitgeschreven tekst.')).toBeVisible()
  await audio.getByLabel('Uitgeschreven tekst').fill('Ik vertel over de eerste nacht in het tehuis.')
  await audio.getByRole('button', { name: 'Beschrijving bewaren' }).click()
  await expect(page.getByText('De beschrijving is bewaard.')).toBeVisible()
  await audio.getByRole('button', { name: 'Ik geef toestemming' }).click()
  await expect(audio.getByText('Je hebt toestemming gegeven om dit bestand te tonen.')).toBeVisible()
  await expectAccessible(page)

  // The photo fetched back through the portal has no EXIF and no GPS.
  const mediaId = photoUrl!.split('/')[2]!
  const fetched = await page.request.get(`/media/${mediaId}`)
  expect(fetched.status()).toBe(200)
  expect(fetched.headers()['x-content-type-options']).toContain('nosniff')
  const meta = await sharp(await fetched.body()).metadata()
  expect(meta.exif).toBeUndefined()
  expect(meta.width).toBe(800)

  // Step 5: the public consent, with its history.
  await page.getByRole('link', { name: 'Verder' }).click()
  await expect(page).toHaveURL(/stap=toestemming/)
  await expectAccessible(page)
  const publish = page.getByRole('region', { name: 'Mijn verhaal openbaar tonen op het monument' })
  await publish.getByRole('button', { name: 'Ik geef toestemming' }).click()
  await expect(page.getByText('Je toestemming is vastgelegd.')).toBeVisible()
  await expect(publish.getByRole('button', { name: 'Toestemming intrekken' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Toestemming gegeven' }).first()).toBeVisible()
  await expectAccessible(page)

  // Step 6: check and send in.
  await page.getByRole('link', { name: 'Verder' }).click()
  await expect(page).toHaveURL(/stap=controle/)
  await expect(page.getByText('De eerste nacht kon ik niet slapen.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Verhaal insturen' }).click()
  await expect(page.getByText('Je verhaal is ingestuurd.')).toBeVisible()
  await expect(page.getByText('Ingestuurd', { exact: true })).toBeVisible()
  await expectAccessible(page)

  // Not published yet: a reader (no session) gets nothing.
  const anonymous = await page.context().browser()!.newContext()
  expect((await anonymous.request.get(new URL(`/media/${mediaId}`, page.url()).toString())).status()).toBe(404)
  await anonymous.close()

  const storyUrl = new URL(page.url())
  const storyId = storyUrl.pathname.split('/')[2]!
  await visit('/mijn-verhalen')
  await expect(page.getByRole('link', { name: 'De eerste nacht' })).toBeVisible()

  // A moderator reviews it and lays the checked version before the author.
  await page.getByRole('button', { name: 'Uitloggen' }).click()
  await signIn(page, 'moderator')
  await visit(`/beheer/verhalen/${storyId}`)
  await page.getByRole('button', { name: 'Beoordeling beginnen' }).click()
  await page.getByRole('button', { name: 'Aangepaste versie voorleggen aan de schrijver' }).click()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Uitloggen' }).click()

  // The author approves what they see; with the public consent it is published at once.
  await signIn(page, 'survivor')
  await visit(`/mijn-verhalen/${storyId}`)
  await expect(page.getByRole('heading', { name: 'De nagekeken versie' })).toBeVisible()
  await page.getByRole('button', { name: 'Ik keur deze versie goed' }).click()
  await expect(page.getByText('Je verhaal staat nu op het monument.')).toBeVisible()
  await expectAccessible(page)

  const reader = await page.context().browser()!.newContext()
  // An anonymous reader finds it through a Dutch word form ("nachten" → "nacht") and opens it.
  const readerPage = await reader.newPage()
  const searchUrl = new URL('/verhalen?q=nachten', page.url()).toString()
  await readerPage.goto(searchUrl)
  const hit = readerPage.getByRole('link', { name: 'De eerste nacht' })
  await expect(hit).toBeVisible()
  await expectAccessible(readerPage)
  const publicUrl = new URL((await hit.getAttribute('href'))!, page.url()).toString()
  expect((await reader.request.get(publicUrl)).status()).toBe(200)
  const mediaUrl = new URL(`/media/${mediaId}`, page.url()).toString()
  const asReader = await reader.request.get(mediaUrl)
  expect(asReader.status()).toBe(200)
  expect(asReader.headers()['cache-control']).toBe('public, max-age=0, must-revalidate')
  expect((await sharp(await asReader.body()).metadata()).exif).toBeUndefined()

  // Withdrawing the public consent: the media URL answers 410 at the next request.
  await visit(`/mijn-verhalen/${storyId}?stap=toestemming`)
  const publishAgain = page.getByRole('region', { name: 'Mijn verhaal openbaar tonen op het monument' })
  await publishAgain.getByRole('button', { name: 'Toestemming intrekken' }).click()
  await expect(page.getByText('Je toestemming is ingetrokken. Dat geldt meteen.')).toBeVisible()
  await expectAccessible(page)
  // The page, the search hit and the media URL are gone at the next request.
  expect((await reader.request.get(mediaUrl)).status()).toBe(410)
  expect((await reader.request.get(publicUrl)).status()).toBe(404)
  await readerPage.goto(searchUrl)
  await expect(readerPage.getByRole('link', { name: 'De eerste nacht' })).toHaveCount(0)
  await reader.close()
})
