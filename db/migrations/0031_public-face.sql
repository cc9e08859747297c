-- The public face (ADR 0033): every public page an anonymous reader sees first is kept by the
-- page cache per publication generation (ADR 0011), so every table such a page shows must raise
-- the generation in the same transaction as its change. The help directory already does
-- (0014), the web documentary's chapters do (0027); the scheme overview (/regeling) reads the
-- scheme configurations.
CREATE TRIGGER schemes_publication AFTER INSERT OR UPDATE OR DELETE ON schemes
  FOR EACH STATEMENT EXECUTE FUNCTION publication_bump_always();
