-- Trigram similarity for typo-tolerant directory search (bundled with PGlite; contrib on PostgreSQL).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
