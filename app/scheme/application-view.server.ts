import type { Lng } from '~/i18n/config'
import { partsFor, type Part } from './application-pages'
import { subjectNameOf } from './precheck-input'
import { getApplicationDraft } from './application-draft.server'
import { listLifeStoriesToUse } from './life-story-use.server'
import { listOwnStories } from './story-use.server'
import type { WarningCode } from './eligibility'
import { localise } from './scheme-config'

/** Which pre-check warnings belong on which page (the check page shows them all). */
const WARNINGS_ON: Record<Part, readonly WarningCode[]> = {
  applicant: ['applicantKindNotInScheme', 'relativeDeathOutsideWindow'],
  survivor: ['placementOverAge'],
  personal: ['placementOverAge'],
  placements: ['placementBeforePeriod', 'placementAfterPeriod', 'placementOverAge', 'placementKindAdoption', 'placementKindOutOfScope', 'placementOutsideNetherlands'],
  harm: ['noHarmKind'],
  evidence: [],
  conversation: [],
  declarations: [],
}

/** What one page of the application shows: its saved answers and only the data it needs. */
export async function getApplicationStep({ userId, part, locale }: { userId: string; part: Part; locale: Lng }) {
  const draft = await getApplicationDraft({ userId })
  if (!draft.scheme) return { kind: 'closed' as const }
  if (draft.application && draft.application.status !== 'draft') return { kind: 'submitted' as const }
  const applicantKind = draft.answers.applicant?.kind
  // The survivor's page is a representative's only.
  if (part === 'survivor' && applicantKind !== 'representative') return { kind: 'notApplicable' as const }
  const scheme = draft.scheme.config
  // For a relative the age rule reads the deceased survivor's birth date, asked on the
  // 'who is applying' page: its warning belongs there, not with the relative's own details.
  const relative = draft.answers.applicant?.kind === 'relative'
  // Likewise a representative's: the survivor's birth date is on the survivor's page.
  const representative = applicantKind === 'representative'
  const onPage: readonly WarningCode[] =
    relative && part === 'applicant'
      ? [...WARNINGS_ON.applicant, 'placementOverAge']
      : (relative || representative) && part === 'personal'
        ? []
        : WARNINGS_ON[part]
  const shown = onPage.filter((code) => code !== 'noHarmKind' || draft.answers.harm)
  return {
    kind: 'step' as const,
    part,
    answers: draft.answers,
    applicantKind: applicantKind ?? null,
    /** Who the questions are about, by name ("Where was Kees placed?"); null for someone applying for themselves. */
    subjectName: subjectNameOf(draft.answers),
    /** This page's place among the pages that apply ("Step 3 of 8"). */
    step: { number: partsFor(applicantKind).indexOf(part) + 1, total: partsFor(applicantKind).length },
    // The applicant's own numbers, decrypted only for the page where they are edited.
    own: part === 'personal' ? draft.own : null,
    survivor: part === 'survivor' ? draft.survivor : null,
    documents: part === 'evidence' ? draft.documents.filter((d) => !d.informationRequestId).map((d) => ({ id: d.id, type: d.type, fileName: d.fileName })) : [],
    authorisations:
      part === 'applicant'
        ? draft.documents.filter((d) => d.type === 'authorisation' && !d.informationRequestId).map((d) => ({ id: d.id, fileName: d.fileName }))
        : [],
    // The moderated text is shown in full: the applicant sees exactly what would be shared.
    stories: part === 'harm' ? await listOwnStories({ userId }) : [],
    // The survivor's own recorded life stories, in full too (none for a representative or relative).
    lifeStories: part === 'harm' ? await listLifeStoriesToUse({ userId, applicationId: draft.application?.id ?? '', answers: draft.answers }) : [],
    placementKinds: scheme.placementKinds.map((k) => ({ value: k.code, label: localise(k.label, locale) })),
    harmKinds: [...scheme.harmKinds],
    /** The scheme's fast-track rules, for the conversation page's question (ADR 0032). */
    fastTrack: scheme.fastTrack ?? null,
    warnings: draft.warnings.filter((w) => shown.includes(w.code)),
  }
}
