import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { getEnv } from '~/utils/env.server'
import * as schema from './schema'

const env = getEnv()

/** The one connection pool of this process. */
export const sql = postgres(env.DATABASE_URL, {
  max: 10,
  onnotice: () => {},
  connection: { application_name: 'erkenning-portal' },
})
export const db = drizzle(sql, { schema })

export type Db = typeof db
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Module functions take this so a caller can compose them in one transaction. */
export type DbOrTx = Db | Tx

export async function closeDb() {
  await sql.end({ timeout: 5 })
}
