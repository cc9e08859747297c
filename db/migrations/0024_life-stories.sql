CREATE TABLE "life_stories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"source" text NOT NULL,
	"recorded_on" date NOT NULL,
	"title_encrypted" text NOT NULL,
	"body_encrypted" text NOT NULL,
	"audio_file_id" uuid,
	"invite_email_encrypted" text,
	"registered_by" uuid,
	"claimed_by" uuid,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "life_stories_reference_unique" UNIQUE("reference"),
	CONSTRAINT "life_stories_source_check" CHECK ("life_stories"."source" in ('commission', 'slachtofferhulp'))
);
--> statement-breakpoint
CREATE TABLE "life_story_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"life_story_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "life_story_invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "life_stories" ADD CONSTRAINT "life_stories_audio_file_id_stored_files_id_fk" FOREIGN KEY ("audio_file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_stories" ADD CONSTRAINT "life_stories_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_stories" ADD CONSTRAINT "life_stories_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_story_invitations" ADD CONSTRAINT "life_story_invitations_life_story_id_life_stories_id_fk" FOREIGN KEY ("life_story_id") REFERENCES "public"."life_stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "life_stories_claimed_by_idx" ON "life_stories" USING btree ("claimed_by");--> statement-breakpoint
CREATE INDEX "life_story_invitations_story_idx" ON "life_story_invitations" USING btree ("life_story_id");
