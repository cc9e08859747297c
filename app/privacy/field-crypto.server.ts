import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { getEnv } from '~/utils/env.server'

/**
 * Field-level encryption for the most sensitive values (BSN, IBAN, phone, address, date of
 * birth): AES-256-GCM with a random 12-byte IV per value. A stored value describes itself,
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), so keys can be rotated: the first key
 * of DATA_ENCRYPTION_KEYS encrypts, every listed key decrypts, and `needsReencryption`
 * finds values still under an older key. The header is bound as additional data, so a
 * value cannot be relabelled with another key id without failing.
 *
 * Encrypted values cannot be searched; `lookupHash` gives a keyed, deterministic hash for
 * equality look-ups (a duplicate BSN) without storing or revealing the value.
 */
export class FieldCryptoError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FieldCryptoError'
  }
}

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16
const KIND_PATTERN = /^[a-z][a-zA-Z0-9]*$/

export type FieldCrypto = ReturnType<typeof createFieldCrypto>

function parseKeys(encryptionKeys: string) {
  const keys = encryptionKeys.split(',').map((pair) => {
    const [id, b64, ...rest] = pair.trim().split(':')
    const key = Buffer.from(b64 ?? '', 'base64')
    // The key id is part of the dotted format, so it may not contain a dot.
    if (!id || rest.length || !/^[A-Za-z0-9_-]+$/.test(id) || key.length !== 32) {
      throw new FieldCryptoError('DATA_ENCRYPTION_KEYS must be keyId:base64(32 bytes) pairs')
    }
    return { id, key }
  })
  const byId = new Map(keys.map((k) => [k.id, k.key]))
  if (byId.size !== keys.length) throw new FieldCryptoError('DATA_ENCRYPTION_KEYS has a key id twice')
  return { current: keys[0]!, byId }
}

function parseValue(value: string) {
  const parts = value.split('.')
  if (parts.length !== 5 || parts[0] !== VERSION) throw new FieldCryptoError('not an encrypted field value')
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string]
  return { keyId, iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url') }
}

/** The functions below, bound to explicit keys (tests, key-rotation jobs). */
export function createFieldCrypto({ encryptionKeys, lookupKey }: { encryptionKeys: string; lookupKey: string }) {
  const { current, byId } = parseKeys(encryptionKeys)
  const lookupSecret = Buffer.from(lookupKey, 'base64')
  if (lookupSecret.length !== 32) throw new FieldCryptoError('LOOKUP_HASH_KEY must be base64(32 bytes)')

  function encryptField(plaintext: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', current.key, iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(Buffer.from(`${VERSION}.${current.id}`))
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const tag = cipher.getAuthTag()
    return [VERSION, current.id, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.')
  }

  /** Throws a FieldCryptoError on an unknown key, a malformed value or any tampering. */
  function decryptField(value: string): string {
    const { keyId, iv, tag, ciphertext } = parseValue(value)
    const key = byId.get(keyId)
    if (!key) throw new FieldCryptoError(`no decryption key with id ${keyId}`)
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new FieldCryptoError('not an encrypted field value')
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
      decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`))
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')
    } catch {
      throw new FieldCryptoError('encrypted field value failed authentication')
    }
  }

  /** True when the value is not under the current (first) key and should be rewritten. */
  function needsReencryption(value: string): boolean {
    return parseValue(value).keyId !== current.id
  }

  /**
   * Keyed HMAC-SHA256 (hex) for equality look-ups, separated by kind so that the same
   * value hashed as an 'email' and as an 'ip' never match. Callers normalise first
   * (a BSN as its 9 digits, an email trimmed and lower-cased).
   */
  function lookupHash({ kind, value }: { kind: string; value: string }): string {
    if (!KIND_PATTERN.test(kind)) throw new FieldCryptoError('lookup kind must be a camelCase word')
    return createHmac('sha256', lookupSecret).update(`lookup.${kind}\u0000`).update(value, 'utf8').digest('hex')
  }

  /** The audit log's pseudonymous origin: a truncated keyed hash of the IP; null stays null. */
  function hashOrigin(ip: string | null | undefined): string | null {
    if (!ip) return null
    // Express reports IPv4 clients on a dual-stack socket as ::ffff:a.b.c.d; hash them alike.
    const normalised = ip.trim().toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1')
    return lookupHash({ kind: 'ip', value: normalised }).slice(0, 32)
  }

  return { encryptField, decryptField, needsReencryption, lookupHash, hashOrigin }
}

let cached: { source: string; crypto: FieldCrypto } | undefined
function fromEnv(): FieldCrypto {
  const env = getEnv()
  const source = `${env.DATA_ENCRYPTION_KEYS}\n${env.LOOKUP_HASH_KEY}`
  if (cached?.source !== source) {
    cached = { source, crypto: createFieldCrypto({ encryptionKeys: env.DATA_ENCRYPTION_KEYS, lookupKey: env.LOOKUP_HASH_KEY }) }
  }
  return cached.crypto
}

export const encryptField = (plaintext: string) => fromEnv().encryptField(plaintext)
export const decryptField = (value: string) => fromEnv().decryptField(value)
export const needsReencryption = (value: string) => fromEnv().needsReencryption(value)
export const lookupHash = (args: { kind: string; value: string }) => fromEnv().lookupHash(args)
export const hashOrigin = (ip: string | null | undefined) => fromEnv().hashOrigin(ip)
