import { eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { userRoles } from '@db/schema/accounts'
import type { AuditActor } from '~/audit/audit.server'

/** Who did it, as the access log wants it: the id and the roles the account has now. */
export async function auditActorOf(actorId: string): Promise<AuditActor> {
  const roles = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, actorId))
  return { id: actorId, roles: roles.map((r) => r.role) }
}
