//! A temporary database and ways to run claimtrack against it: a SQLite file in a temporary
//! folder, or, when CLAIMTRACK_TEST_POSTGRES names a PostgreSQL server, a schema of its own on
//! that server (dropped at the end). Tests about SQLite's files start with `sqlite_only!()`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub struct Fixture {
    pub dir: TempDir,
    /// The database file (SQLite); on PostgreSQL a path nothing uses.
    pub db: PathBuf,
    /// What --db and CLAIMTRACK_DB get: the file's path or the server's URL with this test's schema.
    pub location: String,
    /// The test's schema on PostgreSQL, and others it made (see `another`).
    schema: Option<String>,
    others: std::cell::RefCell<Vec<String>>,
}

/// The PostgreSQL server the suite runs against, if any (a URL with a password, for tests only).
pub fn postgres_url() -> Option<String> {
    std::env::var("CLAIMTRACK_TEST_POSTGRES").ok().filter(|url| !url.trim().is_empty())
}

pub fn on_postgres() -> bool {
    postgres_url().is_some()
}

/// A test about SQLite's files (their bytes, modes, journals): it runs on SQLite only.
macro_rules! sqlite_only {
    () => {
        if $crate::common::on_postgres() {
            return;
        }
    };
}

/// A test about the PostgreSQL server: it runs only when the suite has one; gives its URL.
macro_rules! postgres_only {
    () => {
        match $crate::common::postgres_url() {
            Some(url) => url,
            None => return,
        }
    };
}

/// `url` with `?schema=NAME` (or `&schema=NAME`) added.
pub fn with_schema(url: &str, schema: &str) -> String {
    let joiner = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joiner}schema={schema}")
}

/// A location whose claimtrack sessions the server lists under their own name (on SQLite, as it is).
pub fn with_label(location: &str, label: &str) -> String {
    if on_postgres() {
        format!("{location}&application_name={}", label_of(location, label))
    } else {
        location.to_string()
    }
}

/// The application name `with_label` gives: unique to the test's schema.
pub fn label_of(location: &str, label: &str) -> String {
    let schema = location.rsplit("schema=").next().unwrap_or_default();
    format!("{label}-{}", &schema[schema.len().saturating_sub(12)..])
}

/// A client for the test server, for what the tests set up or look at directly.
pub fn admin(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("the test PostgreSQL server")
}

/// A new schema name for one test.
pub fn new_schema() -> String {
    format!("t_{}", uuid::Uuid::now_v7().simple())
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let (Some(url), Some(schema)) = (postgres_url(), &self.schema) {
            let mut client = admin(&url);
            for schema in std::iter::once(schema).chain(self.others.borrow().iter()) {
                let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
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
        match postgres_url() {
            Some(url) => {
                let schema = new_schema();
                Fixture {
                    dir,
                    db,
                    location: with_schema(&url, &schema),
                    schema: Some(schema),
                    others: Default::default(),
                }
            }
            None => Fixture::sqlite_in(dir),
        }
    }

    /// A SQLite file whatever the suite runs on: a colleague's story, a backup.
    pub fn sqlite() -> Fixture {
        Fixture::sqlite_in(tempfile::tempdir().expect("a temporary folder"))
    }

    fn sqlite_in(dir: TempDir) -> Fixture {
        let db = dir.path().join("claims.db");
        let location = db.to_str().expect("a UTF-8 temporary path").to_string();
        Fixture { dir, db, location, schema: None, others: Default::default() }
    }

    /// Another database on the same engine, not made yet: a file beside this one, or a new schema.
    pub fn another(&self, name: &str) -> String {
        match postgres_url() {
            Some(url) => {
                let schema = new_schema();
                self.others.borrow_mut().push(schema.clone());
                with_schema(&url, &schema)
            }
            None => self.path(&format!("{name}.db")).to_str().expect("a UTF-8 path").to_string(),
        }
    }

    /// The story's name as claimtrack gives it: the file's, or the schema's.
    pub fn story_name(&self) -> String {
        self.schema.clone().unwrap_or_else(|| "claims".into())
    }

    /// Who the history records when `asked` is given as --user: on a server, its role.
    pub fn recorded_user(&self, asked: &str) -> String {
        match postgres_url() {
            Some(url) => {
                let config: postgres::Config = url.parse().expect("a PostgreSQL URL");
                config.get_user().expect("a user in CLAIMTRACK_TEST_POSTGRES").to_string()
            }
            None => asked.to_string(),
        }
    }

    /// How many rows a table holds, read directly from the database.
    pub fn count(&self, table: &str) -> i64 {
        match (postgres_url(), &self.schema) {
            (Some(url), Some(schema)) => {
                admin(&url).query_one(&format!("SELECT count(*) FROM {schema}.{table}"), &[]).unwrap().get(0)
            }
            _ => rusqlite::Connection::open(&self.db)
                .unwrap()
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap(),
        }
    }

    /// Whether the database is there: the file, or the test's schema on the server.
    pub fn exists(&self) -> bool {
        match (postgres_url(), &self.schema) {
            (Some(url), Some(schema)) => admin(&url)
                .query_one("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", &[schema])
                .map(|row| row.get::<_, bool>(0))
                .unwrap_or(false),
            _ => self.db.exists(),
        }
    }

    /// Seeded, as `seeded` but on a SQLite file whatever the suite runs on.
    pub fn sqlite_seeded() -> Fixture {
        let fixture = Fixture::sqlite();
        fixture.ok(&["import", seed_file().to_str().unwrap()]);
        fixture
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
            .env("CLAIMTRACK_DB", &self.location)
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
        if !self.exists() {
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
