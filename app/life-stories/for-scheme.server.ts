import { createHash } from 'node:crypto'
import { db, type DbOrTx } from '@db/client.server'
import { getOwnLifeStory, listOwnLifeStories } from './own.server'

/**
 * The scheme's read model of life stories: only the applicant's own claimed stories (scoped by
 * the signed-in survivor's id), with their text, to bring into an application as its narrative.
 * The audio is not offered: the application and the case document carry the text.
 * An interviewer's story is not offered (ADR 0030): once approved it is the survivor's monument
 * draft, which the scheme already offers; the case document names no 'interviewer' source yet.
 */
export type LifeStoryForScheme = { id: string; reference: string; source: 'commission' | 'slachtofferhulp'; title: string; text: string }

export async function listLifeStoriesForApplicant({ userId }: { userId: string }, tx: DbOrTx = db): Promise<LifeStoryForScheme[]> {
  const out: LifeStoryForScheme[] = []
  for (const s of await listOwnLifeStories({ userId }, tx)) {
    const full = await getOwnLifeStory({ userId, id: s.id }, tx)
    if (full && full.source !== 'interviewer') out.push({ id: full.id, reference: full.reference, source: full.source, title: full.title, text: full.body })
  }
  return out
}

export async function getLifeStoryForApplicant({ userId, lifeStoryId }: { userId: string; lifeStoryId: string }, tx: DbOrTx = db): Promise<LifeStoryForScheme | null> {
  const full = await getOwnLifeStory({ userId, id: lifeStoryId }, tx)
  return full && full.source !== 'interviewer' ? { id: full.id, reference: full.reference, source: full.source, title: full.title, text: full.body } : null
}

/** SHA-256 (hex) of the text as UTF-8: the same fingerprint the case document carries. */
export const lifeStoryTextSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
