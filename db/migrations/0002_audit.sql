CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"subject_id" uuid,
	"purpose" text NOT NULL,
	"outcome" text NOT NULL,
	"origin_hash" text,
	"prev_hash" text NOT NULL,
	"row_hash" text NOT NULL,
	CONSTRAINT "audit_log_id_positive" CHECK ("audit_log"."id" > 0),
	CONSTRAINT "audit_log_outcome_check" CHECK ("audit_log"."outcome" in ('success', 'failure', 'denied')),
	CONSTRAINT "audit_log_actor_roles_check" CHECK (array_position("audit_log"."actor_roles", null) is null and array_to_string("audit_log"."actor_roles", ',') ~ '^([A-Za-z][A-Za-z0-9_.-]*(,[A-Za-z][A-Za-z0-9_.-]*)*)?$'),
	CONSTRAINT "audit_log_prev_hash_check" CHECK ("audit_log"."prev_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "audit_log_row_hash_check" CHECK ("audit_log"."row_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_occurred_at_idx" ON "audit_log" USING btree ("occurred_at");