import { lifeStoryOriginOf, type LifeStoryOrigin } from './origin.server'

/** For app/moderation: the review page shows that a story was recorded with an interviewer (ADR 0030). */
export const lifeStoryOriginForModeration = ({ storyId }: { storyId: string }): Promise<LifeStoryOrigin | null> => lifeStoryOriginOf({ storyId })
export type { LifeStoryOrigin }
