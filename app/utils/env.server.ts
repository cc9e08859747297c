import { z } from 'zod'

/**
 * The one environment schema. It is checked once at start-up (server/index.ts,
 * worker, scripts) and every missing or malformed variable is named in the error.
 * Only the keys in `publicEnv` ever reach the browser.
 */
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')

const EnvSchema = z
  .object({
    APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL'),
    /** The schema owner's URL, for migrations only (ADR 0018); DATABASE_URL is then the app role. */
    MIGRATION_DATABASE_URL: z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL')
      .optional(),
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().default('eu-west-1'),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name (3–63 characters)'),
    S3_ACCESS_KEY_ID: z.string().min(1),
    S3_SECRET_ACCESS_KEY: z.string().min(1),
    S3_FORCE_PATH_STYLE: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
    DATA_ENCRYPTION_KEYS: z
      .string()
      .min(1)
      .describe('comma-separated keyId:base64key pairs; the first one encrypts new values')
      .refine(
        (v) =>
          v.split(',').every((pair) => {
            const [id, key] = pair.split(':')
            return Boolean(id) && base64Key.safeParse(key ?? '').success
          }),
        'must be keyId:base64(32 bytes) pairs, separated by commas',
      ),
    LOOKUP_HASH_KEY: base64Key,
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().default('Erkenningsportaal <noreply@localhost>'),
    QUICK_EXIT_URL: z.string().url().default('https://www.google.nl/'),
    RUN_WORKER: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z.string().default('loopback'),
    SCHADEFONDS_URL: z.string().url().default('http://127.0.0.1:4600/cases'),
    /** Standard Webhooks secret shared with the Schadefonds (whsec_…); embedded mode generates WEBHOOK_SECRET. */
    SCHADEFONDS_WEBHOOK_SECRET: z.string().min(1).optional(),
    WEBHOOK_SECRET: z.string().min(1).optional(),
    /** The case document the Schadefonds endpoint reads (app/assessment/handoff-config.server.ts). */
    SCHADEFONDS_CASE_VERSION: z.enum(['v1', 'v2']).default('v1'),
    RATE_LIMIT_READS_PER_MINUTE: z.coerce.number().int().positive().default(600),
    RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().positive().default(60),
    /** Memory for rendered public monument pages (ADR 0011); 0 turns the page cache off. */
    PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
    /** The nightly sweep aborts multipart uploads begun longer ago than this and never finished (ADR 0016). */
    STORAGE_UNFINISHED_UPLOAD_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
    /** Sign-in attempts one address may make over all accounts before each next one must wait (ADR 0006). */
    SIGN_IN_FREE_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().positive().default(30),
    /** The access log's head is anchored to object storage after this many new rows or minutes, whichever comes first (ADR 0007). */
    AUDIT_ANCHOR_EVERY_ROWS: z.coerce.number().int().positive().default(500),
    AUDIT_ANCHOR_EVERY_MINUTES: z.coerce.number().int().positive().max(60).default(5),
    /** Sounding-board approvals a documentary chapter needs on its current version before it can be published (ADR 0029). */
    DOCUMENTARY_APPROVALS_REQUIRED: z.coerce.number().int().min(1).max(10).default(2),
  })
  .superRefine((env, ctx) => {
    if (env.APP_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required in production' })
    }
    if (env.APP_ENV === 'production' && !env.SCHADEFONDS_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SCHADEFONDS_WEBHOOK_SECRET'], message: 'is required in production (signs the hand-off to the Schadefonds)' })
    }
    if (env.APP_ENV === 'production' && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required in production (mail cannot stay in a development mailbox)' })
    }
  })

export type Env = z.infer<typeof EnvSchema>

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'EnvError'
  }
}

/** Parse an environment; throws an EnvError naming every bad variable (never its value). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source)
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    )
  }
  return result.data
}

let cached: Env | undefined
export function getEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

/** The only configuration that may reach the browser. */
export function getPublicEnv(env: Env = getEnv()) {
  return { QUICK_EXIT_URL: env.QUICK_EXIT_URL, APP_ENV: env.APP_ENV }
}
export type PublicEnv = ReturnType<typeof getPublicEnv>
