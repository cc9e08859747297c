import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { accountTokens, users } from '@db/schema/accounts'
import { hashToken, randomToken } from './tokens.server'

// Single-use links by e-mail (confirm, reset, change address, invitation) and the address
// look-up they share; only the hash of a token is stored.
const HOUR = 60 * 60 * 1000
const TOKEN_LIFETIMES = {
  confirmEmail: 48 * HOUR,
  resetPassword: 1 * HOUR,
  changeEmail: 24 * HOUR,
  invitation: 72 * HOUR,
} as const

export const normaliseEmail = (email: string) => email.trim().toLowerCase()

export async function findUserByEmail(email: string, tx: DbOrTx = db) {
  const [user] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, normaliseEmail(email)))
  return user ?? null
}

export async function issueToken(
  values: Omit<typeof accountTokens.$inferInsert, 'tokenHash' | 'expiresAt'> & { purpose: keyof typeof TOKEN_LIFETIMES },
  tx: DbOrTx,
) {
  const token = randomToken()
  await tx.insert(accountTokens).values({
    ...values,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + TOKEN_LIFETIMES[values.purpose]),
  })
  return token
}

export type TokenStatus = 'ok' | 'expired' | 'used' | 'invalid'

/** Looks a token up without using it (for the page that asks the person to confirm). */
export async function inspectToken({ token, purpose }: { token: string; purpose: keyof typeof TOKEN_LIFETIMES }) {
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose)))
  if (!row) return { status: 'invalid' as TokenStatus, row: null }
  if (row.usedAt) return { status: 'used' as TokenStatus, row }
  if (row.expiresAt.getTime() < Date.now()) return { status: 'expired' as TokenStatus, row }
  return { status: 'ok' as TokenStatus, row }
}

/** Marks a token used, exactly once even under concurrent clicks. */
export async function consumeToken(tokenHash: string, tx: DbOrTx) {
  const used = await tx
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(accountTokens.tokenHash, tokenHash), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, sql`now()`)))
    .returning({ id: accountTokens.id })
  return used.length === 1
}
