-- Placeholder: filled in by the archive work (session 5); replaced before it lands.
SELECT 1;
