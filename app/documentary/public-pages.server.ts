import { toLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { readingT } from '~/i18n/fixed-translator.server'
import { getReader } from '~/monument/reading-reader.server'
import { readingCacheHeaders } from '~/monument/reading-schemas'
import { listPublishedChapters, loadPublishedChapter } from './chapters.server'
import { blockAnchor } from './public-progress'
import type { PublicBlock, PublicChapterLink } from './public-types'

/**
 * The documentary's public pages (/documentaire, /documentaire/<chapter>). They look the same
 * to every anonymous reader in one language, so they carry the story page's cache policy and
 * the page cache may keep them (ADR 0011): the publication generation — raised by the ledger,
 * the monument and the documentary's own triggers — is checked on every request, so a block
 * whose consent was withdrawn is gone from the next request, also from a kept page. Signed-in
 * readers are never kept. Nothing here depends on who reads beyond signed-in or not.
 */

const notFound = () =>
  new Response('Not found', {
    status: 404,
    headers: { 'Cache-Control': 'no-store' },
  })

export async function loadDocumentaryIndex({ request }: { request: Request }) {
  const { signedIn } = await getReader(request)
  const [chapters, t] = await Promise.all([listPublishedChapters(), readingT(request, ['documentary', 'common'])])
  return {
    page: {
      title: `${t('documentary:public.index.title')} – ${t('common:siteName')}`,
      chapters: chapters.map((c) => ({
        slug: c.slug,
        title: c.title,
        intro: c.intro,
        theme: c.theme,
        contentNote: c.contentNote,
      })),
    },
    headers: readingCacheHeaders(signedIn),
  }
}

/**
 * One chapter. Until the reader chooses to go on, a chapter with a content note shows only
 * that note (a plain link `?lezen=ja`, as on a story page); the blocks are not even sent.
 * Throws the page's 404 for an unknown or unpublished chapter.
 */
export async function loadChapterPage({ request, slug }: { request: Request; slug: string | null }) {
  const { signedIn } = await getReader(request)
  const locale = toLng(await i18next.getLocale(request))
  const found = slug ? await loadPublishedChapter(slug, { locale }) : null
  if (!found) throw notFound()
  const { chapter, blocks } = found
  const showChapter = !chapter.contentNote || new URL(request.url).searchParams.get('lezen') === 'ja'
  const [all, t] = await Promise.all([listPublishedChapters(), readingT(request, ['documentary', 'common'])])
  const index = all.findIndex((c) => c.slug === chapter.slug)
  const link = (i: number): PublicChapterLink | null => (i >= 0 && i < all.length ? { slug: all[i]!.slug, title: all[i]!.title } : null)
  return {
    page: {
      title: `${chapter.title} – ${t('documentary:public.index.title')} – ${t('common:siteName')}`,
      chapter: {
        slug: chapter.slug,
        title: chapter.title,
        intro: chapter.intro,
        theme: chapter.theme,
        contentNote: chapter.contentNote,
      },
      showChapter,
      blocks: showChapter ? blocks.map(toPublicBlock) : [],
      chapters: all.map((c) => ({ slug: c.slug, title: c.title })),
      previous: link(index - 1),
      next: index >= 0 ? link(index + 1) : null,
    },
    headers: readingCacheHeaders(signedIn),
  }
}

type LoadedBlock = NonNullable<Awaited<ReturnType<typeof loadPublishedChapter>>>['blocks'][number]

/** What the page needs of a block, and nothing more (no author ids, no story ids). */
export function toPublicBlock(b: LoadedBlock): PublicBlock {
  const base = {
    id: b.id,
    anchor: blockAnchor(b.id),
    contentNote: b.contentNote,
  }
  switch (b.kind) {
    case 'story':
      return {
        ...base,
        kind: 'story',
        storySlug: b.storySlug,
        storyTitle: b.storyTitle,
        paragraphs: paragraphs(b.text),
        whole: b.whole,
      }
    case 'medium':
      return {
        ...base,
        kind: 'medium',
        medium: {
          id: b.mediaId,
          kind: b.mediaKind,
          url: b.url,
          captionsUrl: b.captionsUrl,
          description: b.description,
          transcript: b.transcript,
        },
      }
    case 'report':
      return {
        ...base,
        kind: 'report',
        reportRef: b.reportRef,
        paragraphs: paragraphs(b.text),
      }
    case 'text':
      return { ...base, kind: 'text', paragraphs: paragraphs(b.text) }
    case 'help':
      return {
        ...base,
        kind: 'help',
        entries: b.entries.map((e) => ({
          slug: e.slug,
          name: e.name,
          kind: e.kind,
          description: e.description,
          forWhom: e.forWhom,
          contacts: e.contacts,
        })),
      }
  }
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
}
