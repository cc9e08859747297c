import { Readable } from 'node:stream'
import { asc, eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { stories, storyMedia, type Story, type StoryMedia } from '@db/schema/monument'
import { recordAccess } from '~/audit/audit.server'
import { can } from '~/auth/policy'
import type { Role } from '~/auth/roles'
import { hasConsent } from '~/consent/consent.server'
import { storage } from '~/utils/storage.server'
import type { MediaKind } from './media-limits'
import { isUuid } from './stories.server'

/**
 * Who may see a medium, and the bytes themselves: the one authorisation check the media
 * route makes on every request, and the media a reader gets with a public story.
 */

export type MediaViewer = { id: string; roles: readonly Role[] } | null

/** Whether a reader (not the owner, not a moderator) may see the story at all right now. */
function storyReadableBy(story: Pick<Story, 'status' | 'hiddenAt' | 'audience'>, viewer: MediaViewer) {
  if (story.status !== 'published' || story.hiddenAt) return false
  if (story.audience === 'public') return true
  return story.audience === 'fellowSurvivors' && Boolean(viewer?.roles.includes('survivor'))
}

type MediaDecision =
  | { outcome: 'allowed'; as: 'owner' | 'moderator' | 'reader'; media: StoryMedia; story: Story }
  /** Never existed, or not for this viewer: existence does not leak. */
  | { outcome: 'notFound' }
  /** Was public, is no longer (the story withdrawn, hidden, removed): 410. A medium's own withdrawn consent is notFound. */
  | { outcome: 'gone' }

/**
 * THE authorisation check for a medium, made on every request: the owner; a moderator
 * (written to the access log by the caller, see `serveMedia`); a reader only when the story is
 * published, not hidden, its audience allows this viewer, the medium's own `media.publish`
 * consent is granted (without it: 404 for everyone but the owner) and (audio/video) it has a transcript.
 */
async function canViewMedia({ mediaId, viewer }: { mediaId: string; viewer: MediaViewer }, tx: DbOrTx = db): Promise<MediaDecision> {
  if (!isUuid(mediaId)) return { outcome: 'notFound' }
  const [row] = await tx.select({ media: storyMedia, story: stories }).from(storyMedia).innerJoin(stories, eq(stories.id, storyMedia.storyId)).where(eq(storyMedia.id, mediaId))
  if (!row) return { outcome: 'notFound' }
  const { media, story } = row
  if (viewer && story.authorId === viewer.id) return { outcome: 'allowed', as: 'owner', media, story }
  const consented = story.authorId
    ? await hasConsent({ subjectRef: story.authorId, objectType: 'media', objectId: media.id, purpose: 'media.publish' }, tx)
    : false
  // Moderators see what they may have to review or decide on: not a draft the author has not
  // sent in, nor a story the author withdrew, nor a file the author took off a published story
  // (there is nothing left to decide on; ADR 0022).
  if (viewer && can(viewer, 'stories.moderate') && story.status !== 'draft' && story.status !== 'withdrawn' && (consented || story.status !== 'published')) {
    return { outcome: 'allowed', as: 'moderator', media, story }
  }
  // A file without its own consent (never given, or withdrawn, also after publication) is
  // answered exactly like an unknown id: to anyone but its owner it does not exist (ADR 0022).
  if (!consented) return { outcome: 'notFound' }
  const transcribed = isModeratedForReaders(media)
  if (storyReadableBy(story, viewer) && transcribed) return { outcome: 'allowed', as: 'reader', media, story }
  // Fellow-survivors-only stories stay unknown to everyone else.
  if (story.status === 'published' && !story.hiddenAt && story.audience === 'fellowSurvivors' && transcribed) return { outcome: 'notFound' }
  return story.publishedAt ? { outcome: 'gone' } : { outcome: 'notFound' }
}

/**
 * Readers get a medium only with its moderated text (approved by the author with the story)
 * and, for audio and video, a moderated transcript (WCAG 1.2.1).
 */
function isModeratedForReaders(m: StoryMedia) {
  return Boolean(m.textModeratedAt) && (m.kind === 'photo' || Boolean(m.publishedTranscript?.trim()))
}

export type ReadableMedia = {
  id: string
  kind: MediaKind
  mime: string
  description: string | null
  transcript: string | null
  /** Portal URLs, never bucket URLs. */
  url: string
  variantUrls: Record<string, string>
  captionsUrl: string | null
}

/**
 * The media a reader may see with a story (for the public story page): only media with a
 * granted `media.publish` consent and, for audio/video, a transcript. Empty when the story
 * itself is not readable for this viewer.
 */
export async function getReadableMedia({ storyId, viewer }: { storyId: string; viewer: MediaViewer }, tx: DbOrTx = db): Promise<ReadableMedia[]> {
  if (!isUuid(storyId)) return []
  const [story] = await tx.select().from(stories).where(eq(stories.id, storyId))
  if (!story?.authorId || !storyReadableBy(story, viewer)) return []
  const media = await tx.select().from(storyMedia).where(eq(storyMedia.storyId, story.id)).orderBy(asc(storyMedia.position))
  const out: ReadableMedia[] = []
  for (const m of media) {
    if (!isModeratedForReaders(m)) continue
    if (!(await hasConsent({ subjectRef: story.authorId, objectType: 'media', objectId: m.id, purpose: 'media.publish' }, tx))) continue
    out.push(toReadable(m))
  }
  return out
}

function toReadable(m: StoryMedia): ReadableMedia {
  return {
    id: m.id,
    kind: m.kind,
    mime: m.mime,
    // Only the moderated text, never the author's own (see `isModeratedForReaders`).
    description: m.publishedDescription,
    transcript: m.publishedTranscript,
    url: `/media/${m.id}`,
    variantUrls: Object.fromEntries(Object.keys(m.variants).map((v) => [v, `/media/${m.id}/${v}`])),
    captionsUrl: m.publishedCaptions ? `/media/${m.id}/captions` : null,
  }
}

const MEDIA_VARIANTS = ['web', 'medium', 'thumb', 'captions'] as const

/** Parses a single `Range: bytes=…` header against the size; null when absent, 'invalid' when unsatisfiable. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  // Several ranges at once (multipart/byteranges) are rare for media; answering whole is allowed.
  if (!m) return header.includes(',') ? null : 'invalid'
  const [, a, b] = m
  if (a === '' && b === '') return 'invalid'
  let start: number
  let end: number
  if (a === '') {
    const suffix = Number(b)
    if (suffix === 0) return 'invalid'
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(a)
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1)
  }
  if (start >= size || start > end) return 'invalid'
  return { start, end }
}

/**
 * Answers a media request: authorisation on every request, then the bytes (or a range of
 * them) streamed from storage through the portal. Moderator views are written to the access log.
 */
export async function serveMedia({ request, mediaId, variant, viewer, ip }: { request: Request; mediaId: string; variant?: string; viewer: MediaViewer; ip: string | null }): Promise<Response> {
  const base = { 'X-Content-Type-Options': 'nosniff' }
  const decision = await canViewMedia({ mediaId, viewer })
  if (decision.outcome === 'notFound') return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
  if (decision.outcome === 'gone') return new Response('Gone', { status: 410, headers: { ...base, 'Cache-Control': 'no-store' } })
  const { media, story } = decision
  if (variant === 'captions' && decision.as === 'reader') {
    // Readers get the moderated captions (stored as text), never the author's own file.
    if (!media.publishedCaptions) return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
    const body = Buffer.from(media.publishedCaptions, 'utf8')
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...base,
        'Content-Type': 'text/vtt; charset=utf-8',
        'Content-Length': String(body.length),
        'Cache-Control': story.audience === 'public' ? 'public, max-age=0, must-revalidate' : 'private, no-store',
        'Cross-Origin-Resource-Policy': 'same-origin',
      },
    })
  }
  let fileId: string | undefined = media.fileId
  if (variant === 'captions') fileId = media.captionsFileId ?? undefined
  else if (variant) fileId = (MEDIA_VARIANTS as readonly string[]).includes(variant) ? media.variants[variant] : undefined
  if (!fileId) return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
  const [file] = await db.select().from(storedFiles).where(eq(storedFiles.id, fileId))
  if (!file) return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
  if (decision.as === 'moderator' && viewer) {
    await recordAccess({ actor: { id: viewer.id, roles: [...viewer.roles] }, action: 'story.mediaView', objectType: 'storyMedia', objectId: media.id, subjectId: story.authorId, purpose: 'moderation', outcome: 'success', ip })
  }
  const isPublic = decision.as === 'reader' && story.audience === 'public'
  const headers: Record<string, string> = {
    ...base,
    'Accept-Ranges': 'bytes',
    'Content-Type': file.contentType,
    'Content-Disposition': 'inline',
    // Revalidated on every use, so a withdrawal takes effect at the next request; never shared when not public.
    'Cache-Control': isPublic ? 'public, max-age=0, must-revalidate' : 'private, no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
  const range = parseRange(request.headers.get('Range'), file.byteSize)
  if (range === 'invalid') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${file.byteSize}` } })
  const object = await storage.stream({ key: file.key, range: range ?? undefined })
  if (!object) return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
  const body = Readable.toWeb(object.body) as ReadableStream<Uint8Array>
  if (request.method === 'HEAD') object.body.destroy()
  if (range) {
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 206,
      headers: { ...headers, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${file.byteSize}` },
    })
  }
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { ...headers, 'Content-Length': String(file.byteSize) } })
}
