import type { APIRequestContext, Browser, Page } from '@playwright/test'
import sharp from 'sharp'
import { consentTextVersion } from '../app/consent/texts'
import { expect, expectAccessible, test } from './fixtures'
import * as noJs from './no-js'
import { connectPortalDb } from './portal-db'
import { createSurvivorAccount } from './staff-accounts'

/**
 * Per-medium consent after publication (ADR 0022): a survivor whose story is on the monument
 * with two photos takes one photo off. The other stays; the withdrawn one is gone from the
 * public page (also a page kept in the page cache) and its /media address at the next request.
 */

// A shared 2-core machine: uploads, renders and axe scans take their time.
test.describe.configure({ timeout: 600_000 })

const PUBLISH_LABEL = 'Mijn foto, geluid of video tonen bij mijn verhaal'
const DESCRIPTIONS = ['Het huis aan de dijk, van buiten.', 'Mijn kamer op de eerste verdieping.'] as const

async function jpeg(colour: string) {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: colour } }).jpeg().toBuffer()
}

/**
 * A new story with two photos uploaded through the media step (with or without JavaScript),
 * then published with both photos' consent: the moderators' part and the consents written
 * straight into the database, as a moderated and approved story would have them.
 */
async function publishedStoryWithTwoPhotos(page: Page, { withJs }: { withJs: boolean }) {
  const click = async (name: string) => (withJs ? page.getByRole('button', { name }).click() : noJs.submit(page, name))
  await page.goto('/mijn-verhalen')
  await click('Een nieuw verhaal beginnen')
  await expect(page).toHaveURL(/\/mijn-verhalen\/[0-9a-f-]+\?stap=verhaal/)
  const storyId = /\/mijn-verhalen\/([0-9a-f-]+)/.exec(page.url())![1]!
  await page.goto(`/mijn-verhalen/${storyId}?stap=media`)
  for (const [i, colour] of ['#7a9cb8', '#b87a9c'].entries()) {
    await page.getByLabel('Bestand kiezen').setInputFiles({ name: `foto-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: await jpeg(colour) })
    await click('Bestand toevoegen')
    await expect(page.getByText('Je bestand is toegevoegd.')).toBeVisible()
  }
  const sql = connectPortalDb()
  try {
    const [story] = await sql<Array<{ authorId: string; slug: string }>>`select author_id as "authorId", slug from stories where id = ${storyId}`
    // The first upload's confirmation is still on the page when the second is sent: wait for the
    // second photo itself, not for a message that was already there.
    await expect.poll(async () => (await sql<Array<{ n: number }>>`select count(*)::int as n from story_media where story_id = ${storyId}`)[0]!.n, { timeout: 30_000 }).toBe(2)
    const media = await sql<Array<{ id: string }>>`select id from story_media where story_id = ${storyId} order by position`
    expect(media).toHaveLength(2)
    for (const [i, m] of media.entries()) {
      await sql`update story_media set description = ${DESCRIPTIONS[i]!}, published_description = ${DESCRIPTIONS[i]!}, text_moderated_at = now() where id = ${m.id}`
      await sql`insert into consent_events (user_id, subject_ref, object_type, object_id, purpose, action, text_version, locale, channel)
        values (${story!.authorId}, ${story!.authorId}, 'media', ${m.id}, 'media.publish', 'grant', ${consentTextVersion('media.publish')}, 'nl', 'web')`
    }
    await sql`insert into consent_events (user_id, subject_ref, object_type, object_id, purpose, action, text_version, locale, channel)
      values (${story!.authorId}, ${story!.authorId}, 'story', ${storyId}, 'monument.publishPublic', 'grant', ${consentTextVersion('monument.publishPublic')}, 'nl', 'web')`
    await sql`update stories set title = 'Het huis aan de dijk', body = 'Ik was tien toen ik daar kwam.', published_title = 'Het huis aan de dijk',
      published_body = 'Ik was tien toen ik daar kwam.', status = 'published', audience = 'public', submitted_at = now(), author_approved_at = now(), published_at = now()
      where id = ${storyId}`
    return { storyId, slug: story!.slug, first: { id: media[0]!.id, alt: DESCRIPTIONS[0] }, second: { id: media[1]!.id, alt: DESCRIPTIONS[1] } }
  } finally {
    await sql.end()
  }
}

/** What an anonymous reader gets: the page (a new context, no cookies, so the page cache may answer) and the media addresses. */
type Photo = { id: string; alt: string }

async function expectPublic(browser: Browser, request: APIRequestContext, { slug, shown, gone }: { slug: string; shown: Photo[]; gone: Photo[] }) {
  // JavaScript on explicitly: a new context inherits the no-JS describe's setting, and axe is a script.
  const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: true })
  try {
    const reader = await context.newPage()
    const response = await reader.goto(`/verhalen/${slug}`)
    expect(response?.status()).toBe(200)
    await expectAccessible(reader)
    for (const { alt } of shown) await expect(reader.getByRole('img', { name: alt })).toBeVisible()
    for (const { alt } of gone) await expect(reader.getByRole('img', { name: alt })).toHaveCount(0)
  } finally {
    await context.close()
  }
  // The page as it is kept and served (anonymous, no cookie at all).
  const html = await (await request.get(`/verhalen/${slug}`, { headers: { Cookie: '' } })).text()
  for (const { id } of shown) {
    expect(html).toContain(`/media/${id}`)
    expect((await request.get(`/media/${id}`)).status()).toBe(200)
  }
  for (const { id } of gone) {
    expect(html).not.toContain(`/media/${id}`)
    expect((await request.get(`/media/${id}`)).status()).toBe(404)
    expect((await request.get(`/media/${id}/web`)).status()).toBe(404)
  }
}

async function photoRegion(page: Page, number: 1 | 2) {
  return page.getByRole('region', { name: `Foto ${number}`, exact: true })
}

test('a survivor takes one photo off a published story; the other stays and the first is gone at the next request', async ({ page, browser, request, visit }) => {
  const survivor = await createSurvivorAccount({ name: 'Verteller met foto' })
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(survivor.email)
  await page.getByLabel('Wachtwoord').fill(survivor.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect(page).toHaveURL(/\/account$/)

  const { storyId, slug, first, second } = await publishedStoryWithTwoPhotos(page, { withJs: true })
  await expectPublicBoth(browser, request, slug, first, second)

  // The status page of the published story: each photo with its own consents.
  await visit(`/mijn-verhalen/${storyId}`)
  await expect(page.getByRole('heading', { name: "Je foto's, geluid en video" })).toBeVisible()
  const photo1 = (await photoRegion(page, 1)).getByRole('region', { name: PUBLISH_LABEL })
  await expect(photo1.getByText('Je hebt toestemming gegeven om dit bestand te tonen.')).toBeVisible()
  await expect(photo1.getByText(/vanaf de volgende keer dat iemand de pagina opent niet meer te zien/)).toBeVisible()
  await photo1.getByRole('button', { name: 'Toestemming intrekken' }).click()
  await expect(page.getByText('Je toestemming is ingetrokken. Dat geldt meteen.')).toBeVisible()
  await expect(photo1.getByRole('button', { name: 'Ik geef toestemming' })).toBeVisible()
  await expect((await photoRegion(page, 2)).getByRole('region', { name: PUBLISH_LABEL }).getByRole('button', { name: 'Toestemming intrekken' })).toBeVisible()
  await expectAccessible(page)
  // The owner still has the file.
  expect((await page.request.get(`/media/${first.id}`)).status()).toBe(200)

  await expectPublic(browser, request, { slug, shown: [second], gone: [first] })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the same withdrawal as a plain form', async ({ page, browser, request }) => {
    const survivor = await createSurvivorAccount({ name: 'Verteller zonder script' })
    await noJs.signInNoJs(page, survivor)
    const { storyId, slug, first, second } = await publishedStoryWithTwoPhotos(page, { withJs: false })
    await expectPublicBoth(browser, request, slug, first, second)

    await noJs.visit(page, `/mijn-verhalen/${storyId}`)
    const photo1 = (await photoRegion(page, 1)).getByRole('region', { name: PUBLISH_LABEL })
    await noJs.submit(page, 'Toestemming intrekken', photo1)
    await expect(page.getByText('Je toestemming is ingetrokken. Dat geldt meteen.')).toBeVisible()
    await expect(photo1.getByRole('button', { name: 'Ik geef toestemming' })).toBeVisible()
    await noJs.expectAccessible(page)

    await expectPublic(browser, request, { slug, shown: [second], gone: [first] })
  })
})

/** Before the withdrawal: both photos on the page (which the page cache now keeps) and at their addresses. */
async function expectPublicBoth(browser: Browser, request: APIRequestContext, slug: string, first: Photo, second: Photo) {
  await expectPublic(browser, request, { slug, shown: [first, second], gone: [] })
}
