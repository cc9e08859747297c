import type { PgBoss } from 'pg-boss'
import type { Sql } from 'postgres'

/**
 * pg-boss 12 upgrades its own schema only from version 25 (pg-boss 11) on. Databases made while
 * the portal ran pg-boss 10 hold version 24 and would stop every start with "Cannot migrate
 * pg-boss schema from version 24". Nothing in the job schema is evidence (ADR 0005), but queued
 * work (a mail, a hand-off) must not be lost: the old schema is set aside under another name,
 * pg-boss 12 installs a fresh one, the unfinished jobs are sent again, and only then is the old
 * schema dropped. A crash in between leaves the set-aside schema, which the next run finishes.
 */
const OLDEST_MIGRATABLE = 25

export function setAsideName(schema: string) {
  return `${schema}_pre_v11`
}

/** Before pg-boss 12 starts: sets a pre-v11 job schema aside. Returns whether one is set aside. */
export async function setAsideOldJobSchema(sql: Sql, schema: string) {
  const aside = setAsideName(schema)
  const [parked] = await sql`select 1 from pg_namespace where nspname = ${aside}`
  if (parked) return true
  const [table] = await sql`select 1 from pg_tables where schemaname = ${schema} and tablename = 'version'`
  if (!table) return false
  const [row] = await sql.unsafe<{ version: number }[]>(`select version from "${schema}".version`)
  if (!row || row.version >= OLDEST_MIGRATABLE) return false
  await sql.unsafe(`alter schema "${schema}" rename to "${aside}"`)
  return true
}

type OldJob = {
  name: string
  data: Record<string, unknown> | null
  priority: number
  singleton_key: string | null
  start_after: Date
  retry_limit: number
  retry_delay: number
  retry_backoff: boolean
}

/** After pg-boss 12 has started: sends the set-aside schema's unfinished jobs again, then drops it. */
export async function carryOverOldJobs(sql: Sql, boss: PgBoss, schema: string) {
  const aside = setAsideName(schema)
  const jobs = await sql.unsafe<OldJob[]>(
    `select name, data, priority, singleton_key, start_after, retry_limit, retry_delay, retry_backoff
       from "${aside}".job where state in ('created', 'retry', 'active') order by created_on`,
  )
  const queues = new Set<string>()
  for (const job of jobs) {
    if (!queues.has(job.name)) {
      await boss.createQueue(job.name)
      queues.add(job.name)
    }
    await boss.send(job.name, job.data ?? {}, {
      priority: job.priority,
      startAfter: job.start_after,
      retryLimit: job.retry_limit,
      retryDelay: job.retry_delay,
      retryBackoff: job.retry_backoff,
      ...(job.singleton_key ? { singletonKey: job.singleton_key } : {}),
    })
  }
  await sql.unsafe(`drop schema "${aside}" cascade`)
  return jobs.length
}
