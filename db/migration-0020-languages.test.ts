// Migration 0020 (ADR 0021) moves directory texts from a column pair per text into `texts`
// keyed by locale, and contact hours into `hours`. This applies 0000–0019 to an empty database,
// writes rows the old way, applies 0020, and checks that nothing was lost or reordered.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, expect, it } from 'vitest'
import { migrationsFolder } from './migrate-runner'

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string }> }
const name = `t_mig_${randomBytes(6).toString('hex')}`
const admin = postgres(process.env.DATABASE_URL!.replace(/\/[^/]+$/, '/postgres'), { max: 1, onnotice: () => {} })
await admin.unsafe(`create database ${name}`)
const sql = postgres(process.env.DATABASE_URL!.replace(/\/[^/]+$/, `/${name}`), { max: 1, onnotice: () => {} })

afterAll(async () => {
  await sql.end()
  await admin.unsafe(`drop database ${name}`)
  await admin.end()
})

async function apply(upTo: (idx: number) => boolean) {
  for (const { tag } of journal.entries.filter((e) => upTo(e.idx))) {
    const file = readFileSync(path.join(migrationsFolder, `${tag}.sql`), 'utf8')
    for (const statement of file.split('--> statement-breakpoint')) if (statement.trim()) await sql.unsafe(statement)
  }
}

it('keeps every directory text and contact hour, in its language, when it moves them', async () => {
  await apply((idx) => idx < 20)
  await sql`
    insert into directory_entries (slug, name, kind, description_nl, description_en, for_whom_nl, for_whom_en, accessibility_nl, accessibility_en, contacts, source, last_checked_at)
    values
      ('met-alles', 'Met alles', 'peerSupport', 'Beschrijving', 'Description', 'Iedereen', 'Everyone', 'Rolstoel', 'Wheelchair',
       ${sql.json([{ type: 'phone', value: '113', hours_nl: 'Dag en nacht', hours_en: 'Day and night' }, { type: 'website', value: 'https://example.org' }, { type: 'email', value: 'a@example.org', hours_nl: 'Alleen nl' }])},
       'test', '2026-01-01'),
      ('zonder', 'Zonder', 'crisisLine', 'Bel', 'Call', 'Wie', 'Who', null, null, '[]'::jsonb, 'test', '2026-01-01')`
  await apply((idx) => idx === 20)
  const rows = await sql<Array<{ slug: string; texts: unknown; contacts: unknown }>>`select slug, texts, contacts from directory_entries order by slug`
  expect(rows).toEqual([
    {
      slug: 'met-alles',
      texts: { nl: { description: 'Beschrijving', forWhom: 'Iedereen', accessibility: 'Rolstoel' }, en: { description: 'Description', forWhom: 'Everyone', accessibility: 'Wheelchair' } },
      contacts: [
        { type: 'phone', value: '113', hours: { nl: 'Dag en nacht', en: 'Day and night' } },
        { type: 'website', value: 'https://example.org' },
        { type: 'email', value: 'a@example.org', hours: { nl: 'Alleen nl' } },
      ],
    },
    { slug: 'zonder', texts: { nl: { description: 'Bel', forWhom: 'Wie' }, en: { description: 'Call', forWhom: 'Who' } }, contacts: [] },
  ])
  // Dutch stays required: it is what a reader gets when their language has no text.
  await expect(sql`update directory_entries set texts = texts - 'nl'`).rejects.toThrow(/directory_entries_texts_fallback/)
  // A new language's consent needs no migration; a tag of another shape is still refused.
  await sql`insert into consent_events (subject_ref, object_type, object_id, purpose, action, text_version, locale, channel) values ('g1', 'account', 'a', 'p', 'grant', 'v1', 'tr', 'web')`
  await expect(sql`insert into consent_events (subject_ref, object_type, object_id, purpose, action, text_version, locale, channel) values ('g1', 'account', 'a', 'p', 'grant', 'v1', 'xx;drop', 'web')`).rejects.toThrow(/consent_events_locale_check/)
})
