import { z } from 'zod'

/**
 * Where and how cases go to the Schadefonds: SCHADEFONDS_URL and SCHADEFONDS_WEBHOOK_SECRET
 * (falls back to WEBHOOK_SECRET, which embedded mode generates into <DATA_DIR>/secrets.json,
 * as the reference receiver does). Declared in the env schema too (app/utils/env.server.ts);
 * parsed here from a given environment so tests and the benchmark can pass their own.
 */
const HandoffEnvSchema = z.object({
  SCHADEFONDS_URL: z.string().url().default('http://127.0.0.1:4600/cases'),
  SCHADEFONDS_WEBHOOK_SECRET: z.string().min(1).optional(),
  WEBHOOK_SECRET: z.string().min(1).optional(),
  // Which case document the endpoint reads. v1 stays the default so a fund that was built on
  // v1 keeps receiving it; a case v1 cannot express (a representative's) is then held back.
  SCHADEFONDS_CASE_VERSION: z.enum(['v1', 'v2']).default('v1'),
})

export type CaseVersion = 'v1' | 'v2'
type HandoffConfig = { url: string; secret: string | null; caseVersion: CaseVersion }

export function getHandoffConfig(env: Record<string, string | undefined> = process.env): HandoffConfig {
  const parsed = HandoffEnvSchema.parse({
    SCHADEFONDS_URL: env.SCHADEFONDS_URL || undefined,
    SCHADEFONDS_WEBHOOK_SECRET: env.SCHADEFONDS_WEBHOOK_SECRET || undefined,
    WEBHOOK_SECRET: env.WEBHOOK_SECRET || undefined,
    SCHADEFONDS_CASE_VERSION: env.SCHADEFONDS_CASE_VERSION || undefined,
  })
  return { url: parsed.SCHADEFONDS_URL, secret: parsed.SCHADEFONDS_WEBHOOK_SECRET ?? parsed.WEBHOOK_SECRET ?? null, caseVersion: parsed.SCHADEFONDS_CASE_VERSION }
}
