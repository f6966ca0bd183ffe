//! Hostile input, one row each: the command, what it reads, the exit code, and a fragment of the
//! error it must end with. Every row runs twice: on a database holding the seed story, which
//! must come out unchanged, and where there is no database yet, where none may be left behind.
//! Each run is capped at 2 GB of address space (where the shell can set that), so a reader that
//! grows with its input fails the row instead of the machine. To add a case, add a row.

use std::fs::File;
use std::process::{Command, Stdio};

use crate::common::Fixture;

/// What the command reads, besides its arguments.
enum Input {
    Nothing,
    /// A file written into the test's folder; `{file}` in the arguments is its path.
    File(&'static str, Vec<u8>),
    /// Standard input, as bytes.
    Stdin(Vec<u8>),
    /// Standard input from a device, such as /dev/zero.
    StdinFrom(&'static str),
    /// A folder made in the test's folder; `{file}` is its path.
    Folder(&'static str),
    /// A named pipe in the test's folder that a writer fills with these bytes; `{file}` is its path.
    #[cfg(unix)]
    Pipe(&'static str, Vec<u8>),
}

struct Row {
    args: &'static [&'static str],
    input: Input,
    code: i32,
    /// Must appear in the last line, the one starting "error: ".
    error: &'static str,
}

fn row(args: &'static [&'static str], input: Input, code: i32, error: &'static str) -> Row {
    Row { args, input, code, error }
}

fn file(name: &'static str, bytes: impl Into<Vec<u8>>) -> Input {
    Input::File(name, bytes.into())
}

/// `size` bytes of `fill`, after `head`.
fn long(head: &str, fill: u8, size: usize) -> Vec<u8> {
    let mut bytes = head.as_bytes().to_vec();
    bytes.resize(head.len() + size, fill);
    bytes
}

const MB: usize = 1 << 20;

/// The bytes of a SQLite database that is not a claimtrack one.
fn foreign_database() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("places.sqlite");
    rusqlite::Connection::open(&path).unwrap().execute_batch("CREATE TABLE places (url TEXT)").unwrap();
    std::fs::read(path).unwrap()
}

fn rows() -> Vec<Row> {
    use Input::*;
    let document = |size: usize| {
        let mut bytes = b"{\"claimtrack\": 1, \"claims\": {}".to_vec();
        bytes.resize(size, b' ');
        bytes.extend(b"}\n");
        bytes
    };
    vec![
        // Devices and binary files: refused at their first bytes, whatever format is asked for.
        row(&["import", "/dev/zero"], Nothing, 1, "/dev/zero: not text (a NUL byte at offset 0)"),
        row(&["import", "/dev/zero", "--from", "csv"], Nothing, 1, "not text (a NUL byte"),
        row(&["import", "/dev/zero", "--from", "tsv"], Nothing, 1, "not text (a NUL byte"),
        row(&["import", "/dev/zero", "--from", "jsonl"], Nothing, 1, "not text (a NUL byte"),
        row(&["import", "/dev/zero", "--from", "json"], Nothing, 1, "not text (a NUL byte"),
        row(&["import", "-"], StdinFrom("/dev/zero"), 1, "standard input: not text (a NUL byte at offset 0)"),
        row(&["import", "-", "--from", "json"], StdinFrom("/dev/zero"), 1, "standard input: not text"),
        row(&["extract", "/dev/zero"], Nothing, 1, "/dev/zero: not text (a NUL byte at offset 0)"),
        row(&["extract", "-"], StdinFrom("/dev/zero"), 1, "standard input: not text"),
        row(&["source", "add", "x", "--text-file", "/dev/zero"], Nothing, 1, "--text-file: /dev/zero: not text"),
        // Another database to import is read by SQLite from its path: a regular file, or nothing.
        row(&["import", "/dev/zero", "--from", "db"], Nothing, 1, "cannot open /dev/zero: it is a device or other"),
        #[cfg(unix)]
        row(&["import", "{file}"], Pipe("pipe.db", long("SQLite format 3\0", 0, 8192)), 1, "it is a device or other"),
        row(&["import", "{file}"], Folder("folder.db"), 1, "is a folder: give a CSV, TSV, JSON or claimtrack database"),
        row(&["import", "{file}", "--from", "db"], Folder("folder"), 1, "is a folder"),
        row(
            &["import", "{file}"],
            file("places.sqlite", foreign_database()),
            1,
            "a SQLite database, but not a claimtrack one",
        ),
        row(
            &["import", "{file}", "--from", "db"],
            file("a.csv", "text,actor\nx,A\n"),
            1,
            "not a SQLite database; without --from db",
        ),
        row(
            &["import", "{file}"],
            file("u16.csv", b"t\0e\0x\0t\0,\0a\0c\0t\0o\0r\0\n\0".to_vec()),
            1,
            "--encoding utf-16le",
        ),
        row(&["import", "{file}"], file("book.xlsx", b"PK\x03\x04\x14\0\x06\0".to_vec()), 1, "save it as CSV"),
        // Text without end: each reader stops at its limit.
        row(&["import", "{file}"], file("long.csv", long("text,actor\n", b'x', 17 * MB)), 1, "1 problem"),
        row(&["import", "-", "--from", "csv"], Stdin(long("text,actor\n\"", b'\n', 17 * MB)), 1, "1 problem"),
        row(&["import", "{file}"], file("long.tsv", long("text\tactor\n", b'x', 17 * MB)), 1, "1 problem"),
        row(&["import", "{file}"], file("long.jsonl", long("{\"text\": \"", b'x', 17 * MB)), 1, "1 problem"),
        row(&["import", "-"], Stdin(long("text,actor\nx", b'y', 17 * MB)), 1, "1 problem"),
        row(&["import", "{file}", "--max-document-mb", "1"], file("big.json", document(2 * MB)), 1, "over 1 MB"),
        row(&["extract", "-"], Stdin(long("", b'w', 65 * MB)), 1, "standard input: over 64 MB"),
        row(
            &["source", "add", "x", "--text-file", "{file}"],
            file("book.txt", long("", b'w', 65 * MB)),
            1,
            "over 64 MB",
        ),
        // Values of the wrong kind: refused, never converted.
        row(&["import", "{file}"], file("a.jsonl", "{\"text\": \"t\", \"actor\": [\"x\", \"y\"]}\n"), 1, "1 problem"),
        row(&["import", "{file}"], file("a.jsonl", "{\"text\": 5, \"actor\": \"A\"}\n"), 1, "1 problem"),
        row(&["import", "{file}"], file("a.jsonl", "{\"text\": \"t\", \"actor\": null}\n"), 1, "1 problem"),
        row(
            &["import", "{file}"],
            file("a.jsonl", "{\"text\": \"t\", \"actor\": \"A\", \"tags\": [1]}\n"),
            1,
            "1 problem",
        ),
        row(
            &["import", "{file}"],
            file("a.jsonl", "{\"text\": \"t\", \"actor\": \"A\", \"text\": \"u\"}\n"),
            1,
            "1 problem",
        ),
        row(&["import", "{file}"], file("a.csv", "text,actor\n\"x\"y,A\n"), 1, "1 problem"),
        row(
            &["import", "{file}", "--relations"],
            file("r.jsonl", "{\"from\": 1, \"kind\": 2, \"to\": 3}\n"),
            1,
            "1 problem",
        ),
        // Ids no JSON reader holds exactly.
        row(&["import", "{file}"], file("id.csv", "id,text,actor\n9223372036854775807,x,A\n"), 1, "1 problem"),
        row(
            &["import", "{file}"],
            file(
                "id.json",
                "{\"claimtrack\": 1, \"actors\": {\"a\": {\"name\": \"A\"}}, \"claims\": {\"c\": {\"id\": 9007199254740993, \"text\": \"x\", \"actor\": \"a\"}}}",
            ),
            1,
            "claim id 9007199254740993 is not usable",
        ),
        // Locations that are not a database file.
        row(&["--db", ":memory:", "add", "x", "--by", "A"], Nothing, 1, "in-memory database, which would keep nothing"),
        row(&["--db", "file:x.db?mode=memory", "list"], Nothing, 1, "in-memory database"),
        row(&["--db", "file:uri.db", "add", "x", "--by", "A"], Nothing, 1, "is a SQLite URI"),
        row(&["--db", "/dev/null", "add", "x", "--by", "A"], Nothing, 1, "cannot open /dev/null: it is a device"),
        row(&["--db", "/dev/null", "list"], Nothing, 1, "cannot open /dev/null: it is a device"),
        row(&["--db", "/", "add", "x", "--by", "A"], Nothing, 1, "it is a folder, not a database file"),
        row(&["--db", "mysql://db/news", "list"], Nothing, 1, "unknown scheme \"mysql\""),
        // Options that cannot be right.
        row(&["--format", "csv", "import", "{file}"], file("a.csv", "text,actor\nx,A\n"), 2, "use --from csv"),
        row(&["import", "json", "-"], Stdin(b"{}".to_vec()), 1, "write --from json"),
        row(&["import", "{file}", "--delimiter", "ab"], file("a.csv", "text,actor\nx,A\n"), 1, "give one character"),
        row(&["import", "{file}", "--encoding", "klingon"], file("a.csv", "text,actor\nx,A\n"), 1, "unknown encoding"),
        row(&["import", "-", "-"], Stdin(b"text,actor\nx,A\n".to_vec()), 1, "can be read only once"),
    ]
}

/// Run one row; returns its exit code and standard error.
fn run(f: &Fixture, row: &Row) -> (Option<i32>, String) {
    let path = match &row.input {
        Input::File(name, bytes) => {
            let path = f.path(name);
            std::fs::write(&path, bytes).unwrap();
            path.to_str().unwrap().to_string()
        }
        Input::Folder(name) => {
            let path = f.path(name);
            std::fs::create_dir_all(&path).unwrap();
            path.to_str().unwrap().to_string()
        }
        #[cfg(unix)]
        Input::Pipe(name, bytes) => {
            let path = f.path(name);
            let _ = std::fs::remove_file(&path);
            assert!(Command::new("mkfifo").arg(&path).status().unwrap().success(), "mkfifo {path:?}");
            let (writer_path, bytes) = (path.clone(), bytes.clone());
            // Opening a pipe waits for its reader; a reader that stops early closes it on the writer.
            std::thread::spawn(move || {
                let _ = std::fs::OpenOptions::new()
                    .write(true)
                    .open(writer_path)
                    .and_then(|mut pipe| std::io::Write::write_all(&mut pipe, &bytes));
            });
            path.to_str().unwrap().to_string()
        }
        _ => String::new(),
    };
    let args: Vec<String> = row.args.iter().map(|a| a.replace("{file}", &path)).collect();
    let mut command = Command::new("sh");
    command
        .args(["-c", "ulimit -v 2000000 2>/dev/null; exec \"$0\" \"$@\""])
        .arg(assert_cmd::cargo::cargo_bin("claimtrack"))
        .args(&args)
        .current_dir(f.dir.path())
        .env("CLAIMTRACK_DB", &f.location)
        .env_remove("CLAIMTRACK_USER")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut stdin_bytes = None;
    match &row.input {
        Input::StdinFrom(device) => {
            command.stdin(File::open(device).unwrap());
        }
        Input::Stdin(bytes) => {
            command.stdin(Stdio::piped());
            stdin_bytes = Some(bytes.clone());
        }
        _ => {
            command.stdin(Stdio::null());
        }
    }
    let mut child = command.spawn().unwrap();
    if let Some(bytes) = stdin_bytes {
        let mut stdin = child.stdin.take().unwrap();
        // claimtrack may stop reading early: a closed pipe is the expected outcome then.
        std::thread::spawn(move || {
            let _ = std::io::Write::write_all(&mut stdin, &bytes);
        });
    }
    let output = child.wait_with_output().unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn hostile_input_ends_at_once_with_one_clear_error_and_nothing_written() {
    let seeded = Fixture::seeded();
    let before = seeded.snapshot();
    for row in rows() {
        let empty = Fixture::new();
        for f in [&seeded, &empty] {
            let (code, stderr) = run(f, &row);
            let shown = format!("claimtrack {:?}: {stderr}", row.args);
            assert_eq!(code, Some(row.code), "{shown}");
            let lines: Vec<&str> = stderr.lines().collect();
            assert!(lines.len() <= 2, "at most the fault and the error: {shown}");
            let last = lines.last().copied().unwrap_or("");
            assert!(last.starts_with("error: ") && last.contains(row.error), "wanted {:?}: {shown}", row.error);
            assert!(last.len() < 400, "{shown}");
        }
        assert_eq!(before, seeded.snapshot(), "claimtrack {:?} changed the database", row.args);
        assert!(!empty.db.exists(), "claimtrack {:?} left a database behind", row.args);
    }
}

#[test]
fn the_fault_names_where_and_what() {
    // The rows above check the ending; these check the fault line before it.
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "a.jsonl",
            b"{\"text\": \"t\", \"actor\": [\"x\", \"y\"]}\n",
            "line 1, field \"actor\": expected one actor's name as text, found a list",
        ),
        ("a.jsonl", b"{\"text\": 5, \"actor\": \"A\"}\n", "line 1, field \"text\": expected text, found a number"),
        ("a.jsonl", b"{\"text\": \"t\", \"actor\": null}\n", "line 1, field \"actor\": expected text, found null"),
        ("a.csv", b"text,actor\nok,A\n\"x\"y,A\n", "line 3, column 1 (text): text after the closing quote"),
    ];
    let f = Fixture::new();
    for (name, bytes, fault) in cases {
        let path = f.path(name);
        std::fs::write(&path, bytes).unwrap();
        let output = f.cmd(&["import", path.to_str().unwrap()]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.lines().next().unwrap_or("").contains(fault), "{name}: {stderr}");
    }
    let big = long("text,actor\nok,A\n", b'x', 17 * MB);
    let output = f.cmd(&["import", "-", "--from", "csv"]).write_stdin(big).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("standard input: line 3: a record over 16 MB; is this really CSV?"), "{stderr}");
}
