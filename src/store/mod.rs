//! The store: opening a claims database and every SQL statement claimtrack runs.
//!
//! No SQL lives outside this module. Reads go through [`Store::db`]; writes go through
//! [`Store::write`], which runs them in one IMMEDIATE transaction, so a failed command leaves
//! the database as it was and two writers queue on the busy timeout instead of failing.

mod actors;
mod bulk;
mod claims;
mod document;
mod relations;
mod sources;
mod upgrade;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use actors::{ActorChanges, ActorMatch, NewActor};
pub use bulk::{BulkReport, ClaimImporter, key_from_url};
pub use claims::{ClaimChanges, ClaimFilter, FilterNames, NewClaim, RemovedClaim, ReviewRow, SearchHit};
pub use document::{Conflict, Document, MergeReport, OnConflict};
pub use relations::{DisputeClaim, LinkOutcome};
pub use sources::SourceFields;

/// The data model, applied to a new database.
pub const SCHEMA: &str = include_str!("../../schema.sql");
/// The schema version this claimtrack writes; kept in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = upgrade::LATEST;

/// How long a writer waits for another writer's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// A view of the database for running statements: the connection itself for reads, or the
/// open transaction inside [`Store::write`].
pub struct Db<'c> {
    conn: &'c Connection,
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
        let journal: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|e| open_error(path, e))?;
        if !journal.eq_ignore_ascii_case("wal") {
            // WAL is refused on some file systems; the database still works, only less concurrently.
            eprintln!("warning: {shown}: write-ahead logging unavailable (journal mode {journal})");
        }
        if version < SCHEMA_VERSION {
            bring_up_to_date(&mut conn).with_context(|| format!("cannot prepare {shown}"))?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Statements outside a transaction: for reads.
    pub fn db(&self) -> Db<'_> {
        Db { conn: &self.conn }
    }

    /// Run `work` in one IMMEDIATE transaction and keep its writes only if it says so (the
    /// `bool`): for imports that check everything before deciding, and for dry runs.
    pub fn write_if<T>(&mut self, work: impl FnOnce(&Db) -> Result<(T, bool)>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(busy_error)?;
        let (out, keep) = work(&Db { conn: &tx })?;
        if keep {
            tx.commit().map_err(busy_error)?;
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }

    /// Run `work` in one IMMEDIATE transaction: all of it is written, or none of it.
    pub fn write<T>(&mut self, work: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(busy_error)?;
        let out = work(&Db { conn: &tx })?;
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
    Db { conn: &copy }.read_document()
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
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(busy_error)?;
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

/// `?` placeholders for a statement that takes a JSON array of ids: `IN (SELECT value FROM json_each(?))`.
fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).expect("a list of integers always serialises")
}
