CREATE TABLE "documentary_chapters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"theme_kind" text NOT NULL,
	"theme_value" text NOT NULL,
	"content_note" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"curator_id" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documentary_chapters_slug_unique" UNIQUE("slug"),
	CONSTRAINT "documentary_chapters_state_check" CHECK ("documentary_chapters"."state" in ('draft', 'in_review', 'changes_requested', 'published'))
);
--> statement-breakpoint
CREATE TABLE "documentary_blocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chapter_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"story_id" uuid,
	"media_id" uuid,
	"excerpt" text,
	"report_ref" text,
	"body" text,
	"facets" jsonb,
	"content_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documentary_blocks_kind_check" CHECK ("documentary_blocks"."kind" in ('story', 'medium', 'report', 'text', 'help'))
);
--> statement-breakpoint
CREATE TABLE "documentary_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chapter_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"verdict" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documentary_reviews_verdict_check" CHECK ("documentary_reviews"."verdict" in ('approve', 'changes'))
);
--> statement-breakpoint
CREATE TABLE "documentary_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chapter_id" uuid NOT NULL,
	"block_id" uuid,
	"version" integer NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documentary_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chapter_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"actor_id" uuid,
	"block_id" uuid,
	"reason" text,
	"seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documentary_exclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"block_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documentary_chapters" ADD CONSTRAINT "documentary_chapters_curator_id_users_id_fk" FOREIGN KEY ("curator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documentary_blocks" ADD CONSTRAINT "documentary_blocks_chapter_id_documentary_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."documentary_chapters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documentary_reviews" ADD CONSTRAINT "documentary_reviews_chapter_id_documentary_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."documentary_chapters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documentary_reviews" ADD CONSTRAINT "documentary_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documentary_comments" ADD CONSTRAINT "documentary_comments_chapter_id_documentary_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."documentary_chapters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documentary_comments" ADD CONSTRAINT "documentary_comments_block_id_documentary_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."documentary_blocks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documentary_comments" ADD CONSTRAINT "documentary_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documentary_events" ADD CONSTRAINT "documentary_events_chapter_id_documentary_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."documentary_chapters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documentary_events" ADD CONSTRAINT "documentary_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documentary_exclusions" ADD CONSTRAINT "documentary_exclusions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documentary_chapters_state_idx" ON "documentary_chapters" USING btree ("state");--> statement-breakpoint
CREATE INDEX "documentary_blocks_chapter_idx" ON "documentary_blocks" USING btree ("chapter_id","position");--> statement-breakpoint
CREATE INDEX "documentary_blocks_story_idx" ON "documentary_blocks" USING btree ("story_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documentary_reviews_once_idx" ON "documentary_reviews" USING btree ("chapter_id","version","reviewer_id");--> statement-breakpoint
CREATE INDEX "documentary_comments_chapter_idx" ON "documentary_comments" USING btree ("chapter_id");--> statement-breakpoint
CREATE INDEX "documentary_events_chapter_idx" ON "documentary_events" USING btree ("chapter_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "documentary_events_hidden_once_idx" ON "documentary_events" USING btree ("block_id") WHERE "documentary_events"."kind" = 'blockHidden';--> statement-breakpoint
CREATE UNIQUE INDEX "documentary_exclusions_block_idx" ON "documentary_exclusions" USING btree ("block_id","author_id");
--> statement-breakpoint
-- The public page cache (ADR 0011, migrations 0013/0014): a documentary page changes when a
-- chapter is published, unpublished or edited while published, when a block of a published
-- chapter changes, and when an author asks that a block not be used. Consent withdrawals and
-- story changes already raise the generation through the ledger and stories triggers.
CREATE FUNCTION publication_bump_chapters_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows WHERE state = 'published') OR EXISTS (SELECT 1 FROM new_rows WHERE state = 'published') THEN
    PERFORM publication_bump();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION publication_bump_chapters_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows WHERE state = 'published') THEN PERFORM publication_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION publication_bump_chapters_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE state = 'published') THEN PERFORM publication_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER documentary_chapters_publication_insert AFTER INSERT ON documentary_chapters REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_chapters_new();
--> statement-breakpoint
CREATE TRIGGER documentary_chapters_publication_update AFTER UPDATE ON documentary_chapters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_chapters_changed();
--> statement-breakpoint
CREATE TRIGGER documentary_chapters_publication_delete AFTER DELETE ON documentary_chapters REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_chapters_old();
--> statement-breakpoint
CREATE FUNCTION publication_bump_blocks_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows b JOIN documentary_chapters c ON c.id = b.chapter_id WHERE c.state = 'published') THEN PERFORM publication_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION publication_bump_blocks_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A chapter deleted in the same statement (cascade) has raised the counter itself.
  IF EXISTS (SELECT 1 FROM old_rows b JOIN documentary_chapters c ON c.id = b.chapter_id WHERE c.state = 'published') THEN PERFORM publication_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER documentary_blocks_publication_insert AFTER INSERT ON documentary_blocks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_blocks_new();
--> statement-breakpoint
CREATE TRIGGER documentary_blocks_publication_update AFTER UPDATE ON documentary_blocks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_blocks_new();
--> statement-breakpoint
CREATE TRIGGER documentary_blocks_publication_delete AFTER DELETE ON documentary_blocks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_blocks_old();
--> statement-breakpoint
CREATE TRIGGER documentary_exclusions_publication AFTER INSERT OR DELETE ON documentary_exclusions
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_always();
