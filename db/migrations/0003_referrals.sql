CREATE TYPE "public"."directory_kind" AS ENUM('informationPoint', 'peerSupport', 'victimSupport', 'crisisLine', 'treatment', 'legalHelp', 'compensation', 'remembrance');--> statement-breakpoint
CREATE TABLE "directory_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "directory_kind" NOT NULL,
	"description_nl" text NOT NULL,
	"description_en" text NOT NULL,
	"for_whom_nl" text NOT NULL,
	"for_whom_en" text NOT NULL,
	"settings" text[] DEFAULT '{}'::text[] NOT NULL,
	"period_from" integer,
	"period_to" integer,
	"regions" text[] DEFAULT '{national}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"accessibility_nl" text,
	"accessibility_en" text,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text NOT NULL,
	"last_checked_at" date NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_entries_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE INDEX "directory_entries_settings_idx" ON "directory_entries" USING gin ("settings");--> statement-breakpoint
CREATE INDEX "directory_entries_regions_idx" ON "directory_entries" USING gin ("regions");--> statement-breakpoint
CREATE INDEX "directory_entries_languages_idx" ON "directory_entries" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "directory_entries_needs_idx" ON "directory_entries" USING gin ("needs");--> statement-breakpoint
CREATE INDEX "directory_entries_published_kind_idx" ON "directory_entries" USING btree ("published","kind");--> statement-breakpoint
CREATE INDEX "directory_entries_last_checked_idx" ON "directory_entries" USING btree ("last_checked_at");