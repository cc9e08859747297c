// The restore drill (ADR 0028), short: seed, back up, wipe (drop the database, empty the
// bucket), restore, then the things a survivor and the fund rely on must hold. The full
// drill with a bigger data set and its timings is bench/restore-drill.ts.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import postgres from 'postgres'
import { afterAll, expect, it } from 'vitest'
import { sql as appSql } from '@db/client.server'
import { writeAuditAnchor } from '~/audit/anchors.server'
import { signInWithPassword } from '~/auth/sign-in.server'
import { createTestStoryWithMedia } from '~/monument/for-moderation-testing.server'
import { getOwnStory } from '~/monument/stories.server'
import { readApplicationForHandoff } from '~/scheme/for-assessment-handoff.server'
import { createTestApplication } from '~/scheme/for-assessment-testing.server'
import { createPersona, makeRequest } from '~/testing/personas.server'
import { getEnv } from '~/utils/env.server'
import { getStorage, type Storage } from '../storage/index'
import { backup } from './backup-lib'
import { RestoreRefused, restore } from './restore-lib'

const env = getEnv()
const storage = getStorage(env)
const keys = { encryptionKeys: env.DATA_ENCRYPTION_KEYS, lookupKey: env.LOOKUP_HASH_KEY }
const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

async function bucketContents(s: Storage) {
  const out: Record<string, string> = {}
  for await (const info of s.list('')) {
    const object = await s.stream({ key: info.key })
    const hash = createHash('sha256')
    for await (const chunk of object!.body) hash.update(chunk as Buffer)
    out[info.key] = hash.digest('hex')
  }
  return out
}

/** Drops this file's database and makes an empty one of the same name; the app's pool reconnects. */
async function wipe() {
  const url = new URL(env.DATABASE_URL)
  const name = url.pathname.slice(1)
  url.pathname = '/postgres'
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} })
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`
  await admin.unsafe(`drop database ${name} with (force)`)
  await admin.unsafe(`create database ${name} template template0`)
  await admin.end()
  await storage.removeMany(Object.keys(await bucketContents(storage)))
}

it('backs up, wipes and restores: sign-in, the story and its photo, the application and the access log hold', async () => {
  // Seed: a survivor with a story with a photo, an application, an access-log trail and an anchor.
  const survivor = await createPersona({ roles: ['survivor'] })
  const { story, media } = await createTestStoryWithMedia({ authorId: survivor.id, title: 'Wat ik wil dat blijft', media: [{ kind: 'photo', description: 'De gang' }] })
  const application = await createTestApplication({ applicantUserId: survivor.id, bsn: '123456782' })
  const request = () => makeRequest('/inloggen', { method: 'POST' })
  expect((await signInWithPassword({ email: survivor.email, password: survivor.password, request: request(), ip: '127.0.0.1' })).kind).toBe('signedIn')
  expect((await signInWithPassword({ email: survivor.email, password: 'wrong', request: request(), ip: '127.0.0.1' })).kind).toBe('invalid')
  expect(await writeAuditAnchor({ sql: appSql, storage })).not.toBeNull()
  const bucketBefore = await bucketContents(storage)
  expect(Object.keys(bucketBefore).length).toBeGreaterThanOrEqual(media.length + 1)
  const [{ n: auditRows } = { n: 0 }] = await appSql<Array<{ n: number }>>`select count(*)::int as n from audit_log`

  const dir = await mkdtemp(path.join(tmpdir(), 'portal-backup-'))
  dirs.push(dir)
  const manifest = await backup({ databaseUrl: env.DATABASE_URL, storage, dir, keys })
  expect(manifest.database.auditHead.id).toBeGreaterThan(0)
  expect(manifest.objects.length).toBe(Object.keys(bucketBefore).length)

  // A backup is refused into a database that holds data.
  await expect(restore({ dir, databaseUrl: env.DATABASE_URL, storage, keys })).rejects.toBeInstanceOf(RestoreRefused)

  await wipe()
  expect(await bucketContents(storage)).toEqual({})
  // Keys that do not match the backup are refused: the encrypted fields would be lost.
  const otherKeys = { encryptionKeys: `other:${Buffer.alloc(32, 1).toString('base64')}`, lookupKey: keys.lookupKey }
  await expect(restore({ dir, databaseUrl: env.DATABASE_URL, storage, keys: otherKeys })).rejects.toThrow(/lacks key id/)

  const result = await restore({ dir, databaseUrl: env.DATABASE_URL, storage, keys })
  expect(result.objects).toBe(manifest.objects.length)

  // The survivor signs in with the same password; the story, the photo's bytes, the application hold.
  expect((await signInWithPassword({ email: survivor.email, password: survivor.password, request: request(), ip: '127.0.0.1' })).kind).toBe('signedIn')
  expect((await getOwnStory({ authorId: survivor.id, storyId: story.id }))?.title).toBe('Wat ik wil dat blijft')
  expect(await bucketContents(storage)).toEqual(bucketBefore)
  const handoff = await readApplicationForHandoff({ applicationId: application.id })
  expect(handoff?.identity.bsn).toBe('123456782')
  expect(handoff?.identity.iban).toBe('NL91ABNA0417164300')
  const [{ n: restoredRows } = { n: 0 }] = await appSql<Array<{ n: number }>>`select count(*)::int as n from audit_log`
  // The sign-in after the restore added rows of its own.
  expect(restoredRows).toBeGreaterThan(auditRows)

  // The real command an operator runs after a restore: chain and newest anchor intact.
  const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['scripts/audit-verify.ts'], { env: process.env })
  expect(stdout).toMatch(/audit log intact/)
  expect(stdout).toMatch(/newest anchor \(row \d+, .*\) matches/)
}, 120_000)
