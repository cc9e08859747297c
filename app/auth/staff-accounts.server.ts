import { asc, eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { STAFF_ROLES, userRoles, users, type Role, type StaffRole } from '@db/schema/accounts'
import { recordAccess } from '~/audit/audit.server'
import type { Lng } from '~/i18n/config'
import { absoluteUrl, dispatchMail, queueMail } from '~/mail/mail.server'
import { consumeToken, findUserByEmail, inspectToken, issueToken, normaliseEmail, type TokenStatus } from './account-tokens.server'
import { hashPassword } from './password.server'
import { endAllSessions } from './session.server'

/** Staff accounts exist only by invitation: a single-use link that expires after 72 hours. */
export async function inviteStaff({ admin, email, roles, locale, request, ip }: { admin: { id: string; roles: Role[] }; email: string; roles: StaffRole[]; locale: Lng; request: Request; ip: string }) {
  const mailId = await db.transaction(async (tx) => {
    const token = await issueToken({ purpose: 'invitation', email: normaliseEmail(email), roles, invitedBy: admin.id }, tx)
    await recordAccess({ actor: admin, action: 'account.invite', objectType: 'invitation', objectId: null, purpose: 'administration', outcome: 'success', ip }, tx)
    return queueMail({ to: normaliseEmail(email), template: 'invitation', locale, params: { link: absoluteUrl(`/uitnodiging/${token}`, request) } }, tx)
  })
  await dispatchMail(mailId)
}

export async function acceptInvitation({ token, displayName, password }: { token: string; displayName: string; password: string }): Promise<{ status: TokenStatus | 'exists'; userId?: string }> {
  const { status, row } = await inspectToken({ token, purpose: 'invitation' })
  if (status !== 'ok' || !row?.email) return { status }
  const passwordHash = await hashPassword(password)
  return db.transaction(async (tx) => {
    if (await findUserByEmail(row.email!, tx)) return { status: 'exists' as const }
    if (!(await consumeToken(row.tokenHash, tx))) return { status: 'used' as const }
    const [user] = await tx
      .insert(users)
      .values({ email: row.email!, passwordHash, displayName, kind: 'staff', emailVerifiedAt: new Date() })
      .returning({ id: users.id })
    const roles = (row.roles ?? []).filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r))
    for (const role of roles) await tx.insert(userRoles).values({ userId: user!.id, role, grantedBy: row.invitedBy })
    return { status: 'ok' as const, userId: user!.id }
  })
}

export async function listAccounts() {
  const rows = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, kind: users.kind, disabledAt: users.disabledAt, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.kind, 'staff'))
    .orderBy(asc(users.displayName))
  const roles = await db.select().from(userRoles)
  return rows.map((u) => ({ ...u, roles: roles.filter((r) => r.userId === u.id).map((r) => r.role) }))
}

/** Staff roles only; survivor accounts never hold staff roles. The last admin cannot lose the role. */
export async function setStaffRoles({ admin, userId, roles, ip }: { admin: { id: string; roles: Role[] }; userId: string; roles: StaffRole[]; ip: string }) {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(users).where(eq(users.id, userId))
    if (!target || target.kind !== 'staff') return { ok: false as const, reason: 'notStaff' as const }
    if (!roles.includes('admin')) {
      const admins = await tx.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'admin'))
      if (admins.length === 1 && admins[0]!.userId === userId) return { ok: false as const, reason: 'lastAdmin' as const }
    }
    await tx.delete(userRoles).where(eq(userRoles.userId, userId))
    for (const role of roles) await tx.insert(userRoles).values({ userId, role, grantedBy: admin.id })
    await endAllSessions({ userId }, tx)
    await recordAccess({ actor: admin, action: 'account.setRoles', objectType: 'account', objectId: userId, purpose: 'administration', outcome: 'success', ip }, tx)
    return { ok: true as const }
  })
}

/** Disabling ends every session of the account at once. */
export async function setAccountDisabled({ admin, userId, disabled, ip }: { admin: { id: string; roles: Role[] }; userId: string; disabled: boolean; ip: string }) {
  if (userId === admin.id) return { ok: false as const }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, userId))
    if (disabled) await endAllSessions({ userId }, tx)
    await recordAccess({ actor: admin, action: disabled ? 'account.disable' : 'account.enable', objectType: 'account', objectId: userId, purpose: 'administration', outcome: 'success', ip }, tx)
  })
  return { ok: true as const }
}
