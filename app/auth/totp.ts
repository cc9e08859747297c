import { createGuardrails, generateSecret, generateSync, generateURI, verifySync } from 'otplib'

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps) through otplib 13's functional API, in one
 * place for the app, the seed and the tests. otplib 13 refuses secrets under 16 bytes by
 * default; secrets made by otplib 12's `generateSecret()` were 10 bytes and stay valid, so the
 * floor is lowered to 10 for checking. New secrets are 20 bytes (RFC 4226's recommendation).
 */
const GUARDRAILS = createGuardrails({ MIN_SECRET_BYTES: 10 })
export const TOTP_STEP_SECONDS = 30

export function newTotpSecret() {
  return generateSecret({ length: 20 })
}

export function totpUri({ label, issuer, secret }: { label: string; issuer: string; secret: string }) {
  return generateURI({ issuer, label, secret })
}

/** The code for `secret` now, or at `atMs` (milliseconds since the epoch). */
export function totpCode(secret: string, atMs = Date.now()) {
  return generateSync({ secret, epoch: Math.floor(atMs / 1000), guardrails: GUARDRAILS })
}

/**
 * The step offset (-1, 0 or +1: one step either side for clock drift) at which `token` is
 * valid for `secret`, or null. Malformed input (letters, wrong length) is null, not an error.
 */
export function totpDelta(token: string, secret: string): number | null {
  if (!/^\d{6}$/.test(token)) return null
  try {
    const result = verifySync({ secret, token, epochTolerance: TOTP_STEP_SECONDS, guardrails: GUARDRAILS })
    return result.valid ? result.delta : null
  } catch {
    return null
  }
}
