ALTER TABLE "applications" ADD COLUMN "fast_track" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "fast_track_reasons" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "applications_queue_idx" ON "applications" USING btree ("fast_track" DESC NULLS LAST,"submitted_at");
