-- What `claimtrack check` asks the engine: page and index integrity, foreign keys, and the
-- full-text index against the claims.
PRAGMA integrity_check;
PRAGMA foreign_key_check;
INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1);
