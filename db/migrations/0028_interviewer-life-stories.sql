ALTER TABLE "life_stories" DROP CONSTRAINT "life_stories_source_check";--> statement-breakpoint
ALTER TABLE "life_stories" ADD COLUMN "state" text DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE "life_stories" ADD COLUMN "corrected_title_encrypted" text;--> statement-breakpoint
ALTER TABLE "life_stories" ADD COLUMN "corrected_body_encrypted" text;--> statement-breakpoint
ALTER TABLE "life_stories" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "life_stories" ADD COLUMN "interviewer_access_ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "life_stories" ADD COLUMN "monument_story_id" uuid;--> statement-breakpoint
ALTER TABLE "life_story_invitations" ADD COLUMN "kind" text DEFAULT 'link' NOT NULL;--> statement-breakpoint
CREATE INDEX "life_stories_registered_by_idx" ON "life_stories" USING btree ("registered_by");--> statement-breakpoint
CREATE INDEX "life_stories_monument_story_idx" ON "life_stories" USING btree ("monument_story_id");--> statement-breakpoint
ALTER TABLE "life_stories" ADD CONSTRAINT "life_stories_source_check" CHECK ("life_stories"."source" in ('commission', 'slachtofferhulp', 'interviewer'));--> statement-breakpoint
ALTER TABLE "life_stories" ADD CONSTRAINT "life_stories_state_check" CHECK ("life_stories"."state" in ('awaiting_survivor', 'approved'));--> statement-breakpoint
ALTER TABLE "life_stories" ADD CONSTRAINT "life_stories_state_source_check" CHECK ("life_stories"."state" = 'approved' or "life_stories"."source" = 'interviewer');--> statement-breakpoint
ALTER TABLE "life_story_invitations" ADD CONSTRAINT "life_story_invitations_kind_check" CHECK ("life_story_invitations"."kind" in ('link', 'letter'));
