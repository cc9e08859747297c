import { randomBytes } from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { db, type DbOrTx } from '@db/client.server'
import {
  CONSENT_CHANNELS,
  CONSENT_LOCALES,
  CONSENT_OBJECT_TYPES,
  consentEvents,
  type ConsentAction,
  type ConsentChannel,
  type ConsentLocale,
  type ConsentObjectType,
} from '@db/schema/consent'
import { CONSENT_PURPOSE_NAMES, CONSENT_PURPOSES, consentTextVersion, isConsentPurpose, type ConsentPurpose } from './texts'

// The locale a consent was given in: callers outside app/consent name it through this module.
export type { ConsentLocale }

/**
 * The consent ledger. Every capability asks `hasConsent` before it uses data for a
 * purpose; people change their mind with `grantConsent` / `withdrawConsent`, which append
 * events and never edit (the database refuses edits). The current state is the latest event.
 */

const GUEST_REF = /^guest_[A-Za-z0-9_-]{22}$/
const SubjectRefSchema = z.union([z.string().uuid(), z.string().regex(GUEST_REF)])

/** A random reference for someone without an account (a guest help request), kept with their item. */
export function createGuestSubjectRef(): string {
  return `guest_${randomBytes(16).toString('base64url')}`
}

const ConsentPurposeSchema = z.string().refine(isConsentPurpose, 'unknown consent purpose') as unknown as z.ZodType<ConsentPurpose>

// Also called after a failed purpose check (zod still runs refinements), so look it up safely.
function appliesTo(purpose: string, objectType: string) {
  return isConsentPurpose(purpose) && (CONSENT_PURPOSES[purpose].objectTypes as readonly string[]).includes(objectType)
}

const ConsentObjectSchema = z
  .object({
    subjectRef: SubjectRefSchema,
    objectType: z.enum(CONSENT_OBJECT_TYPES),
    objectId: z.string().min(1).max(200),
    purpose: ConsentPurposeSchema,
  })
  .superRefine((v, ctx) => {
    if (!appliesTo(v.purpose, v.objectType)) {
      ctx.addIssue({ code: 'custom', path: ['purpose'], message: `${v.purpose} is not asked for on a ${v.objectType}` })
    }
  })

const ConsentChangeSchema = z
  .object({
    subjectRef: SubjectRefSchema,
    userId: z.string().uuid().nullish(),
    objectType: z.enum(CONSENT_OBJECT_TYPES),
    objectId: z.string().min(1).max(200),
    purpose: ConsentPurposeSchema,
    locale: z.enum(CONSENT_LOCALES),
    channel: z.enum(CONSENT_CHANNELS),
    recordedBy: z.string().uuid().nullish(),
  })
  .superRefine((v, ctx) => {
    if (!appliesTo(v.purpose, v.objectType)) {
      ctx.addIssue({ code: 'custom', path: ['purpose'], message: `${v.purpose} is not asked for on a ${v.objectType}` })
    }
    if (v.userId && v.subjectRef !== v.userId) {
      ctx.addIssue({ code: 'custom', path: ['subjectRef'], message: 'is the user id for a signed-in person' })
    }
    // Consent given by phone or on paper is only credible with the staff member who took it.
    if (v.channel !== 'web' && !v.recordedBy) {
      ctx.addIssue({ code: 'custom', path: ['recordedBy'], message: 'is required when staff record a consent' })
    }
    if (v.channel === 'web' && v.recordedBy) {
      ctx.addIssue({ code: 'custom', path: ['recordedBy'], message: 'is only for consent recorded by staff' })
    }
  })

export type ConsentChange = {
  subjectRef: string
  userId?: string | null
  objectType: ConsentObjectType
  objectId: string
  purpose: ConsentPurpose
  locale: ConsentLocale
  channel: ConsentChannel
  recordedBy?: string | null
}

export type ConsentStatus = {
  granted: boolean
  /** When the current state began (the latest event), or null when never asked. */
  since: Date | null
  /** The text version of the latest event, or null when never asked. */
  textVersion: string | null
}

const NEVER: ConsentStatus = { granted: false, since: null, textVersion: null }

function statusOf(event: { action: ConsentAction; occurredAt: Date; textVersion: string } | undefined): ConsentStatus {
  return event ? { granted: event.action === 'grant', since: event.occurredAt, textVersion: event.textVersion } : NEVER
}

function latestEventQuery(tx: DbOrTx, o: { subjectRef: string; objectType: ConsentObjectType; objectId: string; purpose: string }) {
  return tx
    .select({ action: consentEvents.action, occurredAt: consentEvents.occurredAt, textVersion: consentEvents.textVersion })
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.subjectRef, o.subjectRef),
        eq(consentEvents.objectType, o.objectType),
        eq(consentEvents.objectId, o.objectId),
        eq(consentEvents.purpose, o.purpose),
      ),
    )
    .orderBy(desc(consentEvents.id))
    .limit(1)
}

async function changeConsent(action: ConsentAction, args: ConsentChange, tx?: DbOrTx): Promise<ConsentStatus & { changed: boolean }> {
  const a = ConsentChangeSchema.parse(args)
  const textVersion = consentTextVersion(a.purpose)
  const run = async (t: DbOrTx) => {
    // Two clicks at once must not both append: one consent changes one at a time.
    const key = `${a.subjectRef}|${a.objectType}|${a.objectId}|${a.purpose}`
    await t.execute(sql`select pg_advisory_xact_lock(727200, hashtext(${key}))`)
    const [latest] = await latestEventQuery(t, a)
    const current = statusOf(latest)
    // A grant on an older text is a new agreement and is recorded; a repeat is not.
    const unchanged = action === 'grant' ? current.granted && current.textVersion === textVersion : !current.granted
    if (unchanged) return { ...current, changed: false }
    const [event] = await t
      .insert(consentEvents)
      .values({
        userId: a.userId ?? null,
        subjectRef: a.subjectRef,
        objectType: a.objectType,
        objectId: a.objectId,
        purpose: a.purpose,
        action,
        textVersion,
        locale: a.locale,
        channel: a.channel,
        recordedBy: a.recordedBy ?? null,
      })
      .returning()
    return { ...statusOf(event), changed: true }
  }
  // The lock only serialises inside a transaction; open one unless the caller did.
  return tx && tx !== db ? run(tx) : db.transaction(run)
}

/** Records that the person agreed to the current text of `purpose` for this object. */
export function grantConsent(args: ConsentChange, tx?: DbOrTx) {
  return changeConsent('grant', args, tx)
}

/** Records that the person withdrew `purpose` for this object. Takes effect for every later `hasConsent`. */
export function withdrawConsent(args: ConsentChange, tx?: DbOrTx) {
  return changeConsent('withdraw', args, tx)
}

/**
 * THE check before data is used for a purpose: true only when the latest event for this
 * person, object and purpose is a grant. One index look-up (consent_events_current_idx).
 * An unknown purpose, or one that does not apply to the object type, throws.
 */
export async function hasConsent(
  args: { subjectRef: string; objectType: ConsentObjectType; objectId: string; purpose: ConsentPurpose },
  tx: DbOrTx = db,
): Promise<boolean> {
  const o = ConsentObjectSchema.parse(args)
  const [latest] = await latestEventQuery(tx, o)
  return latest?.action === 'grant'
}

/** The state of every registered purpose for one object of one person. */
export async function getConsentState(
  args: { subjectRef: string; objectType: ConsentObjectType; objectId: string },
  tx: DbOrTx = db,
): Promise<Record<ConsentPurpose, ConsentStatus>> {
  const o = ConsentObjectSchema.innerType().omit({ purpose: true }).parse(args)
  const rows = await tx
    .selectDistinctOn([consentEvents.purpose], {
      purpose: consentEvents.purpose,
      action: consentEvents.action,
      occurredAt: consentEvents.occurredAt,
      textVersion: consentEvents.textVersion,
    })
    .from(consentEvents)
    .where(and(eq(consentEvents.subjectRef, o.subjectRef), eq(consentEvents.objectType, o.objectType), eq(consentEvents.objectId, o.objectId)))
    .orderBy(consentEvents.purpose, desc(consentEvents.id))
  const latest = new Map(rows.map((r) => [r.purpose, r]))
  return Object.fromEntries(CONSENT_PURPOSE_NAMES.map((p) => [p, statusOf(latest.get(p))])) as Record<ConsentPurpose, ConsentStatus>
}

export type ConsentHistoryEntry = {
  id: number
  occurredAt: Date
  objectType: ConsentObjectType
  objectId: string
  purpose: string
  action: ConsentAction
  textVersion: string
  locale: ConsentLocale
  channel: ConsentChannel
}

/**
 * Every consent event of a person, newest first (account page, data export). Which staff
 * member recorded a consent is left out: the channel says that staff did.
 */
export async function listConsentHistory({ subjectRef }: { subjectRef: string }, tx: DbOrTx = db): Promise<ConsentHistoryEntry[]> {
  SubjectRefSchema.parse(subjectRef)
  return tx
    .select({
      id: consentEvents.id,
      occurredAt: consentEvents.occurredAt,
      objectType: consentEvents.objectType,
      objectId: consentEvents.objectId,
      purpose: consentEvents.purpose,
      action: consentEvents.action,
      textVersion: consentEvents.textVersion,
      locale: consentEvents.locale,
      channel: consentEvents.channel,
    })
    .from(consentEvents)
    .where(eq(consentEvents.subjectRef, subjectRef))
    .orderBy(desc(consentEvents.id))
}
