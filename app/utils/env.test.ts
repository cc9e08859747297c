import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from './env.server'

const key = Buffer.alloc(32, 7).toString('base64')
const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  S3_BUCKET: 'portal-media',
  S3_ACCESS_KEY_ID: 'id',
  S3_SECRET_ACCESS_KEY: 'secret',
  SESSION_SECRET: 'x'.repeat(32),
  DATA_ENCRYPTION_KEYS: `k1:${key}`,
  LOOKUP_HASH_KEY: key,
}

describe('parseEnv', () => {
  it('accepts a complete environment and fills defaults', () => {
    const env = parseEnv(valid)
    expect(env.PORT).toBe(3000)
    expect(env.APP_ENV).toBe('development')
    expect(env.S3_FORCE_PATH_STYLE).toBe(true)
  })

  it('names every missing or malformed variable without echoing values', () => {
    let error: unknown
    try {
      parseEnv({ ...valid, DATABASE_URL: 'mysql://nope', SESSION_SECRET: undefined, LOOKUP_HASH_KEY: 'c2hvcnQ=' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(EnvError)
    const message = (error as EnvError).message
    expect(message).toContain('DATABASE_URL')
    expect(message).toContain('SESSION_SECRET')
    expect(message).toContain('LOOKUP_HASH_KEY')
    expect(message).not.toContain('mysql://nope')
  })

  it('requires PUBLIC_URL in production', () => {
    expect(() => parseEnv({ ...valid, APP_ENV: 'production' })).toThrow(/PUBLIC_URL/)
    expect(() => parseEnv({ ...valid, APP_ENV: 'production', PUBLIC_URL: 'https://x.example' })).toThrow(/SMTP_URL/)
  })

  it('rejects encryption keys that are not 32 bytes', () => {
    expect(() => parseEnv({ ...valid, DATA_ENCRYPTION_KEYS: 'k1:YWJj' })).toThrow(/DATA_ENCRYPTION_KEYS/)
  })
})
