import { count } from 'drizzle-orm'
import { hashPassword } from '~/auth/password.server'
import { encryptField } from '~/privacy/field-crypto.server'
import { logger } from '~/utils/logger.server'
import { db } from './client.server'
import { directoryEntries, totpFactors, userRoles, users } from './schema'
import { seedArchiveDemo } from './seed/archive'
import { DEMO_ACCOUNTS } from './seed/demo-accounts'
import { seedDocumentaryDemo } from './seed/documentary'
import { seedMonumentDemo } from './seed/monument'
import { seedReferrals } from './seed/referrals'
import { seedResearchDemo } from './seed/research'
import { seedSchemeDemo, seedSchemes } from './seed/scheme'
import { seedTriageDemo } from './seed/triage'

export async function seedIfEmpty({ printCredentials }: { printCredentials: boolean }) {
  if (process.env.APP_ENV === 'production') throw new Error('refusing to seed demo data in production')
  const [row] = await db.select({ n: count() }).from(users)
  if ((row?.n ?? 0) > 0) return { seeded: false }

  await db.transaction(async (tx) => {
    const ids: Record<string, string> = {}
    for (const account of DEMO_ACCOUNTS) {
      const [user] = await tx
        .insert(users)
        .values({
          email: account.email,
          emailVerifiedAt: new Date(),
          passwordHash: await hashPassword(account.password),
          displayName: account.displayName,
          kind: account.role === 'survivor' ? 'survivor' : 'staff',
        })
        .returning({ id: users.id })
      ids[account.role] = user!.id
      await tx.insert(userRoles).values({ userId: user!.id, role: account.role })
      if (account.totpSecret) {
        await tx.insert(totpFactors).values({ userId: user!.id, secretEncrypted: encryptField(account.totpSecret), confirmedAt: new Date() })
      }
    }
    await seedMonumentDemo(tx, { survivorId: ids.survivor! })
    await seedTriageDemo(tx, { survivorId: ids.survivor!, triageId: ids.triage! })
    await seedSchemeDemo(tx, { survivorId: ids.survivor! })
    await seedResearchDemo(tx, { adminId: ids.admin })
    await seedArchiveDemo(tx, { survivorId: ids.survivor! })
    await seedDocumentaryDemo(tx, { survivorId: ids.survivor! })
  })
  logger.info('demo data seeded')
  if (printCredentials) {
    // Development only: the demo sign-ins, so a newcomer can try every role.
    const lines = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(26)} ${a.password.padEnd(30)} ${a.totpSecret ? `TOTP secret ${a.totpSecret}` : ''}`)
    console.log(`\nDemo accounts (development only):\n${lines.join('\n')}\n`)
  }
  return { seeded: true }
}

/**
 * Reference content every environment needs (production included): the help directory,
 * from the facts in the project's domain notes. Loaded only into an empty table, so edits
 * that staff make later are never overwritten by a restart.
 */
export async function seedReferenceData() {
  await db.transaction(async (tx) => seedSchemes(tx))
  const [row] = await db.select({ n: count() }).from(directoryEntries)
  if ((row?.n ?? 0) > 0) return { seeded: false }
  await db.transaction(async (tx) => seedReferrals(tx))
  logger.info('help directory loaded')
  return { seeded: true }
}
