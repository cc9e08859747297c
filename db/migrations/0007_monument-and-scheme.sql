CREATE TYPE "public"."story_status" AS ENUM('draft', 'submitted', 'inReview', 'changesRequested', 'awaitingAuthor', 'approved', 'published', 'withdrawn', 'removed');--> statement-breakpoint
CREATE TYPE "public"."application_status" AS ENUM('draft', 'submitted', 'inAssessment', 'informationRequested', 'proposed', 'confirmed', 'handedOff', 'received', 'decided', 'paid', 'objectionReceived', 'withdrawn');--> statement-breakpoint
CREATE TABLE "institution_names" (
	"name" text NOT NULL,
	"uses" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid,
	"slug" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"content_note" text,
	"decades" text[] DEFAULT '{}'::text[] NOT NULL,
	"settings" text[] DEFAULT '{}'::text[] NOT NULL,
	"institution_name" text,
	"violence_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"region" text,
	"display_mode" text DEFAULT 'anonymous' NOT NULL,
	"pseudonym" text,
	"status" "story_status" DEFAULT 'draft' NOT NULL,
	"published_title" text,
	"published_body" text,
	"published_content_note" text,
	"submitted_at" timestamp with time zone,
	"author_approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"audience" text DEFAULT 'none' NOT NULL,
	"hidden_at" timestamp with time zone,
	"revision" integer DEFAULT 0 NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch', coalesce("stories"."published_title", '')), 'A') || setweight(to_tsvector('dutch', coalesce("stories"."published_body", '')), 'B')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stories_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "story_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"story_id" uuid NOT NULL,
	"owner_id" uuid,
	"kind" text NOT NULL,
	"file_id" uuid NOT NULL,
	"variants" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"mime" text NOT NULL,
	"byte_size" integer NOT NULL,
	"description" text,
	"transcript" text,
	"captions_file_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"type" text NOT NULL,
	"file_name" text NOT NULL,
	"information_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"status" "application_status" NOT NULL,
	"visible_to_applicant" boolean DEFAULT true NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"applicant_user_id" uuid,
	"reference" text,
	"status" "application_status" DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"applicant_name" text,
	"bsn_encrypted" text,
	"bsn_hash" text,
	"iban_encrypted" text,
	"date_of_birth_encrypted" text,
	"address_encrypted" text,
	"phone_encrypted" text,
	"possible_duplicate_of" uuid,
	"submitted_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"decision_due_at" timestamp with time zone,
	"paused_days" integer DEFAULT 0 NOT NULL,
	"paused_since" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"schadefonds_reference" text,
	"submission_file_id" uuid,
	"submit_token" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_reference_unique" UNIQUE("reference"),
	CONSTRAINT "applications_submit_token_unique" UNIQUE("submit_token")
);
--> statement-breakpoint
CREATE TABLE "information_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_by" uuid,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_media" ADD CONSTRAINT "story_media_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_media" ADD CONSTRAINT "story_media_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_media" ADD CONSTRAINT "story_media_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_media" ADD CONSTRAINT "story_media_captions_file_id_stored_files_id_fk" FOREIGN KEY ("captions_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_submission_file_id_stored_files_id_fk" FOREIGN KEY ("submission_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "institution_names_lower_idx" ON "institution_names" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "stories_author_idx" ON "stories" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "stories_status_published_idx" ON "stories" USING btree ("status","published_at","id");--> statement-breakpoint
CREATE INDEX "stories_public_listing_idx" ON "stories" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "stories"."status" = 'published' and "stories"."hidden_at" is null and "stories"."audience" <> 'none';--> statement-breakpoint
CREATE INDEX "stories_search_idx" ON "stories" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "stories_settings_idx" ON "stories" USING gin ("settings");--> statement-breakpoint
CREATE INDEX "stories_decades_idx" ON "stories" USING gin ("decades");--> statement-breakpoint
CREATE INDEX "stories_violence_idx" ON "stories" USING gin ("violence_kinds");--> statement-breakpoint
CREATE INDEX "story_media_story_idx" ON "story_media" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "story_media_owner_idx" ON "story_media" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "application_documents_app_idx" ON "application_documents" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "application_events_app_idx" ON "application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "applications_status_idx" ON "applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "applications_applicant_idx" ON "applications" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE INDEX "applications_bsn_hash_idx" ON "applications" USING btree ("scheme_id","bsn_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_per_scheme_idx" ON "applications" USING btree ("scheme_id","applicant_user_id") WHERE "applications"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "information_requests_app_idx" ON "information_requests" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "schemes_code_version_idx" ON "schemes" USING btree ("code","version");