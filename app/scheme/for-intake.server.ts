import { randomInt } from 'node:crypto'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { db } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments, applicationEvents, applications } from '@db/schema/scheme'
import { applicationRegistrations } from '@db/schema/scheme-intake'
import { encryptField, lookupHash } from '~/privacy/field-crypto.server'
import type { Answers } from './answers'
import type { ApplicantPart, PersonalPart, Placement, SurvivorPart } from './application-form'
import { addDays, dateAt, type IsoDate } from './dates'
import type { StoredUpload } from './documents.server'
import { maskBsn, maskIban } from './identifiers'
import { fastTrackColumns } from './fast-track.server'
import { findPossibleDuplicate, flagEarlierDuplicate } from './possible-duplicate.server'
import { listDocuments } from './read-application.server'
import { decisionDeadline } from './scheme-config'
import { getOpenScheme } from './scheme-registry.server'
import { storeSubmissionPdf } from './submission-copy.server'
import { formatReference } from './submit-application.server'

/**
 * Applications entered by staff from a paper form or a phone call (app/intake, ADR 0031). The
 * answers were validated by app/intake with this capability's own page schemas
 * (./application-form.ts), so they are stored exactly as the online pages store theirs and
 * every reader (assessors, case document, PDF copy) reads them the same way.
 */

export type Channel = 'paper' | 'phone'
export const CHANNELS = ['paper', 'phone'] as const satisfies readonly Channel[]

export type RegisteredApplicationInput = {
  channel: Channel
  receivedOn: IsoDate
  applicant: ApplicantPart
  survivor?: SurvivorPart
  personal: Omit<PersonalPart, 'email'> & { email?: string }
  placements: Placement[]
  harm: { kinds: string[]; ownWords?: string }
  searchRecords: boolean
  conversationWish: 'yes' | 'no'
  /** Self-declared on the form or on the phone (fast track, ADR 0032); never which illness. */
  seriouslyIll: boolean
  /** The form's one-time token: a double submit or a reload registers one application. */
  submitToken: string
}

/** How long a letter code works: letters are posted, and some people wait before they act. */
const CLAIM_CODE_DAYS = 365
// No 0/O, 1/I/L: read from paper and typed by people who may see poorly.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** A 12-character letter code in three groups (about 59 bits), e.g. 'KD7P-2XWQ-M9TR'. */
export function createLetterCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)])
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`
}

/** The code as typed (any case, spaces or dashes) to its keyed hash; null when it cannot be a code. */
export function letterCodeHash(typed: string): string | null {
  const normalised = typed.toUpperCase().replace(/[\s-]+/g, '')
  if (normalised.length !== 12 || [...normalised].some((c) => !CODE_ALPHABET.includes(c))) return null
  return lookupHash({ kind: 'applicationLetterCode', value: normalised })
}

/**
 * Registers a complete application from paper or phone as submitted: reference, the decision
 * clock from the day it was received, the status event, the scanned pages as evidence, the
 * PDF copy, and the registration (channel, registrant, hashed letter code). One transaction;
 * the scans are already in storage (the caller removes them when this throws).
 */
export async function createRegisteredApplication({ input, scans, registeredBy }: { input: RegisteredApplicationInput; scans: StoredUpload[]; registeredBy: string }): Promise<
  | {
      ok: true
      applicationId: string
      reference: string
      letterCode: string
      alreadyRegistered: boolean
    }
  | { ok: false; error: 'noScheme' }
> {
  const scheme = await getOpenScheme()
  if (!scheme) return { ok: false, error: 'noScheme' }
  const letterCode = createLetterCode()
  return db.transaction(async (tx) => {
    // The same form sent twice (a double click, a reload of the result page) lands on the one
    // application; as its first code was shown only once, the replay gets a fresh one.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`register:${input.submitToken}`}))`)
    const [earlier] = await tx.select({ id: applications.id, reference: applications.reference }).from(applications).where(eq(applications.submitToken, input.submitToken))
    if (earlier) {
      await tx
        .update(applicationRegistrations)
        .set({ claimCodeHash: letterCodeHash(letterCode) })
        .where(and(eq(applicationRegistrations.applicationId, earlier.id), isNull(applicationRegistrations.claimedAt)))
      return {
        ok: true as const,
        applicationId: earlier.id,
        reference: earlier.reference ?? '',
        letterCode,
        alreadyRegistered: true,
      }
    }
    const { personal, applicant, survivor } = input
    const answers: Answers = {
      applicant,
      ...(survivor ? { survivor: { bsnMasked: maskBsn(survivor.bsn) } } : {}),
      personal: {
        fullName: personal.fullName,
        email: personal.email ?? '',
        accountHolder: personal.accountHolder,
        bsnMasked: maskBsn(personal.bsn),
        ibanMasked: maskIban(personal.iban),
        hasPhone: Boolean(personal.phone),
        ...(personal.payee ? { payee: personal.payee } : {}),
        ...(personal.authorisationCoversPayment ? { authorisationCoversPayment: true as const } : {}),
      },
      placements: input.placements,
      placementsDone: input.placements.length > 0,
      harm: {
        mode: 'write',
        kinds: input.harm.kinds,
        ownWords: input.harm.ownWords,
      },
      evidence: { searchRecords: input.searchRecords, done: true },
      conversation: { wish: input.conversationWish },
      fastTrack: { seriouslyIll: input.seriouslyIll },
      // The paper form is signed under these declarations; on the phone they are read out.
      declarations: {
        truthful: true,
        processing: true,
        at: new Date().toISOString(),
      },
    }
    const seq = await tx.execute(sql`select nextval('application_reference_seq')::int as n`)
    const reference = formatReference({
      year: Number(input.receivedOn.slice(0, 4)),
      number: Number((seq as unknown as Array<{ n: number }>)[0]!.n),
    })
    const receivedAt = dateAt(input.receivedOn)
    const decisionDue = decisionDeadline({
      scheme: scheme.config,
      receivedAt: input.receivedOn,
    })
    const [app] = await tx
      .insert(applications)
      .values({
        schemeId: scheme.id,
        applicantUserId: null,
        reference,
        status: 'submitted',
        answers,
        applicantName: personal.fullName,
        bsnEncrypted: encryptField(personal.bsn),
        bsnHash: lookupHash({ kind: 'bsn', value: personal.bsn }),
        ibanEncrypted: encryptField(personal.iban),
        dateOfBirthEncrypted: encryptField(personal.dateOfBirth),
        addressEncrypted: encryptField(
          JSON.stringify({
            street: personal.street,
            houseNumber: personal.houseNumber,
            postcode: personal.postcode,
            town: personal.town,
          })
        ),
        phoneEncrypted: personal.phone ? encryptField(personal.phone) : null,
        survivorIdentityEncrypted: survivor
          ? encryptField(
              JSON.stringify({
                bsn: survivor.bsn,
                dateOfBirth: survivor.dateOfBirth,
                address: {
                  street: survivor.street,
                  houseNumber: survivor.houseNumber,
                  postcode: survivor.postcode,
                  town: survivor.town,
                },
              })
            )
          : null,
        survivorBsnHash: survivor ? lookupHash({ kind: 'bsn', value: survivor.bsn }) : null,
        submittedAt: receivedAt,
        submitToken: input.submitToken,
        decisionDueAt: dateAt(decisionDue),
      })
      .returning()
    for (const scan of scans) {
      const [file] = await tx
        .insert(storedFiles)
        .values({
          key: scan.key,
          byteSize: scan.size,
          contentType: scan.contentType,
          sha256: scan.sha256,
          purpose: 'scheme.evidence',
        })
        .returning({ id: storedFiles.id })
      await tx.insert(applicationDocuments).values({
        applicationId: app!.id,
        fileId: file!.id,
        type: 'other',
        fileName: scan.fileName,
      })
    }
    const duplicate = await findPossibleDuplicate({ draft: app!, representative: applicant.kind === 'representative' }, tx)
    const documents = await listDocuments({ applicationId: app!.id }, tx)
    const fileId = await storeSubmissionPdf(
      {
        applicationId: app!.id,
        scheme: scheme.config,
        reference,
        submittedOn: input.receivedOn,
        decisionDue,
        locale: 'nl',
        answers,
        documents,
        app: app!,
      },
      tx
    )
    await tx
      .update(applications)
      .set({
        submissionFileId: fileId,
        possibleDuplicateOf: duplicate?.id ?? null,
        // Derived as for an online submission, from the birth date entered (75 and older) and the declaration.
        ...fastTrackColumns({
          app: app!,
          answers,
          scheme: scheme.config,
          today: todayIso(),
        }),
      })
      .where(eq(applications.id, app!.id))
    if (duplicate) await flagEarlierDuplicate({ earlierId: duplicate.id, laterId: app!.id }, tx)
    await tx.insert(applicationEvents).values({ applicationId: app!.id, status: 'submitted', at: receivedAt })
    await tx.insert(applicationRegistrations).values({
      applicationId: app!.id,
      channel: input.channel,
      receivedOn: input.receivedOn,
      registeredBy,
      claimCodeHash: letterCodeHash(letterCode),
      claimCodeExpiresAt: dateAt(addDays(input.receivedOn > todayIso() ? input.receivedOn : todayIso(), CLAIM_CODE_DAYS)),
    })
    return {
      ok: true as const,
      applicationId: app!.id,
      reference,
      letterCode,
      alreadyRegistered: false,
    }
  })
}

const todayIso = () => new Date().toISOString().slice(0, 10)
