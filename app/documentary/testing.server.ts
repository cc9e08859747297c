import { randomBytes } from 'node:crypto'
import { db } from '@db/client.server'
import { documentaryBlocks, documentaryChapters, type ChapterState } from '@db/schema/documentary'

/** Test-only (route matrix, object-state matrix): a chapter in a given state with one curator's text block. */
export async function createStaffTestChapter({ state = 'draft' }: { state?: ChapterState } = {}) {
  const [chapter] = await db
    .insert(documentaryChapters)
    .values({
      slug: `toets-${randomBytes(5).toString('hex')}`,
      title: 'Toetshoofdstuk',
      intro: 'Een inleiding.',
      themeKind: 'period',
      themeValue: 'Jaren zeventig',
      state,
      publishedAt: state === 'published' ? new Date() : null,
    })
    .returning()
  await db.insert(documentaryBlocks).values({ chapterId: chapter!.id, position: 0, kind: 'text', body: 'Tekst van de samensteller.' })
  return chapter!
}
