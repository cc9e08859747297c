-- Search finds title hits by their own index (ADR 0035): title hits come first, newest first,
-- and then the other hits newest first, so neither part has to read and rank every hit.
CREATE INDEX "stories_title_search_idx" ON "stories" USING gin ("title_vector") WHERE "stories"."status" = 'published' and "stories"."hidden_at" is null and "stories"."audience" <> 'none';