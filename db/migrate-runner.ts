import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import { PgBoss } from 'pg-boss'
import postgres from 'postgres'
import { carryOverOldJobs, setAsideOldJobSchema } from './pg-boss-upgrade'

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/** The application's role (migration 0017, ADR 0018): rows only, owns no table of ours. */
export const APP_ROLE = 'portal_app'
/** pg-boss keeps its queues in a schema of its own (app/jobs/queue.server.ts). */
export const JOB_SCHEMA = 'pgboss'

/**
 * Applies the committed drizzle-kit migrations (idempotent, in one advisory-locked run), as
 * the owner of the schema. Then it installs or upgrades pg-boss's schema and hands it to the
 * application role: pg-boss creates a table per queue at run time (DDL), and the app role
 * cannot create a schema (that needs CREATE on the database), so the owner creates it and
 * portal_app owns what is inside. Nothing in pgboss is evidence; the access log is not there.
 */
export async function runMigrations(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  try {
    await sql`select pg_advisory_lock(727001)`
    await migrate(drizzle(sql), { migrationsFolder })
    const setAside = await setAsideOldJobSchema(sql, JOB_SCHEMA)
    await installJobSchema(databaseUrl, setAside ? (boss) => carryOverOldJobs(sql, boss, JOB_SCHEMA) : undefined)
    await sql.unsafe(handJobSchemaToAppRole)
    await sql`select pg_advisory_unlock(727001)`
  } finally {
    await sql.end()
  }
}

async function installJobSchema(databaseUrl: string, afterStart?: (boss: PgBoss) => Promise<unknown>) {
  // migrate: true creates or upgrades the schema; nothing is supervised or scheduled here.
  const boss = new PgBoss({ connectionString: databaseUrl, schema: JOB_SCHEMA, max: 1, supervise: false, schedule: false, migrate: true })
  boss.on('error', () => {})
  await boss.start()
  try {
    await afterStart?.(boss)
  } finally {
    await boss.stop({ graceful: false })
  }
}

const handJobSchemaToAppRole = `
DO $$
DECLARE r record;
BEGIN
  -- A non-superuser owner that created ${APP_ROLE} (CREATEROLE) may administer it but, from
  -- PostgreSQL 16 on, not act as it, and giving an object away needs that. Membership this way
  -- round gives the app role nothing of the owner's.
  IF NOT pg_has_role(current_user, '${APP_ROLE}', CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'SET' ELSE 'MEMBER' END) THEN
    EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
  END IF;
  ALTER SCHEMA ${JOB_SCHEMA} OWNER TO ${APP_ROLE};
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = '${JOB_SCHEMA}' AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) <> '${APP_ROLE}'
  LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = '${JOB_SCHEMA}' AND pg_get_userbyid(p.proowner) <> '${APP_ROLE}'
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = '${JOB_SCHEMA}' AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> '${APP_ROLE}'
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
END
$$`

/**
 * Embedded mode: the login role the portal connects as, a member of portal_app, with the
 * generated password from `<DATA_DIR>/secrets.json`. Run as the owner (the superuser there).
 * The password is set on every start, so a regenerated secrets file still matches.
 */
export async function ensureAppLoginRole(ownerUrl: string, login: { user: string; password: string }) {
  if (!/^[a-z_][a-z0-9_]*$/.test(login.user)) throw new Error('login role name must be a plain identifier')
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} })
  try {
    const [appRole] = await sql`select 1 from pg_roles where rolname = ${APP_ROLE}`
    if (!appRole) throw new Error(`The database is not migrated (no role ${APP_ROLE}); run npm run db:migrate first.`)
    const [exists] = await sql`select 1 from pg_roles where rolname = ${login.user}`
    // A literal, not a parameter: CREATE/ALTER ROLE take no bind parameters.
    const password = `'${login.password.replace(/'/g, "''")}'`
    await sql.unsafe(
      `${exists ? 'ALTER' : 'CREATE'} ROLE ${login.user} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD ${password}`,
    )
    await sql.unsafe(`GRANT ${APP_ROLE} TO ${login.user}`)
  } finally {
    await sql.end()
  }
}

/** `postgres://owner:…@host/db` with another user and password, for the app's login role. */
export function withCredentials(url: string, user: string, password: string) {
  const u = new URL(url)
  u.username = user
  u.password = encodeURIComponent(password)
  return u.toString()
}
