CREATE TABLE "research_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"organisation" text NOT NULL,
	"purpose" text NOT NULL,
	"ethics_reference" text,
	"data_use_agreement_on" date,
	"ends_on" date NOT NULL,
	"pseudonym_salt" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "research_project_researchers" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "research_project_researchers_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "research_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"exported_by" uuid,
	"format" text NOT NULL,
	"k" integer NOT NULL,
	"story_count" integer NOT NULL,
	"suppressed_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "research_exports_format_check" CHECK ("research_exports"."format" in ('csv', 'json'))
);
--> statement-breakpoint
CREATE TABLE "research_export_items" (
	"export_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"pseudonym" text NOT NULL,
	CONSTRAINT "research_export_items_export_id_story_id_pk" PRIMARY KEY("export_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "research_deletion_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"pseudonym" text NOT NULL,
	"withdrawn_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid
);
--> statement-breakpoint
ALTER TABLE "research_projects" ADD CONSTRAINT "research_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_project_researchers" ADD CONSTRAINT "research_project_researchers_project_id_research_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."research_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_project_researchers" ADD CONSTRAINT "research_project_researchers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_exports" ADD CONSTRAINT "research_exports_project_id_research_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."research_projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_exports" ADD CONSTRAINT "research_exports_exported_by_users_id_fk" FOREIGN KEY ("exported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_export_items" ADD CONSTRAINT "research_export_items_export_id_research_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."research_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_deletion_notices" ADD CONSTRAINT "research_deletion_notices_project_id_research_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."research_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_deletion_notices" ADD CONSTRAINT "research_deletion_notices_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "research_projects_ends_idx" ON "research_projects" USING btree ("ends_on");--> statement-breakpoint
CREATE INDEX "research_project_researchers_user_idx" ON "research_project_researchers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "research_exports_project_idx" ON "research_exports" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "research_export_items_story_idx" ON "research_export_items" USING btree ("story_id");--> statement-breakpoint
CREATE UNIQUE INDEX "research_deletion_notices_project_pseudonym_idx" ON "research_deletion_notices" USING btree ("project_id","pseudonym");
