import postgres from 'postgres'

/** Test-only: a superuser connection with triggers off — what an attacker with database access could do. */
export async function asAttacker<T>(fn: (conn: postgres.Sql) => Promise<T>) {
  const conn = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
  try {
    await conn`set session_replication_role = replica`
    return await fn(conn)
  } finally {
    await conn.end()
  }
}
