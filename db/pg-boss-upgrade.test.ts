import { readFile } from 'node:fs/promises'
import { PgBoss } from 'pg-boss'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { JOB_SCHEMA, runMigrations } from './migrate-runner'
import { setAsideName } from './pg-boss-upgrade'

const url = process.env.DATABASE_URL!
const sql = postgres(url, { max: 1, onnotice: () => {} })
afterAll(() => sql.end())

describe('a database from the pg-boss 10 days', () => {
  it('is migrated to pg-boss 12 with its unfinished jobs kept and its finished ones left behind', async () => {
    // The job schema as pg-boss 10 left it (version 24, which pg-boss 12 refuses to migrate).
    await sql.unsafe(`drop schema ${JOB_SCHEMA} cascade`)
    await sql.unsafe(await readFile(new URL('./fixtures/pg-boss-v10-schema.sql', import.meta.url), 'utf8'))
    await sql`select pgboss.create_queue('mail.send', '{"policy":"standard"}'::json)`
    await sql`insert into pgboss.job (name, data, singleton_key) values ('mail.send', '{"id":"waiting"}', 'mail:waiting')`
    await sql`insert into pgboss.job (name, data, state, completed_on) values ('mail.send', '{"id":"sent"}', 'completed', now())`
    expect((await sql`select version from pgboss.version`)[0]!.version).toBe(24)

    await runMigrations(url)

    expect((await sql`select version from pgboss.version`)[0]!.version).toBeGreaterThanOrEqual(25)
    expect(await sql`select 1 from pg_namespace where nspname = ${setAsideName(JOB_SCHEMA)}`).toHaveLength(0)
    const boss = new PgBoss({ connectionString: url, schema: JOB_SCHEMA, max: 1, supervise: false, schedule: false, migrate: false })
    boss.on('error', () => {})
    await boss.start()
    try {
      const jobs = await boss.fetch('mail.send', { batchSize: 10, includeMetadata: true })
      expect(jobs.map((j) => [j.data, j.singletonKey])).toEqual([[{ id: 'waiting' }, 'mail:waiting']])
    } finally {
      await boss.stop({ graceful: false })
    }
    // A second run finds nothing to carry over and changes nothing.
    await runMigrations(url)
  })
})
