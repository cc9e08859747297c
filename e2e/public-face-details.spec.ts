import { expect, test } from './fixtures'
import { expectAccessible as expectAccessibleNoJs } from './no-js'
import { connectPortalDb } from './portal-db'

async function storyWithNote() {
  const sql = connectPortalDb()
  try {
    const [row] = await sql<Array<{ slug: string }>>`
      select slug from stories
      where status = 'published' and hidden_at is null and audience = 'public' and published_content_note is not null
      order by slug limit 1`
    return row!.slug
  } finally {
    await sql.end()
  }
}

test.describe.configure({ timeout: 180_000 })

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true })

  // WCAG 2.5.8: at least 24 × 24 CSS px, or that much room around a smaller target. We give both
  // 44 × 44 (the portal's own minimum) and check that the two never touch.
  test('the content-note gate’s two choices are large enough and apart', async ({ page, visit }) => {
    await visit(`/verhalen/${await storyWithNote()}`)
    const read = page.getByRole('link', { name: 'Verder lezen' })
    const notNow = page.getByRole('link', { name: 'Nu niet, terug naar de verhalen' })
    const a = (await read.boundingBox())!
    const b = (await notNow.boundingBox())!
    for (const box of [a, b]) {
      expect(box.width).toBeGreaterThanOrEqual(44)
      expect(box.height).toBeGreaterThanOrEqual(44)
    }
    const gapX = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width))
    const gapY = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height))
    expect(Math.max(gapX, gapY), 'room between the two choices').toBeGreaterThanOrEqual(8)
    await read.tap()
    await expect(page).toHaveURL(/lezen=ja/)
  })
})

test('a language filter that finds no organisation points to the expertise point', async ({ page, visit }) => {
  await visit('/hulp?language=pap')
  await expect(page.getByText('We kennen geen organisatie die bij je keuzes past en hulp geeft in deze taal: Papiaments.')).toBeVisible()
  await expect(page.getByRole('link', { name: '0800-1238' })).toHaveAttribute('href', 'tel:08001238')
  await page.locator('#no-language-results').getByRole('link', { name: 'Naar het Informatie- en Expertisepunt' }).click()
  await expect(page).toHaveURL(/\/hulp\/trimbos-informatiepunt$/)
})

test('the statements open with a table of contents whose links reach their sections', async ({ page, visit }) => {
  for (const [path, section] of [
    ['/privacy', 'Jouw rechten, en hoe je ze gebruikt'],
    ['/toegankelijkheid', 'Wat nog niet goed gaat, en wanneer we het oplossen'],
  ] as const) {
    await visit(path)
    const toc = page.getByRole('navigation', { name: 'Inhoud' })
    await toc.getByRole('link', { name: section }).click()
    await expect(page.getByRole('heading', { name: section, level: 2 })).toBeInViewport()
  }
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the quick exit links a page that explains how to clear history', async ({ page }) => {
    await page.goto('/verhalen')
    await page.getByRole('link', { name: 'Zo wis je je geschiedenis' }).click()
    await expect(page).toHaveURL(/\/snel-weg$/)
    await expect(page.getByRole('heading', { name: 'Je geschiedenis wissen op een computer' })).toBeVisible()
    await expect(page.getByText('Windows en Linux: Ctrl + Shift + Delete')).toBeVisible()
    await expectAccessibleNoJs(page)
  })
})

test('with JavaScript the history link stays out of the header, and the footer links the page', async ({ page, visit }) => {
  await visit('/verhalen')
  await expect(page.getByRole('link', { name: 'Zo wis je je geschiedenis' })).toHaveCount(0)
  await page.getByRole('contentinfo').getByRole('link', { name: 'Je geschiedenis wissen' }).click()
  await expect(page).toHaveURL(/\/snel-weg$/)
})
