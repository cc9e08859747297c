-- Placeholder: filled in by the research work (session 5); replaced before it lands.
SELECT 1;
