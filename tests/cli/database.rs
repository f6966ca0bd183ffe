//! init, and opening databases that are missing, foreign, newer or not SQLite at all.

use crate::common::Fixture;

#[test]
fn init_creates_the_database_once() {
    let f = Fixture::new();
    assert!(f.ok_stderr(&["init"]).contains("created"));
    assert!(f.exists());
    assert!(f.ok_stderr(&["init"]).contains("already a claims database (0 claims)"));
}

#[test]
fn sqlite_the_database_defaults_to_claims_db_and_db_beats_the_environment() {
    sqlite_only!();
    let f = Fixture::new();
    f.cmd(&["init"]).env_remove("CLAIMTRACK_DB").assert().success();
    assert!(f.path("claims.db").exists());
    let other = f.path("other.db");
    f.ok(&["--db", other.to_str().unwrap(), "add", "x", "--by", "someone"]);
    assert!(other.exists());
    let listed = f.ok(&["--db", other.to_str().unwrap(), "list"]);
    assert!(listed.contains("someone"));
    assert!(!f.ok(&["list"]).contains("someone"), "the environment's database is untouched");
}

#[test]
fn read_commands_do_not_create_a_database() {
    let f = Fixture::new();
    let error = f.fails(&["list"], 1);
    assert!(error.contains("no claims database at"), "{error}");
    assert!(error.contains("claimtrack init"), "{error}");
    assert!(!f.exists());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    sqlite_only!();
    let f = Fixture::new();
    let text = "these are my notes, not a database\n".repeat(100);
    std::fs::write(&f.db, &text).unwrap();
    for args in [&["list"][..], &["add", "x", "--by", "y"], &["init"]] {
        let error = f.fails(args, 1);
        assert!(error.contains("is not a SQLite database"), "{error}");
    }
    assert_eq!(std::fs::read_to_string(&f.db).unwrap(), text);
}

#[test]
fn a_sqlite_database_of_another_program_is_refused() {
    sqlite_only!();
    let f = Fixture::new();
    let conn = rusqlite::Connection::open(&f.db).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');").unwrap();
    drop(conn);
    let error = f.fails(&["add", "x", "--by", "y"], 1);
    assert!(error.contains("not a claimtrack one"), "{error}");
    let conn = rusqlite::Connection::open(&f.db).unwrap();
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 1, "nothing was added to it");
}

#[test]
fn sqlite_a_database_from_a_newer_claimtrack_is_refused_untouched() {
    sqlite_only!();
    let f = Fixture::seeded();
    {
        let conn = rusqlite::Connection::open(&f.db).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version = 999;").unwrap();
    }
    let before = std::fs::read(&f.db).unwrap();
    for args in [&["list"][..], &["add", "x", "--by", "y"], &["init"], &["demo"]] {
        let mut args = args.to_vec();
        let db = f.db.to_str().unwrap().to_string();
        if args == ["demo"] {
            args.extend(["--db", &db]);
            let error = f.fails(&args, 1);
            assert!(error.contains("newer claimtrack"), "{error}");
            continue;
        }
        let error = f.fails(&args, 1);
        assert!(error.contains("newer claimtrack (schema version 999"), "{error}");
        assert!(error.contains("upgrade claimtrack"), "{error}");
    }
    assert_eq!(std::fs::read(&f.db).unwrap(), before, "the file is byte for byte the same");
}

#[test]
fn sqlite_a_database_in_a_missing_folder_is_a_clear_error() {
    sqlite_only!();
    let f = Fixture::new();
    let db = f.path("no/such/folder/claims.db");
    let error = f.fails(&["--db", db.to_str().unwrap(), "init"], 1);
    assert!(error.contains("does not exist"), "{error}");
}

#[test]
fn sqlite_the_schema_is_readable_by_other_tools() {
    sqlite_only!();
    let f = Fixture::seeded();
    let conn = rusqlite::Connection::open(&f.db).unwrap();
    let (mode, version): (String, i64) = conn
        .query_row(
            "SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(version >= 1);
    let pairs: Vec<(String, String)> = conn
        .prepare("SELECT actor_a, actor_b FROM contested_pairs ORDER BY relation_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(pairs.len(), 3);
    assert!(pairs.contains(&("U.S. officials".into(), "Islamic Resistance in Iraq".into())));
    assert!(pairs.contains(&("Iraqi officials".into(), "United States".into())));
    // The FTS table reads each claim through the claims_search view, which other tools can
    // query (and search through) like a table.
    let fts: String =
        conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'claims_fts'", [], |r| r.get(0)).unwrap();
    assert!(fts.contains("content=\"claims_search\""), "{fts}");
    let found: i64 = conn
        .query_row(
            "SELECT s.id FROM claims_fts JOIN claims_search s ON s.id = claims_fts.rowid WHERE claims_fts MATCH 'soleimani'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, 12);
}

#[test]
fn sqlite_the_schema_refuses_what_the_model_forbids() {
    sqlite_only!();
    let f = Fixture::seeded();
    let conn = rusqlite::Connection::open(&f.db).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    for bad in [
        "INSERT INTO relations (from_id, kind, to_id, created_at) VALUES (1, 'refutes', 2, 'now')",
        "INSERT INTO relations (from_id, kind, to_id, created_at) VALUES (3, 'supports', 3, 'now')",
        "INSERT INTO relations (from_id, kind, to_id, created_at) VALUES (5, 'contradicts', 1, 'now')",
        "INSERT INTO relations (from_id, kind, to_id, created_at) VALUES (1, 'contradicts', 5, 'now')",
        "INSERT INTO claims (uid, text, actor_id, created_at, updated_at) VALUES ('u', '  ', 1, 'now', 'now')",
        "INSERT INTO claims (uid, text, actor_id, mode, created_at, updated_at) VALUES ('u', 't', 1, 'rumour', 'now', 'now')",
        "INSERT INTO claims (uid, text, actor_id, created_at, updated_at) VALUES ('u', 't', 999, 'now', 'now')",
    ] {
        assert!(conn.execute(bad, []).is_err(), "the schema accepted: {bad}");
    }
}

#[test]
fn sqlite_check_passes_a_sound_database_and_reports_broken_rows() {
    sqlite_only!();
    let f = Fixture::seeded();
    assert!(f.ok_stderr(&["check"]).contains("no problems found"));
    {
        let conn = rusqlite::Connection::open(&f.db).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = OFF; UPDATE claims SET actor_id = 999 WHERE id = 3;").unwrap();
    }
    let output = f.cmd(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("foreign keys: claims row 3 refers to a actors row that does not exist"), "{stderr}");
    assert!(stderr.lines().last().unwrap().starts_with("error: ") && stderr.contains("1 problem found"), "{stderr}");
}

#[test]
fn sqlite_check_finds_a_stale_search_index_and_repair_rebuilds_it() {
    sqlite_only!();
    let f = Fixture::seeded();
    {
        // Change a claim behind the index's back, as a tool that dropped the triggers might.
        let conn = rusqlite::Connection::open(&f.db).unwrap();
        conn.execute_batch(
            "DROP TRIGGER claims_fts_before_update;
             DROP TRIGGER claims_fts_after_update;
             UPDATE claims SET text = 'completely different words' WHERE id = 9;",
        )
        .unwrap();
        let schema: &str = include_str!("../../schema.sql");
        let start = schema.find("CREATE TRIGGER claims_fts_before_update").unwrap();
        let end = schema.find("CREATE TRIGGER claims_fts_delete").unwrap();
        conn.execute_batch(&schema[start..end]).unwrap();
    }
    let output = f.cmd(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("full-text index: the search index is out of step"), "{stderr}");
    assert!(f.ok_stderr(&["check", "--repair"]).contains("rebuilt the full-text index"));
    assert!(f.ok_stderr(&["check"]).contains("no problems found"));
    let hits = f.json(&["search", "completely different", "--format", "json"]);
    assert_eq!(hits[0]["id"], 9);
}

#[test]
fn backup_refuses_to_overwrite_and_needs_a_database() {
    let f = Fixture::seeded();
    let target = f.path("copy.db");
    std::fs::write(&target, "precious").unwrap();
    let error = f.fails(&["backup", target.to_str().unwrap()], 1);
    assert!(error.contains("already exists; backup never overwrites"), "{error}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
    let empty = Fixture::new();
    let error = empty.fails(&["backup", empty.path("x.db").to_str().unwrap()], 1);
    assert!(error.contains("no claims database"), "{error}");
}

#[test]
fn sqlite_a_version_1_database_is_upgraded_with_every_row_kept() {
    sqlite_only!();
    let f = Fixture::new();
    {
        let conn = rusqlite::Connection::open(&f.db).unwrap();
        conn.execute_batch(include_str!("../fixtures/schema-v1.sql")).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO sources (uid, key, title, created_at) VALUES ('s1', 'ap-1', 'Talks', '2024-01-27T00:00:00Z');
             INSERT INTO actors (uid, name, name_key, fold_key, created_at)
                 VALUES ('a1', 'U.S. officials', 'u.s. officials', 'usofficials', '2024-01-27T00:00:00Z'),
                        ('a2', 'Islamic Resistance in Iraq', 'islamic resistance in iraq', 'islamicresistanceiniraq', '2024-01-27T00:00:00Z');
             INSERT INTO actor_aliases (alias_key, alias, fold_key, actor_id) VALUES ('iri', 'IRI', 'iri', 2);
             INSERT INTO claims (uid, text, actor_id, source_id, mode, stated_on, created_at, updated_at)
                 VALUES ('c1', 'The timing is unrelated', 1, 1, 'direct', '2024-01', '2024-01-27T00:00:00Z', '2024-01-27T00:00:00Z'),
                        ('c2', 'Attacks forced the decision', 2, 1, 'reported', '2024-01', '2024-01-27T00:00:00Z', '2024-01-27T00:00:00Z');
             INSERT INTO tags (name) VALUES ('timing');
             INSERT INTO claim_tags (claim_id, tag_id) VALUES (1, 1), (2, 1);
             INSERT INTO relations (from_id, kind, to_id, created_at) VALUES (1, 'contradicts', 2, '2024-01-27T00:00:00Z');",
        )
        .unwrap();
    }
    let doc = f.json(&["export", "json"]);
    assert_eq!(doc["claims"].as_object().unwrap().len(), 2);
    assert_eq!(doc["claims"]["c1"]["tags"], serde_json::json!(["timing"]));
    assert_eq!(doc["actors"]["a2"]["aliases"], serde_json::json!(["IRI"]));
    assert_eq!(doc["sources"]["s1"]["key"], "ap-1");
    assert_eq!(doc["relations"][0]["kind"], "contradicts");
    assert_eq!(f.json(&["search", "timing", "--format", "json"])[0]["id"], 1, "the search index came through");
    assert_eq!(f.json(&["search", "IRI", "--format", "json"])[0]["id"], 2, "aliases are searched after the upgrade");
    assert!(f.ok_stderr(&["check"]).contains("no problems found"));
    let conn = rusqlite::Connection::open(&f.db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, claimtrack::store::sqlite::SCHEMA_VERSION);
    // The upgraded database works like a new one: changes are recorded in the new history.
    f.ok(&["edit", "1", "--verdict", "false"]);
    assert_eq!(f.json(&["history", "1", "--format", "json"])[0]["action"], "edit");
}
