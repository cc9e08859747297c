// The portal connects as a member of portal_app, not as the owner (migration 0017, ADR 0018).
// This file switches its own DATABASE_URL to such a login role before any app module is
// loaded, so the module code below runs with exactly the application's privileges.
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmbeddedPostgres } from './embedded'
import { APP_ROLE, ensureAppLoginRole, runMigrations, withCredentials } from './migrate-runner'

const ownerUrl = process.env.DATABASE_URL!
const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} })
const login = { user: `t_app_${randomBytes(4).toString('hex')}`, password: randomBytes(12).toString('base64url') }
await ensureAppLoginRole(ownerUrl, login)
process.env.DATABASE_URL = withCredentials(ownerUrl, login.user, login.password)

const { closeDb, sql: app } = await import('@db/client.server')
const { createPersona } = await import('~/testing/personas.server')
const { createStory, saveDraft, getOwnStory } = await import('~/monument/stories.server')
const { setStoryConsent } = await import('~/monument/story-consent.server')
const { submitStory } = await import('~/monument/story-steps.server')
const { recordAccess } = await import('~/audit/audit.server')

afterAll(async () => {
  await closeDb()
  await owner.unsafe(`drop owned by ${login.user}`)
  await owner.unsafe(`drop role ${login.user}`)
  await owner.end()
})

/** Tables in which the application may only add and read (ADR 0007, ADR 0008). */
const APPEND_ONLY = ['audit_log', 'consent_events']

async function refusal(query: Promise<unknown>) {
  const error = await query.then(
    () => null,
    (e: unknown) => e as { message: string },
  )
  return error?.message ?? 'allowed'
}

describe('the application role', () => {
  it('has row privileges on every table, only add and read on the append-only ones, and owns none', async () => {
    const tables = await owner<{ name: string; owner: string; select: boolean; insert: boolean; update: boolean; delete: boolean }[]>`
      select c.relname as name, pg_get_userbyid(c.relowner) as owner,
        has_table_privilege(${APP_ROLE}, c.oid, 'SELECT') as select, has_table_privilege(${APP_ROLE}, c.oid, 'INSERT') as insert,
        has_table_privilege(${APP_ROLE}, c.oid, 'UPDATE') as update, has_table_privilege(${APP_ROLE}, c.oid, 'DELETE') as delete
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')`
    expect(tables.length).toBeGreaterThan(20)
    const wrong = tables.filter((t) => {
      const appendOnly = APPEND_ONLY.includes(t.name)
      return t.owner === APP_ROLE || !t.select || !t.insert || t.update === appendOnly || t.delete === appendOnly
    })
    expect(wrong.map((t) => t.name)).toEqual([])
    const sequences = await owner<{ name: string }[]>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S'
        and not (case when c.relkind = 'S' then has_sequence_privilege(${APP_ROLE}, c.oid, 'USAGE') else true end)`
    expect(sequences).toEqual([])
  })

  it('gets the same grants on a table that a later migration creates', async () => {
    await owner`create table later_feature (id serial primary key, note text)`
    try {
      const [grants] = await owner`
        select has_table_privilege(${APP_ROLE}, 'later_feature', 'SELECT, INSERT, UPDATE, DELETE') as rows,
          has_sequence_privilege(${APP_ROLE}, 'later_feature_id_seq', 'USAGE') as seq`
      expect(grants).toEqual({ rows: true, seq: true })
    } finally {
      await owner`drop table later_feature`
    }
  })

  it('can sign up, write and submit a story, give consent and log an access', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: author.id })
    await saveDraft({ authorId: author.id, storyId: story.id, revision: 0, fields: { title: 'Mijn jaren in het tehuis', body: 'Ik was negen toen ik werd opgehaald.' } })
    expect((await submitStory({ authorId: author.id, storyId: story.id })).ok).toBe(true)
    expect(await setStoryConsent({ authorId: author.id, storyId: story.id, purpose: 'monument.research', grant: true, locale: 'nl' })).toMatchObject({ ok: true, changed: true })
    expect(await recordAccess({ actor: { id: author.id, roles: ['survivor'] }, action: 'story.read', objectType: 'story', objectId: story.id, purpose: 'test', outcome: 'success' })).toBeGreaterThan(0)
    expect((await getOwnStory({ authorId: author.id, storyId: story.id }))?.status).toBe('submitted')
    const [who] = await app`select current_user as name`
    expect(who!.name).toBe(login.user)
  })

  it('cannot change the access log or the consent ledger, nor remove what guards them', async () => {
    // Refused by privileges, not only by the triggers: the owner could drop a trigger, we cannot.
    expect(await refusal(app`update audit_log set purpose = 'rewritten'`)).toMatch(/permission denied for table audit_log/)
    expect(await refusal(app`delete from audit_log`)).toMatch(/permission denied for table audit_log/)
    expect(await refusal(app`truncate audit_log`)).toMatch(/permission denied for table audit_log/)
    expect(await refusal(app`drop trigger audit_log_no_update_delete on audit_log`)).toMatch(/must be owner of (table|relation) audit_log/)
    expect(await refusal(app`alter table audit_log disable trigger audit_log_no_update_delete`)).toMatch(/must be owner of (table|relation) audit_log/)
    expect(await refusal(app`drop table audit_log`)).toMatch(/must be owner of (table|relation) audit_log/)
    expect(await refusal(app`set session_replication_role = replica`)).toMatch(/permission denied/)
    expect(await refusal(app`update consent_events set purpose = 'monument.documentary'`)).toMatch(/permission denied for table consent_events/)
    expect(await refusal(app`delete from consent_events`)).toMatch(/permission denied for table consent_events/)
    expect(await refusal(app`drop trigger consent_events_no_update_delete on consent_events`)).toMatch(/must be owner of (table|relation) consent_events/)
    expect(await refusal(app`create table shadow (id int)`)).toMatch(/permission denied for schema public/)
  })

  it('can run the job queue in a schema of its own', async () => {
    const { PgBoss } = await import('pg-boss')
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: 'pgboss', max: 2, supervise: false, schedule: false })
    boss.on('error', () => {})
    await boss.start()
    try {
      // pg-boss creates queue objects at run time (DDL; a partitioned queue is a table of its own): the app role must own that schema.
      await boss.createQueue(`t_${randomBytes(4).toString('hex')}`)
      const name = `t_${randomBytes(4).toString('hex')}`
      await boss.createQueue(name)
      expect(await boss.send(name, { n: 1 })).toBeTruthy()
      const [job] = await boss.fetch(name)
      expect(job?.data).toEqual({ n: 1 })
    } finally {
      await boss.stop({ graceful: false })
    }
  })

  it('is set up just as well by an owner that is not a superuser (a managed database)', async () => {
    // A cluster of its own: here portal_app does not exist yet, as on a fresh production server.
    const dir = await mkdtemp(path.join(tmpdir(), 'app-role-owner-'))
    await chmod(dir, 0o755)
    const port = 20000 + Math.floor(Math.random() * 20000)
    const cluster = await startEmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), port, password: 'su', database: 'postgres', persistent: false })
    try {
      const su = postgres(cluster.url, { max: 1, onnotice: () => {} })
      await su.unsafe(`create role dbowner login createrole password 'owner-pw'`)
      await su.unsafe('create database portal owner dbowner')
      await su.end()
      const ownerOnly = withCredentials(cluster.url.replace(/\/postgres$/, '/portal'), 'dbowner', 'owner-pw')
      await runMigrations(ownerOnly)
      await ensureAppLoginRole(ownerOnly, { user: 'web', password: 'web-pw' })
      const web = postgres(withCredentials(ownerOnly, 'web', 'web-pw'), { max: 1, onnotice: () => {} })
      try {
        const [jobSchema] = await web`select pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = 'pgboss'`
        expect(jobSchema).toEqual({ owner: APP_ROLE })
        expect(await refusal(web`delete from audit_log`)).toMatch(/permission denied for table audit_log/)
        expect(await refusal(web`drop trigger audit_log_no_update_delete on audit_log`)).toMatch(/must be owner/)
      } finally {
        await web.end()
      }
    } finally {
      await cluster.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
