CREATE TABLE "draft_rescues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"story_id" uuid NOT NULL,
	"payload" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draft_rescues_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "story_media" ADD COLUMN "published_description" text;--> statement-breakpoint
ALTER TABLE "story_media" ADD COLUMN "published_transcript" text;--> statement-breakpoint
ALTER TABLE "story_media" ADD COLUMN "published_captions" text;--> statement-breakpoint
ALTER TABLE "story_media" ADD COLUMN "text_moderated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "draft_rescues" ADD CONSTRAINT "draft_rescues_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draft_rescues_story_idx" ON "draft_rescues" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "draft_rescues_expires_idx" ON "draft_rescues" USING btree ("expires_at");