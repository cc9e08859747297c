import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'
import { connectPortalDb } from './portal-db'

/** A published, public story with a content note (the demo data has several). */
async function storyWithNote() {
  const sql = connectPortalDb()
  try {
    const [row] = await sql<Array<{ slug: string }>>`
      select slug from stories
      where status = 'published' and hidden_at is null and audience = 'public' and published_content_note is not null
      order by slug limit 1`
    expect(row, 'a public story with a content note in the demo data').toBeDefined()
    return row!.slug
  } finally {
    await sql.end()
  }
}

/** On paper: no header, menu, quick exit or forms; the crisis line in the footer stays. */
async function expectPrintable(page: Page) {
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('header.site-header')).toBeHidden()
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden()
  await expect(page.getByRole('link', { name: /Snel weg/ })).toBeHidden()
  await expect(page.locator('.site-footer nav')).toBeHidden()
  await expect(page.locator('.site-footer').getByText(/Bel 113 of 0800-0113/)).toBeVisible()
  await expect(page.locator('main h1')).toBeVisible()
  // The printed page is still a good page for assistive technology (print to PDF, reading aloud).
  await expectAccessible(page)
  await page.emulateMedia({ media: 'screen' })
  await expect(page.locator('header.site-header')).toBeVisible()
}

test.describe('print', () => {
  test.describe.configure({ timeout: 180_000 })

  test('a story prints without navigation, with the crisis line', async ({ page, visit }) => {
    const slug = await storyWithNote()
    await visit(`/verhalen/${slug}?lezen=ja`)
    await expectPrintable(page)
    await expect(page.locator('.story-body')).toBeVisible()
  })

  test('the help directory and a help page print without the filter form', async ({ page, visit }) => {
    await visit('/hulp')
    await expectPrintable(page)
    await page.emulateMedia({ media: 'print' })
    await expect(page.getByRole('button', { name: 'Toon hulp' })).toBeHidden()
    await expect(page.getByRole('heading', { name: 'Organisaties' })).toBeVisible()
    await visit('/hulp/trimbos-informatiepunt')
    await expectPrintable(page)
  })

  test('the privacy statement prints whole', async ({ page, visit }) => {
    await visit('/privacy')
    await expectPrintable(page)
    await page.emulateMedia({ media: 'print' })
    await expect(page.getByRole('heading', { name: 'Jouw rechten, en hoe je ze gebruikt' })).toBeVisible()
  })
})
