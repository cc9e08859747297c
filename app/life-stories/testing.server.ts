import { randomBytes } from 'node:crypto'
import { db } from '@db/client.server'
import { lifeStories, type LifeStorySource } from '@db/schema/life-stories'
import { encryptField } from '~/privacy/field-crypto.server'

/**
 * Test helper: a life story, claimed by `claimedBy` when given (route matrix, object-state
 * tests). An interviewer's story (`source: 'interviewer'`) waits for the survivor's approval
 * unless `approved`.
 */
export async function createTestLifeStory({
  claimedBy,
  title = 'Mijn levensverhaal',
  body = 'Wat er gebeurde, opgeschreven met de commissie.',
  source = 'commission',
  registeredBy,
  approved = false,
}: { claimedBy?: string; title?: string; body?: string; source?: LifeStorySource; registeredBy?: string; approved?: boolean } = {}) {
  const interviewer = source === 'interviewer'
  const [row] = await db
    .insert(lifeStories)
    .values({
      reference: `LV-T${randomBytes(5).toString('hex').toUpperCase()}`,
      source,
      state: interviewer && !approved ? 'awaiting_survivor' : 'approved',
      recordedOn: '2020-03-01',
      titleEncrypted: encryptField(title),
      bodyEncrypted: encryptField(body),
      inviteEmailEncrypted: claimedBy ? null : encryptField('test@example.org'),
      registeredBy: registeredBy ?? null,
      claimedBy: claimedBy ?? null,
      claimedAt: claimedBy ? new Date() : null,
      approvedAt: interviewer && approved ? new Date() : null,
      interviewerAccessEndedAt: interviewer && approved ? new Date() : null,
    })
    .returning({ id: lifeStories.id })
  return row!.id
}
