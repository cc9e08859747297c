import { eq } from 'drizzle-orm'
import { accountTokens, mailOutbox, passkeys, recoveryCodes, sessions, totpFactors, userRoles, users } from '@db/schema/accounts'
import { declareNotPersonal, registerPersonalData } from '~/privacy/data-registry.server'

// The account itself: exported in full (without secrets); erased with the account.
registerPersonalData({
  name: 'account',
  tables: ['users', 'user_roles', 'sessions', 'account_tokens', 'totp_factors', 'passkeys', 'recovery_codes', 'mail_outbox'],
  exportFor: async ({ userId, tx }) => {
    const [user] = await tx
      .select({ email: users.email, displayName: users.displayName, locale: users.locale, createdAt: users.createdAt, emailVerifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, userId))
    const roles = await tx.select({ role: userRoles.role, grantedAt: userRoles.grantedAt }).from(userRoles).where(eq(userRoles.userId, userId))
    const activeSessions = await tx
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, device: sessions.deviceLabel })
      .from(sessions)
      .where(eq(sessions.userId, userId))
    const keys = await tx.select({ name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt }).from(passkeys).where(eq(passkeys.userId, userId))
    const [totp] = await tx.select({ confirmedAt: totpFactors.confirmedAt }).from(totpFactors).where(eq(totpFactors.userId, userId))
    const mail = await tx
      .select({ template: mailOutbox.template, subject: mailOutbox.subject, status: mailOutbox.status, createdAt: mailOutbox.createdAt })
      .from(mailOutbox)
      .where(eq(mailOutbox.userId, userId))
    return { user, roles, sessions: activeSessions, authenticatorApp: totp ? { addedAt: totp.confirmedAt } : null, passkeys: keys, mailSent: mail }
  },
  eraseFor: async ({ userId, tx }) => {
    await tx.delete(mailOutbox).where(eq(mailOutbox.userId, userId))
    await tx.delete(accountTokens).where(eq(accountTokens.userId, userId))
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    await tx.delete(passkeys).where(eq(passkeys.userId, userId))
    await tx.delete(totpFactors).where(eq(totpFactors.userId, userId))
    await tx.delete(sessions).where(eq(sessions.userId, userId))
    await tx.delete(userRoles).where(eq(userRoles.userId, userId))
    await tx.delete(users).where(eq(users.id, userId))
    return {}
  },
})

declareNotPersonal({
  table: 'rate_limit_counters',
  reason: 'short-lived counters keyed by a keyed hash of IP or address; no way back to a person; pruned hourly',
})

declareNotPersonal({
  table: 'sign_in_throttle',
  reason: 'sign-in attempt counters keyed by a keyed hash of IP, address, account id or device id; no way back to a person; forgotten after a day',
})
