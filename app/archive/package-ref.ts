import { randomBytes } from 'node:crypto'

// Crockford base32: no I, L, O, U, so a ref read out over the phone is not misheard.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const REF = /^ARCH-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/

/** A new package reference, e.g. `ARCH-2026-7K3M9QXA`: not personal, not guessable from another. */
export function newPackageRef(at: Date): string {
  const bytes = randomBytes(8)
  return `ARCH-${at.getUTCFullYear()}-${[...bytes].map((b) => CROCKFORD[b & 31]).join('')}`
}

/** True when `ref` has the shape of a package reference (anything else is "not found", unqueried). */
export const isPackageRef = (ref: unknown): ref is string => typeof ref === 'string' && REF.test(ref)
