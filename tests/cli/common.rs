//! A temporary database and ways to run claimtrack against it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub struct Fixture {
    pub dir: TempDir,
    pub db: PathBuf,
}

/// The seed story shipped in samples/: 12 claims, 6 actors, 10 relations.
pub fn seed_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/iraq-coalition-talks.json")
}

/// PATH with the claimtrack under test first, as `cargo install` would leave it.
pub fn path_with_claimtrack() -> std::ffi::OsString {
    let binary = assert_cmd::cargo::cargo_bin("claimtrack");
    let mut dirs = vec![binary.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(dirs).unwrap()
}

impl Fixture {
    /// An empty folder; the database file does not exist yet.
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("claims.db");
        Fixture { dir, db }
    }

    /// A database holding the seed story (claims #1-#12).
    pub fn seeded() -> Fixture {
        let fixture = Fixture::new();
        fixture.ok(&["import", seed_file().to_str().unwrap()]);
        fixture
    }

    /// claimtrack with this fixture's database and a clean environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("claimtrack").expect("the claimtrack binary");
        cmd.current_dir(self.dir.path())
            .env("CLAIMTRACK_DB", &self.db)
            .env_remove("CLAIMTRACK_USER")
            .env("COLUMNS", "200")
            .args(args);
        cmd
    }

    /// Run and expect success; returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.cmd(args).output().expect("claimtrack runs");
        assert!(
            output.status.success(),
            "claimtrack {args:?} failed with {:?}: {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// Run and expect success; returns standard error.
    pub fn ok_stderr(&self, args: &[&str]) -> String {
        let output = self.cmd(args).output().expect("claimtrack runs");
        assert!(output.status.success(), "claimtrack {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stderr).expect("UTF-8 messages")
    }

    /// Run with standard input; expect success; returns standard output.
    pub fn ok_with_input(&self, args: &[&str], input: &str) -> String {
        let output = self.cmd(args).write_stdin(input).output().expect("claimtrack runs");
        assert!(output.status.success(), "claimtrack {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// Run and expect exit `code` with exactly one line on standard error, starting "error: ";
    /// returns that line.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.cmd(args).output().expect("claimtrack runs");
        let stderr = String::from_utf8(output.stderr).expect("UTF-8 messages");
        assert_eq!(output.status.code(), Some(code), "claimtrack {args:?}: {stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one line of error expected from {args:?}, got: {stderr}");
        assert!(lines[0].starts_with("error: "), "{stderr}");
        lines[0].to_string()
    }

    /// The whole database as claimtrack's JSON document: equal snapshots, equal content.
    pub fn snapshot(&self) -> String {
        if !self.db.exists() {
            return String::from("<no database>");
        }
        self.ok(&["export", "json"])
    }

    /// Assert that a failing command leaves the database as it was; returns its error line.
    pub fn fails_unchanged(&self, args: &[&str], code: i32) -> String {
        let before = self.snapshot();
        let error = self.fails(args, code);
        assert_eq!(before, self.snapshot(), "claimtrack {args:?} changed the database");
        error
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Parse JSON output.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap_or_else(|e| panic!("{args:?} printed bad JSON: {e}"))
    }
}
