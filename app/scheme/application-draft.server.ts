import { getModeratedStory } from '~/monument/for-scheme.server'
import { isComplete, partStates } from './application-pages'
import { precheckInputOf } from './precheck-input'
import { getCurrentApplication } from './draft-store.server'
import { precheckEligibility } from './eligibility'
import { answersOf, decryptOwnDetails, decryptSurvivorIdentity, listDocuments } from './read-application.server'
import { getOpenScheme } from './scheme-registry.server'

/**
 * Everything the application pages need: the open scheme, the draft (or null before the
 * first answer), the task list, documents and the pre-check's warnings.
 */
export async function getApplicationDraft({ userId }: { userId: string }) {
  const scheme = await getOpenScheme()
  if (!scheme) return { scheme: null } as const
  const application = await getCurrentApplication({ userId, schemeId: scheme.id })
  const answers = application ? answersOf(application) : {}
  const documents = application ? await listDocuments({ applicationId: application.id }) : []
  const own = application ? decryptOwnDetails(application) : null
  const survivor = application && answers.applicant?.kind === 'representative' ? decryptSurvivorIdentity(application) : null
  const states = partStates({ answers, documentCount: documents.length })
  // No warning before an answer gives reason for it: "no placement" or "no kind of harm" on
  // an untouched page is not news, it is the form being empty.
  const warnings = precheckEligibility(
    precheckInputOf({ scheme: scheme.config, answers, dateOfBirth: own?.dateOfBirth, survivorDateOfBirth: survivor?.dateOfBirth }),
  ).filter((w) => (w.code !== 'noPlacement' || states.placements !== 'notStarted') && (w.code !== 'noHarmKind' || answers.harm))
  // The story's moderated text as it stands now: the check page shows exactly what will be shared.
  const storyId = answers.harm?.mode === 'story' ? answers.harm.story?.id : undefined
  const story = storyId ? await getModeratedStory({ authorId: userId, storyId }) : null
  return { scheme, application, answers, documents, own, survivor, storyText: story?.text ?? null, states, complete: isComplete(states), warnings } as const
}
