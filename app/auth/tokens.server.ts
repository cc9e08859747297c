import { createHash, randomBytes } from 'node:crypto'

/** A random URL-safe token with 256 bits of entropy. */
export function randomToken() {
  return randomBytes(32).toString('base64url')
}

/** What we store instead of a token: its SHA-256 (tokens are high-entropy, so no salt is needed). */
export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}
