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
import type { RegisterLifeStory } from './schemas'

/**
 * The archivist's side (permission `archive.transfer`): register a recorded life story for a
 * survivor's e-mail address, (re)send the claim link, list the stories without their text, and
 * read one until it is claimed (ADR 0025: after claiming, only the survivor reads it). Every
 * view of a text is written to the access log.
 */

/** How long a claim link works. Survivors may not read their mail every day. */
export const CLAIM_LINK_DAYS = 30
const DAY = 24 * 60 * 60 * 1000

/** 'LV-' and eight characters from an alphabet without look-alikes (0/O, 1/I/L). */
function newReference() {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
  return `LV-${[...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')}`
}

/** Issues a fresh claim link (earlier unused links of the story stop working) and queues the mail. */
async function issueInvitation({ lifeStoryId, email, locale, request }: { lifeStoryId: string; email: string; locale: Lng; request?: Request }, tx: DbOrTx) {
  await tx.delete(lifeStoryInvitations).where(and(eq(lifeStoryInvitations.lifeStoryId, lifeStoryId), isNull(lifeStoryInvitations.usedAt)))
  const token = randomToken()
  await tx.insert(lifeStoryInvitations).values({ lifeStoryId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + CLAIM_LINK_DAYS * DAY) })
  return queueMail(
    { to: email, template: 'lifeStoryInvitation', locale, params: { link: absoluteUrl(`/levensverhaal/ophalen/${token}`, request), days: String(CLAIM_LINK_DAYS) } },
    tx,
  )
}

/** Registers a life story and e-mails the survivor a claim link, in one transaction. */
export async function registerLifeStory({
  archivist,
  value,
  audio,
  request,
  ip,
}: {
  archivist: AuditActor
  value: RegisterLifeStory
  audio: StoredAudio | null
  request?: Request
  ip?: string | null
}) {
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
      const email = value.email.trim().toLowerCase()
      const [row] = await tx
        .insert(lifeStories)
        .values({
          reference: newReference(),
          source: value.source,
          recordedOn: value.recordedOn,
          titleEncrypted: encryptField(value.title),
          bodyEncrypted: encryptField(value.body),
          audioFileId,
          inviteEmailEncrypted: encryptField(email),
          registeredBy: archivist.id,
        })
        .returning({ id: lifeStories.id })
      const mailId = await issueInvitation({ lifeStoryId: row!.id, email, locale: value.locale, request }, tx)
      await recordAccess({ actor: archivist, action: 'lifeStory.register', objectType: 'lifeStory', objectId: row!.id, purpose: 'lifeStories', outcome: 'success', ip }, tx)
      return { id: row!.id, mailId }
    })
    await dispatchMail(mailId)
    return id
  } catch (error) {
    // Nothing registered: the audio must not stay in the bucket without its row.
    if (audio) await storage.remove(audio.key).catch(() => {})
    throw error
  }
}

/** The list: reference, source, dates and state; never a title, text or address. */
export async function listLifeStoriesForStaff(tx: DbOrTx = db) {
  const rows = await tx
    .select({
      id: lifeStories.id,
      reference: lifeStories.reference,
      source: lifeStories.source,
      recordedOn: lifeStories.recordedOn,
      createdAt: lifeStories.createdAt,
      claimedAt: lifeStories.claimedAt,
      hasAudio: sql<boolean>`${lifeStories.audioFileId} is not null`,
      lastInvitedAt: sql<string | null>`(select max(${lifeStoryInvitations.createdAt}) from ${lifeStoryInvitations} where ${lifeStoryInvitations.lifeStoryId} = ${lifeStories.id})`,
    })
    .from(lifeStories)
    .orderBy(desc(lifeStories.createdAt))
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    source: r.source,
    recordedOn: r.recordedOn,
    registeredAt: r.createdAt.toISOString(),
    state: r.claimedAt ? ('claimed' as const) : ('invited' as const),
    lastInvitedAt: r.lastInvitedAt ? new Date(r.lastInvitedAt).toISOString() : null,
    hasAudio: r.hasAudio,
  }))
}

/**
 * One story for the archivist, to check and correct it before the survivor has it. Once it is
 * claimed the text is the survivor's alone: the state is shown, the text is not (and not logged
 * as viewed). Null for an unknown id.
 */
export async function getLifeStoryForStaff({ archivist, id, ip }: { archivist: AuditActor; id: string; ip?: string | null }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null
  const [row] = await db.select().from(lifeStories).where(eq(lifeStories.id, id))
  if (!row) return null
  const base = { id: row.id, reference: row.reference, source: row.source, recordedOn: row.recordedOn, registeredAt: row.createdAt.toISOString(), hasAudio: row.audioFileId !== null }
  if (row.claimedAt) return { ...base, state: 'claimed' as const, claimedAt: row.claimedAt.toISOString() }
  await recordAccess({ actor: archivist, action: 'lifeStory.view', objectType: 'lifeStory', objectId: row.id, purpose: 'lifeStories', outcome: 'success', ip })
  return { ...base, state: 'invited' as const, title: decryptField(row.titleEncrypted), body: decryptField(row.bodyEncrypted) }
}

/** Sends a new claim link to the registered address (the earlier link stops working). False when already claimed. */
export async function resendInvitation({ archivist, id, locale, request, ip }: { archivist: AuditActor; id: string; locale: Lng; request?: Request; ip?: string | null }) {
  const mailId = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(lifeStories).where(eq(lifeStories.id, id)).for('update')
    if (!row || row.claimedAt || !row.inviteEmailEncrypted) return null
    const mailId = await issueInvitation({ lifeStoryId: row.id, email: decryptField(row.inviteEmailEncrypted), locale, request }, tx)
    await recordAccess({ actor: archivist, action: 'lifeStory.resendInvitation', objectType: 'lifeStory', objectId: row.id, purpose: 'lifeStories', outcome: 'success', ip }, tx)
    return mailId
  })
  if (!mailId) return false
  await dispatchMail(mailId)
  return true
}
