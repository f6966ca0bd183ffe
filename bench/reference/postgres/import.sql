-- The reference import on PostgreSQL: psql doing claimtrack's import work in plain SQL, into a
-- story schema `claimtrack init` made (the same tables, triggers and search index).
-- bench/postgres.py substitutes {SCHEMA} and {CLAIMS} and pipes this to `psql`.
\set ON_ERROR_STOP 1
SET search_path = {SCHEMA};
BEGIN;
CREATE TEMP TABLE staging (text text, actor text, source text, tags text, stated_on text, mode text, quote text);
\copy staging FROM '{CLAIMS}' WITH (FORMAT csv, HEADER true)
ALTER TABLE staging ADD COLUMN ord bigserial, ADD COLUMN uid text DEFAULT md5(random()::text);
INSERT INTO actors (uid, name, name_key, fold_key, created_at)
    SELECT md5(random()::text), actor, lower(actor), lower(actor), to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    FROM staging GROUP BY actor ORDER BY min(ord);
INSERT INTO sources (uid, key, created_at)
    SELECT md5(random()::text), source, to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    FROM staging WHERE source <> '' GROUP BY source ORDER BY min(ord);
-- Claims and their tags first, then the search index in one pass, as a bulk loader would (and as
-- claimtrack's first load does): not once per claim and again per claim's tags.
ALTER TABLE claims DISABLE TRIGGER claims_fts_insert;
ALTER TABLE claim_tags DISABLE TRIGGER claim_tags_fts_insert;
INSERT INTO claims (uid, text, quote, actor_id, source_id, mode, stated_on, created_at, updated_at)
    SELECT s.uid, s.text, nullif(s.quote, ''), a.id, src.id, s.mode, nullif(s.stated_on, ''),
           to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    FROM staging s JOIN actors a ON a.name = s.actor LEFT JOIN sources src ON src.key = s.source
    ORDER BY s.ord;
INSERT INTO tags (name)
    SELECT DISTINCT trim(t) FROM staging s, unnest(string_to_array(s.tags, ';')) t WHERE trim(t) <> '';
INSERT INTO claim_tags (claim_id, tag_id)
    SELECT DISTINCT c.id, tg.id FROM staging s JOIN claims c ON c.uid = s.uid,
           unnest(string_to_array(s.tags, ';')) t JOIN tags tg ON tg.name = trim(t);
INSERT INTO claims_fts (id, document)
    SELECT id, claimtrack_document(text, quote, notes, actor, tags) FROM claims_search;
ALTER TABLE claims ENABLE TRIGGER claims_fts_insert;
ALTER TABLE claim_tags ENABLE TRIGGER claim_tags_fts_insert;
COMMIT;
