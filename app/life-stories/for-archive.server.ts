import type { DbOrTx } from '@db/client.server'
import { lifeStoryOriginOf, type LifeStoryOrigin } from './origin.server'

/** For app/archive: a package's metadata names a story recorded with an interviewer as such (ADR 0030). */
export const lifeStoryOriginForArchive = ({ storyId }: { storyId: string }, tx?: DbOrTx): Promise<LifeStoryOrigin | null> => lifeStoryOriginOf({ storyId }, tx)
export type { LifeStoryOrigin }
