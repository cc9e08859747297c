-- The public face (ADR 0033): every public page an anonymous reader sees first is kept by the
-- page cache per publication generation (ADR 0011), so every table such a page shows must raise
-- the generation in the same transaction as its change. The help directory already does
-- (0014), the web documentary's chapters do (0027); the scheme overview (/regeling) reads the
-- scheme configurations.
CREATE TRIGGER schemes_publication AFTER INSERT OR UPDATE OR DELETE ON schemes
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_always();
--> statement-breakpoint
-- Facet counts of the visible stories, kept by triggers (ADR 0033): the unfiltered listing no
-- longer aggregates every story after each change. One row per audience, facet and value.
CREATE TABLE "story_facet_counts" (
	"audience" text NOT NULL,
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "story_facet_counts_audience_facet_value_pk" PRIMARY KEY("audience","facet","value")
);
--> statement-breakpoint
-- The facet values a set of story rows contributes, +1 (or `sign`) per visible story and value.
CREATE FUNCTION story_facet_rows(rows jsonb, sign integer)
RETURNS TABLE (audience text, facet text, value text, n integer) LANGUAGE sql STABLE AS $$
  WITH r AS (
    SELECT x.audience, x.decades, x.settings, x.violence_kinds, x.themes, x.region
    FROM jsonb_to_recordset(rows) AS x(status text, hidden_at timestamptz, audience text, decades text[], settings text[],
                                        violence_kinds text[], themes text[], region text)
    WHERE x.status = 'published' AND x.hidden_at IS NULL AND x.audience IN ('public', 'fellowSurvivors')
  )
  SELECT audience, 'decade', v, sign FROM r, unnest(decades) v
  UNION ALL SELECT audience, 'setting', v, sign FROM r, unnest(settings) v
  UNION ALL SELECT audience, 'violence', v, sign FROM r, unnest(violence_kinds) v
  UNION ALL SELECT audience, 'theme', v, sign FROM r, unnest(themes) v
  UNION ALL SELECT audience, 'region', region, sign FROM r WHERE region IS NOT NULL
$$;
--> statement-breakpoint
-- Adds the new rows and takes away the old ones, in key order (concurrent statements lock the
-- same rows in the same order, so they wait for each other instead of deadlocking).
CREATE FUNCTION story_facet_apply(old_json jsonb, new_json jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO story_facet_counts (audience, facet, value, n)
  SELECT audience, facet, value, sum(n)::int FROM (
    SELECT * FROM story_facet_rows(coalesce(new_json, '[]'::jsonb), 1)
    UNION ALL SELECT * FROM story_facet_rows(coalesce(old_json, '[]'::jsonb), -1)
  ) d GROUP BY audience, facet, value HAVING sum(n) <> 0 ORDER BY audience, facet, value
  ON CONFLICT (audience, facet, value) DO UPDATE SET n = story_facet_counts.n + excluded.n;
$$;
--> statement-breakpoint
CREATE FUNCTION story_facets_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM story_facet_apply(NULL, (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION story_facets_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM story_facet_apply((SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o), (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION story_facets_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM story_facet_apply((SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o), NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stories_facets_insert AFTER INSERT ON stories REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION story_facets_insert();
--> statement-breakpoint
CREATE TRIGGER stories_facets_update AFTER UPDATE ON stories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION story_facets_update();
--> statement-breakpoint
CREATE TRIGGER stories_facets_delete AFTER DELETE ON stories REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION story_facets_delete();
--> statement-breakpoint
INSERT INTO story_facet_counts (audience, facet, value, n)
SELECT audience, facet, value, sum(n)::int FROM story_facet_rows(
  (SELECT coalesce(jsonb_agg(jsonb_build_object('status', status, 'hidden_at', hidden_at, 'audience', audience, 'decades', decades,
     'settings', settings, 'violence_kinds', violence_kinds, 'themes', themes, 'region', region)), '[]'::jsonb) FROM stories), 1)
GROUP BY audience, facet, value;
