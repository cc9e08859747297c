CREATE TABLE "publication_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"generation" bigint DEFAULT 1 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publication_state_single_row" CHECK ("publication_state"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "title_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', coalesce("stories"."published_title", ''))) STORED;