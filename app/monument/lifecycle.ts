import type { StoryStatus } from '@db/schema/monument'

/**
 * The story's path to publication, in one place for the author's and the moderator's pages:
 *   draft → submitted → inReview → changesRequested → submitted … → awaitingAuthor
 *   → (the author approves the moderated version) → approved → published (with a publish consent)
 * The author may withdraw at any time; a moderator removes a published story after a report.
 * Nothing is published that the author has not seen: only the author moves awaitingAuthor on.
 */
export type StoryActor = 'author' | 'moderator'
export type StoryTransition =
  | 'submit'
  | 'retract'
  | 'startReview'
  | 'requestChanges'
  | 'proposeVersion'
  | 'approveVersion'
  | 'rejectVersion'
  | 'publish'
  | 'withdraw'
  | 'remove'

const TRANSITIONS: Record<StoryTransition, { actor: StoryActor; from: readonly StoryStatus[]; to: StoryStatus }> = {
  submit: { actor: 'author', from: ['draft', 'changesRequested'], to: 'submitted' },
  retract: { actor: 'author', from: ['submitted'], to: 'draft' },
  startReview: { actor: 'moderator', from: ['submitted'], to: 'inReview' },
  requestChanges: { actor: 'moderator', from: ['inReview'], to: 'changesRequested' },
  proposeVersion: { actor: 'moderator', from: ['inReview'], to: 'awaitingAuthor' },
  approveVersion: { actor: 'author', from: ['awaitingAuthor'], to: 'approved' },
  rejectVersion: { actor: 'author', from: ['awaitingAuthor'], to: 'changesRequested' },
  // Publication needs a publish consent (public or fellow survivors); the caller checks the ledger.
  publish: { actor: 'author', from: ['approved'], to: 'published' },
  withdraw: { actor: 'author', from: ['draft', 'submitted', 'inReview', 'changesRequested', 'awaitingAuthor', 'approved', 'published'], to: 'withdrawn' },
  remove: { actor: 'moderator', from: ['published', 'approved'], to: 'removed' },
}

export function canTransition(transition: StoryTransition, actor: StoryActor, from: StoryStatus) {
  const rule = TRANSITIONS[transition]
  return rule.actor === actor && rule.from.includes(from)
}

/** The next status, or null when this actor may not take this step from here. */
export function nextStatus(transition: StoryTransition, actor: StoryActor, from: StoryStatus): StoryStatus | null {
  return canTransition(transition, actor, from) ? TRANSITIONS[transition].to : null
}

/** The author may edit the text only before review or when changes were asked. */
export function isEditableByAuthor(status: StoryStatus) {
  return status === 'draft' || status === 'changesRequested'
}
