-- Trigram search for Chinese substrings (names, document numbers). PGlite must be created with the pg_trgm extension loaded.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
