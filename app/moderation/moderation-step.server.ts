import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { DbOrTx, Tx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { moderationEvents, type ModerationAction } from '@db/schema/moderation'
import { recordAccess } from '~/audit/audit.server'
import type { AuditActor } from '~/audit/audit.server'
import { absoluteUrl, dispatchMail, queueMail } from '~/mail/mail.server'
import { nextStatus, type StoryTransition } from '~/monument/lifecycle'
import { findStoryForStaff, type ModerationStory, type StoryStatus } from '~/monument/for-moderation.server'

/**
 * What every moderation step shares. Every step is written twice: to moderation_events (what
 * happened, with the note) and to the access log (who, without content). Moderators review,
 * mark by mark, what the pillory guard found, ask for changes or propose a moderated version;
 * they never publish: the author approves the version and their consent decides who may read
 * it (app/monument/lifecycle.ts).
 */

export class ModerationError extends Error {
  constructor(
    /** i18n key in the `moderation` namespace, shown to the moderator. */
    readonly messageKey: string,
    readonly status = 409,
  ) {
    super(messageKey)
    this.name = 'ModerationError'
  }
}

export type Who = { actor: AuditActor; ip?: string | null }

export async function logStep(
  tx: DbOrTx,
  {
    actor,
    ip,
    story,
    action,
    note,
  }: Who & { story: Pick<ModerationStory, 'id' | 'authorId'>; action: ModerationAction; note?: string | null },
) {
  await tx.insert(moderationEvents).values({ storyId: story.id, actorId: actor.id, action, note: note ?? null })
  await recordAccess(
    { actor, action: `story.${action}`, objectType: 'story', objectId: story.id, subjectId: story.authorId, purpose: 'moderation', outcome: 'success', ip },
    tx,
  )
}

/** The story under review, locked for this step; a story staff may not read is "not found". */
export async function lockStory(tx: Tx, storyId: string) {
  const story = await findStoryForStaff({ storyId, lock: true }, tx)
  if (!story) throw new ModerationError('errors.notFound', 404)
  return story
}

export function transitionOrFail(transition: StoryTransition, from: StoryStatus) {
  const to = nextStatus(transition, 'moderator', from)
  if (!to) throw new ModerationError('errors.wrongStatus')
  return to
}

/** Tells the author (in their language, without content) that something changed; returns the mail id to dispatch after commit. */
export async function queueAuthorNotice(tx: DbOrTx, authorId: string | null, link = '/mijn-verhalen') {
  if (!authorId) return null
  const [author] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, authorId))
  if (!author) return null
  return queueMail({ to: author.email, userId: authorId, template: 'statusChanged', locale: author.locale, params: { link: absoluteUrl(link) } }, tx)
}

/** Dispatches queued mail after commit; a queue outage must not undo a moderation step (the outbox re-queues). */
export async function dispatchAll(ids: Array<string | null>) {
  for (const id of ids) if (id) await dispatchMail(id).catch(() => {})
}

type FormStepResult = { redirect: string } | { error: { key: string; rowId: string | null }; status: number }

/**
 * One staff form post: parse it with the form's schema, run the step, and say where to go next.
 * A refusal comes back as the i18n key to show beside the row the form was about (a mark, a
 * report); anything else is a real failure and is thrown.
 */
export async function runFormStep<S extends z.ZodTypeAny>(
  form: Record<string, FormDataEntryValue>,
  { schema, rowField, step }: { schema: S; rowField: string; step: (input: z.infer<S>) => Promise<string> },
): Promise<FormStepResult> {
  const rowId = typeof form[rowField] === 'string' ? form[rowField] : null
  const parsed = schema.safeParse(form)
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message
    // Schema messages are i18n keys ("ns:key"); zod's own English (a tampered id) is not shown.
    return { error: { key: message?.includes(':') ? message : 'moderation:errors.invalid', rowId }, status: 400 }
  }
  try {
    return { redirect: await step(parsed.data) }
  } catch (error) {
    if (error instanceof ModerationError) return { error: { key: `moderation:${error.messageKey}`, rowId }, status: error.status }
    throw error
  }
}
