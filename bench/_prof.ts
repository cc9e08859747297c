import { seedStories, startDatabase, startPortal } from './monument-harness'
import { hammer } from './load'
const database = await startDatabase()
await seedStories(database.url, 50, () => {})
const portal = await startPortal({ databaseUrl: database.url, dataDir: `${database.dir}/data` })
const path = process.env.P ?? '/documentaire'
await hammer(portal.base + path, { connections: 20, seconds: 2 })
import postgres from 'postgres'
const sql = postgres(database.url, { max: 1 })
const x = async () => Number((await sql`select xact_commit from pg_stat_database where datname = current_database()`)[0]!.xact_commit)
const x0 = await x()
const r = await hammer(portal.base + path, { connections: 20, seconds: 10 })
console.log('transactions/s', Math.round(((await x()) - x0) / 10))
await sql.end()
console.log(path, Math.round(r.rps), 'req/s p50', r.p50, 'p97.5', r.p97_5)
await portal.stop(); await database.stop(); process.exit(0)
