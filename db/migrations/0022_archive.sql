CREATE TABLE "archive_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"story_id" uuid NOT NULL,
	"author_id" uuid,
	"file_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"payload_oxum" text NOT NULL,
	"files" text[] NOT NULL,
	"text_version" text NOT NULL,
	"covered_media_ids" uuid[] NOT NULL,
	"consent_event_id" bigint NOT NULL,
	"consent_text_version" text NOT NULL,
	"content_fingerprint" text NOT NULL,
	"built_by" uuid NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handed_over_by" uuid,
	"handed_over_at" timestamp with time zone,
	"receipt_reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_packages_ref_unique" UNIQUE("ref"),
	CONSTRAINT "archive_packages_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "archive_packages_handover_complete" CHECK (("archive_packages"."handed_over_at" is null) = ("archive_packages"."handed_over_by" is null) and ("archive_packages"."handed_over_at" is null) = ("archive_packages"."receipt_reference" is null))
);
--> statement-breakpoint
ALTER TABLE "archive_packages" ADD CONSTRAINT "archive_packages_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_packages" ADD CONSTRAINT "archive_packages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_packages" ADD CONSTRAINT "archive_packages_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_packages_story_idx" ON "archive_packages" USING btree ("story_id","built_at");--> statement-breakpoint
CREATE INDEX "archive_packages_author_idx" ON "archive_packages" USING btree ("author_id");--> statement-breakpoint
-- A package's bytes never change once written (ADR 0023): what identifies them cannot be
-- updated, a hand-over is recorded once and never changed, and a handed-over package cannot be
-- deleted. Only author_id may still change (to null, when the account is erased).
CREATE FUNCTION archive_packages_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.handed_over_at IS NOT NULL THEN
      RAISE EXCEPTION 'archive package % was handed over and cannot be deleted', OLD.ref
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF (NEW.id, NEW.ref, NEW.story_id, NEW.file_id, NEW.storage_key, NEW.sha256, NEW.byte_size, NEW.payload_oxum,
      NEW.files, NEW.text_version, NEW.covered_media_ids, NEW.consent_event_id, NEW.consent_text_version,
      NEW.content_fingerprint, NEW.built_by, NEW.built_at, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.ref, OLD.story_id, OLD.file_id, OLD.storage_key, OLD.sha256, OLD.byte_size, OLD.payload_oxum,
      OLD.files, OLD.text_version, OLD.covered_media_ids, OLD.consent_event_id, OLD.consent_text_version,
      OLD.content_fingerprint, OLD.built_by, OLD.built_at, OLD.created_at) THEN
    RAISE EXCEPTION 'archive package % is immutable', OLD.ref USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.handed_over_at IS NOT NULL AND (NEW.handed_over_at, NEW.handed_over_by, NEW.receipt_reference)
     IS DISTINCT FROM (OLD.handed_over_at, OLD.handed_over_by, OLD.receipt_reference) THEN
    RAISE EXCEPTION 'archive package % was handed over already', OLD.ref USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER archive_packages_guard BEFORE UPDATE OR DELETE ON archive_packages
  FOR EACH ROW EXECUTE FUNCTION archive_packages_guard();
