import { randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { lifeStories, lifeStoryInvitations } from '@db/schema/life-stories'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { hashToken, randomToken } from '~/auth/tokens.server'
import type { Lng } from '~/i18n/config'
import { absoluteUrl, dispatchMail, queueMail } from '~/mail/mail.server'
import { decryptField, encryptField } from '~/privacy/field-crypto.server'
import { storage } from '~/utils/storage.server'
import type { StoredAudio } from './audio.server'
import type { LifeStorySource } from '@db/schema/life-stories'

/**
 * The staff side. The archivist (`archive.transfer`) registers the commission's and
 * Slachtofferhulp's stories, (re)sends the claim link, lists all stories without their text and
 * reads one until it is claimed (ADR 0025); an interviewer's story's text is never theirs to
 * read. The interviewer (`lifeStories.record`, ADR 0030) lists and reads only the stories they
 * registered, until the survivor approves. Every view of a text is written to the access log.
 */

export type StaffViewer = AuditActor & { as: 'archivist' | 'interviewer' }

/** How long a claim link works. Survivors may not read their mail every day. */
export const CLAIM_LINK_DAYS = 30
const DAY = 24 * 60 * 60 * 1000

/** 'LV-' and eight characters from an alphabet without look-alikes (0/O, 1/I/L). */
function newReference() {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
  return `LV-${[...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')}`
}

/** Issues a fresh claim link (earlier unused links of the story stop working) and queues the mail. */
export async function issueInvitation({ lifeStoryId, email, locale, request }: { lifeStoryId: string; email: string; locale: Lng; request?: Request }, tx: DbOrTx) {
  await tx.delete(lifeStoryInvitations).where(and(eq(lifeStoryInvitations.lifeStoryId, lifeStoryId), isNull(lifeStoryInvitations.usedAt)))
  const token = randomToken()
  await tx.insert(lifeStoryInvitations).values({ lifeStoryId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + CLAIM_LINK_DAYS * DAY) })
  return queueMail(
    { to: email, template: 'lifeStoryInvitation', locale, params: { link: absoluteUrl(`/levensverhaal/ophalen/${token}`, request), days: String(CLAIM_LINK_DAYS) } },
    tx,
  )
}

/** What a registration stores; the e-mail address is null for a survivor reached by letter. */
export type NewLifeStory = { source: LifeStorySource; recordedOn: string; title: string; body: string; email: string | null; locale: Lng }

/**
 * Registers a life story, and e-mails the survivor a claim link when there is an address, in
 * one transaction. An interviewer's story waits for the survivor's approval (ADR 0030).
 */
export async function registerLifeStory({ archivist, value, audio, request, ip }: { archivist: AuditActor; value: NewLifeStory; audio: StoredAudio | null; request?: Request; ip?: string | null }) {
  try {
    const { id, mailId } = await db.transaction(async (tx) => {
      let audioFileId: string | null = null
      if (audio) {
        const [file] = await tx
          .insert(storedFiles)
          .values({ key: audio.key, byteSize: audio.size, contentType: audio.contentType, sha256: audio.sha256, purpose: 'lifeStory.audio' })
          .returning({ id: storedFiles.id })
        audioFileId = file!.id
      }
      const email = value.email ? value.email.trim().toLowerCase() : null
      const [row] = await tx
        .insert(lifeStories)
        .values({
          reference: newReference(),
          source: value.source,
          state: value.source === 'interviewer' ? 'awaiting_survivor' : 'approved',
          recordedOn: value.recordedOn,
          titleEncrypted: encryptField(value.title),
          bodyEncrypted: encryptField(value.body),
          audioFileId,
          inviteEmailEncrypted: email ? encryptField(email) : null,
          registeredBy: archivist.id,
        })
        .returning({ id: lifeStories.id })
      const mailId = email ? await issueInvitation({ lifeStoryId: row!.id, email, locale: value.locale, request }, tx) : null
      await recordAccess({ actor: archivist, action: 'lifeStory.register', objectType: 'lifeStory', objectId: row!.id, purpose: 'lifeStories', outcome: 'success', ip }, tx)
      return { id: row!.id, mailId }
    })
    if (mailId) await dispatchMail(mailId)
    return id
  } catch (error) {
    // Nothing registered: the audio must not stay in the bucket without its row.
    if (audio) await storage.remove(audio.key).catch(() => {})
    throw error
  }
}

type Row = typeof lifeStories.$inferSelect

/** The state staff see: invited (not claimed yet), claimed, or for an interviewer's story: with the survivor, approved. */
export function staffState(r: Pick<Row, 'claimedAt' | 'source' | 'state'>) {
  if (!r.claimedAt) return 'invited' as const
  if (r.source !== 'interviewer') return 'claimed' as const
  return r.state === 'approved' ? ('approved' as const) : ('awaitingSurvivor' as const)
}

/** The stories a viewer may list: the archivist all, the interviewer their own conversations. */
const visibleTo = (viewer: StaffViewer) => (viewer.as === 'archivist' ? undefined : and(eq(lifeStories.source, 'interviewer'), eq(lifeStories.registeredBy, viewer.id)))

/** The list: reference, source, dates and state; never a title, text or address. */
export async function listLifeStoriesForStaff({ viewer }: { viewer: StaffViewer }, tx: DbOrTx = db) {
  const rows = await tx
    .select({
      id: lifeStories.id,
      reference: lifeStories.reference,
      source: lifeStories.source,
      state: lifeStories.state,
      recordedOn: lifeStories.recordedOn,
      createdAt: lifeStories.createdAt,
      claimedAt: lifeStories.claimedAt,
      lastInvitedAt: sql<string | null>`(select max(${lifeStoryInvitations.createdAt}) from ${lifeStoryInvitations} where ${lifeStoryInvitations.lifeStoryId} = ${lifeStories.id})`,
    })
    .from(lifeStories)
    .where(visibleTo(viewer))
    .orderBy(desc(lifeStories.createdAt))
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    source: r.source,
    recordedOn: r.recordedOn,
    registeredAt: r.createdAt.toISOString(),
    state: staffState(r),
    lastInvitedAt: r.lastInvitedAt ? new Date(r.lastInvitedAt).toISOString() : null,
  }))
}

/**
 * One story for staff, or null (the page answers 404). The archivist reads a commission or
 * Slachtofferhulp text until it is claimed, never an interviewer's. The interviewer reads the
 * text they registered until the survivor approves it; after that the story is not theirs to
 * open at all. A text shown is logged as viewed.
 */
export async function getLifeStoryForStaff({ viewer, id, ip }: { viewer: StaffViewer; id: string; ip?: string | null }) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null
  const [row] = await db.select().from(lifeStories).where(and(eq(lifeStories.id, id), visibleTo(viewer)))
  if (!row) return null
  if (viewer.as === 'interviewer' && row.interviewerAccessEndedAt) return null
  const state = staffState(row)
  const base = { id: row.id, reference: row.reference, source: row.source, recordedOn: row.recordedOn, registeredAt: row.createdAt.toISOString(), hasAudio: row.audioFileId !== null, state, byEmail: row.inviteEmailEncrypted !== null }
  const mayRead = viewer.as === 'interviewer' || (row.source !== 'interviewer' && state === 'invited')
  if (!mayRead) return { ...base, text: null }
  await recordAccess({ actor: viewer, action: 'lifeStory.view', objectType: 'lifeStory', objectId: row.id, purpose: 'lifeStories', outcome: 'success', ip })
  return { ...base, text: { title: decryptField(row.titleEncrypted), body: decryptField(row.bodyEncrypted) } }
}

/** Sends a new claim link to the registered address (the earlier link stops working). False when already claimed or not the viewer's. */
export async function resendInvitation({ viewer, id, locale, request, ip }: { viewer: StaffViewer; id: string; locale: Lng; request?: Request; ip?: string | null }) {
  const mailId = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(lifeStories).where(and(eq(lifeStories.id, id), visibleTo(viewer))).for('update')
    if (!row || row.claimedAt || !row.inviteEmailEncrypted) return null
    if ((viewer.as === 'archivist') !== (row.source !== 'interviewer')) return null
    const mailId = await issueInvitation({ lifeStoryId: row.id, email: decryptField(row.inviteEmailEncrypted), locale, request }, tx)
    await recordAccess({ actor: viewer, action: 'lifeStory.resendInvitation', objectType: 'lifeStory', objectId: row.id, purpose: 'lifeStories', outcome: 'success', ip }, tx)
    return mailId
  })
  if (!mailId) return false
  await dispatchMail(mailId)
  return true
}
