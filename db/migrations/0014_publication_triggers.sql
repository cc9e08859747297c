-- The publication generation (ADR 0011): raised in the same transaction as every change that
-- anonymous readers could see, so the public page cache can tell, on each request, whether a
-- page it keeps is still what the database would render. Statement-level triggers with
-- transition tables: a bulk import of 100 000 stories raises it once, not 100 000 times.
INSERT INTO "publication_state" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION publication_bump() RETURNS void LANGUAGE sql AS $$
  UPDATE publication_state SET generation = generation + 1, changed_at = now() WHERE id = 1;
$$;
--> statement-breakpoint
CREATE FUNCTION publication_bump_always() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM publication_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A story counts when it is published before or after the change (withdrawal, report, removal, edit).
CREATE FUNCTION publication_bump_stories_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'published') THEN PERFORM publication_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION publication_bump_stories_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'published') THEN PERFORM publication_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION publication_bump_stories_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'published') OR EXISTS (SELECT 1 FROM new_rows WHERE status = 'published') THEN
    PERFORM publication_bump();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stories_publication_insert AFTER INSERT ON stories REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_stories_new();
--> statement-breakpoint
CREATE TRIGGER stories_publication_update AFTER UPDATE ON stories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_stories_changed();
--> statement-breakpoint
CREATE TRIGGER stories_publication_delete AFTER DELETE ON stories REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_stories_old();
--> statement-breakpoint
-- Media of a published story: new, changed (description, transcript, captions) or removed.
CREATE FUNCTION publication_bump_media_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows m JOIN stories s ON s.id = m.story_id WHERE s.status = 'published') THEN PERFORM publication_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION publication_bump_media_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A story deleted in the same statement (cascade) has raised the counter itself.
  IF EXISTS (SELECT 1 FROM old_rows m JOIN stories s ON s.id = m.story_id WHERE s.status = 'published') THEN PERFORM publication_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER story_media_publication_insert AFTER INSERT ON story_media REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_media_new();
--> statement-breakpoint
CREATE TRIGGER story_media_publication_update AFTER UPDATE ON story_media REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_media_new();
--> statement-breakpoint
CREATE TRIGGER story_media_publication_delete AFTER DELETE ON story_media REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_media_old();
--> statement-breakpoint
-- A medium's own consent lives only in the ledger (a story's consent also moves stories.audience).
CREATE FUNCTION publication_bump_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE object_type IN ('story', 'media')) THEN PERFORM publication_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER consent_events_publication AFTER INSERT ON consent_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_consent();
--> statement-breakpoint
-- An author shown by their own name who changes it.
CREATE TRIGGER users_publication_name AFTER UPDATE OF display_name ON users
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_always();
--> statement-breakpoint
-- Story pages show matching help from the directory.
CREATE TRIGGER directory_entries_publication AFTER INSERT OR UPDATE OR DELETE ON directory_entries
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_always();
