import { randomBytes } from 'node:crypto'
import { db } from '@db/client.server'
import { lifeStories } from '@db/schema/life-stories'
import { encryptField } from '~/privacy/field-crypto.server'

/** Test helper: a life story, claimed by `claimedBy` when given (route matrix, object-state tests). */
export async function createTestLifeStory({ claimedBy, title = 'Mijn levensverhaal', body = 'Wat er gebeurde, opgeschreven met de commissie.' }: { claimedBy?: string; title?: string; body?: string } = {}) {
  const [row] = await db
    .insert(lifeStories)
    .values({
      reference: `LV-T${randomBytes(5).toString('hex').toUpperCase()}`,
      source: 'commission',
      recordedOn: '2020-03-01',
      titleEncrypted: encryptField(title),
      bodyEncrypted: encryptField(body),
      inviteEmailEncrypted: claimedBy ? null : encryptField('test@example.org'),
      claimedBy: claimedBy ?? null,
      claimedAt: claimedBy ? new Date() : null,
    })
    .returning({ id: lifeStories.id })
  return row!.id
}
