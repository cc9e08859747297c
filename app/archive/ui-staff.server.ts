import { z } from 'zod'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { discardWithdrawnPackages } from './discard.server'
import { line } from '~/utils/text-schema'
import { isPackageRef } from './package-ref'
import { getArchivePackage, openArchivePackageStream, prepareArchivePackage, recordHandover } from './packages.server'
import { listArchiveQueue } from './queue.server'

/**
 * What the archivist's pages (/beheer/archief, /beheer/archief/:ref) load and do, so their
 * routes stay thin. Every view of the queue or a package is written to the access log: both
 * show which survivors chose the archive and what of theirs it holds.
 */

const PURPOSE = 'archiveTransfer'

/** A package reference as it may arrive in a URL: anything not shaped like one is "not found", unqueried. */
export function parsePackageRef(value: unknown): string | null {
  return isPackageRef(value) ? value : null
}

// A receipt reference is what the receiving archive wrote on its receipt: letters, digits,
// punctuation and spaces only (an invisible character pasted along is stripped by `line`).
const PRINTABLE = /^[\p{L}\p{N}\p{P}\p{S} ]+$/u

export const HandoverSchema = z.object({
  // Empty is "fill it in"; only text that is there is checked for its length and its characters.
  receiptReference: line({ max: 100, required: 'archive:handover.receiptRequired', tooLong: 'archive:handover.receiptTooLong' }).pipe(
    // Characters, not UTF-16 units: '🀀!' is two characters, so too short (found by the fuzz test).
    z.string().regex(PRINTABLE, 'archive:handover.receiptPrintable').refine((v) => [...v].length >= 3, 'archive:handover.receiptTooShort'),
  ),
})
export type Handover = z.infer<typeof HandoverSchema>

/** The prepare form: which story, and the package it showed (so a second click does not build twice). */
export const PrepareSchema = z.object({
  storyId: z.string().uuid(),
  shownPackage: z.string().max(120).default(''),
})

type Ctx = { actor: AuditActor; ip?: string | null }

/** The transfer queue, with one access-log row for the listing (it names many survivors' stories). */
export async function loadArchiveQueue({ actor, ip }: Ctx) {
  await recordAccess({ actor, action: 'archive.listQueue', objectType: 'archiveQueue', purpose: PURPOSE, outcome: 'success', ip })
  // Packages of consents withdrawn since the last sweep go before the archivist sees the queue.
  await discardWithdrawnPackages()
  const items = await listArchiveQueue()
  return items.map((item) => ({
    storyId: item.storyId,
    title: item.title,
    consentGivenAt: item.consentGivenAt.toISOString(),
    consentTextVersion: item.consentTextVersion,
    textVersion: item.textVersion,
    media: item.media.map((m) => ({ id: m.id, kind: m.kind, covered: m.covered })),
    latestPackage: item.latestPackage
      ? {
          ref: item.latestPackage.ref,
          builtAt: item.latestPackage.builtAt.toISOString(),
          handedOverAt: item.latestPackage.handedOverAt?.toISOString() ?? null,
          receiptReference: item.latestPackage.receiptReference,
        }
      : null,
  }))
}
export type QueueRow = Awaited<ReturnType<typeof loadArchiveQueue>>[number]

export type PrepareOutcome = { ok: true; ref: string } | { ok: false; problem: 'invalid' | 'noConsent' | 'noModeratedText' | 'notFound' }

/**
 * Builds a package for one story. Double-submit safe: the form carries the package the queue
 * showed for that story; when the story has a newer package than that (the first click of a
 * double click built it), that package is the answer and nothing is built again.
 */
export async function prepareFromForm({ formData, actor, ip }: { formData: FormData } & Ctx): Promise<PrepareOutcome> {
  const parsed = PrepareSchema.safeParse({ storyId: formData.get('storyId'), shownPackage: formData.get('shownPackage') ?? '' })
  if (!parsed.success) return { ok: false, problem: 'invalid' }
  const { storyId, shownPackage } = parsed.data
  const current = (await listArchiveQueue()).find((item) => item.storyId === storyId)
  const latest = current?.latestPackage
  if (latest && latest.ref !== shownPackage && !latest.handedOverAt) return { ok: true, ref: latest.ref }
  const result = await prepareArchivePackage({ storyId, actorId: actor.id, ip })
  return result.ok ? { ok: true, ref: result.ref } : { ok: false, problem: result.reason }
}

/** One package for the archivist, logged as a view of that package; null when there is none. */
export async function loadPackage({ ref, actor, ip }: { ref: string | undefined } & Ctx) {
  const valid = parsePackageRef(ref)
  const pkg = valid ? await getArchivePackage({ ref: valid }) : null
  if (!pkg) return null
  await recordAccess({ actor, action: 'archive.viewPackage', objectType: 'archivePackage', objectId: pkg.ref, subjectId: pkg.authorId, purpose: PURPOSE, outcome: 'success', ip })
  return {
    ref: pkg.ref,
    storyId: pkg.storyId,
    builtAt: pkg.builtAt.toISOString(),
    byteSize: pkg.byteSize,
    sha256: pkg.sha256,
    files: pkg.files,
    handedOverAt: pkg.handedOverAt?.toISOString() ?? null,
    receiptReference: pkg.receiptReference,
  }
}

export type HandoverOutcome = { ok: true } | { ok: false; problem: 'notFound' | 'alreadyHandedOver' | 'consentWithdrawn' }

export async function handOver({ ref, receiptReference, actor, ip }: { ref: string; receiptReference: string } & Ctx): Promise<HandoverOutcome> {
  const result = await recordHandover({ ref, actorId: actor.id, receiptReference, ip })
  return result.ok ? { ok: true } : { ok: false, problem: result.reason }
}

/** The package's bytes for the archivist, logged as a download; null when there is none. */
export async function openPackageForStaff({ ref, actor, ip }: { ref: string | undefined } & Ctx) {
  const valid = parsePackageRef(ref)
  const opened = valid ? await openArchivePackageStream({ ref: valid }) : null
  if (!opened) return null
  await recordAccess({ actor, action: 'archive.downloadPackage', objectType: 'archivePackage', objectId: valid, subjectId: opened.authorId, purpose: PURPOSE, outcome: 'success', ip })
  return opened
}
