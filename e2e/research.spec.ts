import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures'
import { readZipTexts } from '../app/testing/zip'
import { connectPortalDb } from './portal-db'
import { signInAddingPasskey } from './sign-in'
import { createStaffAccount, createSurvivorAccount } from './staff-accounts'

// Research use end to end: an admin registers a project, the researcher downloads a dataset
// (the zip is opened and checked), the survivor sees where their story went, withdraws the
// research consent, and the next dataset lacks the story while a deletion notice waits.

const suffix = randomBytes(4).toString('hex')
const PROJECT = `Onderzoek naar groepsleven ${suffix}`
const TEXT = (i: number) => `Onderzoekstekst ${suffix} nummer ${i}.`

function unzip(file: string): Promise<Record<string, string>> {
  return readZipTexts(readFileSync(file))
}

async function download(page: Page) {
  await page.goto('/beheer/onderzoek')
  await expectAccessible(page)
  const section = page.getByRole('region', { name: PROJECT })
  const [file] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Bestand ophalen' }).click()])
  return unzip((await file.path())!)
}

test('research: register, export, survivor sees and withdraws, next export lacks the story, notice shown', async ({ browser }) => {
  test.setTimeout(240_000)
  const admin = await createStaffAccount({ role: 'admin', name: 'Beheerder Onderzoek' })
  const researcherName = `Onderzoeker ${suffix}`
  const researcher = await createStaffAccount({ role: 'researcher', name: researcherName })
  const survivor = await createSurvivorAccount({ name: 'Overlevende Onderzoek' })

  // Seven published stories of the survivor with research consent, the same facets (so k = 5 holds after one goes).
  const sql = connectPortalDb()
  const storyIds: string[] = []
  try {
    const [user] = await sql`select id from users where email = ${survivor.email}`
    for (let i = 0; i < 7; i++) {
      const [s] = await sql`insert into stories (author_id, slug, title, body, published_title, published_body, status, audience, published_at, submitted_at, decades, settings, region)
        values (${user!.id}, ${`onderzoek-${suffix}-${i}`}, ${`Verhaal ${i}`}, ${TEXT(i)}, ${`Verhaal ${i}`}, ${TEXT(i)}, 'published', 'public', now(), now(), ${['1970s']}, ${['residentialGroup']}, 'utrecht') returning id`
      await sql`insert into consent_events (user_id, subject_ref, object_type, object_id, purpose, action, text_version, locale, channel)
        values (${user!.id}, ${user!.id}, 'story', ${s!.id}, 'monument.research', 'grant', 'monument.research@2026-12-07', 'nl', 'web')`
      storyIds.push(s!.id as string)
    }
  } finally {
    await sql.end()
  }

  // The admin registers the project.
  const adminPage = await (await browser.newContext()).newPage()
  await signInAddingPasskey(adminPage, admin)
  await adminPage.getByRole('link', { name: 'Onderzoeksprojecten' }).click()
  await expectAccessible(adminPage)
  await adminPage.getByRole('link', { name: 'Nieuw project registreren' }).click()
  await expectAccessible(adminPage)
  await adminPage.getByLabel('Titel van het project').fill(PROJECT)
  await adminPage.getByLabel('Organisatie').fill('Universiteit Utrecht')
  await adminPage.getByLabel('Doel van het onderzoek').fill('Leren hoe geweld kon gebeuren.')
  await adminPage.getByLabel('Kenmerk ethische toestemming').fill('METC-2026-042')
  await adminPage.getByLabel('Datum afspraak over het gebruik van gegevens').fill('2026-01-15')
  await adminPage.getByLabel('Einddatum van het project').fill('2099-12-31')
  await adminPage.getByRole('button', { name: 'Project registreren' }).click()
  await expect(adminPage.getByText('Kies minstens één onderzoeker uit de lijst.').first()).toBeVisible()
  await expect(adminPage.getByLabel('Titel van het project')).toHaveValue(PROJECT)
  await adminPage.getByRole('checkbox', { name: researcherName }).check()
  await adminPage.getByRole('button', { name: 'Project registreren' }).click()
  await expect(adminPage.getByText('Het project is geregistreerd.')).toBeVisible()
  await expectAccessible(adminPage)

  // The researcher downloads a dataset: all seven stories, no names, a README.
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage()
  await signInAddingPasskey(page, researcher)
  const first = await download(page)
  expect(first['README.md']).toContain(PROJECT)
  for (let i = 0; i < 7; i++) expect(first['stories.csv']).toContain(TEXT(i))
  expect(first['stories.csv']).not.toContain('Overlevende Onderzoek')

  // The survivor sees the inclusion and withdraws the research consent for story 0.
  const survivorPage = await (await browser.newContext()).newPage()
  await survivorPage.goto('/inloggen')
  await survivorPage.getByLabel('E-mailadres').fill(survivor.email)
  await survivorPage.getByLabel('Wachtwoord').fill(survivor.password)
  await survivorPage.getByRole('button', { name: 'Inloggen' }).click()
  await expect(survivorPage).toHaveURL(/\/account$/)
  await survivorPage.goto('/mijn-verhalen/onderzoek')
  await expectAccessible(survivorPage)
  await expect(survivorPage.getByRole('rowheader', { name: PROJECT }).first()).toBeVisible()
  await survivorPage.getByRole('row', { name: /Verhaal 0/ }).getByRole('link', { name: 'Toestemming voor onderzoek aanpassen' }).click()
  await expectAccessible(survivorPage)
  await survivorPage.locator('#consent-monument-research').getByRole('button', { name: 'Toestemming intrekken' }).click()
  await expect(survivorPage.locator('#consent-monument-research').getByRole('button', { name: 'Ik geef toestemming' })).toBeVisible()

  // The next dataset lacks the story; the notice names its number.
  const second = await download(page)
  expect(second['stories.csv']).not.toContain(TEXT(0))
  expect(second['stories.csv']).toContain(TEXT(1))
  const pseudonym = first['stories.csv']!.split('\r\n').find((l) => l.includes(TEXT(0)))!.split(',')[0]!.replace(/"/g, '')
  await page.goto('/beheer/onderzoek')
  await expect(page.getByRole('rowheader', { name: pseudonym })).toBeVisible()
  await page.getByRole('button', { name: `Ik heb dit verhaal verwijderd: ${pseudonym}` }).click()
  await expect(page.getByText('We hebben genoteerd dat je het verhaal hebt verwijderd.')).toBeVisible()
  await expectAccessible(page)
})
