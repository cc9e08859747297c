import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/** Applies the committed drizzle-kit migrations (idempotent, in one advisory-locked run). */
export async function runMigrations(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  try {
    await sql`select pg_advisory_lock(727001)`
    await migrate(drizzle(sql), { migrationsFolder })
    await sql`select pg_advisory_unlock(727001)`
  } finally {
    await sql.end()
  }
}
