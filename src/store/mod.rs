//! The store: opening a claims database and every SQL statement claimtrack runs.
//!
//! No SQL lives outside this module. Reads go through [`Store::db`]; writes go through
//! [`Store::write`], which runs them in one IMMEDIATE transaction, so a failed command leaves
//! the database as it was and two writers queue on the busy timeout instead of failing.

mod actors;
mod bulk;
mod claims;
mod document;
mod history;
#[cfg(test)]
mod plans;
mod relations;
mod sources;
mod upgrade;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use actors::{ActorChanges, ActorMatch, NewActor};
pub use bulk::{BulkReport, ClaimImporter};
pub use claims::{ClaimChanges, ClaimFilter, FilterNames, NewClaim, RemovedClaim, ReviewRow, SearchHit};
pub use document::{Conflict, Document, MergeReport, OnConflict};
pub use history::{HistoryEntry, Restored};
pub use relations::{DisputeClaim, LinkOutcome};
pub use sources::{QuoteCheck, SourceFields};

/// The data model, applied to a new database.
pub const SCHEMA: &str = include_str!("../../schema.sql");
/// The schema version this claimtrack writes; kept in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = upgrade::LATEST;

/// Page cache for bulk imports, in KiB: enough for the hot index pages of a million claims while
/// keeping an import's memory well under 64 MB.
const BULK_CACHE_KIB: i64 = 24 * 1024;

/// How long a writer waits for another writer's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who the history says made the changes.
    user: String,
}

/// A view of the database for running statements: the connection itself for reads, or the
/// open transaction inside [`Store::write`].
pub struct Db<'c> {
    conn: &'c Connection,
    user: &'c str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file and its schema when missing.
    Create,
    /// The file must exist: read commands should not leave empty databases behind.
    Existing,
}

impl Store {
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        let shown = path.display();
        if path.is_dir() {
            bail!("{shown} is a folder; --db needs a database file");
        }
        if mode == OpenMode::Existing && !path.exists() {
            bail!(
                "no claims database at {shown}: create one with `claimtrack init` (or point --db or CLAIMTRACK_DB at yours)"
            );
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
            bail!("cannot create {shown}: folder {} does not exist", parent.display());
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if mode == OpenMode::Create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;

        // Look before touching: a newer or foreign database is refused unchanged.
        let version = user_version(&conn).map_err(|e| open_error(path, e))?;
        if version > SCHEMA_VERSION {
            bail!(
                "{shown} was written by a newer claimtrack (schema version {version}; this one knows up to {SCHEMA_VERSION}): upgrade claimtrack to open it"
            );
        }
        if version == 0 && has_tables(&conn)? {
            bail!("{shown} is a SQLite database but not a claimtrack one; use a new file for --db");
        }

        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        plan_once(&conn)?;
        let journal: String =
            conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)).map_err(|e| open_error(path, e))?;
        if !journal.eq_ignore_ascii_case("wal") {
            // WAL is refused on some file systems; the database still works, only less concurrently.
            eprintln!("warning: {shown}: write-ahead logging unavailable (journal mode {journal})");
        }
        if version < SCHEMA_VERSION {
            bring_up_to_date(&mut conn).with_context(|| format!("cannot prepare {shown}"))?;
        }
        Ok(Store { conn, path: path.to_path_buf(), user: login_name() })
    }

    /// A database in memory with the current schema: for fuzzing and experiments.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        plan_once(&conn)?;
        bring_up_to_date(&mut conn)?;
        Ok(Store { conn, path: PathBuf::from(":memory:"), user: login_name() })
    }

    /// Name the person the history records for this connection's changes.
    pub fn set_user(&mut self, user: &str) {
        self.user = user.to_string();
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Statements outside a transaction: for reads.
    pub fn db(&self) -> Db<'_> {
        Db { conn: &self.conn, user: &self.user }
    }

    /// Set this connection up for a bulk write: a larger page cache, so a big import does not
    /// keep evicting and re-reading index pages, and statement journals kept in memory rather
    /// than in temporary files.
    pub fn prepare_for_bulk(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "memory")?;
        Ok(())
    }

    /// Run `work` in one IMMEDIATE transaction and keep its writes only if it says so (the
    /// `bool`): for imports that check everything before deciding, and for dry runs.
    pub fn write_if<T>(&mut self, work: impl FnOnce(&Db) -> Result<(T, bool)>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(busy_error)?;
        let (out, keep) = work(&Db { conn: &tx, user: &self.user })?;
        if keep {
            tx.commit().map_err(busy_error)?;
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }

    /// Run `work` in one IMMEDIATE transaction: all of it is written, or none of it.
    pub fn write<T>(&mut self, work: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(busy_error)?;
        let out = work(&Db { conn: &tx, user: &self.user })?;
        tx.commit().map_err(busy_error)?;
        Ok(out)
    }
}

/// Another claimtrack database's whole content, read without changing it: the file is copied
/// into memory (and upgraded there, if it is older), so a colleague's file is never touched.
pub fn read_other_database(path: &Path) -> Result<Document> {
    let shown = path.display();
    let source = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| open_error(path, e))?;
    source.busy_timeout(BUSY_TIMEOUT)?;
    let version = user_version(&source).map_err(|e| open_error(path, e))?;
    if version > SCHEMA_VERSION {
        bail!("{shown} was written by a newer claimtrack (schema version {version}): upgrade claimtrack to read it");
    }
    if version == 0 {
        bail!("{shown} is not a claimtrack database");
    }
    let mut copy = Connection::open_in_memory()?;
    rusqlite::backup::Backup::new(&source, &mut copy)?
        .run_to_completion(1024, Duration::ZERO, None)
        .with_context(|| format!("cannot read {shown}"))?;
    drop(source);
    if version < SCHEMA_VERSION {
        bring_up_to_date(&mut copy).with_context(|| format!("cannot read {shown}"))?;
    }
    Db { conn: &copy, user: "" }.read_document()
}

/// The login name, for the history when no --user or CLAIMTRACK_USER names someone.
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|name| !name.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// Plan each statement once, whatever values are bound to it. Otherwise SQLite marks a statement
/// whose plan could depend on a bound value (`c.id = ?` next to a LEFT JOIN is enough) to be
/// planned again, and the statement cache's reset of the bindings triggers that on every use: a
/// per-row statement was parsed and planned afresh for every row. Nothing here needs plans that
/// follow bound values (no LIKE on bound patterns, no ANALYZE statistics).
fn plan_once(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

fn has_tables(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema)", [], |row| row.get(0))?)
}

/// Create the schema, or run the upgrade steps, in one transaction. Checked again under the
/// write lock: another process may have done it while this one waited.
fn bring_up_to_date(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(busy_error)?;
    let version = user_version(&tx)?;
    if version == 0 {
        if has_tables(&tx)? {
            bail!("it is a SQLite database but not a claimtrack one");
        }
        tx.execute_batch(SCHEMA).context("schema.sql failed to apply")?;
    } else {
        upgrade::run(&tx, version)?;
    }
    if version < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

fn open_error(path: &Path, err: rusqlite::Error) -> anyhow::Error {
    let shown = path.display();
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            anyhow!("{shown} is not a SQLite database (is --db pointing at the right file?)")
        }
        Some(ErrorCode::CannotOpen) => {
            anyhow!("cannot open {shown}: check the path and its permissions")
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => busy_error(err),
        _ => anyhow!(err).context(format!("cannot open {shown}")),
    }
}

/// A lock held past the busy timeout is worth its own sentence.
fn busy_error(err: rusqlite::Error) -> anyhow::Error {
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => anyhow!(
            "the database stayed locked by another writer for {}s; try again when it is done",
            BUSY_TIMEOUT.as_secs()
        ),
        _ => anyhow!(err),
    }
}

/// An optional text field with blank treated as absent: an empty `--notes ""` clears the notes.
fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// `?` placeholders for a statement that takes a JSON array of ids: `IN (SELECT value FROM json_each(?))`.
fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).expect("a list of integers always serialises")
}

/// One thing `check` found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub check: &'static str,
    pub detail: String,
}

impl Db<'_> {
    /// SQLite's own integrity check, the foreign keys, and the full-text index against the
    /// claims it indexes. Reads only: the index check runs in a savepoint that is rolled back.
    pub fn check(&self) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |row| row.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(Problem { check: "integrity", detail: line });
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<i64>>(1)?, row.get::<_, String>(2)?))
        })?;
        for row in rows {
            let (table, rowid, parent) = row?;
            let row = rowid.map_or_else(|| "a row".to_string(), |id| format!("row {id}"));
            problems.push(Problem {
                check: "foreign keys",
                detail: format!("{table} {row} refers to a {parent} row that does not exist"),
            });
        }
        self.conn.execute_batch("SAVEPOINT fts_check")?;
        let fts = self.conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)", []);
        self.conn.execute_batch("ROLLBACK TO fts_check; RELEASE fts_check")?;
        if let Err(err) = fts {
            problems.push(Problem {
                check: "full-text index",
                detail: format!(
                    "the search index is out of step with the claims ({err}); `claimtrack check --repair` rebuilds it"
                ),
            });
        }
        Ok(problems)
    }

    /// Rebuild the full-text index from the claims.
    pub fn rebuild_search_index(&self) -> Result<()> {
        self.conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')", [])?;
        Ok(())
    }

    /// A consistent copy of the whole database, taken in one read transaction (VACUUM INTO), so
    /// other processes may go on writing meanwhile. `target` must be a new or empty file.
    pub fn copy_to(&self, target: &Path) -> Result<()> {
        let Some(target) = target.to_str() else {
            bail!("the backup path {} is not valid UTF-8", target.display());
        };
        self.conn.execute("VACUUM INTO ?", [target]).map_err(busy_error)?;
        Ok(())
    }
}
