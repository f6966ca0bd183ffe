//! What must hold whatever happens around it: an id names one claim forever, every read sees
//! one moment, a database is made whole or not at all and only when asked, `check` tells damage
//! from "could not look", and what claimtrack writes it reads back whole.

use std::process::Command;
use std::thread;

use crate::common::Fixture;

/// `add` and return the new id.
fn add(f: &Fixture, text: &str) -> i64 {
    f.ok(&["add", text, "--by", "A"]).trim().parse().unwrap()
}

#[test]
fn an_id_once_given_is_never_given_again() {
    let f = Fixture::new();
    for text in ["a", "b", "c"] {
        add(&f, text);
    }
    f.ok(&["rm", "3"]);
    assert_eq!(add(&f, "d"), 4, "the deleted claim's id stays its own");
    assert!(f.ok_stderr(&["restore", "3"]).contains("restored claim #3"));
    assert_eq!(f.json(&["show", "3", "--format", "json"])["text"], "c");
    // The history of #3 is the history of one claim.
    let history = f.json(&["history", "3", "--format", "json"]);
    let uids: std::collections::HashSet<&str> =
        history.as_array().unwrap().iter().filter_map(|e| e["entity_uid"].as_str()).collect();
    assert_eq!(uids.len(), 1, "{history}");
}

#[test]
fn ids_from_files_are_kept_only_when_sane() {
    let f = Fixture::seeded();
    let huge = f.path("huge.csv");
    std::fs::write(&huge, "id,text,actor\n9223372036854775807,x,A\n").unwrap();
    let output = f.cmd(&["import", huge.to_str().unwrap()]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 2: claim id 9223372036854775807 is not usable"), "{stderr}");
    assert_eq!(add(&f, "next"), 13, "the next id is the next one, not a random 19-digit one");
    // A free, sane id from a file is kept; one that is taken gets the next id instead.
    let ids = f.path("ids.csv");
    std::fs::write(&ids, "id,text,actor\n40,forty,A\n5,five again,A\n").unwrap();
    f.ok(&["import", ids.to_str().unwrap()]);
    assert_eq!(f.json(&["show", "40", "--format", "json"])["text"], "forty");
    assert_eq!(f.json(&["show", "41", "--format", "json"])["text"], "five again");
    // Every id given after one kept from a file stays one that JSON readers hold exactly.
    std::fs::write(&huge, "id,text,actor\n9007199254740992,x,A\n").unwrap();
    let output = f.cmd(&["import", huge.to_str().unwrap()]).output().unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("claim id 9007199254740992 is not usable"));
    std::fs::write(&huge, "id,text,actor\n4503599627370496,x,A\n").unwrap();
    f.ok(&["import", huge.to_str().unwrap()]);
    assert!(add(&f, "after the largest") <= 1 << 53);
}

#[test]
fn relations_come_back_whichever_claim_is_restored_first() {
    let f = Fixture::seeded();
    // #4 supports #1 in the seed story.
    let linked = |f: &Fixture| f.json(&["show", "1", "--format", "json"])["supported_by"].clone();
    assert!(linked(&f).as_array().unwrap().contains(&4.into()));
    f.ok(&["rm", "4"]);
    f.ok(&["rm", "1"]);
    let stderr = f.ok_stderr(&["restore", "4"]);
    assert!(stderr.contains("not back yet"), "{stderr}");
    f.ok(&["restore", "1"]);
    assert!(linked(&f).as_array().unwrap().contains(&4.into()), "the 4-1 relation is back");
    // A relation someone unlinked on purpose does not come back with a later restore.
    f.ok(&["unlink", "4", "supports", "1"]);
    f.ok(&["rm", "1"]);
    f.ok(&["restore", "1"]);
    assert!(!linked(&f).as_array().unwrap().contains(&4.into()));
}

#[test]
fn sqlite_a_deleted_claims_id_taken_by_an_older_claimtrack_restores_under_a_new_one() {
    sqlite_only!();
    let f = Fixture::seeded();
    f.ok(&["rm", "12"]);
    {
        // What a claimtrack from before ids were given once would have done: reuse #12.
        let conn = rusqlite::Connection::open(&f.db).unwrap();
        conn.execute_batch(
            "INSERT INTO claims (id, uid, text, actor_id, created_at, updated_at)
             VALUES (12, 'reused', 'another claim', 1, 'now', 'now')",
        )
        .unwrap();
    }
    let stderr = f.ok_stderr(&["restore", "12"]);
    assert!(stderr.contains("restored claim #12 as #13"), "{stderr}");
    assert_eq!(f.json(&["show", "12", "--format", "json"])["text"], "another claim");
}

#[test]
fn every_read_sees_one_moment_while_another_process_writes() {
    let f = Fixture::seeded();
    let bin = assert_cmd::cargo::cargo_bin("claimtrack");
    let db = f.location.clone();
    let writer = thread::spawn(move || {
        for _ in 0..40 {
            for id in ["1", "5", "9"] {
                for action in ["rm", "restore"] {
                    let status = Command::new(&bin).args(["--db", &db, action, id]).output().unwrap();
                    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
                }
            }
        }
    });
    let mut runs = 0;
    while !writer.is_finished() || runs < 20 {
        runs += 1;
        for command in [&["disputes", "--format", "json"][..], &["export", "markdown"]] {
            let output = f.cmd(command).output().unwrap();
            assert!(output.status.success(), "{command:?}: {}", String::from_utf8_lossy(&output.stderr));
        }
        // A document always imports: every relation's claims are in it.
        let document = f.ok(&["export", "json"]);
        let copy = Fixture::new();
        copy.ok_with_input(&["import", "-", "--from", "json"], &document);
    }
    writer.join().unwrap();
    assert!(runs >= 20);
}

#[test]
fn processes_creating_one_database_at_once_all_succeed() {
    let f = Fixture::new();
    let bin = assert_cmd::cargo::cargo_bin("claimtrack");
    for round in 0..5 {
        let db = f.another(&format!("new-{round}"));
        let handles: Vec<_> = (0..16)
            .map(|i| {
                let (bin, db) = (bin.clone(), db.clone());
                thread::spawn(move || {
                    Command::new(bin).args(["--db", &db, "add", &format!("claim {i}"), "--by", "A"]).output()
                })
            })
            .collect();
        for handle in handles {
            let output = handle.join().unwrap().unwrap();
            assert!(output.status.success(), "round {round}: {}", String::from_utf8_lossy(&output.stderr));
        }
        let claims = f.json(&["--db", &db, "list", "--format", "json"]);
        assert_eq!(claims.as_array().unwrap().len(), 16);
    }
}

#[test]
fn reading_commands_and_dry_runs_never_make_a_database() {
    let f = Fixture::new();
    if !crate::common::on_postgres() {
        std::fs::write(&f.db, b"").unwrap();
    }
    for args in [&["list"][..], &["check"], &["disputes"], &["export", "json"], &["history"]] {
        let error = f.fails(args, 1);
        assert!(error.contains("no claims database at"), "{args:?}: {error}");
    }
    if !crate::common::on_postgres() {
        assert_eq!(std::fs::metadata(&f.db).unwrap().len(), 0, "the empty file stays empty");
        std::fs::remove_file(&f.db).unwrap();
    }
    let rows = f.path("rows.csv");
    std::fs::write(&rows, "text,actor\nx,A\n").unwrap();
    let stderr = f.ok_stderr(&["import", rows.to_str().unwrap(), "--dry-run"]);
    assert!(stderr.contains("would import") && stderr.contains("1 claim added"), "{stderr}");
    assert!(!f.exists(), "a dry run created a database");
}

#[test]
fn sqlite_a_new_database_is_private_to_its_owner() {
    sqlite_only!();
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    add(&f, "x");
    assert_eq!(std::fs::metadata(&f.db).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn sqlite_check_tells_a_busy_database_from_a_damaged_one() {
    sqlite_only!();
    let f = Fixture::seeded();
    let conn = rusqlite::Connection::open(&f.db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE claims SET notes = 'held' WHERE id = 1;").unwrap();
    let output = f.cmd(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("full-text index: not checked: another process is writing"), "{stderr}");
    assert!(stderr.contains("no problems found, but could not check the full-text index"), "{stderr}");
    assert!(!stderr.contains("out of step"), "{stderr}");
    conn.execute_batch("ROLLBACK").unwrap();
    assert!(f.ok_stderr(&["check"]).contains("no problems found"));
}

/// claimtrack run by an account that file modes bind: this one, or, when the tests run as root
/// (whom modes do not bind), the unprivileged `nobody` by way of util-linux's setpriv.
#[cfg(unix)]
fn as_bound_by_modes(dir: &std::path::Path, db: &std::path::Path, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("claimtrack");
    let mut command = if rustix::process::geteuid().is_root() {
        let mut setpriv = Command::new("setpriv");
        setpriv.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(bin);
        setpriv
    } else {
        Command::new(bin)
    };
    let output = command.current_dir(dir).env("CLAIMTRACK_DB", db).args(args).output();
    output.expect("claimtrack runs (as root, the tests need setpriv from util-linux)")
}

#[test]
#[cfg(unix)]
fn check_on_a_read_only_database_runs_every_check_that_only_reads() {
    sqlite_only!(); // a file and a folder made read-only
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path, mode: u32| std::fs::set_permissions(path, PermissionsExt::from_mode(mode));
    let f = Fixture::seeded();
    // A read-only copy in a read-only folder: SQLite cannot even make the files readers share.
    let shelf = f.path("shelf");
    std::fs::create_dir(&shelf).unwrap();
    let db = shelf.join("claims.db");
    std::fs::copy(&f.db, &db).unwrap();
    mode(f.dir.path(), 0o755).unwrap();
    mode(&db, 0o444).unwrap();
    mode(&shelf, 0o555).unwrap();
    let run = |args: &[&str]| {
        let output = as_bound_by_modes(f.dir.path(), &db, args);
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned(), output.stdout)
    };

    let (code, stderr, _) = run(&["check"]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stderr.contains("full-text index: not checked: the database is read-only"), "{stderr}");
    assert!(stderr.contains("no problems found, but could not check the full-text index"), "{stderr}");
    assert!(!stderr.contains("out of step"), "{stderr}");
    let (code, stderr, listed) = run(&["list", "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&listed).unwrap().as_array().unwrap().len(), 12);
    let (code, stderr, _) = run(&["add", "x", "--by", "A"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("the database cannot be written"), "{stderr}");

    // The checks that only read still find what is wrong.
    mode(&shelf, 0o755).unwrap();
    mode(&db, 0o644).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; UPDATE claims SET actor_id = 999 WHERE id = 3;").unwrap();
    drop(conn);
    mode(&db, 0o444).unwrap();
    mode(&shelf, 0o555).unwrap();
    let (code, stderr, _) = run(&["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("foreign keys: claims row 3 refers to"), "{stderr}");
    assert!(stderr.contains("full-text index: not checked"), "{stderr}");
    assert_eq!(std::fs::read_dir(&shelf).unwrap().count(), 1, "nothing was made in the read-only folder");

    // A database in SQLite's older journal mode (another tool may set it) is read as it is.
    mode(&shelf, 0o755).unwrap();
    mode(&db, 0o644).unwrap();
    rusqlite::Connection::open(&db).unwrap().execute_batch("PRAGMA journal_mode = DELETE").unwrap();
    mode(&db, 0o444).unwrap();
    mode(&shelf, 0o555).unwrap();
    let (code, stderr, _) = run(&["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("foreign keys: claims row 3 refers to"), "{stderr}");
    let (code, stderr, _) = run(&["list"]);
    assert_eq!(code, Some(0), "{stderr}");
    mode(&shelf, 0o755).unwrap();
}

#[test]
fn every_relation_kind_and_the_times_survive_csv_and_json_lines() {
    let f = Fixture::seeded();
    f.ok(&["link", "2", "qualifies", "6"]);
    f.ok(&["link", "3", "responds-to", "7"]);
    f.ok(&["link", "8", "same-as", "10"]);
    f.ok(&["link", "11", "supersedes", "12"]);
    let relations = |f: &Fixture| {
        let doc = f.json(&["export", "json"]);
        let mut all: Vec<String> = doc["relations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("{} {} {}", r["from"], r["kind"], r["to"]))
            .collect();
        all.sort();
        all
    };
    let expected = relations(&f);
    for (format, raw) in [("csv", true), ("csv", false), ("jsonl", false)] {
        let mut args = vec!["export", format];
        if raw {
            args.push("--raw");
        }
        let exported = f.ok(&args);
        let file = f.path(&format!("all.{format}"));
        std::fs::write(&file, &exported).unwrap();
        let copy = Fixture::new();
        copy.ok(&["import", file.to_str().unwrap()]);
        assert_eq!(relations(&copy), expected, "{format} (raw {raw})");
        assert_eq!(copy.ok(&args), exported, "{format} (raw {raw}): export, import, export is the same");
    }
    // JSON lines carry when each claim was logged and changed.
    let lines = f.ok(&["export", "jsonl"]);
    let file = f.path("times.jsonl");
    std::fs::write(&file, &lines).unwrap();
    let copy = Fixture::new();
    let stderr = copy.ok_stderr(&["import", file.to_str().unwrap()]);
    assert!(!stderr.contains("warning"), "{stderr}");
    let (mine, theirs) = (f.json(&["show", "1", "--format", "json"]), copy.json(&["show", "1", "--format", "json"]));
    assert_eq!(mine["created_at"], theirs["created_at"]);
    assert_eq!(mine["updated_at"], theirs["updated_at"]);
}

#[test]
fn importing_the_same_plain_rows_twice_adds_them_once() {
    let f = Fixture::new();
    let rows = f.path("plain.csv");
    std::fs::write(&rows, "text,actor,source,date\nTalks began in 2023,U.S. officials,,2024-01\nx,B,,\n").unwrap();
    f.ok(&["import", rows.to_str().unwrap()]);
    let stderr = f.ok_stderr(&["import", rows.to_str().unwrap()]);
    assert!(stderr.contains("0 claims added") && stderr.contains("note: 2 rows left out"), "{stderr}");
    assert_eq!(f.json(&["list", "--format", "json"]).as_array().unwrap().len(), 2);
    f.ok(&["import", rows.to_str().unwrap(), "--allow-duplicates"]);
    assert_eq!(f.json(&["list", "--format", "json"]).as_array().unwrap().len(), 4);
    // A duplicate repeats what was stored before the import: rows a file repeats are its own
    // business, kept as they are on an empty database, however far apart (and an import is not
    // slowed by searching its own rows).
    let mut csv = String::from("text,actor\nsaid twice,B\n");
    (0..3000).for_each(|i| csv.push_str(&format!("row {i},B\n")));
    csv.push_str("said twice,B\nx,B\n");
    let repeated = f.path("repeated.csv");
    std::fs::write(&repeated, csv).unwrap();
    let stderr = f.ok_stderr(&["import", repeated.to_str().unwrap()]);
    assert!(stderr.contains("note: 1 row left out"), "{stderr}");
    assert_eq!(f.json(&["list", "--format", "json"]).as_array().unwrap().len(), 4 + 3002);
}

#[test]
fn links_another_tool_broke_give_a_clear_error_never_a_panic() {
    sqlite_only!(); // a server keeps its foreign keys: no other tool can break them so
    let f = Fixture::seeded();
    let conn = rusqlite::Connection::open(&f.db).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO relations (from_id, kind, to_id, created_at) VALUES (1, 'contradicts', 999, '2024-01-01T00:00:00Z');
         INSERT INTO relations (from_id, kind, to_id, created_at) VALUES (998, 'supports', 2, '2024-01-01T00:00:00Z');",
    )
    .unwrap();
    drop(conn);
    let every_reader: &[&[&str]] = &[
        &["list"],
        &["show", "1"],
        &["show", "1", "--format", "json"],
        &["disputes"],
        &["search", "Iraq"],
        &["history"],
        &["verify"],
        &["lint"],
        &["export", "json"],
        &["export", "jsonl"],
        &["export", "csv"],
        &["export", "markdown"],
        &["export", "dot"],
        &["export", "xlsx", "-o", "story.xlsx"],
        &["report", "-o", "story.html"],
    ];
    for args in every_reader {
        let output = f.cmd(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(matches!(output.status.code(), Some(0 | 1)), "{args:?} ended with {:?}: {stderr}", output.status);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if output.status.code() == Some(1) {
            assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
            assert!(
                stderr.contains("refers to claim #99") && stderr.contains("claimtrack check"),
                "{args:?}: {stderr}"
            );
        }
    }
    let disputes = f.cmd(&["disputes"]).output().unwrap();
    assert!(String::from_utf8_lossy(&disputes.stderr).contains(", which is not there (another tool broke its links)"));
    let check = f.cmd(&["check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("foreign keys: relations row"));
}
