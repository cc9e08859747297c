import { randomBytes } from 'node:crypto'
import { newTotpSecret } from '../app/auth/totp'
import { hashPassword } from '../app/auth/password.server'
import type { StaffRole } from '../app/auth/roles'
import { createFieldCrypto } from '../app/privacy/field-crypto.server'
import { connectPortalDb, e2eSecrets } from './portal-db'

/**
 * A staff account of this test's own, written straight into the e2e portal's database with an
 * authenticator app enrolled. Demo staff accounts are shared by every spec (and one spec may
 * give them a passkey another spec's browser does not hold), so journeys create their own.
 */
export async function createStaffAccount({ role, name }: { role: StaffRole; name: string }) {
  const secrets = e2eSecrets()
  const sql = connectPortalDb()
  const crypto = createFieldCrypto({ encryptionKeys: secrets.DATA_ENCRYPTION_KEYS, lookupKey: secrets.LOOKUP_HASH_KEY })
  const account = {
    email: `${role}-${randomBytes(4).toString('hex')}@example.nl`,
    password: 'een eigen lange testzin',
    totpSecret: newTotpSecret(),
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

/** A survivor account of this test's own (confirmed, no second factor), written straight into the database. */
export async function createSurvivorAccount({ name, password = 'een eigen lange testzin' }: { name: string; password?: string }) {
  const account = { email: `survivor-${randomBytes(4).toString('hex')}@example.nl`, password }
  const sql = connectPortalDb()
  try {
    const [user] = await sql`insert into users (email, password_hash, display_name, kind, email_verified_at)
      values (${account.email}, ${await hashPassword(password)}, ${name}, 'survivor', now()) returning id`
    await sql`insert into user_roles (user_id, role) values (${user!.id}, 'survivor')`
  } finally {
    await sql.end()
  }
  return account
}
