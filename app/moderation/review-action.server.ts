import type { AuditActor } from '~/audit/audit.server'
import { runFormStep } from './moderation-step.server'
import { proposeVersion } from './propose-version.server'
import { ReviewActionSchema } from './reports-schemas'
import { decideMark, requestChanges, startReview } from './review-steps.server'

/**
 * The review page's form posts: which step the moderator asked for, and where the page goes next
 * (back to the mark just decided, so a long list keeps its place).
 */
export async function performReviewAction({ storyId, form, actor, ip }: { storyId: string; form: Record<string, FormDataEntryValue>; actor: AuditActor; ip?: string | null }) {
  return runFormStep(form, {
    schema: ReviewActionSchema,
    rowField: 'markRowId',
    step: async (v) => {
      const who = { actor, ip, storyId }
      if (v.intent === 'startReview') await startReview(who)
      else if (v.intent === 'decideMark') await decideMark({ ...who, markRowId: v.markRowId, decision: v.decision, reason: v.reason })
      else if (v.intent === 'requestChanges') await requestChanges({ ...who, note: v.note })
      else await proposeVersion(who)
      return `/beheer/verhalen/${storyId}?gedaan=${v.intent}${v.intent === 'decideMark' ? `#mark-${v.markRowId}` : ''}`
    },
  })
}
