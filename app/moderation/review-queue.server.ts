import { recordAccess } from '~/audit/audit.server'
import { listStoriesWaiting, type StoryStatus } from '~/monument/for-moderation.server'
import type { Who } from './moderation-step.server'

/** Waiting for a moderator (submitted, inReview) or for the author to approve the proposed version. */
const QUEUE_STATUSES = ['submitted', 'inReview', 'awaitingAuthor'] as const satisfies readonly StoryStatus[]

type QueueItem = { id: string; title: string; status: StoryStatus; submittedAt: string | null; waitingSince: string }

/** Stories waiting for a moderator or for their author, oldest first. */
export async function listModerationQueue({ actor, ip }: Who): Promise<QueueItem[]> {
  const rows = await listStoriesWaiting({ statuses: QUEUE_STATUSES })
  await recordAccess({ actor, action: 'story.list', objectType: 'storyQueue', purpose: 'moderation', outcome: 'success', ip })
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    waitingSince: (r.submittedAt ?? r.updatedAt).toISOString(),
  }))
}
