import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { authenticator } from 'otplib'
import postgres from 'postgres'
import { hashPassword } from '../app/auth/password.server'
import type { StaffRole } from '../app/auth/roles'
import { createFieldCrypto } from '../app/privacy/field-crypto.server'

/**
 * A staff account of this test's own, written straight into the e2e portal's database with an
 * authenticator app enrolled. Demo staff accounts are shared by every spec (and one spec may
 * give them a passkey another spec's browser does not hold), so journeys create their own.
 */
export async function createStaffAccount({ role, name }: { role: StaffRole; name: string }) {
  const dataDir = `.data/e2e-${process.env.E2E_PORT ?? 3100}`
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>
  const sql = postgres(`postgres://postgres:${encodeURIComponent(secrets.EMBEDDED_PG_PASSWORD!)}@127.0.0.1:${process.env.E2E_PG_PORT ?? '5434'}/portal`, { max: 1, onnotice: () => {} })
  const crypto = createFieldCrypto({ encryptionKeys: secrets.DATA_ENCRYPTION_KEYS!, lookupKey: secrets.LOOKUP_HASH_KEY! })
  const account = {
    email: `${role}-${randomBytes(4).toString('hex')}@example.nl`,
    password: 'een eigen lange testzin',
    totpSecret: authenticator.generateSecret(),
  }
  try {
    const [user] = await sql`insert into users (email, password_hash, display_name, kind, email_verified_at)
      values (${account.email}, ${await hashPassword(account.password)}, ${name}, 'staff', now()) returning id`
    await sql`insert into user_roles (user_id, role) values (${user!.id}, ${role})`
    await sql`insert into totp_factors (user_id, secret_encrypted, confirmed_at) values (${user!.id}, ${crypto.encryptField(account.totpSecret)}, now())`
  } finally {
    await sql.end()
  }
  return account
}
