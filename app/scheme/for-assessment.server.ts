import { and, asc, count, desc, eq, inArray, isNotNull, lte, ne, notInArray, or, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments, applications, applicationStatusEnum, informationRequests, schemes, type ApplicationStatus } from '@db/schema/scheme'
import { decryptField } from '~/privacy/field-crypto.server'
import { readAnswersForAssessment } from './answers'
import { decryptSurvivorIdentity } from './read-application.server'
import { maskBsn, maskIban } from './identifiers'
import { SchemeConfigSchema, type SchemeConfig } from './scheme-config'

/**
 * Read models of the application record built for the assessors (app/assessment/**). The
 * application rows are the scheme's; the assessor's side gets the columns it works with and
 * masked identifiers, never the encrypted ones. Callers check roles and conflicts of
 * interest and write the access log. Every function takes an optional transaction.
 */

export type { ApplicationStatus }

/** Every status after submission: an assessor never sees a draft (it is the applicant's own). */
export const SUBMITTED_STATUSES = applicationStatusEnum.enumValues.filter((s): s is Exclude<ApplicationStatus, 'draft'> => s !== 'draft')

const schemeCache = new Map<string, SchemeConfig>()
/** A scheme's configuration, parsed once per process (a published scheme version never changes). */
function schemeOf(id: string, config: unknown) {
  let s = schemeCache.get(id)
  if (!s) {
    s = SchemeConfigSchema.parse(config)
    schemeCache.set(id, s)
  }
  return s
}

/** The queue's rows: fast track first, then oldest first, never a draft, without the given applications (the assessor's conflicts). */
export async function listApplicationsForQueue(
  {
    statuses,
    submittedBefore,
    possibleDuplicate,
    excludeIds,
    limit = 200,
  }: { statuses: ApplicationStatus[]; submittedBefore?: Date; possibleDuplicate?: boolean; excludeIds: string[]; limit?: number },
  tx: DbOrTx = db,
) {
  const where = [inArray(applications.status, statuses), ne(applications.status, 'draft')]
  if (excludeIds.length) where.push(notInArray(applications.id, excludeIds))
  if (submittedBefore) where.push(lte(applications.submittedAt, submittedBefore))
  if (possibleDuplicate) where.push(isNotNull(applications.possibleDuplicateOf))
  const rows = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      submittedAt: applications.submittedAt,
      pausedDays: applications.pausedDays,
      pausedSince: applications.pausedSince,
      possibleDuplicateOf: applications.possibleDuplicateOf,
      fastTrack: applications.fastTrack,
      fastTrackReasons: applications.fastTrackReasons,
      schemeId: applications.schemeId,
      schemeConfig: schemes.config,
    })
    .from(applications)
    .innerJoin(schemes, eq(schemes.id, applications.schemeId))
    .where(and(...where))
    // Fast track first (ADR 0032), then oldest first.
    .orderBy(desc(applications.fastTrack), asc(applications.submittedAt))
    .limit(limit)
  return rows.map(({ schemeConfig, ...r }) => ({ ...r, scheme: schemeOf(r.schemeId, schemeConfig) }))
}

/** The columns of an application an assessor works with: no encrypted field among them. */
const ASSESSOR_COLUMNS = {
  id: applications.id,
  reference: applications.reference,
  status: applications.status,
  schemeId: applications.schemeId,
  applicantUserId: applications.applicantUserId,
  applicantName: applications.applicantName,
  submittedAt: applications.submittedAt,
  pausedDays: applications.pausedDays,
  pausedSince: applications.pausedSince,
  possibleDuplicateOf: applications.possibleDuplicateOf,
  answers: applications.answers,
}

/**
 * A submitted application for an assessor, with its scheme and its answers read tolerantly;
 * null for an unknown one or a draft. `lock` takes the row lock (inside the caller's transaction).
 */
export async function findApplicationForAssessor({ applicationId, lock = false }: { applicationId: string; lock?: boolean }, tx: DbOrTx = db) {
  const query = tx
    .select({ ...ASSESSOR_COLUMNS, schemeConfig: schemes.config })
    .from(applications)
    .innerJoin(schemes, eq(schemes.id, applications.schemeId))
    .where(and(eq(applications.id, applicationId), ne(applications.status, 'draft')))
  const [row] = lock ? await query.for('update', { of: applications }) : await query
  if (!row) return null
  const { schemeConfig, answers, ...app } = row
  return { app, scheme: schemeOf(app.schemeId, schemeConfig), answers: readAnswersForAssessment(answers) }
}

/**
 * The identifiers of an application as the case view shows them: masked, decrypted here only
 * to mask them. The dates of birth are plain: the eligibility pre-check reads the survivor's.
 */
export async function getMaskedIdentityForAssessor({ applicationId }: { applicationId: string }, tx: DbOrTx = db) {
  const [row] = await tx
    .select({
      bsn: applications.bsnEncrypted,
      iban: applications.ibanEncrypted,
      dateOfBirth: applications.dateOfBirthEncrypted,
      survivorIdentityEncrypted: applications.survivorIdentityEncrypted,
    })
    .from(applications)
    .where(and(eq(applications.id, applicationId), ne(applications.status, 'draft')))
  if (!row) return null
  const decrypt = (v: string | null) => (v ? decryptField(v) : null)
  const bsn = decrypt(row.bsn)
  const iban = decrypt(row.iban)
  // A representative's survivor: the person the case is about (their identity is encrypted apart).
  const survivor = decryptSurvivorIdentity(row)
  return {
    bsnMasked: bsn ? maskBsn(bsn) : null,
    ibanMasked: iban ? maskIban(iban) : null,
    dateOfBirth: decrypt(row.dateOfBirth),
    survivor: survivor ? { dateOfBirth: survivor.dateOfBirth, bsnMasked: maskBsn(survivor.bsn) } : null,
  }
}

/**
 * The full BSN or IBAN of a submitted application, decrypted for an assessor who asked to
 * see it. The caller must have checked step-up (requireRecentAuth) and logs the reveal. The
 * other decrypting reads of an application are the applicant's own pages and the hand-off
 * (for-assessment-handoff.server.ts).
 */
export async function revealIdentifierForAssessor({ applicationId, field }: { applicationId: string; field: 'bsn' | 'iban' }, tx: DbOrTx = db) {
  const column = field === 'bsn' ? applications.bsnEncrypted : applications.ibanEncrypted
  const [row] = await tx.select({ value: column }).from(applications).where(and(eq(applications.id, applicationId), ne(applications.status, 'draft')))
  return row?.value ? decryptField(row.value) : null
}

/** The evidence documents of an application with their stored files, oldest first. */
export function listApplicationDocuments({ applicationId }: { applicationId: string }, tx: DbOrTx = db) {
  return tx
    .select({ id: applicationDocuments.id, type: applicationDocuments.type, fileName: applicationDocuments.fileName, file: storedFiles })
    .from(applicationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(applicationDocuments.createdAt))
}

/** The questions asked of the applicant and their answers, oldest first. */
export function listInformationRequests({ applicationId }: { applicationId: string }, tx: DbOrTx = db) {
  return tx
    .select({
      id: informationRequests.id,
      question: informationRequests.question,
      askedAt: informationRequests.askedAt,
      answer: informationRequests.answer,
      answeredAt: informationRequests.answeredAt,
    })
    .from(informationRequests)
    .where(eq(informationRequests.applicationId, applicationId))
    .orderBy(asc(informationRequests.askedAt))
}

/**
 * The other applications flagged as possibly the same person's (the BSN matched through the
 * keyed hash at submission), in both directions: the ones this application points at and the
 * ones that point at it. References only, never the other person's details.
 */
export function listDuplicateLinks({ applicationId, possibleDuplicateOf }: { applicationId: string; possibleDuplicateOf: string | null }, tx: DbOrTx = db) {
  return tx
    .select({ id: applications.id, reference: applications.reference })
    .from(applications)
    .where(
      and(
        or(eq(applications.possibleDuplicateOf, applicationId), possibleDuplicateOf ? eq(applications.id, possibleDuplicateOf) : undefined),
        ne(applications.id, applicationId),
        ne(applications.status, 'draft'),
      ),
    )
    .orderBy(asc(applications.submittedAt))
}

/**
 * How many other submitted applications name one of these places (an institution or foster
 * family, 'place' in the answers): a count only, never their details.
 */
export async function countOtherApplicationsAtPlaces({ applicationId, places }: { applicationId: string; places: string[] }, tx: DbOrTx = db) {
  if (!places.length) return 0
  const conditions = places.map(
    (n) =>
      sql`exists (select 1 from jsonb_array_elements(case when jsonb_typeof(${applications.answers}->'placements') = 'array' then ${applications.answers}->'placements' else '[]'::jsonb end) p where lower(p->>'place') = ${n.toLowerCase()})`,
  )
  const [other] = await tx
    .select({ n: count() })
    .from(applications)
    .where(and(ne(applications.id, applicationId), notInArray(applications.status, ['draft', 'withdrawn']), sql`(${sql.join(conditions, sql` or `)})`))
  return other?.n ?? 0
}

/** The ids of a person's applications (their assessment is part of their data export). */
export async function listApplicationIdsOf({ userId }: { userId: string }, tx: DbOrTx = db) {
  const rows = await tx.select({ id: applications.id }).from(applications).where(eq(applications.applicantUserId, userId))
  return rows.map((r) => r.id)
}

/** The references of these applications, by id (the hand-off's dead-letter list shows them). */
export async function listApplicationReferences({ ids }: { ids: string[] }, tx: DbOrTx = db) {
  if (!ids.length) return new Map<string, string | null>()
  const rows = await tx.select({ id: applications.id, reference: applications.reference }).from(applications).where(inArray(applications.id, ids))
  return new Map(rows.map((r) => [r.id, r.reference]))
}
