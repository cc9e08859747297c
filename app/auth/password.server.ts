import { hash, verify } from '@node-rs/argon2'

/**
 * argon2id with OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1). The cost of
 * one hash is measured by bench/sign-in.ts; raise memoryCost when the servers allow.
 */
export const ARGON2_PARAMS = { algorithm: 2 /* argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string) {
  return hash(password, ARGON2_PARAMS)
}

export async function verifyPassword(password: string, passwordHash: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}
