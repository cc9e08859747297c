import { z } from 'zod'

/**
 * What the Schadefonds reports back about a case, as the body of a signed webhook to the
 * portal (PORTAL_INBOUND_URL, /api/schadefonds/events). The reference receiver sends these;
 * the portal endpoint parses them with this schema.
 *
 * `occurredAt` is when it happened at the fund, not when it was sent: the portal orders a
 * case's reports by it (app/scheme/status-machine.ts), so a late or repeated report never
 * moves the status back. Fields added later are optional, so a report in the first shape
 * (a decision without an amount) still parses.
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
    /** The amount granted (a grant only); the applicant sees it before the payment. */
    amountCents: z.number().int().positive().optional(),
  }),
  z.object({ ...Base, event: z.literal('paid'), amountCents: z.number().int().positive() }),
  z.object({ ...Base, event: z.literal('objectionReceived') }),
])
export type SchadefondsEvent = z.infer<typeof SchadefondsEventSchema>
