import { parseWithZod } from '@conform-to/zod'
import { chaptersUsingAuthor, requestExclusion } from './chapters.server'
import { ExclusionRequestSchema } from './schemas'

/**
 * The author's view of the documentary (/mijn-verhalen/documentaire): in which chapters their
 * stories and media are used, with the excerpt, and the request not to use one. Scoped by the
 * signed-in author's id by construction; another author's block is "not found".
 */

export type AuthorBlockView = {
  blockId: string
  storyId: string
  storyTitle: string
  kind: 'story' | 'medium'
  excerpt: string | null
  shown: boolean
  exclusionRequested: boolean
}
export type AuthorChapterView = {
  chapterSlug: string
  chapterTitle: string
  published: boolean
  blocks: AuthorBlockView[]
}

export async function loadAuthorDocumentary({ userId }: { userId: string }): Promise<AuthorChapterView[]> {
  const uses = await chaptersUsingAuthor(userId)
  return uses.map((u) => ({
    chapterSlug: u.chapterSlug,
    chapterTitle: u.chapterTitle,
    published: u.published,
    blocks: u.blocks.map((b) => ({
      blockId: b.blockId,
      storyId: b.storyId,
      storyTitle: b.storyTitle,
      kind: b.kind,
      excerpt: b.excerpt,
      shown: b.shown,
      exclusionRequested: b.exclusionRequested,
    })),
  }))
}

export type ExcludeResult = { kind: 'done' } | { kind: 'invalid'; status: 400 | 404; error: string }

/** Parses the form and asks that the block not be used; a block that is not the author's own is 404, as if it did not exist. */
export async function excludeOwnBlock({ userId, formData }: { userId: string; formData: FormData }): Promise<ExcludeResult> {
  const submission = parseWithZod(formData, { schema: ExclusionRequestSchema })
  if (submission.status !== 'success')
    return {
      kind: 'invalid',
      status: 400,
      error: 'documentary:author.errors.unknownBlock',
    }
  const result = await requestExclusion(userId, submission.value.blockId)
  if (!result.ok)
    return {
      kind: 'invalid',
      status: 404,
      error: 'documentary:author.errors.unknownBlock',
    }
  return { kind: 'done' }
}
