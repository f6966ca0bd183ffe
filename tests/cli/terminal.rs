//! Output on a real (pseudo-)terminal: control characters from the data shown as escapes, the
//! pager as git runs it, and the terminal's own width. Piped output stays faithful to the data.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::process::{Command, Stdio};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

use crate::common::Fixture;

/// A claim that would retitle the window, clear the screen, ring the bell and overwrite its
/// own line if printed raw (a C1 CSI too).
const HOSTILE: &str = "Talks began\u{1b}]0;owned\u{7} early\u{1b}[2J\rfake\u{9b}1A\u{8}\u{7f}";

struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

/// claimtrack with standard output on a terminal `columns` wide (COLUMNS unset, so the
/// terminal's own size counts) and `env` added.
fn on_terminal(f: &Fixture, args: &[&str], columns: u16, env: &[(&str, &str)]) -> Run {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let terminal = OpenOptions::new().read(true).write(true).open(name.to_str().unwrap()).unwrap();
    tcsetwinsize(&terminal, Winsize { ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0 }).unwrap();

    let mut command = Command::new(assert_cmd::cargo::cargo_bin("claimtrack"));
    command
        .current_dir(f.dir.path())
        .env("CLAIMTRACK_DB", &f.location)
        .env_remove("COLUMNS")
        .env_remove("LINES")
        .env_remove("CLAIMTRACK_PAGER")
        .env_remove("PAGER")
        .envs(env.iter().copied())
        .args(args)
        .stdin(Stdio::null())
        .stdout(terminal)
        .stderr(Stdio::piped());
    let child = command.spawn().unwrap();
    drop(command); // its copy of the terminal, so that reading ends when claimtrack's does

    let reader = std::thread::spawn(move || {
        let mut master = File::from(master);
        let mut bytes = Vec::new();
        let mut buf = [0; 4096];
        // Linux answers EIO once the last writer has closed the terminal.
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        bytes
    });
    let output = child.wait_with_output().unwrap();
    let bytes = reader.join().unwrap();
    // The terminal turns each line break into CR LF; give back what claimtrack wrote.
    let stdout = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
    Run { stdout, stderr: String::from_utf8(output.stderr).unwrap(), code: output.status.code() }
}

fn assert_nothing_raw(text: &str, what: &str) {
    let raw: Vec<char> = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\t')).collect();
    assert!(raw.is_empty(), "{what}: raw control characters {raw:?} reached the terminal:\n{text}");
}

fn hostile_fixture() -> Fixture {
    let f = Fixture::new();
    f.ok(&["add", HOSTILE, "--by", "Someone\u{1b}[31m red", "--tag", "talks"]);
    f
}

#[test]
fn data_on_a_terminal_shows_controls_as_escapes_in_every_format() {
    let f = hostile_fixture();
    let no_pager = [("PAGER", "cat")];
    for args in [
        &["list"][..],
        &["list", "--format", "tsv"],
        &["list", "--format", "csv"],
        &["list", "--format", "markdown"],
        &["list", "--format", "json"],
        &["show", "1"],
        &["show", "1", "--format", "tsv"],
        &["search", "talks"],
        &["actor", "list"],
        &["history"],
    ] {
        let run = on_terminal(&f, args, 120, &no_pager);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert_nothing_raw(&run.stdout, &format!("{args:?}"));
        let shown = if args[0] == "actor" { "Someone\\e[31m red" } else { "\\e]0;owned\\x07" };
        if !args.contains(&"json") {
            assert!(run.stdout.contains(shown), "{args:?}: {}", run.stdout);
        }
    }
    let table = on_terminal(&f, &["list"], 200, &no_pager).stdout;
    assert!(table.contains("\\e[2J\\rfake\\x9b1A\\x08\\x7f"), "{table}");
    assert!(table.contains("Someone\\e[31m red"), "{table}");
}

#[test]
fn piped_output_stays_faithful_to_the_data() {
    let f = hostile_fixture();
    let tsv = f.ok(&["list", "--format", "tsv"]);
    assert!(tsv.contains("Talks began\u{1b}]0;owned\u{7} early\u{1b}[2J\\rfake\u{9b}1A\u{8}\u{7f}"), "{tsv:?}");
    let json = f.json(&["list", "--format", "json"]);
    assert_eq!(json[0]["text"], HOSTILE);
    let csv = f.ok(&["list", "--format", "csv"]);
    assert!(csv.contains(HOSTILE), "{csv:?}");
}

#[test]
fn a_terminal_gets_a_table_as_wide_as_it_is() {
    let f = Fixture::seeded();
    for columns in [80, 120] {
        let run = on_terminal(&f, &["list", "--no-pager"], columns, &[]);
        assert!(run.stdout.starts_with('┌'), "{}", run.stdout);
        let widest = run.stdout.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= usize::from(columns) && widest > usize::from(columns) - 10, "{columns}: {widest}");
    }
}

#[test]
fn the_pager_reads_the_output_on_a_terminal_only() {
    let f = Fixture::seeded();
    let paged = f.path("paged.txt");
    let pager = format!("cat > '{}'", paged.display());

    let run = on_terminal(&f, &["list"], 100, &[("PAGER", &pager)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "the pager had the output, not the terminal: {}", run.stdout);
    let text = std::fs::read_to_string(&paged).unwrap();
    assert!(text.starts_with('┌') && text.contains("seed-2024-01-27"), "{text}");
    std::fs::remove_file(&paged).unwrap();

    // CLAIMTRACK_PAGER comes before PAGER.
    let run = on_terminal(&f, &["show", "1"], 100, &[("PAGER", "false"), ("CLAIMTRACK_PAGER", &pager)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(std::fs::read_to_string(&paged).unwrap().contains("U.S. officials"));
    std::fs::remove_file(&paged).unwrap();

    // --no-pager, commands that change things, and pipes never start it.
    let run = on_terminal(&f, &["list", "--no-pager"], 100, &[("PAGER", &pager)]);
    assert!(run.stdout.contains("seed-2024-01-27"));
    on_terminal(&f, &["add", "x", "--by", "y"], 100, &[("PAGER", &pager)]);
    let piped = f.cmd(&["list"]).env("PAGER", &pager).output().unwrap();
    assert!(String::from_utf8(piped.stdout).unwrap().starts_with("id\tuid\t"));
    assert!(!paged.exists(), "the pager ran where it should not");
}

#[test]
fn a_missing_pager_leaves_the_output_plain() {
    let f = Fixture::seeded();
    let run = on_terminal(&f, &["list"], 100, &[("PAGER", "/nonexistent/pager -R")]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.starts_with('┌') && run.stdout.contains("seed-2024-01-27"), "{}", run.stdout);
    assert!(run.stderr.contains("cannot start the pager \"/nonexistent/pager -R\""), "{}", run.stderr);
}

#[test]
fn an_error_comes_after_the_pager_has_finished() {
    let f = Fixture::seeded();
    let paged = f.path("paged.txt");
    let run = on_terminal(&f, &["show", "99"], 100, &[("PAGER", &format!("cat > '{}'", paged.display()))]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}
