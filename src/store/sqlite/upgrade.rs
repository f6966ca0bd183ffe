//! Upgrades from older schema versions, in the TaskChampion style: a numbered list of steps,
//! each taking the database from one version to the next. Chosen over a migration crate because
//! the whole mechanism is this list and the caller in `mod.rs`: one transaction takes a database
//! from its version to the latest, or leaves it untouched.
//!
//! A new database gets `schema.sql` directly; these steps are only for existing files. When the
//! schema changes: edit `schema.sql`, add a step here that makes the same change to an old
//! database, and add a test that upgrades a database made by the previous version. A step
//! repeats the SQL of its day rather than reading `schema.sql`: that file moves on, and a step
//! must keep doing exactly what it did when it was written.

use rusqlite::Connection;

use crate::store::{StoreError, StoreResult};

/// The version `schema.sql` describes.
pub const LATEST: i64 = 6;

/// `STEPS[i]` takes a database from version `i + 1` to `i + 2`.
const STEPS: &[&str] = &[
    // 2: the history table, for `history` and `restore`; a covering index for relations' far end.
    "CREATE TABLE history (
         id          INTEGER PRIMARY KEY,
         at          TEXT NOT NULL,
         user        TEXT NOT NULL,
         action      TEXT NOT NULL
                     CHECK (action IN ('create', 'edit', 'delete', 'merge', 'import', 'restore', 'link', 'unlink')),
         entity      TEXT NOT NULL CHECK (entity IN ('claim', 'actor', 'source', 'relation')),
         entity_id   INTEGER,
         other_id    INTEGER,
         entity_uid  TEXT,
         before      TEXT,
         after       TEXT
     );
     CREATE INDEX history_entity ON history(entity, entity_id);
     CREATE INDEX history_other ON history(other_id) WHERE other_id IS NOT NULL;
     -- and relations looked up from their second claim get a covering index
     DROP INDEX relations_kind;
     DROP INDEX relations_to;
     CREATE INDEX relations_to ON relations(to_id, kind, from_id);",
    // 3: claim and actor ids are given once, ever (AUTOINCREMENT), so a deleted claim's id stays
    // its own. SQLite cannot add AUTOINCREMENT to a table, so both are rebuilt, with what refers
    // to them set aside and put back (foreign keys are off while this runs; see mod.rs). The
    // sequences start above every id the history has seen, deleted claims' included.
    "DROP VIEW contested_pairs;
     DROP TRIGGER claims_fts_insert;
     DROP TRIGGER claims_fts_delete;
     DROP TRIGGER claims_fts_update;
     CREATE TABLE new_actors (
         id           INTEGER PRIMARY KEY AUTOINCREMENT,
         uid          TEXT NOT NULL UNIQUE,
         name         TEXT NOT NULL CHECK (length(name) > 0),
         name_key     TEXT NOT NULL UNIQUE,
         fold_key     TEXT NOT NULL,
         kind         TEXT,
         description  TEXT,
         affiliation  INTEGER REFERENCES actors(id) ON DELETE SET NULL,
         created_at   TEXT NOT NULL,
         CHECK (affiliation IS NULL OR affiliation <> id)
     );
     INSERT INTO new_actors SELECT id, uid, name, name_key, fold_key, kind, description, affiliation, created_at
       FROM actors;
     DROP TABLE actors;
     ALTER TABLE new_actors RENAME TO actors;
     CREATE INDEX actors_fold ON actors(fold_key);
     CREATE INDEX actors_affiliation ON actors(affiliation) WHERE affiliation IS NOT NULL;
     CREATE TABLE new_claims (
         id          INTEGER PRIMARY KEY AUTOINCREMENT,
         uid         TEXT NOT NULL UNIQUE,
         text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
         quote       TEXT,
         actor_id    INTEGER NOT NULL REFERENCES actors(id),
         source_id   INTEGER REFERENCES sources(id),
         mode        TEXT NOT NULL DEFAULT 'paraphrase'
                     CHECK (mode IN ('direct', 'paraphrase', 'reported', 'anonymous')),
         stated_on   TEXT,
         locator     TEXT,
         verdict     TEXT NOT NULL DEFAULT 'unrated',
         notes       TEXT,
         created_at  TEXT NOT NULL,
         updated_at  TEXT NOT NULL
     );
     INSERT INTO new_claims SELECT id, uid, text, quote, actor_id, source_id, mode, stated_on, locator, verdict,
                                   notes, created_at, updated_at
       FROM claims;
     DROP TABLE claims;
     ALTER TABLE new_claims RENAME TO claims;
     CREATE INDEX claims_actor ON claims(actor_id);
     CREATE INDEX claims_source ON claims(source_id) WHERE source_id IS NOT NULL;
     CREATE INDEX claims_stated_on ON claims(stated_on) WHERE stated_on IS NOT NULL;
     CREATE INDEX claims_mode ON claims(mode);
     CREATE INDEX claims_verdict ON claims(verdict);
     DELETE FROM sqlite_sequence WHERE name IN ('claims', 'actors', 'new_claims', 'new_actors');
     INSERT INTO sqlite_sequence (name, seq)
         SELECT 'claims', max(ifnull((SELECT max(id) FROM claims), 0),
                              ifnull((SELECT max(entity_id) FROM history WHERE entity = 'claim'), 0));
     INSERT INTO sqlite_sequence (name, seq)
         SELECT 'actors', max(ifnull((SELECT max(id) FROM actors), 0),
                              ifnull((SELECT max(entity_id) FROM history WHERE entity = 'actor'), 0));
     CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
         INSERT INTO claims_fts(rowid, text, quote, notes) VALUES (new.id, new.text, new.quote, new.notes);
     END;
     CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
         INSERT INTO claims_fts(claims_fts, rowid, text, quote, notes)
             VALUES ('delete', old.id, old.text, old.quote, old.notes);
     END;
     CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, quote, notes ON claims BEGIN
         INSERT INTO claims_fts(claims_fts, rowid, text, quote, notes)
             VALUES ('delete', old.id, old.text, old.quote, old.notes);
         INSERT INTO claims_fts(rowid, text, quote, notes) VALUES (new.id, new.text, new.quote, new.notes);
     END;
     CREATE VIEW contested_pairs AS
     SELECT r.id         AS relation_id,
            a.id         AS claim_a,
            actor_a.name AS actor_a,
            a.text       AS text_a,
            a.stated_on  AS stated_on_a,
            b.id         AS claim_b,
            actor_b.name AS actor_b,
            b.text       AS text_b,
            b.stated_on  AS stated_on_b,
            r.note       AS note
     FROM relations r
     JOIN claims a ON a.id = r.from_id
     JOIN actors actor_a ON actor_a.id = a.actor_id
     JOIN claims b ON b.id = r.to_id
     JOIN actors actor_b ON actor_b.id = b.actor_id
     WHERE r.kind = 'contradicts';",
    // 4: the verdict's date and author (what ClaimReview publishes), a public name for anonymous
    // sources, notes and source texts that are never published, settings kept with the story,
    // and a search index that stems English words ("attack" finds "attacks").
    "ALTER TABLE claims ADD COLUMN verdict_at TEXT;
     ALTER TABLE claims ADD COLUMN verdict_by TEXT;
     UPDATE claims SET verdict_at = updated_at WHERE verdict <> 'unrated';
     ALTER TABLE claims ADD COLUMN notes_private INTEGER NOT NULL DEFAULT 0 CHECK (notes_private IN (0, 1));
     ALTER TABLE sources ADD COLUMN body_private INTEGER NOT NULL DEFAULT 0 CHECK (body_private IN (0, 1));
     ALTER TABLE actors ADD COLUMN public_name TEXT;
     CREATE TABLE settings (
         name   TEXT PRIMARY KEY,
         value  TEXT NOT NULL
     );
     DROP TRIGGER claims_fts_insert;
     DROP TRIGGER claims_fts_delete;
     DROP TRIGGER claims_fts_update;
     DROP TABLE claims_fts;
     CREATE VIRTUAL TABLE claims_fts USING fts5(
         text, quote, notes,
         content=\"claims\", content_rowid=\"id\",
         tokenize=\"porter unicode61 remove_diacritics 2\"
     );
     INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
     CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
         INSERT INTO claims_fts(rowid, text, quote, notes) VALUES (new.id, new.text, new.quote, new.notes);
     END;
     CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
         INSERT INTO claims_fts(claims_fts, rowid, text, quote, notes)
             VALUES ('delete', old.id, old.text, old.quote, old.notes);
     END;
     CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, quote, notes ON claims BEGIN
         INSERT INTO claims_fts(claims_fts, rowid, text, quote, notes)
             VALUES ('delete', old.id, old.text, old.quote, old.notes);
         INSERT INTO claims_fts(rowid, text, quote, notes) VALUES (new.id, new.text, new.quote, new.notes);
     END;",
    // 5: an import names the claims it added in one history entry, by runs of ids.
    "CREATE TABLE imported_claims (
         history_id  INTEGER NOT NULL,
         first_id    INTEGER NOT NULL,
         last_id     INTEGER NOT NULL CHECK (last_id >= first_id),
         lines       TEXT
     );
     CREATE INDEX imported_claims_last ON imported_claims(last_id, first_id);",
    // 6: search finds a claim by its actor's name and aliases and its tags too: the index reads
    // each claim through the claims_search view, and triggers keep it current when those change.
    "DROP TRIGGER claims_fts_insert;
     DROP TRIGGER claims_fts_delete;
     DROP TRIGGER claims_fts_update;
     DROP TABLE claims_fts;
     CREATE VIEW claims_search AS
     SELECT c.id, c.text, c.quote, c.notes,
            (SELECT a.name || ifnull(' ' || (SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = a.id), '')
               FROM actors a WHERE a.id = c.actor_id) AS actor,
            (SELECT group_concat(t.name, ' ') FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id)
                AS tags
     FROM claims c;
     CREATE VIRTUAL TABLE claims_fts USING fts5(
         text, quote, notes, actor, tags,
         content=\"claims_search\", content_rowid=\"id\",
         tokenize=\"porter unicode61 remove_diacritics 2\"
     );
     CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
         INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags) SELECT * FROM claims_search WHERE id = new.id;
     END;
     CREATE TRIGGER claims_fts_before_update BEFORE UPDATE OF text, quote, notes, actor_id ON claims BEGIN
         INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
             SELECT 'delete', * FROM claims_search WHERE id = old.id AND id IN (SELECT id FROM claims_fts_docsize);
     END;
     CREATE TRIGGER claims_fts_after_update AFTER UPDATE OF text, quote, notes, actor_id ON claims BEGIN
         INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags) SELECT * FROM claims_search WHERE id = new.id;
     END;
     CREATE TRIGGER claims_fts_delete BEFORE DELETE ON claims BEGIN
         INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
             SELECT 'delete', * FROM claims_search WHERE id = old.id AND id IN (SELECT id FROM claims_fts_docsize);
     END;
     CREATE TRIGGER claim_tags_fts_before_insert BEFORE INSERT ON claim_tags
     WHEN NOT EXISTS (SELECT 1 FROM claim_tags WHERE claim_id = new.claim_id AND tag_id = new.tag_id) BEGIN
         INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
             SELECT 'delete', * FROM claims_search WHERE id = new.claim_id AND id IN (SELECT id FROM claims_fts_docsize);
     END;
     CREATE TRIGGER claim_tags_fts_after_insert AFTER INSERT ON claim_tags BEGIN
         INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags) SELECT * FROM claims_search WHERE id = new.claim_id;
     END;
     CREATE TRIGGER claim_tags_fts_before_delete BEFORE DELETE ON claim_tags BEGIN
         INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
             SELECT 'delete', * FROM claims_search WHERE id = old.claim_id AND id IN (SELECT id FROM claims_fts_docsize);
     END;
     CREATE TRIGGER claim_tags_fts_after_delete AFTER DELETE ON claim_tags BEGIN
         INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags) SELECT * FROM claims_search WHERE id = old.claim_id;
     END;
     CREATE TRIGGER tags_fts_before_rename BEFORE UPDATE OF name ON tags BEGIN
         INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
             SELECT 'delete', * FROM claims_search
              WHERE id IN (SELECT claim_id FROM claim_tags WHERE tag_id = old.id) AND id IN (SELECT id FROM claims_fts_docsize);
     END;
     CREATE TRIGGER tags_fts_after_rename AFTER UPDATE OF name ON tags BEGIN
         INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
             SELECT * FROM claims_search WHERE id IN (SELECT claim_id FROM claim_tags WHERE tag_id = new.id);
     END;
     CREATE TRIGGER actors_fts_before_rename BEFORE UPDATE OF name ON actors BEGIN
         INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
             SELECT 'delete', * FROM claims_search
              WHERE id IN (SELECT id FROM claims WHERE actor_id = old.id) AND id IN (SELECT id FROM claims_fts_docsize);
     END;
     CREATE TRIGGER actors_fts_after_rename AFTER UPDATE OF name ON actors BEGIN
         INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
             SELECT * FROM claims_search WHERE id IN (SELECT id FROM claims WHERE actor_id = new.id);
     END;
     CREATE TRIGGER actor_aliases_fts_before_insert BEFORE INSERT ON actor_aliases
     WHEN NOT EXISTS (SELECT 1 FROM actor_aliases WHERE alias_key = new.alias_key) BEGIN
         INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
             SELECT 'delete', * FROM claims_search
              WHERE id IN (SELECT id FROM claims WHERE actor_id = new.actor_id) AND id IN (SELECT id FROM claims_fts_docsize);
     END;
     CREATE TRIGGER actor_aliases_fts_after_insert AFTER INSERT ON actor_aliases BEGIN
         INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
             SELECT * FROM claims_search WHERE id IN (SELECT id FROM claims WHERE actor_id = new.actor_id);
     END;
     CREATE TRIGGER actor_aliases_fts_before_change BEFORE UPDATE ON actor_aliases BEGIN
         INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
             SELECT 'delete', * FROM claims_search
              WHERE id IN (SELECT id FROM claims WHERE actor_id IN (old.actor_id, new.actor_id))
                AND id IN (SELECT id FROM claims_fts_docsize);
     END;
     CREATE TRIGGER actor_aliases_fts_after_change AFTER UPDATE ON actor_aliases BEGIN
         INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
             SELECT * FROM claims_search WHERE id IN (SELECT id FROM claims WHERE actor_id IN (old.actor_id, new.actor_id));
     END;
     CREATE TRIGGER actor_aliases_fts_before_delete BEFORE DELETE ON actor_aliases BEGIN
         INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
             SELECT 'delete', * FROM claims_search
              WHERE id IN (SELECT id FROM claims WHERE actor_id = old.actor_id) AND id IN (SELECT id FROM claims_fts_docsize);
     END;
     CREATE TRIGGER actor_aliases_fts_after_delete AFTER DELETE ON actor_aliases BEGIN
         INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
             SELECT * FROM claims_search WHERE id IN (SELECT id FROM claims WHERE actor_id = old.actor_id);
     END;
     INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');",
];

/// Run every step after `from`, in order, inside the caller's transaction; then make sure no
/// step broke a reference (foreign keys are off while steps rebuild tables).
pub fn run(tx: &Connection, from: i64) -> StoreResult<()> {
    for (index, sql) in STEPS.iter().enumerate().skip((from - 1).max(0) as usize) {
        let to = index as i64 + 2;
        tx.execute_batch(sql).map_err(|e| match StoreError::from(e) {
            StoreError::Backend(detail) | StoreError::Invalid(detail) => {
                StoreError::Backend(format!("upgrade to schema version {to} failed: {detail}"))
            }
            other => other,
        })?;
    }
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if broken > 0 {
        let rows = if broken == 1 { "row refers" } else { "rows refer" };
        return Err(StoreError::Damaged(format!("{broken} {rows} to rows that do not exist")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_step_per_version() {
        assert_eq!(STEPS.len() as i64, LATEST - 1);
    }

    /// Every table, index, view and trigger, with each table's and index's columns.
    fn shape(conn: &Connection) -> Vec<String> {
        let mut shape = Vec::new();
        let objects: Vec<(String, String, bool)> = conn
            .prepare(
                "SELECT type, name, ifnull(sql, '') LIKE '%AUTOINCREMENT%' FROM sqlite_schema
                 WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (kind, name, autoincrement) in objects {
            let columns: Vec<String> = match kind.as_str() {
                "table" => conn
                    .prepare("SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || ifnull(dflt_value, '') FROM pragma_table_info(?)")
                    .unwrap()
                    .query_map([&name], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect(),
                "index" => conn
                    .prepare("SELECT ifnull(name, '?') FROM pragma_index_info(?)")
                    .unwrap()
                    .query_map([&name], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect(),
                _ => Vec::new(),
            };
            let ids = if autoincrement { " (ids given once)" } else { "" };
            shape.push(format!("{kind} {name}{ids}: {}", columns.join(", ")));
        }
        shape
    }

    #[test]
    fn upgrading_the_first_schema_gives_the_current_one() {
        let old = Connection::open_in_memory().unwrap();
        old.execute_batch(include_str!("../../../tests/fixtures/schema-v1.sql")).unwrap();
        old.execute_batch(
            "INSERT INTO actors (id, uid, name, name_key, fold_key, created_at) VALUES (1, 'a', 'A', 'a', 'a', 'now');
             INSERT INTO claims (id, uid, text, actor_id, created_at, updated_at) VALUES (4, 'c', 'x', 1, 'now', 'now');",
        )
        .unwrap();
        old.execute_batch("PRAGMA foreign_keys = OFF").unwrap(); // as bring_up_to_date runs the steps
        run(&old, 1).unwrap();
        let new = Connection::open_in_memory().unwrap();
        new.execute_batch(super::super::SCHEMA).unwrap();
        assert_eq!(shape(&old), shape(&new));
        // The rows came through, and the next claim id is past them.
        let (id, next): (i64, i64) = old
            .query_row("SELECT id, (SELECT seq FROM sqlite_sequence WHERE name = 'claims') FROM claims", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((id, next), (4, 4));
    }
}
