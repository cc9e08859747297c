import { z } from 'zod'

/**
 * What the Schadefonds reports back about a case, as the body of a signed webhook to the
 * portal (PORTAL_INBOUND_URL, /api/schadefonds/events). The reference receiver sends these;
 * the portal endpoint parses them with this schema.
 */

const Base = {
  caseId: z.string().uuid(),
  reference: z.string().regex(/^[A-Z]{2,6}-\d{4}-\d{6}$/),
  occurredAt: z.string().datetime({ offset: true }),
}

export const SchadefondsEventSchema = z.discriminatedUnion('event', [
  z.object({ ...Base, event: z.literal('received') }),
  z.object({
    ...Base,
    event: z.literal('decided'),
    outcome: z.enum(['granted', 'rejected']),
    reasonCode: z.string().regex(/^[a-z][a-zA-Z0-9]*$/).optional(),
  }),
  z.object({ ...Base, event: z.literal('paid'), amountCents: z.number().int().positive() }),
  z.object({ ...Base, event: z.literal('objectionReceived') }),
])
export type SchadefondsEvent = z.infer<typeof SchadefondsEventSchema>
export type SchadefondsEventKind = SchadefondsEvent['event']
