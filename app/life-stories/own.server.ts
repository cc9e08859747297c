import { Readable } from 'node:stream'
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { lifeStories, lifeStoryInvitations } from '@db/schema/life-stories'
import type { LifeStorySource, LifeStoryState } from '@db/schema/life-stories'
import { hashToken } from '~/auth/tokens.server'
import { decryptField } from '~/privacy/field-crypto.server'
import { storage } from '~/utils/storage.server'
import { hashLetterCode } from './letter-code.server'

/**
 * The survivor's side: claiming with the e-mailed link, and their own claimed stories. Every
 * read is scoped by `userId`, so another survivor's story is simply not found (404).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Whether a claim link can be used. Unknown, used and expired links all answer 'invalid': the
 * page says one thing for all three, so a link reveals nothing about a story or a person.
 */
export async function inspectClaimLink({ token }: { token: string }): Promise<'ok' | 'invalid'> {
  if (!token || token.length > 200) return 'invalid'
  const [row] = await db
    .select({ id: lifeStoryInvitations.id })
    .from(lifeStoryInvitations)
    .innerJoin(lifeStories, eq(lifeStories.id, lifeStoryInvitations.lifeStoryId))
    .where(
      and(
        eq(lifeStoryInvitations.tokenHash, hashToken(token)),
        eq(lifeStoryInvitations.kind, 'link'),
        isNull(lifeStoryInvitations.usedAt),
        gt(lifeStoryInvitations.expiresAt, sql`now()`),
        isNull(lifeStories.claimedBy),
      ),
    )
  return row ? 'ok' : 'invalid'
}

/**
 * Binds the story to the signed-in survivor: the link is used exactly once (a second click, a
 * second account, a race of two tabs all find it used), and the invited address, no longer
 * needed, is dropped. Returns the story id, or null for a link that cannot be used.
 */
export async function claimLifeStory({ token, userId }: { token: string; userId: string }, tx: DbOrTx = db): Promise<string | null> {
  if (!token || token.length > 200) return null
  return claimByHash({ hash: hashToken(token), kind: 'link', userId }, tx)
}

/**
 * The same for a letter code (ADR 0030), typed by the signed-in survivor: normalised by the
 * schema (upper case, no spaces or dashes). Wrong, used and expired codes all give null.
 */
export async function claimLifeStoryByCode({ code, userId }: { code: string; userId: string }, tx: DbOrTx = db): Promise<string | null> {
  const hash = hashLetterCode(code)
  return hash ? claimByHash({ hash, kind: 'letter', userId }, tx) : null
}

async function claimByHash({ hash, kind, userId }: { hash: string; kind: 'link' | 'letter'; userId: string }, tx: DbOrTx): Promise<string | null> {
  return (tx === db ? db.transaction((t) => claim(t)) : claim(tx)) as Promise<string | null>
  async function claim(t: DbOrTx) {
    const [used] = await t
      .update(lifeStoryInvitations)
      .set({ usedAt: new Date() })
      .where(and(eq(lifeStoryInvitations.tokenHash, hash), eq(lifeStoryInvitations.kind, kind), isNull(lifeStoryInvitations.usedAt), gt(lifeStoryInvitations.expiresAt, sql`now()`)))
      .returning({ lifeStoryId: lifeStoryInvitations.lifeStoryId })
    if (!used) return null
    const [claimed] = await t
      .update(lifeStories)
      .set({ claimedBy: userId, claimedAt: new Date(), inviteEmailEncrypted: null })
      .where(and(eq(lifeStories.id, used.lifeStoryId), isNull(lifeStories.claimedBy)))
      .returning({ id: lifeStories.id })
    if (!claimed) return null
    // Any other open link or code of this story stops working too.
    await t.delete(lifeStoryInvitations).where(and(eq(lifeStoryInvitations.lifeStoryId, claimed.id), isNull(lifeStoryInvitations.usedAt)))
    return claimed.id
  }
}

export type OwnLifeStorySummary = { id: string; reference: string; source: LifeStorySource; state: LifeStoryState; recordedOn: string; title: string; hasAudio: boolean; claimedAt: string }

type Row = typeof lifeStories.$inferSelect
/** The survivor's current version: their corrections when they made any, else the recorded text. */
const currentTitle = (r: Row) => decryptField(r.correctedTitleEncrypted ?? r.titleEncrypted)
const currentBody = (r: Row) => decryptField(r.correctedBodyEncrypted ?? r.bodyEncrypted)

/** The survivor's claimed life stories, newest first (for `/mijn-verhalen/archief`). */
export async function listOwnLifeStories({ userId }: { userId: string }, tx: DbOrTx = db): Promise<OwnLifeStorySummary[]> {
  if (!UUID.test(userId)) return []
  const rows = await tx.select().from(lifeStories).where(eq(lifeStories.claimedBy, userId)).orderBy(desc(lifeStories.claimedAt))
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    source: r.source,
    state: r.state,
    recordedOn: r.recordedOn,
    title: currentTitle(r),
    hasAudio: r.audioFileId !== null,
    claimedAt: (r.claimedAt ?? r.createdAt).toISOString(),
  }))
}

/** One own story with its text, or null (also for someone else's id or a malformed one). */
export async function getOwnLifeStory({ userId, id }: { userId: string; id: string }, tx: DbOrTx = db) {
  if (!UUID.test(id) || !UUID.test(userId)) return null
  const [row] = await tx
    .select({ story: lifeStories, audio: storedFiles })
    .from(lifeStories)
    .leftJoin(storedFiles, eq(storedFiles.id, lifeStories.audioFileId))
    .where(and(eq(lifeStories.id, id), eq(lifeStories.claimedBy, userId)))
  if (!row) return null
  const r = row.story
  return {
    id: r.id,
    reference: r.reference,
    source: r.source,
    state: r.state,
    recordedOn: r.recordedOn,
    title: currentTitle(r),
    body: currentBody(r),
    /** Set once the survivor corrected anything (an interviewer's story). */
    corrected: r.correctedBodyEncrypted !== null || r.correctedTitleEncrypted !== null,
    monumentStoryId: r.monumentStoryId,
    audio: row.audio ? { key: row.audio.key, contentType: row.audio.contentType, byteSize: row.audio.byteSize } : null,
  }
}
export type OwnLifeStory = NonNullable<Awaited<ReturnType<typeof getOwnLifeStory>>>

/** The text as a download: UTF-8 with a byte-order mark (so Windows editors read it right). */
export function lifeStoryTextFile(story: Pick<OwnLifeStory, 'title' | 'body' | 'reference' | 'recordedOn'>) {
  const content = `\uFEFF${story.title}\n\n${story.body}\n\n${story.reference} · ${story.recordedOn}\n`
  return new Response(content, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      // The reference, never the title: a title may hold a name.
      'Content-Disposition': `attachment; filename="${story.reference}.txt"`,
      'Cache-Control': 'private, no-store',
    },
  })
}

/** The original audio as stored, streamed (with ranges, so a player can seek); null when there is none. */
export async function streamOwnAudio({ userId, id, range, download }: { userId: string; id: string; range: string | null; download: boolean }) {
  const story = await getOwnLifeStory({ userId, id })
  if (!story?.audio) return null
  const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null
  const object = await storage.stream({ key: story.audio.key, range: m ? { start: Number(m[1]), end: m[2] ? Number(m[2]) : undefined } : undefined })
  if (!object) return null
  const ext = story.audio.key.split('.').pop() ?? 'audio'
  const headers = new Headers({
    'Content-Type': story.audio.contentType,
    'Content-Length': String(object.contentLength),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-store',
  })
  if (object.contentRange) headers.set('Content-Range', object.contentRange)
  if (download) headers.set('Content-Disposition', `attachment; filename="${story.reference}.${ext}"`)
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, { status: object.contentRange ? 206 : 200, headers })
}
