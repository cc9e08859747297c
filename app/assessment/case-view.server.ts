import { asc, desc, eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { assessmentChecklists, assessmentNotes, assessments } from '@db/schema/assessment'
import { recordAccess } from '~/audit/audit.server'
import { hasConsent } from '~/consent/consent.server'
import { listResearchStoriesAt } from '~/monument/for-assessment.server'
import type { AssessmentPlacement } from '~/scheme/answers'
import { toSchemeDate } from '~/scheme/dates'
import { getApplicationRegistration } from '~/scheme/for-assessment-registration.server'
import { precheckEligibility, type Warning } from '~/scheme/eligibility'
import {
  countOtherApplicationsAtPlaces,
  getMaskedIdentityForAssessor,
  listApplicationDocuments,
  listDuplicateLinks,
  listInformationRequests,
  revealIdentifierForAssessor,
} from '~/scheme/for-assessment.server'
import { AUTHORISATION_DOCUMENT_TYPE, checklistItemsFor } from './checklist'
import { deadlineOf, PURPOSE, requireCase, WORKABLE_STATUSES, type Ip, type Staff } from './case-access.server'

/** The decades a placement spans ('1970s'…), to find stories of the same time. */
function decadesOf(placements: Array<{ from: string; to?: string }>) {
  const set = new Set<string>()
  for (const p of placements) {
    const from = Number(p.from.slice(0, 4))
    const to = Number((p.to ?? p.from).slice(0, 4))
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue
    for (let d = Math.floor(from / 10) * 10; d <= to && d <= 2030; d += 10) set.add(`${d}s`)
  }
  return [...set]
}

/** Stories about the same institutions and decades, and how many other applications name them. */
async function relatedItems({ applicationId, placements }: { applicationId: string; placements: AssessmentPlacement[] }) {
  const institutionNames = [...new Set(placements.map((p) => p.institutionName).filter((n): n is string => Boolean(n)))]
  if (!institutionNames.length) return { stories: [], otherApplications: 0 }
  return {
    stories: await listResearchStoriesAt({ institutionNames, decades: decadesOf(placements) }),
    otherApplications: await countOtherApplicationsAtPlaces({ applicationId, places: institutionNames }),
  }
}

/** The case view for an assessor: masked identifiers only. Logged with the applicant as subject. */
export async function getCaseForAssessor({ actor, applicationId, ip, now = new Date() }: { actor: Staff; applicationId: string; ip: Ip; now?: Date }) {
  const { app, scheme, answers } = await requireCase(db, { actor, applicationId, ip })
  const [identity, docs, requests, notes, history, checklistRow] = await Promise.all([
    getMaskedIdentityForAssessor({ applicationId: app.id }),
    listApplicationDocuments({ applicationId: app.id }),
    listInformationRequests({ applicationId: app.id }),
    db
      .select({ id: assessmentNotes.id, body: assessmentNotes.body, createdAt: assessmentNotes.createdAt, author: users.displayName })
      .from(assessmentNotes)
      .leftJoin(users, eq(users.id, assessmentNotes.authorId))
      .where(eq(assessmentNotes.applicationId, app.id))
      .orderBy(asc(assessmentNotes.createdAt)),
    db.select().from(assessments).where(eq(assessments.applicationId, app.id)).orderBy(desc(assessments.createdAt)),
    db.select().from(assessmentChecklists).where(eq(assessmentChecklists.applicationId, app.id)),
  ])
  // A representative's survivor: the person the case is about (their identity is kept apart).
  const survivorIdentity = answers.applicantKind === 'representative' ? (identity?.survivor ?? null) : null
  const warnings: Warning[] = precheckEligibility({
    scheme,
    applicantKind: answers.applicantKind,
    // The age rule is about the survivor: a relative's deceased survivor, a representative's survivor, never the applicant's own date.
    survivorDateOfBirth:
      answers.applicantKind === 'relative'
        ? (answers.survivorDateOfBirth ?? null)
        : answers.applicantKind === 'representative'
          ? (survivorIdentity?.dateOfBirth ?? null)
          : (identity?.dateOfBirth ?? null),
    survivorDiedOn: answers.survivorDiedOn ?? null,
    placements: answers.placements,
    harms: answers.harms.kinds,
  })
  const related = await relatedItems({ applicationId: app.id, placements: answers.placements })
  await recordAccess({ actor, action: 'application.view', objectType: 'application', objectId: app.id, subjectId: app.applicantUserId, purpose: PURPOSE, outcome: 'success', ip })
  const duplicates = await listDuplicateLinks({ applicationId: app.id, possibleDuplicateOf: app.possibleDuplicateOf })

  // The monument story as it was shared (frozen at submission), only while its consent stands;
  // reading it is logged apart, as a story's text is the most personal part of the case.
  const snapshot = answers.story?.snapshot
  const storyConsentStands =
    snapshot && answers.story && app.applicantUserId
      ? await hasConsent({ subjectRef: app.applicantUserId, objectType: 'story', objectId: answers.story.id, purpose: 'monument.useInSchemeApplication' })
      : false
  if (snapshot && storyConsentStands) {
    await recordAccess({ actor, action: 'application.viewStory', objectType: 'story', objectId: answers.story!.id, subjectId: app.applicantUserId, purpose: PURPOSE, outcome: 'success', ip })
  }

  // The same for a recorded life story, under the application's 'scheme.useCommissionStory' consent.
  const life = answers.lifeStory?.snapshot
  const lifeConsentStands =
    life && app.applicantUserId ? await hasConsent({ subjectRef: app.applicantUserId, objectType: 'application', objectId: app.id, purpose: 'scheme.useCommissionStory' }) : false
  if (life && lifeConsentStands) {
    await recordAccess({ actor, action: 'application.viewLifeStory', objectType: 'application', objectId: app.id, subjectId: app.applicantUserId, purpose: PURPOSE, outcome: 'success', ip })
  }

  const open = history.find((a) => a.status === 'proposed') ?? null
  const registration = await getApplicationRegistration({ applicationId: app.id })
  return {
    id: app.id,
    reference: app.reference,
    status: app.status,
    applicantName: app.applicantName,
    applicantKind: answers.applicantKind,
    /** Entered by staff from paper or a phone call (ADR 0031): the channel and who entered it; null when sent online. */
    registration: registration ? { channel: registration.channel, receivedOn: registration.receivedOn, registeredBy: registration.registeredByEmail, byMe: registration.registeredBy === actor.id } : null,
    // For whom a representative or a relative applies; a relative also gives the survivor's dates.
    survivor:
      answers.applicantKind === 'self'
        ? null
        : {
            name: answers.survivorName ?? null,
            relation: answers.relation ?? null,
            dateOfBirth: survivorIdentity?.dateOfBirth ?? answers.survivorDateOfBirth ?? null,
            diedOn: answers.survivorDiedOn ?? null,
            bsnMasked: survivorIdentity?.bsnMasked ?? null,
          },
    /** Whose account the money goes to (a representative chooses; anyone else's is their own). */
    payee: answers.applicantKind === 'representative' ? (answers.payee ?? null) : answers.applicantKind === 'relative' ? 'relative' : 'survivor',
    authorisationCoversPayment: answers.authorisationCoversPayment,
    bsnMasked: identity?.bsnMasked ?? null,
    ibanMasked: identity?.ibanMasked ?? null,
    submittedOn: app.submittedAt ? toSchemeDate(app.submittedAt) : null,
    decisionDue: deadlineOf(scheme, app, now),
    clockPaused: app.pausedSince !== null,
    // Both ways: this case points at the other, or the other at this one.
    duplicates,
    possibleDuplicate: app.possibleDuplicateOf !== null || duplicates.length > 0,
    placements: answers.placements,
    harms: answers.harms,
    /** The story the applicant brought in, as shared; `withdrawn` when its consent was withdrawn since (the text is not shown then). */
    story: answers.story
      ? {
          source: 'monumentStory' as const,
          title: snapshot?.title || answers.story.title,
          text: snapshot && storyConsentStands ? snapshot.text : null,
          sharedOn: snapshot ? snapshot.consentGrantedAt : null,
          withdrawn: Boolean(snapshot) && !storyConsentStands,
        }
      : answers.lifeStory
        ? {
            source: 'commissionStory' as const,
            reference: answers.lifeStory.reference,
            title: life?.title || answers.lifeStory.title,
            text: life && lifeConsentStands ? life.text : null,
            sharedOn: life ? life.consentGrantedAt : null,
            withdrawn: Boolean(life) && !lifeConsentStands,
          }
        : null,
    recordsSearchRequested: answers.recordsSearchRequested,
    conversationWanted: answers.conversationWanted,
    documents: docs.map((d) => ({ id: d.id, type: d.type, fileName: d.fileName, byteSize: d.file.byteSize })),
    warnings,
    informationRequests: requests,
    notes,
    assessments: history.map((a) => ({
      id: a.id,
      status: a.status,
      outcome: a.outcome,
      reasonCode: a.reasonCode,
      motivation: a.motivation,
      proposedAt: a.proposedAt,
      byMe: a.proposedBy === actor.id,
      returnNote: a.returnNote,
    })),
    openProposal: open ? { id: open.id, outcome: open.outcome, reasonCode: open.reasonCode, motivation: open.motivation, byMe: open.proposedBy === actor.id } : null,
    checklistItems: checklistItemsFor(answers.applicantKind),
    /** Whether an authorisation was uploaded (on 'who is applying' or with the evidence), shown next to its checklist item. */
    authorisationPresent: docs.some((d) => d.type === AUTHORISATION_DOCUMENT_TYPE),
    checklist: checklistRow[0]?.items ?? {},
    rejectionReasons: scheme.rejectionReasons,
    /** Plain-language names of the scheme's placement kinds (the answers keep codes). */
    placementKinds: scheme.placementKinds.map((k) => ({ code: k.code, label: k.label })),
    related,
    workable: WORKABLE_STATUSES.includes(app.status),
  }
}
export type AssessorCase = Awaited<ReturnType<typeof getCaseForAssessor>>

/** The full BSN or IBAN, for someone who re-authenticated in the last five minutes (the route checks). Logged. */
export async function revealSensitive({ actor, applicationId, field, ip }: { actor: Staff; applicationId: string; field: 'bsn' | 'iban'; ip: Ip }) {
  const { app } = await requireCase(db, { actor, applicationId, ip })
  await recordAccess({
    actor,
    action: field === 'bsn' ? 'application.revealBsn' : 'application.revealIban',
    objectType: 'application',
    objectId: app.id,
    subjectId: app.applicantUserId,
    purpose: PURPOSE,
    outcome: 'success',
    ip,
  })
  return revealIdentifierForAssessor({ applicationId: app.id, field })
}
