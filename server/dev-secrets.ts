import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export type DevSecrets = {
  SESSION_SECRET: string
  DATA_ENCRYPTION_KEYS: string
  LOOKUP_HASH_KEY: string
  EMBEDDED_PG_PASSWORD: string
  /** The portal's own login role (member of portal_app), not the superuser (ADR 0018). */
  EMBEDDED_APP_PASSWORD: string
  WEBHOOK_SECRET: string
}

/**
 * Embedded mode only: secrets are generated once into `<DATA_DIR>/secrets.json`
 * (mode 0600) and reused, so encrypted data and sessions survive a restart.
 * Production must provide every secret through the environment.
 */
export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, 'secrets.json')
  const existing: Partial<DevSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  const secrets: DevSecrets = {
    SESSION_SECRET: existing.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    DATA_ENCRYPTION_KEYS: existing.DATA_ENCRYPTION_KEYS ?? `dev1:${randomBytes(32).toString('base64')}`,
    LOOKUP_HASH_KEY: existing.LOOKUP_HASH_KEY ?? randomBytes(32).toString('base64'),
    EMBEDDED_PG_PASSWORD: existing.EMBEDDED_PG_PASSWORD ?? randomBytes(18).toString('base64url'),
    EMBEDDED_APP_PASSWORD: existing.EMBEDDED_APP_PASSWORD ?? randomBytes(18).toString('base64url'),
    WEBHOOK_SECRET: existing.WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString('base64')}`,
  }
  if (JSON.stringify(secrets) !== JSON.stringify(existing)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o755 })
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  }
  return secrets
}
