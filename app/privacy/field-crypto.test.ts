import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  createFieldCrypto,
  decryptField,
  encryptField,
  FieldCryptoError,
  hashOrigin,
  lookupHash,
  needsReencryption,
} from './field-crypto.server'

const key = () => randomBytes(32).toString('base64')
const lookupKey = key()

function flipChar(part: string) {
  return (part[0] === 'A' ? 'B' : 'A') + part.slice(1)
}

describe('field encryption', () => {
  it('round-trips under the configured keys, in the self-describing format', () => {
    const value = encryptField('123456782')
    expect(value).toMatch(/^v1\.test1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/)
    expect(value).not.toContain('123456782')
    expect(decryptField(value)).toBe('123456782')
    expect(decryptField(encryptField('Straße 1, 1234 AB Één'))).toBe('Straße 1, 1234 AB Één')
    expect(decryptField(encryptField(''))).toBe('')
    expect(needsReencryption(value)).toBe(false)
  })

  it('uses a fresh IV every time', () => {
    const a = encryptField('NL91ABNA0417164300')
    const b = encryptField('NL91ABNA0417164300')
    expect(a).not.toBe(b)
    expect(a.split('.')[2]).not.toBe(b.split('.')[2])
  })

  it('refuses a tampered tag, ciphertext, IV or key id, and unknown keys', () => {
    const value = encryptField('0612345678')
    const parts = value.split('.')
    for (const index of [2, 3, 4]) {
      const tampered = parts.map((p, i) => (i === index ? flipChar(p) : p)).join('.')
      expect(() => decryptField(tampered)).toThrow(FieldCryptoError)
    }
    expect(() => decryptField(value.replace('.test1.', '.other.'))).toThrow(/no decryption key/)
    expect(() => decryptField('0612345678')).toThrow(FieldCryptoError)
    expect(() => needsReencryption('plain')).toThrow(FieldCryptoError)
  })

  it('decrypts old values after rotation and reports them for re-encryption', () => {
    const oldKey = key()
    const before = createFieldCrypto({ encryptionKeys: `k2025:${oldKey}`, lookupKey })
    const stored = before.encryptField('1990-04-01')

    const after = createFieldCrypto({ encryptionKeys: `k2026:${key()},k2025:${oldKey}`, lookupKey })
    expect(after.decryptField(stored)).toBe('1990-04-01')
    expect(after.needsReencryption(stored)).toBe(true)
    const rewritten = after.encryptField(after.decryptField(stored))
    expect(rewritten.startsWith('v1.k2026.')).toBe(true)
    expect(after.needsReencryption(rewritten)).toBe(false)

    // Once the old key is retired, its values can no longer be read.
    const retired = createFieldCrypto({ encryptionKeys: `k2026:${key()}`, lookupKey })
    expect(() => retired.decryptField(stored)).toThrow(FieldCryptoError)
  })

  it('a value relabelled with another key id of the same key bytes fails (header is authenticated)', () => {
    const shared = key()
    const crypto = createFieldCrypto({ encryptionKeys: `a:${shared},b:${shared}`, lookupKey })
    const value = crypto.encryptField('secret')
    expect(() => crypto.decryptField(value.replace('v1.a.', 'v1.b.'))).toThrow(FieldCryptoError)
  })
})

describe('lookupHash and hashOrigin', () => {
  it('is stable, keyed and separated by kind', () => {
    const a = lookupHash({ kind: 'bsn', value: '123456782' })
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(lookupHash({ kind: 'bsn', value: '123456782' })).toBe(a)
    expect(lookupHash({ kind: 'email', value: '123456782' })).not.toBe(a)
    expect(lookupHash({ kind: 'bsn', value: '123456783' })).not.toBe(a)
    const otherKey = createFieldCrypto({ encryptionKeys: `x:${key()}`, lookupKey: key() })
    expect(otherKey.lookupHash({ kind: 'bsn', value: '123456782' })).not.toBe(a)
    expect(() => lookupHash({ kind: 'bsn\u0000x', value: '1' })).toThrow(FieldCryptoError)
  })

  it('hashes an IP to 32 hex characters and keeps null as null', () => {
    const h = hashOrigin('192.0.2.10')
    expect(h).toMatch(/^[0-9a-f]{32}$/)
    expect(h).toBe(lookupHash({ kind: 'ip', value: '192.0.2.10' }).slice(0, 32))
    expect(hashOrigin('::ffff:192.0.2.10')).toBe(h)
    expect(hashOrigin('192.0.2.11')).not.toBe(h)
    expect(hashOrigin(null)).toBeNull()
    expect(hashOrigin(undefined)).toBeNull()
    expect(hashOrigin('')).toBeNull()
  })
})
