import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { APIRequestContext, Browser, Page } from '@playwright/test'
import { consentTextVersion, type ConsentPurpose } from '../app/consent/texts'
import { expect, expectAccessible, test } from './fixtures'
import * as noJs from './no-js'
import { connectPortalDb } from './portal-db'
import { freshCode } from './sign-in'
import { createStaffAccount, createSurvivorAccount } from './staff-accounts'

/**
 * The web documentary end to end (issue 13), axe on every page: a curator composes a chapter
 * from two consented stories (one with audio), a report passage and a help block, and is not
 * offered a story without the documentary consent (a forged addition is refused too); two
 * sounding-board members review, one asks for a change, the curator makes it, both approve, it
 * is published; an anonymous reader reads it with and without JavaScript; the author withdraws
 * the documentary consent and the block is gone at the next request, also from the page cache.
 */

test.describe.configure({ timeout: 900_000 })

// The staff pages' labels as their Dutch texts say them (app/documentary's staff forms), so the
// journey follows the pages' own words.
const texts = JSON.parse(readFileSync('public/locales/nl/documentary.json', 'utf8')) as Record<string, unknown>
function L(key: string): string {
  const value = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), texts)
  if (typeof value !== 'string') throw new Error(`no Dutch text for documentary:${key}`)
  return value
}

const marker = randomBytes(3).toString('hex')
const EXCERPT = `Elke ochtend om zes uur gingen we naar de wasserij ${marker}.`
const BODY_A = `Ik was veertien toen ik er kwam.\n\n${EXCERPT}\n\nBetaald werden we niet.`
const TRANSCRIPT = `Ik vertel over de stilte in het gesticht ${marker}.`
const STORY_A = `Werken in de wasserij ${marker}`
const STORY_B = `De stilte aan de dijk ${marker}`
const STORY_C = `Zonder toestemming ${marker}`
const CHAPTER = `Werken zonder loon ${marker}`
const CHANGE_NOTE = `Zet een waarschuwing bij het fragment ${marker}.`
const REPORT_PASSAGE = `De commissie vond geweld in tehuizen en leefgroepen ${marker}.`

/** Stories on the public monument, arranged directly (the editor and moderation have their own journeys). */
async function arrangeStories() {
  const sql = connectPortalDb()
  const authorA = await createSurvivorAccount({ name: 'Schrijver wasserij' })
  const authorB = await createSurvivorAccount({ name: 'Schrijver dijk' })
  const authorC = await createSurvivorAccount({ name: 'Schrijver zonder toestemming' })
  try {
    const idOf = async (email: string) => (await sql<Array<{ id: string }>>`select id from users where email = ${email}`)[0]!.id
    const [a, b, c] = [await idOf(authorA.email), await idOf(authorB.email), await idOf(authorC.email)]
    const story = async (authorId: string, title: string, body: string) =>
      (
        await sql<Array<{ id: string; slug: string }>>`
        insert into stories (author_id, slug, title, body, published_title, published_body, settings, decades, status, audience, published_at, submitted_at, author_approved_at, revision)
        values (${authorId}, ${`e2e-doc-${randomBytes(4).toString('hex')}`}, ${title}, ${body}, ${title}, ${body}, ${['residentialGroup']}, ${['1950s']},
          'published', 'public', now(), now(), now(), 1) returning id, slug`
      )[0]!
    const grant = (authorId: string, objectType: 'story' | 'media', objectId: string, purpose: ConsentPurpose) =>
      sql`insert into consent_events (user_id, subject_ref, object_type, object_id, purpose, action, text_version, locale, channel)
        values (${authorId}, ${authorId}, ${objectType}, ${objectId}, ${purpose}, 'grant', ${consentTextVersion(purpose)}, 'nl', 'web')`
    const storyA = await story(a, STORY_A, BODY_A)
    const storyB = await story(b, STORY_B, 'Het gesticht aan de dijk was stil.')
    const storyC = await story(c, STORY_C, 'Dit verhaal mag niet in de documentaire.')
    for (const [authorId, s] of [
      [a, storyA],
      [b, storyB],
      [c, storyC],
    ] as const)
      await grant(authorId, 'story', s.id, 'monument.publishPublic')
    await grant(a, 'story', storyA.id, 'monument.documentary')
    await grant(b, 'story', storyB.id, 'monument.documentary')
    // Audio with a moderated transcript and captions (its bytes are not needed: players load nothing until asked).
    const [file] = await sql<Array<{ id: string }>>`
      insert into stored_files (key, byte_size, content_type, sha256, purpose)
      values (${`monument/${storyB.id}/e2e-${marker}/original.wav`}, 44, 'audio/wav', 'e2e', 'monument.audio') returning id`
    const [audio] = await sql<Array<{ id: string }>>`
      insert into story_media (story_id, owner_id, kind, file_id, mime, byte_size, description, transcript, published_description, published_transcript, published_captions, text_moderated_at)
      values (${storyB.id}, ${b}, 'audio', ${file!.id}, 'audio/wav', 44, 'Mijn stem', ${TRANSCRIPT}, 'Mijn stem', ${TRANSCRIPT},
        ${`WEBVTT\n\n00:00.000 --> 00:02.000\n${TRANSCRIPT}\n`}, now()) returning id`
    await grant(b, 'media', audio!.id, 'media.publish')
    return { authorA, storyA, storyC, audioId: audio!.id }
  } finally {
    await sql.end()
  }
}

async function signInStaff(page: Page, account: { email: string; password: string; totpSecret: string }, used: Set<string>) {
  await page.goto('/inloggen')
  await expectAccessible(page)
  await page.getByLabel('E-mailadres').fill(account.email)
  await page.getByLabel('Wachtwoord').fill(account.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByLabel('Code van 6 cijfers').fill(await freshCode(account.totpSecret, used))
  await page.getByRole('button', { name: 'Bevestigen' }).click()
  await expect(page).not.toHaveURL(/\/inloggen/)
}

async function newStaffPage(browser: Browser) {
  const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: true })
  return context.newPage()
}

/** The public chapter exactly as the page cache keeps and serves it: no cookie at all. */
async function anonymousHtml(request: APIRequestContext, path: string) {
  const response = await request.get(path, { headers: { Cookie: '' } })
  expect(response.status()).toBe(200)
  return response.text()
}

/** Two anonymous answers' ETags: equal when the second came from the page cache. */
async function anonymousEtags(request: APIRequestContext, path: string) {
  const etags: string[] = []
  for (let i = 0; i < 2; i++) {
    const response = await request.get(path, { headers: { Cookie: '' } })
    expect(response.status()).toBe(200)
    etags.push(response.headers()['etag'] ?? '')
  }
  expect(etags[0]).not.toBe('')
  return etags
}

test('a chapter from consent to publication, read with and without JavaScript, and an author’s withdrawal gone at the next request', async ({ page, browser, request, visit }) => {
  const { authorA, storyA, storyC, audioId } = await arrangeStories()
  const used = new Set<string>()

  // — the curator composes —
  const curator = await createStaffAccount({ role: 'curator', name: 'Samensteller e2e' })
  await signInStaff(page, curator, used)
  await visit('/beheer/documentaire')
  await visit('/beheer/documentaire/nieuw')
  await page.getByLabel(L('staff.editor.fields.title'), { exact: true }).fill(CHAPTER)
  await page.getByLabel(L('staff.editor.fields.intro'), { exact: true }).fill('Over werk zonder loon in de wasserijen.')
  await page.getByLabel(L('staff.editor.fields.themeKind'), { exact: true }).selectOption('history')
  await page.getByLabel(L('staff.editor.fields.themeValue'), { exact: true }).fill('Goede Herder 1945–1975')
  await page.getByLabel(L('staff.editor.fields.contentNote'), { exact: true }).fill('Dit hoofdstuk gaat over gedwongen werk.')
  await page.getByRole('button', { name: L('staff.editor.create'), exact: true }).click()
  await expect(page).toHaveURL(/\/beheer\/documentaire\/[0-9a-f-]{36}/)
  const editorPath = new URL(page.url()).pathname
  await expectAccessible(page)

  // Only consented stories are offered; a forged addition of another is refused.
  const storyField = page.getByLabel(L('staff.editor.add.storyField'), { exact: true })
  await expect(storyField.locator('option', { hasText: STORY_A })).toHaveCount(1)
  await expect(storyField.locator('option', { hasText: STORY_B })).toHaveCount(1)
  await expect(storyField.locator('option', { hasText: STORY_C })).toHaveCount(0)
  const origin = new URL(page.url()).origin
  const forged = await page.request.post(editorPath, { form: { intent: 'addStory', storyId: storyC.id, excerpt: '' }, headers: { Origin: origin } })
  expect(forged.status()).toBe(400)

  await storyField.selectOption({ label: STORY_A })
  await page.getByLabel(L('staff.editor.add.excerpt'), { exact: true }).fill(EXCERPT)
  await page.getByRole('button', { name: L('staff.editor.add.story'), exact: true }).click()
  await expect(page.getByText(EXCERPT).first()).toBeVisible()
  await page.getByLabel(L('staff.editor.add.mediumField'), { exact: true }).selectOption(audioId)
  await page.getByRole('button', { name: L('staff.editor.add.medium'), exact: true }).click()
  await page.getByLabel(L('staff.editor.add.reportRef'), { exact: true }).selectOption('residential')
  await page.getByLabel(L('staff.editor.add.reportBody'), { exact: true }).fill(REPORT_PASSAGE)
  await page.getByRole('button', { name: L('staff.editor.add.report'), exact: true }).click()
  await expect(page.getByText(REPORT_PASSAGE).first()).toBeVisible()
  await page.getByRole('button', { name: L('staff.editor.add.help'), exact: true }).click()
  await expectAccessible(page)
  // The forged story never made it in.
  await expect(page.getByText('Dit verhaal mag niet in de documentaire.')).toHaveCount(0)
  await page.getByRole('button', { name: L('staff.editor.actions.submitForReview'), exact: true }).click()
  await expect(page.getByRole('button', { name: L('staff.editor.actions.publish'), exact: true })).toBeVisible()
  await expectAccessible(page)

  // — the sounding board: one asks for a change —
  const [member1, member2] = [await createStaffAccount({ role: 'sounding_board', name: 'Klankbord e2e 1' }), await createStaffAccount({ role: 'sounding_board', name: 'Klankbord e2e 2' })]
  const board1 = await newStaffPage(browser)
  await signInStaff(board1, member1, used)
  const review = async (board: Page, verdict: 'approve' | 'changes') => {
    await board.goto('/beheer/klankbord')
    await expectAccessible(board)
    await board.getByRole('link', { name: CHAPTER }).click()
    await expect(board.getByRole('heading', { name: CHAPTER, level: 1 })).toBeVisible()
    await expect(board.getByText(EXCERPT).first()).toBeVisible()
    await expectAccessible(board)
    if (verdict === 'changes') {
      await board.getByLabel(L('staff.board.changesNote'), { exact: true }).fill(CHANGE_NOTE)
      await board.getByRole('button', { name: L('staff.board.changes'), exact: true }).click()
    } else {
      await board.getByRole('button', { name: L('staff.board.approve'), exact: true }).click()
    }
    await expect(board.getByRole('button', { name: L(verdict === 'approve' ? 'staff.board.approve' : 'staff.board.changes'), exact: true })).toHaveCount(0)
    await expectAccessible(board)
  }
  await review(board1, 'changes')

  // — the curator makes the change and submits again —
  await visit(editorPath)
  await expect(page.getByText(CHANGE_NOTE).first()).toBeVisible()
  await page.getByLabel(L('staff.editor.fields.intro'), { exact: true }).fill('Over werk zonder loon in de wasserijen, 1945–1975.')
  await page.getByRole('button', { name: L('staff.editor.save'), exact: true }).click()
  await expect(page.getByRole('button', { name: L('staff.editor.actions.submitForReview'), exact: true })).toBeVisible()
  await page.getByRole('button', { name: L('staff.editor.actions.submitForReview'), exact: true }).click()
  await expect(page.getByRole('button', { name: L('staff.editor.actions.publish'), exact: true })).toBeVisible()

  // — both approve, the curator publishes —
  const board2 = await newStaffPage(browser)
  await signInStaff(board2, member2, used)
  await review(board1, 'approve')
  await review(board2, 'approve')
  await visit(editorPath)
  await page.getByRole('button', { name: L('staff.editor.actions.publish'), exact: true }).click()
  await expect(page.getByRole('button', { name: L('staff.editor.actions.unpublish'), exact: true })).toBeVisible()
  await expectAccessible(page)
  await board1.context().close()
  await board2.context().close()

  // — an anonymous reader, with JavaScript —
  const reader = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: true })
  const readerPage = await reader.newPage()
  await readerPage.goto('/documentaire')
  await expectAccessible(readerPage)
  await readerPage.getByRole('link', { name: CHAPTER }).click()
  await expect(readerPage.getByText('Dit hoofdstuk gaat over gedwongen werk.')).toBeVisible()
  await expectAccessible(readerPage)
  await readerPage.getByRole('link', { name: 'Verder lezen', exact: true }).click()
  await expect(readerPage.getByText(EXCERPT)).toBeVisible()
  await expect(readerPage.locator('audio track[kind="captions"]')).toHaveCount(1)
  await readerPage.getByText('Uitgeschreven tekst').click()
  await expect(readerPage.getByText(TRANSCRIPT)).toBeVisible()
  await expect(readerPage.getByText(REPORT_PASSAGE)).toBeVisible()
  await expect(readerPage.getByRole('link', { name: '113', exact: true })).toBeVisible()
  await expectAccessible(readerPage)
  const chapterPath = new URL(readerPage.url()).pathname
  // "Continue where you left off" lives in this browser only: reading the report passage is remembered.
  await readerPage.locator('[data-doc-block]').nth(2).evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await expect.poll(() => readerPage.evaluate(() => window.localStorage.getItem('documentaire:voortgang')), { timeout: 30_000 }).toContain('"block":"blok-')
  const stored = await readerPage.evaluate(() => window.localStorage.getItem('documentaire:voortgang'))
  expect(stored).toContain(chapterPath.split('/').pop())
  // Back at the chapter later: the way back to the block last read. Both pages ship no Remix
  // scripts (app/seo/public-pages.ts); their inline reading script offers it.
  await readerPage.goto(`${chapterPath}?lezen=ja`)
  await readerPage.getByRole('link', { name: 'Verder lezen waar je was gebleven' }).click({ timeout: 60_000 })
  // The contents mark the block in view.
  await expect(readerPage.locator('.doc-contents a[aria-current="location"]')).toHaveCount(1)
  await readerPage.goto('/documentaire')
  const onward = readerPage.getByRole('link', { name: `Verder lezen: ${CHAPTER}`, exact: true })
  await expect(onward).toBeVisible()
  await expectAccessible(readerPage)
  await onward.click()
  await expect(readerPage).toHaveURL(/#blok-/)
  await reader.close()

  // — and without JavaScript —
  const plain = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false })
  const plainPage = await plain.newPage()
  await noJs.visit(plainPage, chapterPath)
  await plainPage.getByRole('link', { name: 'Verder lezen', exact: true }).click()
  await expect(plainPage.getByText(EXCERPT)).toBeVisible()
  await expect(plainPage.getByText(REPORT_PASSAGE)).toBeVisible()
  await noJs.expectAccessible(plainPage)
  await plain.close()

  // Anonymous and without a cookie, as the page cache keeps pages: the chapter's address is kept
  // (the second answer is the first one, same ETag), and its reading view shows the excerpt.
  const readPath = `${chapterPath}?lezen=ja`
  expect(await anonymousHtml(request, readPath)).toContain(EXCERPT)
  const keptBefore = await anonymousEtags(request, chapterPath)
  expect(keptBefore[0], 'the chapter page is served from the page cache').toBe(keptBefore[1])

  // — the author sees the use and withdraws the documentary consent —
  const author = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: true })
  const authorPage = await author.newPage()
  await authorPage.goto('/inloggen')
  await authorPage.getByLabel('E-mailadres').fill(authorA.email)
  await authorPage.getByLabel('Wachtwoord').fill(authorA.password)
  await authorPage.getByRole('button', { name: 'Inloggen' }).click()
  await expect(authorPage).not.toHaveURL(/\/inloggen/)
  await authorPage.goto('/mijn-verhalen')
  await authorPage.getByRole('link', { name: 'Mijn verhaal in de webdocumentaire' }).click()
  await expect(authorPage.getByRole('heading', { name: CHAPTER })).toBeVisible()
  await expect(authorPage.getByText(EXCERPT)).toBeVisible()
  await expect(authorPage.getByText('Lezers zien dit nu')).toBeVisible()
  await expectAccessible(authorPage)
  await authorPage.getByRole('link', { name: 'Toestemming voor de documentaire intrekken' }).click()
  await expect(authorPage).toHaveURL(new RegExp(`/mijn-verhalen/${storyA.id}\\?stap=toestemming`))
  await expectAccessible(authorPage)
  const documentaryConsent = authorPage.getByRole('region', { name: 'Mijn verhaal gebruiken voor een documentaire' })
  await documentaryConsent.getByRole('button', { name: 'Toestemming intrekken' }).click()
  await expect(documentaryConsent.getByRole('button', { name: 'Ik geef toestemming' })).toBeVisible()
  await expectAccessible(authorPage)
  await author.close()

  // At the next request the block is gone, also from the page cache (the kept page was
  // dropped: a new rendering, a new ETag); the rest of the chapter stays.
  for (let i = 0; i < 2; i++) {
    const html = await anonymousHtml(request, readPath)
    expect(html).not.toContain(EXCERPT)
    expect(html).toContain(REPORT_PASSAGE)
  }
  const keptAfter = await anonymousEtags(request, chapterPath)
  expect(keptAfter[0]).not.toBe(keptBefore[0])
  expect(keptAfter[1]).toBe(keptAfter[0])
})

test('the demo chapter is there on a fresh start, readable with and without JavaScript, and printable', async ({ page, browser, visit }) => {
  await visit('/documentaire')
  await page.getByRole('link', { name: 'Werken en zwijgen' }).click()
  await expect(page.getByRole('heading', { name: 'Waarschuwing vooraf' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Verder lezen', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Werken in de wasserij' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Uit het rapport: Onvoldoende Beschermd' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'In dit hoofdstuk' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Sla dit deel over' }).first()).toBeVisible()
  await expectAccessible(page)
  // On paper: no navigation, the crisis line in the footer.
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: 'In dit hoofdstuk' })).toBeHidden()
  await expect(page.locator('.site-header')).toBeHidden()
  await expect(page.locator('.site-footer').getByText(/113/)).toBeVisible()
  await page.emulateMedia({ media: 'screen' })

  const plain = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false })
  try {
    const plainPage = await plain.newPage()
    await noJs.visit(plainPage, '/documentaire')
    await plainPage.getByRole('link', { name: 'Werken en zwijgen' }).click()
    await plainPage.getByRole('link', { name: 'Verder lezen', exact: true }).click()
    await expect(plainPage.getByRole('heading', { name: 'Werken in de wasserij' })).toBeVisible()
    await expect(plainPage.getByText('Praten mocht niet.', { exact: false })).toBeVisible()
    await noJs.expectAccessible(plainPage)
  } finally {
    await plain.close()
  }
})
