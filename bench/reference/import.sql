-- The reference import: the sqlite3 shell doing claimtrack's import work in plain SQL, into the
-- same schema. bench/run.py substitutes {SCHEMA} and {CLAIMS} and pipes this to `sqlite3 DB`.
.read {SCHEMA}
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
BEGIN;
CREATE TEMP TABLE staging (text TEXT, actor TEXT, source TEXT, tags TEXT, stated_on TEXT, mode TEXT, quote TEXT);
.import --csv --skip 1 {CLAIMS} staging
INSERT INTO actors (uid, name, name_key, fold_key, created_at)
    SELECT lower(hex(randomblob(16))), actor, lower(actor), lower(actor), strftime('%Y-%m-%dT%H:%M:%SZ')
    FROM staging GROUP BY actor ORDER BY min(rowid);
INSERT INTO sources (uid, key, created_at)
    SELECT lower(hex(randomblob(16))), source, strftime('%Y-%m-%dT%H:%M:%SZ')
    FROM staging WHERE source <> '' GROUP BY source ORDER BY min(rowid);
-- Claims and their tags first, then the search index in one pass from claims_search, as a bulk
-- loader would (the database is only timed and then thrown away: the triggers set aside stay aside).
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claim_tags_fts_before_insert;
DROP TRIGGER claim_tags_fts_after_insert;
INSERT INTO claims (id, uid, text, quote, actor_id, source_id, mode, stated_on, created_at, updated_at)
    SELECT s.rowid, lower(hex(randomblob(16))), s.text, nullif(s.quote, ''), a.id, src.id, s.mode,
           nullif(s.stated_on, ''), strftime('%Y-%m-%dT%H:%M:%SZ'), strftime('%Y-%m-%dT%H:%M:%SZ')
    FROM staging s JOIN actors a ON a.name = s.actor LEFT JOIN sources src ON src.key = s.source
    ORDER BY s.rowid;
INSERT INTO tags (name)
    SELECT DISTINCT trim(t.value) FROM staging s, json_each('["' || replace(s.tags, ';', '","') || '"]') t
    WHERE trim(t.value) <> '';
INSERT INTO claim_tags (claim_id, tag_id)
    SELECT DISTINCT s.rowid, tg.id FROM staging s, json_each('["' || replace(s.tags, ';', '","') || '"]') t
    JOIN tags tg ON tg.name = trim(t.value);
INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags) SELECT * FROM claims_search;
COMMIT;
