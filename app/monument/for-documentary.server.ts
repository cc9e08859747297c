import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { stories, storyMedia, type StoryMedia } from '@db/schema/monument'

/**
 * What the web documentary (app/documentary, ADR 0029) needs from the monument. A story may
 * appear in a chapter only while it is on the public monument (published, not hidden after a
 * report, public audience) with its moderated text; a medium only with its moderated text and,
 * for audio and video, a moderated transcript — the same rule as the public story page. The
 * consents themselves are asked of app/consent; the documentary combines the two on every read.
 * Never the author's own (unmoderated) text, and no display name: chapters show no author.
 */

export type DocumentaryMedium = {
  id: string
  kind: 'photo' | 'audio' | 'video'
  mime: string
  description: string | null
  transcript: string | null
  /** Served by /media/<id>/captions, which checks again on every request. */
  hasCaptions: boolean
}

export type DocumentaryStory = {
  id: string
  slug: string
  authorId: string
  title: string
  body: string
  contentNote: string | null
  decades: string[]
  settings: string[]
  region: string | null
  media: DocumentaryMedium[]
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function onPublicMonument() {
  return and(eq(stories.status, 'published'), isNull(stories.hiddenAt), eq(stories.audience, 'public'))
}

function moderatedForReaders(m: StoryMedia) {
  return Boolean(m.textModeratedAt) && (m.kind === 'photo' || Boolean(m.publishedTranscript?.trim()))
}

/**
 * The given stories as far as they are on the public monument, with their readable media
 * (consent of each medium not yet checked). A story that is not (any longer) public is absent.
 */
export async function getPublicStoriesForDocumentary({ storyIds, tx = defaultDb }: { storyIds: readonly string[]; tx?: DbOrTx }): Promise<Map<string, DocumentaryStory>> {
  const ids = [...new Set(storyIds.filter((id) => UUID.test(id)))]
  const out = new Map<string, DocumentaryStory>()
  if (ids.length === 0) return out
  const rows = await tx.select().from(stories).where(and(inArray(stories.id, ids), onPublicMonument()))
  const media = rows.length
    ? await tx.select().from(storyMedia).where(inArray(storyMedia.storyId, rows.map((r) => r.id))).orderBy(asc(storyMedia.position))
    : []
  for (const r of rows) {
    if (!r.authorId || r.publishedBody === null) continue
    out.set(r.id, {
      id: r.id,
      slug: r.slug,
      authorId: r.authorId,
      title: r.publishedTitle ?? '',
      body: r.publishedBody,
      contentNote: r.publishedContentNote,
      decades: r.decades,
      settings: r.settings,
      region: r.region,
      media: media
        .filter((m) => m.storyId === r.id && moderatedForReaders(m))
        .map((m) => ({
          id: m.id,
          kind: m.kind,
          mime: m.mime,
          description: m.publishedDescription,
          transcript: m.publishedTranscript,
          hasCaptions: Boolean(m.publishedCaptions),
        })),
    })
  }
  return out
}

/** The ids and titles of an author's stories (any state), so the author's account can list where they appear. */
export async function listStoriesOfAuthor({ authorId, tx = defaultDb }: { authorId: string; tx?: DbOrTx }): Promise<Array<{ storyId: string; title: string }>> {
  if (!UUID.test(authorId)) return []
  const rows = await tx
    .select({ storyId: stories.id, title: stories.publishedTitle, ownTitle: stories.title })
    .from(stories)
    .where(eq(stories.authorId, authorId))
  return rows.map((r) => ({ storyId: r.storyId, title: r.title ?? r.ownTitle }))
}

/** The story a medium belongs to, or null. */
export async function getStoryIdOfMedium({ mediaId, tx = defaultDb }: { mediaId: string; tx?: DbOrTx }): Promise<string | null> {
  if (!UUID.test(mediaId)) return null
  const [row] = await tx.select({ storyId: storyMedia.storyId }).from(storyMedia).where(eq(storyMedia.id, mediaId))
  return row?.storyId ?? null
}
