import { count } from 'drizzle-orm'
import { hashPassword } from '~/auth/password.server'
import { logger } from '~/utils/logger.server'
import { db } from './client.server'
import { userRoles, users, type Role } from './schema'

/** Demo sign-ins for development only; never seeded when APP_ENV=production. */
export const DEMO_ACCOUNTS: Array<{ role: Role; email: string; password: string; displayName: string }> = [
  { role: 'survivor', email: 'overlevende@demo.local', password: 'herinnering-overlevende-demo', displayName: 'Sanne (demo)' },
  { role: 'moderator', email: 'moderator@demo.local', password: 'herinnering-moderator-demo', displayName: 'Demo moderator' },
  { role: 'triage', email: 'triage@demo.local', password: 'herinnering-triage-demo', displayName: 'Demo triage' },
  { role: 'assessor', email: 'beoordelaar@demo.local', password: 'herinnering-beoordelaar-demo', displayName: 'Demo beoordelaar' },
  { role: 'admin', email: 'beheerder@demo.local', password: 'herinnering-beheerder-demo', displayName: 'Demo beheerder' },
]

export async function seedIfEmpty({ printCredentials }: { printCredentials: boolean }) {
  if (process.env.APP_ENV === 'production') throw new Error('refusing to seed demo data in production')
  const [row] = await db.select({ n: count() }).from(users)
  if ((row?.n ?? 0) > 0) return { seeded: false }

  await db.transaction(async (tx) => {
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
      await tx.insert(userRoles).values({ userId: user!.id, role: account.role })
    }
  })
  logger.info('demo data seeded')
  if (printCredentials) {
    // Development only: the demo sign-ins, so a newcomer can try every role.
    const lines = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(26)} ${a.password}`)
    console.log(`\nDemo accounts (development only):\n${lines.join('\n')}\n`)
  }
  return { seeded: true }
}
