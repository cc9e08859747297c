-- The application's own database role (ADR 0018): it reads and writes rows, and nothing more.
-- It owns no table in this schema, so it cannot drop or disable the append-only triggers of
-- the access log (ADR 0007) and the consent ledger (ADR 0008); on those two tables it may only
-- add and read. Migrations run as the owner (MIGRATION_DATABASE_URL); the portal connects as a
-- login role that is a member of portal_app (DATABASE_URL). NOLOGIN: nobody signs in as
-- portal_app itself. Roles are cluster-wide, so an existing one (made by a DBA) is kept.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_app') THEN
    CREATE ROLE portal_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO portal_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portal_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO portal_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, consent_events FROM portal_app;
--> statement-breakpoint
-- Tables and sequences that later migrations create (as this same owner) get the same grants;
-- an append-only table added later must revoke UPDATE and DELETE in its own migration.
-- db/app-role.test.ts fails when a table lacks them.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portal_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO portal_app;
