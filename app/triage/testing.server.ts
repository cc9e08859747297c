import { createHelpRequest } from './ask-guidance.server'
import { AskGuidanceSchema, type AskGuidance } from './schemas'

/** Test-only: a valid guidance request as the form would send it (phone, no voicemail). */
function guidanceInput(overrides: Record<string, unknown> = {}): AskGuidance {
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

