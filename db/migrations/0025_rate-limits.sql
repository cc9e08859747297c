-- The general per-IP read and write limits, shared by every portal process (ADR 0027): one row
-- per limit and client, a fixed window. No business data, owned by the Express host (server/),
-- not by a capability. UNLOGGED: counters that live a minute need no WAL, and losing them in a
-- crash only forgives a minute of requests. The key is a keyed hash of the IP, never the IP.
-- portal_app gets its rights through the default privileges of 0017.
CREATE UNLOGGED TABLE IF NOT EXISTS "request_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "request_limits_reset_at_idx" ON "request_limits" ("reset_at");
