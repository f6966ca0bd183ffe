//! init, and opening databases that are missing, foreign, newer or not SQLite at all.

use crate::common::Fixture;

#[test]
fn init_creates_the_database_once() {
    let f = Fixture::new();
    assert!(f.ok_stderr(&["init"]).contains("created"));
    assert!(f.db.exists());
    assert!(f.ok_stderr(&["init"]).contains("already a claims database (0 claims)"));
}

#[test]
fn the_database_defaults_to_claims_db_and_db_beats_the_environment() {
    let f = Fixture::new();
    f.cmd(&["init"]).env_remove("CLAIMTRACK_DB").assert().success();
    assert!(f.path("claims.db").exists());
    let other = f.path("other.db");
    f.ok(&["--db", other.to_str().unwrap(), "add", "x", "--by", "someone"]);
    assert!(other.exists());
    let listed = f.ok(&["--db", other.to_str().unwrap(), "list"]);
    assert!(listed.contains("someone"));
    assert!(
        !f.ok(&["list"]).contains("someone"),
        "the environment's database is untouched"
    );
}

#[test]
fn read_commands_do_not_create_a_database() {
    let f = Fixture::new();
    let error = f.fails(&["list"], 1);
    assert!(error.contains("no claims database at"), "{error}");
    assert!(error.contains("claimtrack init"), "{error}");
    assert!(!f.db.exists());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
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
    let f = Fixture::new();
    let conn = rusqlite::Connection::open(&f.db).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(conn);
    let error = f.fails(&["add", "x", "--by", "y"], 1);
    assert!(error.contains("not a claimtrack one"), "{error}");
    let conn = rusqlite::Connection::open(&f.db).unwrap();
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "nothing was added to it");
}

#[test]
fn a_database_from_a_newer_claimtrack_is_refused_untouched() {
    let f = Fixture::seeded();
    {
        let conn = rusqlite::Connection::open(&f.db).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version = 999;")
            .unwrap();
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
    assert_eq!(
        std::fs::read(&f.db).unwrap(),
        before,
        "the file is byte for byte the same"
    );
}

#[test]
fn a_database_in_a_missing_folder_is_a_clear_error() {
    let f = Fixture::new();
    let db = f.path("no/such/folder/claims.db");
    let error = f.fails(&["--db", db.to_str().unwrap(), "init"], 1);
    assert!(error.contains("does not exist"), "{error}");
}

#[test]
fn the_schema_is_readable_by_other_tools() {
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
    // The FTS table is declared content="claims", which Datasette and others recognise.
    let fts: String = conn
        .query_row("SELECT sql FROM sqlite_schema WHERE name = 'claims_fts'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(fts.contains("content=\"claims\""), "{fts}");
}

#[test]
fn the_schema_refuses_what_the_model_forbids() {
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
