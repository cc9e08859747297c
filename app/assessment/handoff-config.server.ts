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
})

export type HandoffConfig = { url: string; secret: string | null }

export function getHandoffConfig(env: Record<string, string | undefined> = process.env): HandoffConfig {
  const parsed = HandoffEnvSchema.parse({
    SCHADEFONDS_URL: env.SCHADEFONDS_URL || undefined,
    SCHADEFONDS_WEBHOOK_SECRET: env.SCHADEFONDS_WEBHOOK_SECRET || undefined,
    WEBHOOK_SECRET: env.WEBHOOK_SECRET || undefined,
  })
  return { url: parsed.SCHADEFONDS_URL, secret: parsed.SCHADEFONDS_WEBHOOK_SECRET ?? parsed.WEBHOOK_SECRET ?? null }
}
