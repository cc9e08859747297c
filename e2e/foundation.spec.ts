import { expect, expectAccessible, test } from './fixtures'

test.describe('home and languages', () => {
  test('the home page is in Dutch by default and says what the portal offers', async ({ page, visit }) => {
    await visit('/')
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' })
    await expect(nav.getByRole('link', { name: 'Verhalen' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Hulp en steun' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Financiële regeling' })).toBeVisible()
  })

  test('an English browser gets English', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto('/')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible()
    await expectAccessible(page)
    await context.close()
  })

  test('the language switcher changes the language and remembers it', async ({ page, visit }) => {
    await visit('/hulp')
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page).toHaveURL(/\/hulp$/)
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expectAccessible(page)
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Stories' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
  })

  test('the language switcher works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' })
    const page = await context.newPage()
    await page.goto('/over')
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page).toHaveURL(/\/over$/)
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await context.close()
  })
})

test.describe('trauma-informed layout', () => {
  test('crisis numbers are one click away on every page', async ({ page, visit }) => {
    for (const path of ['/', '/verhalen', '/privacy']) {
      await visit(path)
      await page.getByText('Nu hulp nodig? Bel 113').click()
      await expect(page.getByRole('link', { name: '0800-0113' })).toBeVisible()
      await expect(page.getByRole('link', { name: '0900-0101' })).toBeVisible()
      await expect(page.getByRole('link', { name: '0900-9999 001' })).toBeVisible()
      await expectAccessible(page)
    }
  })

  test('the skip link moves focus to the main content', async ({ page, visit }) => {
    await visit('/')
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Ga direct naar de inhoud' })
    await expect(skip).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/#inhoud$/)
  })

  test('footer pages open, each with its heading', async ({ page, visit }) => {
    await visit('/')
    const footer = page.getByRole('contentinfo')
    for (const [name, path] of [
      ['Over dit portaal', '/over'],
      ['Privacy', '/privacy'],
      ['Toegankelijkheid', '/toegankelijkheid'],
      ['Contact', '/contact'],
    ] as const) {
      await footer.getByRole('link', { name }).click()
      await expect(page).toHaveURL(new RegExp(`${path}$`))
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expectAccessible(page)
    }
  })

  test('the placeholder pages for the three parts exist', async ({ page, visit }) => {
    for (const path of ['/verhalen', '/hulp', '/regeling']) {
      await visit(path)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    }
  })

  test('an unknown page answers 404 with a helpful page', async ({ browser }) => {
    // A fresh page: the browser logs the 404 status to its console, which is expected here.
    const context = await browser.newContext()
    const page = await context.newPage()
    const response = await page.goto('/bestaat-niet')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Deze pagina bestaat niet' })).toBeVisible()
    await expectAccessible(page)
    await context.close()
  })
})
