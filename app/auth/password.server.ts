import { hash, verify } from '@node-rs/argon2'

/**
 * argon2id, m = 64 MiB, t = 3, p = 1: above OWASP's minimum (19 MiB, t = 2), which cost only
 * ~6 ms here. bench/sign-in.ts measures one hash at ~20–40 ms on a 2-core machine; sign-in is
 * rate limited per account and per IP, so 64 MiB per concurrent check stays bounded.
 * Existing hashes keep their own parameters (encoded in the hash) and still verify.
 */
export const ARGON2_PARAMS = { algorithm: 2 /* argon2id */, memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const

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
