import { sql } from '@db/client.server'
import { storage } from '~/utils/storage.server'

export type PartStatus = 'ok' | 'fail'
export type Health = { status: PartStatus; checks: { database: PartStatus; storage: PartStatus } }

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ])
}

/** Pings each part with a short timeout; a failing part is named, never its error text. */
export async function checkHealth(parts: {
  database: () => Promise<unknown>
  storage: () => Promise<unknown>
  timeoutMs?: number
}): Promise<Health> {
  const timeout = parts.timeoutMs ?? 2000
  const [database, store] = await Promise.all(
    [parts.database, parts.storage].map((ping) =>
      withTimeout(ping(), timeout).then(
        (): PartStatus => 'ok',
        (): PartStatus => 'fail',
      ),
    ),
  )
  const checks = { database: database ?? 'fail', storage: store ?? 'fail' }
  return { status: checks.database === 'ok' && checks.storage === 'ok' ? 'ok' : 'fail', checks }
}

/** Health of this portal's own database and bucket. */
export function getPortalHealth() {
  return checkHealth({ database: () => sql`select 1`, storage: () => storage.check() })
}
