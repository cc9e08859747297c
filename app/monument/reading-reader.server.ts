import { getUser } from '~/auth/guards.server'
import type { Role } from '~/auth/roles'
import type { Reader } from './reading.server'

/** Who reads a public monument page: anonymous, or signed in (and then maybe a survivor). */
export async function getReader(
  request: Request,
): Promise<{ signedIn: boolean; reader: Reader; userId: string | null; viewer: { id: string; roles: Role[] } | null }> {
  const user = await getUser(request)
  return {
    signedIn: user !== null,
    reader: { survivor: user?.roles.includes('survivor') ?? false },
    userId: user?.id ?? null,
    viewer: user ? { id: user.id, roles: user.roles } : null,
  }
}
