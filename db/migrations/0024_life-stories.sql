-- Placeholder: filled in by the life-stories work (session 5); replaced before it lands.
SELECT 1;
