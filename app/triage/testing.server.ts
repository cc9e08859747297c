import { db } from '@db/client.server'
import { directoryEntries } from '@db/schema/referrals'
import { createHelpRequest } from './requests.server'
import { AskGuidanceSchema, type AskGuidance } from './schemas'

/** Test-only: a valid guidance request as the form would send it (phone, no voicemail). */
export function guidanceInput(overrides: Record<string, unknown> = {}): AskGuidance {
  return AskGuidanceSchema.parse({
    inDanger: 'no',
    needs: ['peerContact'],
    channel: 'phone',
    phone: '06 12345678',
    voicemail: 'no',
    safeTimes: 'Na 19 uur',
    neutralName: 'Anne',
    language: 'nl',
    interpreter: 'none',
    setting: 'residentialGroup',
    region: 'utrecht',
    agree: 'on',
    ...overrides,
  })
}

/** Test-only: a request owned by `userId` (or a guest's when null). */
export async function createTestRequest({ userId, overrides }: { userId: string | null; overrides?: Record<string, unknown> }) {
  return createHelpRequest({ input: guidanceInput(overrides), userId, locale: 'nl' })
}

/** Test-only: a published peer-support entry to refer to. */
export async function createTestEntry(slug = `test-${Math.random().toString(36).slice(2, 10)}`) {
  const [row] = await db
    .insert(directoryEntries)
    .values({
      slug,
      name: `Lotgenoten ${slug}`,
      kind: 'peerSupport',
      descriptionNl: 'Contact met lotgenoten.',
      descriptionEn: 'Contact with fellow survivors.',
      forWhomNl: 'Iedereen.',
      forWhomEn: 'Everyone.',
      needs: ['peerContact'],
      languages: ['nl'],
      source: 'test',
      lastCheckedAt: '2020-01-01',
      published: true,
    })
    .returning({ id: directoryEntries.id })
  return row!.id
}
