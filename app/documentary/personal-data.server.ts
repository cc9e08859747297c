import { eq, inArray } from 'drizzle-orm'
import { documentaryBlocks, documentaryChapters, documentaryComments, documentaryExclusions, documentaryReviews } from '@db/schema/documentary'
import { listStoriesOfAuthor } from '~/monument/for-documentary.server'
import { registerPersonalData } from '~/privacy/data-registry.server'
import { chaptersUsingAuthor } from './chapters.server'

/**
 * Exported: for an author, every chapter that uses their story or media with the excerpt used
 * and their "don't use this" requests; for a curator, the chapters they compose; for a
 * sounding-board member, their verdicts and comments.
 *
 * Erased (before the monument erases the stories, so they can still be found): every block
 * that quotes one of the person's stories or shows their media, since a block holds a copy of
 * the excerpt; their exclusion requests and verdicts go by cascade. A curator's or board
 * member's name leaves chapters, comments and events (set null); their comments stay as the
 * chapter's history, without them.
 */
registerPersonalData({
  name: 'documentary',
  tables: ['documentary_chapters', 'documentary_blocks', 'documentary_comments', 'documentary_events', 'documentary_exclusions', 'documentary_reviews'],
  exportFor: async ({ userId, tx }) => {
    const uses = await chaptersUsingAuthor(userId, { tx })
    const exclusions = await tx.select({ blockId: documentaryExclusions.blockId, at: documentaryExclusions.createdAt }).from(documentaryExclusions).where(eq(documentaryExclusions.authorId, userId))
    const curated = await tx.select({ title: documentaryChapters.title, state: documentaryChapters.state }).from(documentaryChapters).where(eq(documentaryChapters.curatorId, userId))
    const verdicts = await tx.select({ chapterId: documentaryReviews.chapterId, version: documentaryReviews.version, verdict: documentaryReviews.verdict, note: documentaryReviews.note, at: documentaryReviews.createdAt }).from(documentaryReviews).where(eq(documentaryReviews.reviewerId, userId))
    const comments = await tx.select({ chapterId: documentaryComments.chapterId, body: documentaryComments.body, at: documentaryComments.createdAt }).from(documentaryComments).where(eq(documentaryComments.authorId, userId))
    return {
      documentaryUse: uses.map((u) => ({ chapter: u.chapterTitle, published: u.published, blocks: u.blocks.map((b) => ({ story: b.storyTitle, kind: b.kind, excerpt: b.excerpt, shown: b.shown })) })),
      documentaryExclusionRequests: exclusions,
      chaptersCurated: curated,
      soundingBoardVerdicts: verdicts,
      soundingBoardComments: comments,
    }
  },
  eraseFor: async ({ userId, tx }) => {
    const own = await listStoriesOfAuthor({ authorId: userId, tx })
    if (own.length) await tx.delete(documentaryBlocks).where(inArray(documentaryBlocks.storyId, own.map((s) => s.storyId)))
    return {}
  },
})
