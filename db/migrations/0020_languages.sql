-- ADR 0021: languages come from one list. The consent ledger checks a language tag's shape, not
-- the list (its rows outlive any language the portal stops offering; a new one needs no migration).
ALTER TABLE "consent_events" DROP CONSTRAINT "consent_events_locale_check";--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_locale_check" CHECK ("consent_events"."locale" ~ '^[a-z]{2,3}(-[A-Z]{2})?$');--> statement-breakpoint
-- Directory texts per locale instead of a column pair per text. Added nullable, filled from the
-- old columns, then made NOT NULL: drizzle-kit's NOT NULL-at-once would fail on existing rows.
ALTER TABLE "directory_entries" ADD COLUMN "texts" jsonb;--> statement-breakpoint
UPDATE "directory_entries" SET "texts" = jsonb_build_object(
  'nl', jsonb_strip_nulls(jsonb_build_object('description', "description_nl", 'forWhom', "for_whom_nl", 'accessibility', "accessibility_nl")),
  'en', jsonb_strip_nulls(jsonb_build_object('description', "description_en", 'forWhom', "for_whom_en", 'accessibility', "accessibility_en"))
);--> statement-breakpoint
-- Contact hours the same way: {hours_nl, hours_en} becomes {hours: {nl, en}}, order kept.
UPDATE "directory_entries" SET "contacts" = coalesce((
  SELECT jsonb_agg(
    (c - 'hours_nl' - 'hours_en')
      || CASE WHEN c ? 'hours_nl' OR c ? 'hours_en'
           THEN jsonb_build_object('hours', jsonb_strip_nulls(jsonb_build_object('nl', c -> 'hours_nl', 'en', c -> 'hours_en')))
           ELSE '{}'::jsonb END
    ORDER BY n)
  FROM jsonb_array_elements("contacts") WITH ORDINALITY AS e(c, n)
), '[]'::jsonb);--> statement-breakpoint
ALTER TABLE "directory_entries" ALTER COLUMN "texts" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_texts_fallback" CHECK (coalesce(jsonb_typeof("directory_entries"."texts" -> 'nl'), 'missing') = 'object');--> statement-breakpoint
ALTER TABLE "directory_entries" DROP COLUMN "description_nl";--> statement-breakpoint
ALTER TABLE "directory_entries" DROP COLUMN "description_en";--> statement-breakpoint
ALTER TABLE "directory_entries" DROP COLUMN "for_whom_nl";--> statement-breakpoint
ALTER TABLE "directory_entries" DROP COLUMN "for_whom_en";--> statement-breakpoint
ALTER TABLE "directory_entries" DROP COLUMN "accessibility_nl";--> statement-breakpoint
ALTER TABLE "directory_entries" DROP COLUMN "accessibility_en";
