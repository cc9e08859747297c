import { readFileSync } from 'node:fs'
import postgres from 'postgres'

/** Where the e2e portal keeps its data (see playwright.config.ts). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)

/** The secrets the e2e portal generated for itself (database password, encryption keys, webhook secret). */
export function e2eSecrets() {
  return JSON.parse(readFileSync(`.data/e2e-${E2E_PORT}/secrets.json`, 'utf8')) as {
    EMBEDDED_PG_PASSWORD: string
    DATA_ENCRYPTION_KEYS: string
    LOOKUP_HASH_KEY: string
    WEBHOOK_SECRET: string
  }
}

/** The e2e portal's own embedded database, to arrange what a journey needs directly. */
export function connectPortalDb({ max = 1 }: { max?: number } = {}) {
  const port = process.env.E2E_PG_PORT ?? '5434'
  return postgres(`postgres://postgres:${encodeURIComponent(e2eSecrets().EMBEDDED_PG_PASSWORD)}@127.0.0.1:${port}/portal`, { max, onnotice: () => {} })
}
