import { PassThrough, type Readable } from 'node:stream'
import { ZipArchive } from 'archiver'
import { eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { listAccessesToSubject, recordAccess } from '~/audit/audit.server'
import { listConsentHistory } from '~/consent/consent.server'
import { eraseUserData, exportUserData, listUserExportFiles, listUserFiles } from '~/privacy/data-registry.server'
import '~/privacy/registrations.server'
import { storage } from '~/utils/storage.server'
import { getAccountFactors } from './sign-in.server'
import { verifyPassword } from './password.server'
import { countRecoveryCodes } from './second-factor.server'
import { listSessions, type SessionContext } from './session.server'

/** Everything the account page shows, for the signed-in person only. */
export async function loadAccountOverview(ctx: SessionContext) {
  const [factors, sessionList, consentHistory, accesses, codesLeft] = await Promise.all([
    getAccountFactors({ userId: ctx.user.id }),
    listSessions({ userId: ctx.user.id, currentTokenHash: ctx.tokenHash }),
    listConsentHistory({ subjectRef: ctx.user.id }),
    listAccessesToSubject({ subjectId: ctx.user.id }),
    countRecoveryCodes({ userId: ctx.user.id }),
  ])
  return {
    user: { displayName: ctx.user.displayName, email: ctx.user.email, locale: ctx.user.locale },
    factors: { ...factors, recoveryCodesLeft: codesLeft },
    sessions: sessionList,
    consentHistory: consentHistory.map((e) => ({
      id: String(e.id),
      at: e.occurredAt,
      purpose: e.purpose,
      action: e.action,
      objectType: e.objectType,
      textVersion: e.textVersion,
      channel: e.channel,
    })),
    accesses: accesses.slice(0, 100),
  }
}

/**
 * "Download my data": one zip, streamed, with `my-data.json` (every capability's section)
 * and the person's own files. Written to the access log.
 */
export async function createDataExport({ userId, ip }: { userId: string; ip: string }): Promise<Readable> {
  const data = await exportUserData({ userId })
  const files = await listUserExportFiles({ userId })
  await recordAccess({ actor: { id: userId, roles: ['survivor'] }, action: 'data.export', objectType: 'account', objectId: userId, subjectId: userId, purpose: 'dataSubjectRequest', outcome: 'success', ip })
  const zip = new ZipArchive({ zlib: { level: 6 } })
  const out = new PassThrough()
  zip.on('error', (e: Error) => out.destroy(e))
  zip.pipe(out)
  zip.append(JSON.stringify(data, null, 2), { name: 'my-data.json' })
  void (async () => {
    // Each file under the name the person gave it (made safe, with its extension), not its storage key.
    for (const { key, path } of files) {
      const object = await storage.stream({ key })
      if (object) zip.append(object.body, { name: path })
    }
    await zip.finalize()
  })().catch((e) => out.destroy(e))
  return out
}

/**
 * Deletes the account: every capability erases what it may, files are removed from storage,
 * and what must be kept (by law, or by the person's earlier consent) is reported back.
 */
export async function deleteAccount({ userId, password, ip }: { userId: string; password: string; ip: string }) {
  const [user] = await db.select().from(users).where(eq(users.id, userId))
  if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) return { ok: false as const }
  const files = await listUserFiles({ userId })
  const result = await eraseUserData({ userId })
  const keep = new Set(result.keepFiles)
  await storage.removeMany(files.filter((key) => !keep.has(key)))
  await recordAccess({ actor: null, action: 'account.deleted', objectType: 'account', objectId: userId, subjectId: userId, purpose: 'dataSubjectRequest', outcome: 'success', ip })
  return { ok: true as const, kept: result }
}
