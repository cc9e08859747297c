import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { storedFiles } from '@db/schema/files'
import { stories, storyMedia, type Story } from '@db/schema/monument'
import { moderatedVersionFingerprint } from './story-steps.server'

/**
 * The monument's stories as the archive transfer reads them (app/archive/**, ADR 0023). Only
 * the moderated text the author approved goes to an archive, never the author's own draft
 * text: it is what the archive consent promises ("the text as approved after a moderator's
 * check"). Nothing here names the author beyond what readers see (`shownAs`); no e-mail.
 */

// A story's approved text: a moderator's version that the author approved and has not been
// replaced since (a new proposal moves the story back to awaitingAuthor until approved again).
const APPROVED_STATUSES = ['approved', 'published'] as const
const approvedText = and(inArray(stories.status, [...APPROVED_STATUSES]), isNotNull(stories.authorApprovedAt), isNotNull(stories.publishedBody))

/**
 * Which approved text a story holds: when the author approved it and a fingerprint of the
 * moderated title, text and content note. A new approval or another text is another version.
 */
export function archiveTextVersion(story: Pick<Story, 'authorApprovedAt' | 'publishedTitle' | 'publishedBody' | 'publishedContentNote'>): string {
  return `${story.authorApprovedAt?.toISOString() ?? 'unapproved'}#${moderatedVersionFingerprint(story).slice(0, 12)}`
}

export type ArchivableStory = {
  id: string
  authorId: string
  title: string
  textVersion: string
  media: Array<{ id: string; ownerId: string | null; kind: 'photo' | 'audio' | 'video' }>
}

/** Of these stories, those with an approved moderated text and an author, with their media (in story order). */
export async function listArchivableStories({ storyIds }: { storyIds: string[] }, tx: DbOrTx = db): Promise<ArchivableStory[]> {
  if (storyIds.length === 0) return []
  const rows = await tx
    .select()
    .from(stories)
    .where(and(inArray(stories.id, storyIds), approvedText, isNotNull(stories.authorId)))
    .orderBy(asc(stories.authorApprovedAt), asc(stories.id))
  if (rows.length === 0) return []
  const media = await tx
    .select({ id: storyMedia.id, storyId: storyMedia.storyId, ownerId: storyMedia.ownerId, kind: storyMedia.kind })
    .from(storyMedia)
    .where(inArray(storyMedia.storyId, rows.map((r) => r.id)))
    .orderBy(asc(storyMedia.position), asc(storyMedia.createdAt))
  return rows.map((s) => ({
    id: s.id,
    authorId: s.authorId!,
    title: s.publishedTitle ?? '',
    textVersion: archiveTextVersion(s),
    media: media.filter((m) => m.storyId === s.id).map(({ id, ownerId, kind }) => ({ id, ownerId, kind })),
  }))
}

export type ArchiveMedium = {
  id: string
  ownerId: string | null
  kind: 'photo' | 'audio' | 'video'
  mime: string
  /** The stored original (for photos the metadata-free re-encoded version, the only one kept). */
  fileKey: string
  fileSha256: string
  byteSize: number
  /** The moderated texts, as readers get them; null when none was approved. */
  description: string | null
  transcript: string | null
  captions: string | null
}

export type StoryForArchive = {
  id: string
  authorId: string | null
  /** False when the story has no approved moderated text: nothing can go to an archive then. */
  approved: boolean
  textVersion: string
  title: string
  body: string
  contentNote: string | null
  decades: string[]
  settings: string[]
  violenceKinds: string[]
  themes: string[]
  region: string | null
  /** The author as readers see them: their own name or pseudonym as chosen, null for anonymous. */
  shownAs: string | null
  submittedAt: Date | null
  approvedAt: Date | null
  publishedAt: Date | null
  archiveTransferredAt: Date | null
  media: ArchiveMedium[]
}

/** One story with what an archive package may hold, or null when there is no such story. */
export async function getStoryForArchive({ storyId }: { storyId: string }, tx: DbOrTx = db): Promise<StoryForArchive | null> {
  if (!/^[0-9a-f-]{36}$/i.test(storyId)) return null
  const [row] = await tx
    .select({ story: stories, userName: users.displayName })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(eq(stories.id, storyId))
  if (!row) return null
  const s = row.story
  const media = await tx
    .select({ m: storyMedia, key: storedFiles.key, sha256: storedFiles.sha256, size: storedFiles.byteSize })
    .from(storyMedia)
    .innerJoin(storedFiles, eq(storedFiles.id, storyMedia.fileId))
    .where(eq(storyMedia.storyId, s.id))
    .orderBy(asc(storyMedia.position), asc(storyMedia.createdAt))
  const approved = (APPROVED_STATUSES as readonly string[]).includes(s.status) && s.authorApprovedAt !== null && s.publishedBody !== null
  const shownAs = s.displayMode === 'ownName' ? (row.userName?.trim() || null) : s.displayMode === 'pseudonym' ? (s.pseudonym?.trim() || null) : null
  return {
    id: s.id,
    authorId: s.authorId,
    approved,
    textVersion: archiveTextVersion(s),
    title: s.publishedTitle ?? '',
    body: s.publishedBody ?? '',
    contentNote: s.publishedContentNote,
    decades: s.decades,
    settings: s.settings,
    violenceKinds: s.violenceKinds,
    themes: s.themes,
    region: s.region,
    shownAs,
    submittedAt: s.submittedAt,
    approvedAt: s.authorApprovedAt,
    publishedAt: s.publishedAt,
    archiveTransferredAt: s.archiveTransferredAt,
    media: media.map(({ m, key, sha256, size }) => ({
      id: m.id,
      ownerId: m.ownerId,
      kind: m.kind,
      mime: m.mime,
      fileKey: key,
      fileSha256: sha256,
      byteSize: size,
      description: m.publishedDescription,
      transcript: m.publishedTranscript,
      captions: m.publishedCaptions,
    })),
  }
}

/** The moderated titles of stories (for the survivor's own archive page): id → title. */
export async function getStoryTitles({ storyIds }: { storyIds: string[] }, tx: DbOrTx = db): Promise<Map<string, string>> {
  if (storyIds.length === 0) return new Map()
  const rows = await tx.select({ id: stories.id, title: stories.publishedTitle }).from(stories).where(inArray(stories.id, storyIds))
  return new Map(rows.map((r) => [r.id, r.title ?? '']))
}

/**
 * Records that the story was handed to the archive. From then on deleting the story or the
 * account keeps it as the consent covers (delete-story.server.ts, personal-data.server.ts).
 * The first hand-over's time stays: a later package of the same story does not move it.
 */
export async function markArchiveTransferred({ storyId, at }: { storyId: string; at: Date }, tx: DbOrTx = db): Promise<void> {
  await tx
    .update(stories)
    .set({ archiveTransferredAt: at, updatedAt: new Date() })
    .where(and(eq(stories.id, storyId), isNull(stories.archiveTransferredAt)))
}
