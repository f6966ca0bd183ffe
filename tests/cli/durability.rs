//! The guarantees: concurrent writers, crash-safe imports, backups while writing, hostile text.

use std::collections::HashSet;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::common::Fixture;

fn claimtrack() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin("claimtrack"))
}

fn count_claims(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0)).unwrap()
}

fn integrity(db: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

/// The engine's own check of the whole database: SQLite's pages, or `check` on the server.
fn sound(f: &Fixture) -> bool {
    if crate::common::on_postgres() {
        f.cmd(&["check"]).output().unwrap().status.success()
    } else {
        integrity(&f.db) == "ok"
    }
}

#[test]
fn sixteen_writers_at_once_all_succeed() {
    let f = Fixture::new();
    f.ok(&["init"]);
    let writers: Vec<_> = (0..16)
        .map(|writer| {
            let db = f.location.clone();
            std::thread::spawn(move || {
                let mut errors = String::new();
                for n in 0..50 {
                    let output = claimtrack()
                        .env("CLAIMTRACK_DB", &db)
                        .args(["add", &format!("Claim {n} from writer {writer}"), "--by", &format!("Writer {writer}")])
                        .output()
                        .unwrap();
                    if !output.status.success() || !output.stderr.is_empty() && n > 0 {
                        errors.push_str(&String::from_utf8_lossy(&output.stderr));
                    }
                }
                errors
            })
        })
        .collect();
    let errors: String = writers.into_iter().map(|w| w.join().unwrap()).collect();
    assert!(errors.is_empty(), "writers failed: {errors}");
    let claims = f.json(&["list", "--format", "json"]);
    let claims = claims.as_array().unwrap();
    assert_eq!(claims.len(), 800);
    let uids: HashSet<&str> = claims.iter().map(|c| c["uid"].as_str().unwrap()).collect();
    assert_eq!(uids.len(), 800);
    assert!(sound(&f));
}

#[test]
fn an_import_killed_part_way_leaves_all_or_nothing() {
    let f = Fixture::seeded();
    let rows = 20_000;
    let mut csv = String::from("text,actor,source,tags,date\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "\"Claim {i}: officials said the talks, \"\"long planned\"\", are on schedule\",Actor {},src-{},a;b,2024-01-{:02}\n",
            i % 500,
            i % 40,
            i % 28 + 1
        ));
    }
    let file = f.path("big.csv");
    std::fs::write(&file, csv).unwrap();
    let before = f.count("claims");

    let mut child = claimtrack()
        .env("CLAIMTRACK_DB", crate::common::with_label(&f.location, "killed-import"))
        .args(["import", file.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import is writing (its transaction spills pages into the WAL, or holds a
    // transaction id on the server), then kill it.
    let wal = f.path("claims.db-wal");
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none()
        && !writing(&wal, &crate::common::label_of(&f.location, "killed-import"))
        && started.elapsed().as_secs() < 120
    {
        std::thread::yield_now();
    }
    child.kill().ok(); // SIGKILL
    child.wait().unwrap();

    assert!(sound(&f));
    let after_kill = f.count("claims");
    assert!(after_kill == before || after_kill == before + rows, "{after_kill} claims: half an import");
    f.ok(&["check"]);

    let stderr = f.ok_stderr(&["import", file.to_str().unwrap()]);
    assert!(stderr.contains(&format!("{rows} claims added")), "{stderr}");
    assert_eq!(f.count("claims"), after_kill + rows);
    assert!(sound(&f));
}

/// Whether an import is under way: SQLite's journal has grown, or a claimtrack session on the
/// server holds a transaction that has written (it has a transaction id).
fn writing(wal: &std::path::Path, label: &str) -> bool {
    match crate::common::postgres_url() {
        Some(url) => crate::common::admin(&url)
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                                 WHERE application_name = $1 AND backend_xid IS NOT NULL)",
                &[&label],
            )
            .unwrap()
            .get(0),
        None => std::fs::metadata(wal).map_or(0, |m| m.len()) >= 1 << 20,
    }
}

#[test]
fn a_backup_taken_while_another_process_writes_is_whole() {
    let f = Fixture::seeded();
    let db = f.location.clone();
    let writer = std::thread::spawn(move || {
        for n in 0..25 {
            let status = claimtrack()
                .env("CLAIMTRACK_DB", &db)
                .args(["add", &format!("Written during the backup {n}"), "--by", "Writer"])
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
        }
    });
    for n in 0..3 {
        let target = f.path(&format!("backup-{n}.db"));
        f.ok(&["backup", target.to_str().unwrap()]);
        assert_eq!(integrity(&target), "ok");
        let claims = count_claims(&target);
        assert!((12..=37).contains(&claims), "{claims}");
        f.ok(&["--db", target.to_str().unwrap(), "check"]);
        assert_eq!(
            f.json(&["--db", target.to_str().unwrap(), "list", "--format", "json"]).as_array().unwrap().len() as i64,
            claims
        );
    }
    writer.join().unwrap();
    assert_eq!(f.count("claims"), 37);
}

#[test]
fn hostile_text_is_stored_and_printed_back_byte_for_byte() {
    let f = Fixture::new();
    let strings = [
        "'); DROP TABLE claims;--",
        "Robert'); DELETE FROM actors WHERE ('1'='1",
        "\u{202e}gnp.exe\u{202c} right-to-left override and \u{200f}RLM",
        "emoji 🇮🇶🇺🇸 👨‍👩‍👧 and combining e\u{301} a\u{308}\u{332}",
        "null\u{0}byte inside",
        "\"quotes\", commas,\nnew\r\nlines\tand tabs \\ backslashes",
        "%s %n {} {{}} $(rm -rf /) `id` <script>alert(1)</script>",
    ];
    let long = "long ".repeat(30_000);
    // PostgreSQL's text cannot hold U+0000: there, such a row is refused in one line, nothing written.
    let on_server = crate::common::on_postgres();
    if on_server {
        let row = json!({"text": "null\u{0}byte", "actor": "a"}).to_string();
        let output = f.cmd(&["import", "-", "--from", "jsonl"]).write_stdin(row).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("cannot store the NUL character (U+0000)"), "{stderr}");
        assert!(!f.exists(), "a refused first import leaves no story behind");
    }
    let strings: Vec<&str> = strings.into_iter().filter(|t| !on_server || !t.contains('\u{0}')).collect();
    let mut lines = String::new();
    for (i, text) in strings.iter().chain([&long.as_str()]).enumerate() {
        let line = json!({"text": text, "actor": format!("{text} #{i}"), "source": format!("key {text} {i}"), "quote": text, "notes": text, "tags": [format!("t{i}")]});
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    f.ok_with_input(&["import", "-", "--from", "jsonl"], &lines);
    let exported: Vec<Value> = f.ok(&["export", "jsonl"]).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for (i, text) in strings.iter().chain([&long.as_str()]).enumerate() {
        let claim = &exported[i];
        assert_eq!(claim["text"].as_str().unwrap().as_bytes(), text.as_bytes(), "text {i}");
        assert_eq!(claim["quote"].as_str().unwrap().as_bytes(), text.as_bytes(), "quote {i}");
        assert_eq!(claim["notes"].as_str().unwrap().as_bytes(), text.as_bytes(), "notes {i}");
        assert_eq!(claim["actor"].as_str().unwrap(), format!("{text} #{i}"), "actor {i}");
        assert_eq!(claim["source"].as_str().unwrap(), format!("key {text} {i}"), "source {i}");
    }
    // The same through the command line (which cannot carry a NUL) and back out of `show`.
    for text in strings.iter().filter(|t| !t.contains('\u{0}')) {
        let id = f.ok(&["add", text, "--by", text, "--note", text]);
        let shown = f.json(&["show", id.trim(), "--format", "json"]);
        assert_eq!(shown["text"].as_str().unwrap().as_bytes(), text.as_bytes());
        assert_eq!(shown["actor"].as_str().unwrap().as_bytes(), text.as_bytes());
        let source = format!("k{}", id.trim());
        let _ = source;
    }
    assert!(sound(&f));
    assert!(f.count("claims") > 0 && f.count("actors") > 0, "nothing was dropped");
}

#[test]
fn no_sql_is_built_with_format_from_user_input() {
    // Statements are literals; the only assembled ones join fixed fragments (filters). A
    // format! that starts an SQL statement would be the first step to injection.
    let mut offenders = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let compact = line.replace(' ', "");
                for keyword in ["SELECT", "INSERT", "UPDATE", "DELETE", "PRAGMA", "CREATE", "DROP", "VACUUM"] {
                    if compact.contains(&format!("format!(\"{keyword}"))
                        || compact.contains(&format!("format!(r\"{keyword}"))
                    {
                        offenders.push(format!("{}:{}: {line}", path.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// The names of the files in a folder, sorted.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_killed_export_leaves_a_scratch_file_the_next_one_clears() {
    let f = Fixture::new();
    let mut csv = String::from("text,actor,notes\n");
    for i in 0..20_000 {
        csv.push_str(&format!("Claim {i} about the talks and the attacks,Actor {},{}\n", i % 300, "n".repeat(200)));
    }
    f.ok_with_input(&["import", "-", "--from", "csv"], &csv);
    let out = f.path("out");
    std::fs::create_dir(&out).unwrap();

    let mut child = claimtrack()
        .env("CLAIMTRACK_DB", &f.location)
        .args(["export", "csv", "-o", out.join("claims.csv").to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once its scratch file holds a megabyte: half-way through.
    let scratch_size =
        || std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).max().unwrap_or(0);
    while child.try_wait().unwrap().is_none() && scratch_size() < 1 << 20 {
        std::thread::yield_now();
    }
    child.kill().ok(); // SIGKILL
    assert!(child.wait().unwrap().code().is_none(), "the export ended before it could be killed");
    let left = names_in(&out);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".claimtrack-export-"), "{left:?}");

    // A scratch file whose process still runs (this one) is another export at work: kept.
    let pid = left[0].trim_start_matches(".claimtrack-export-").split('-').next().unwrap();
    let live = left[0].replacen(pid, &std::process::id().to_string(), 1);
    std::fs::write(out.join(&live), b"being written").unwrap();
    f.ok(&["export", "csv", "-o", out.join("claims.csv").to_str().unwrap()]);
    assert_eq!(names_in(&out), [live.as_str(), "claims.csv"], "the killed export's file is gone");
    assert_eq!(std::fs::read(out.join(&live)).unwrap(), b"being written");
}

#[test]
fn a_write_that_meets_a_full_disk_says_so_and_leaves_nothing() {
    // A file-size limit (with its signal ignored) makes a write fail as a full disk does.
    let f = Fixture::seeded();
    let mut csv = String::from("text,actor,notes\n");
    for i in 0..3000 {
        csv.push_str(&format!("Claim {i},Actor {},{}\n", i % 30, "n".repeat(300)));
    }
    f.ok_with_input(&["import", "-", "--from", "csv"], &csv);
    let out = f.path("out");
    std::fs::create_dir(&out).unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&["backup", "out/copy.db"], "cannot back up to out/copy.db: the disk failed to read or write"),
        (
            &["export", "csv", "-o", "out/claims.csv"],
            "cannot write out/claims.csv: the file grew past the largest size",
        ),
        (&["export", "xlsx", "-o", "out/claims.xlsx"], "cannot write out/claims.xlsx: the file grew past"),
        (&["report", "-o", "out/story.html"], "cannot write out/story.html: the file grew past"),
    ];
    for (args, error) in cases {
        let output = Command::new("sh")
            .args(["-c", "trap '' XFSZ; ulimit -f 200; exec \"$0\" \"$@\""])
            .arg(assert_cmd::cargo::cargo_bin("claimtrack"))
            .args(args)
            .current_dir(f.dir.path())
            .env("CLAIMTRACK_DB", &f.location)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: ") && stderr.contains(error), "{args:?}: {stderr}");
        assert!(names_in(&out).is_empty(), "{args:?} left {:?}", names_in(&out));
    }
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let output = claimtrack().env("CLAIMTRACK_DB", &f.location).args(["export", "csv"]).stdout(full).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim(), "error: cannot write standard output: the disk is full: free some space and try again");
}

#[test]
fn an_export_into_a_pipe_writes_into_it_and_leaves_it_a_pipe() {
    let f = Fixture::seeded();
    let fifo = f.path("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    f.ok(&["export", "csv", "-o", fifo.to_str().unwrap()]);
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "a file took the pipe's place");
    assert!(reader.join().unwrap().starts_with("id,uid,text"));
}
