ALTER TABLE "applications" ADD COLUMN "survivor_identity_encrypted" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "survivor_bsn_hash" text;--> statement-breakpoint
CREATE INDEX "applications_survivor_bsn_hash_idx" ON "applications" USING btree ("scheme_id","survivor_bsn_hash");