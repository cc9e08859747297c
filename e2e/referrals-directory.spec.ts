import { expect, expectAccessible, test } from './fixtures'

test.describe('referral directory', () => {
  test('a guest filters by setting and language and opens an entry', async ({ page, visit }) => {
    await visit('/hulp')
    await expect(page.getByRole('heading', { level: 1, name: 'Hulp en steun' })).toBeVisible()
    await page.getByLabel('Waar was je geplaatst?').selectOption({ label: 'Psychiatrisch ziekenhuis' })
    await page.getByLabel('In welke taal?').selectOption({ label: 'Nederlands' })
    await page.getByRole('button', { name: 'Toon hulp' }).click()
    await expect(page).toHaveURL(/setting=psychiatricHospital/)
    await expect(page).toHaveURL(/language=nl/)
    await expectAccessible(page)

    const results = page.getByRole('region', { name: 'Organisaties' })
    await expect(results.getByRole('link', { name: 'Platform Misstanden Psychiatrie' })).toBeVisible()
    await expect(results.getByRole('link', { name: /Goede Herder/ })).toHaveCount(0)
    // The choice is kept in the form, so people see what they filtered on.
    await expect(page.getByLabel('Waar was je geplaatst?')).toHaveValue('psychiatricHospital')

    await results.getByRole('link', { name: 'Platform Misstanden Psychiatrie' }).click()
    await expect(page).toHaveURL(/\/hulp\/platform-misstanden-psychiatrie$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Platform Misstanden Psychiatrie' })).toBeVisible()
    await expect(page.getByText('Jeugd-ggz (opname), Psychiatrisch ziekenhuis')).toBeVisible()
    await expect(page.getByText('Deze gegevens zijn het laatst gecontroleerd op 24 november 2026.')).toBeVisible()
    await expectAccessible(page)
  })

  test('an entry shows its period and contact links', async ({ page, visit }) => {
    await visit('/hulp/kinderdwangarbeid-meisjes-goede-herder')
    await expect(page.getByText('1945 tot en met 1975')).toBeVisible()
    await expect(page.getByText('Leefgroep of tehuis')).toBeVisible()
    await visit('/hulp/trimbos-informatiepunt')
    await expect(page.getByRole('link', { name: '0800-1238' })).toHaveAttribute('href', 'tel:08001238')
    await expect(page.getByRole('link', { name: 'geweldindejeugdzorginfo.nl' })).toHaveAttribute(
      'href',
      'https://geweldindejeugdzorginfo.nl',
    )
  })

  test('crisis lines stay first whatever the filter', async ({ page, visit }) => {
    for (const query of ['', '?language=ngt&setting=blindOrDeafInstitution&region=zeeland', '?need=peerContact']) {
      await visit(`/hulp${query}`)
      const crisis = page.getByRole('region', { name: 'Heb je nu meteen hulp nodig?' })
      await expect(crisis.getByRole('link', { name: '113', exact: true })).toHaveAttribute('href', 'tel:113')
      await expect(crisis.getByRole('link', { name: '0800-0113' })).toBeVisible()
      await expect(crisis.getByRole('link', { name: '112', exact: true })).toBeVisible()
      await expect(crisis.getByRole('link', { name: '0800-0188' })).toBeVisible()
      // The crisis block comes before the filters and the list.
      const headings = await page.getByRole('heading', { level: 2 }).allTextContents()
      expect(headings[0]).toBe('Heb je nu meteen hulp nodig?')
    }
    await expect(page.getByRole('region', { name: 'Organisaties' }).getByRole('listitem').first()).toContainText(
      'Lotgenotenorganisatie',
    )
  })

  test('the filter works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' })
    const page = await context.newPage()
    await page.goto('/hulp')
    await page.getByLabel('Wat zoek je?').selectOption({ label: 'Contact met lotgenoten' })
    await page.getByLabel('Waar was je geplaatst?').selectOption({ label: 'Leefgroep of tehuis' })
    await page.getByRole('button', { name: 'Toon hulp' }).click()
    await expect(page).toHaveURL(/need=peerContact/)
    const results = page.getByRole('region', { name: 'Organisaties' })
    await expect(results.getByRole('link', { name: /Goede Herder/ })).toBeVisible()
    await expect(results.getByRole('link', { name: 'Platform Misstanden Psychiatrie' })).toHaveCount(0)
    await expect(results.getByRole('link', { name: 'Schadefonds Geweldsmisdrijven' })).toHaveCount(0)
    await expect(page.getByRole('region', { name: 'Heb je nu meteen hulp nodig?' }).getByRole('heading', { level: 3 })).toHaveCount(3)
    await context.close()
  })

  test('the directory may be cached only with revalidation', async ({ page }) => {
    const response = await page.goto('/hulp')
    // Needs server/app.ts to set its `no-store` default only when a route sets no Cache-Control.
    expect(response?.headers()['cache-control']).toBe('public, max-age=0, must-revalidate')
  })

  test('the professionals page opens from the directory', async ({ page, visit }) => {
    await visit('/hulp')
    await page.getByRole('link', { name: 'Lees de informatie voor professionals' }).click()
    await expect(page).toHaveURL(/\/hulp\/professionals$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Informatie voor professionals' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: 'Hoe je erover praat' })).toBeVisible()
    await expectAccessible(page)
  })

  test('the directory is in English for an English reader', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto('/hulp/113-zelfmoordpreventie')
    await expect(page.getByText('Are you thinking about suicide?')).toBeVisible()
    await expect(page.getByText('(Day and night)').first()).toBeVisible()
    await expect(page.getByText('These details were last checked on 24 November 2026.')).toBeVisible()
    await expectAccessible(page)
    await context.close()
  })

  test('an unknown entry answers 404', async ({ browser }) => {
    // A fresh page: the browser logs the 404 status to its console, which is expected here.
    const context = await browser.newContext({ locale: 'nl-NL' })
    const page = await context.newPage()
    const response = await page.goto('/hulp/bestaat-niet')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Deze pagina bestaat niet' })).toBeVisible()
    await expectAccessible(page)
    await context.close()
  })
})
