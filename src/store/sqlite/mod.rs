//! The SQLite backend: one database file per story, the embedded default. Its data model is
//! `schema.sql` at the top of the repository; older files are brought up to date by `upgrade`.

mod actors;
mod bulk;
mod claims;
mod history;
#[cfg(test)]
mod plans;
mod relations;
mod settings;
mod sources;
mod upgrade;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::{
    Access, Create, FileStorage, Finding, Hindrance, OpenFailure, Storage, StoreError, StoreResult, Thing, Txn,
};
use crate::model::Problem;
use crate::scratch::{Purpose, Scratch};

/// The data model, applied to a new database.
pub const SCHEMA: &str = include_str!("../../../schema.sql");
/// The schema version this claimtrack writes; kept in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = upgrade::LATEST;

/// Page cache for bulk imports, in KiB: enough for the hot index pages of a million claims while
/// keeping an import's memory well under 64 MB.
const BULK_CACHE_KIB: i64 = 24 * 1024;

/// How long a writer waits for another writer's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How long `check` waits for the write lock its index check needs: a writer at work is a
/// reason to say "could not check", not to stall.
const CHECK_BUSY_TIMEOUT: Duration = Duration::from_secs(2);

pub struct SqliteStorage {
    conn: Connection,
    path: PathBuf,
    /// Who the history says made the changes.
    user: String,
}

/// An open transaction on a [`SqliteStorage`].
pub struct SqliteTxn<'c> {
    tx: rusqlite::Transaction<'c>,
    user: &'c str,
    /// What a bulk import set aside, to put back in `finish_bulk`.
    bulk: Option<bulk::SetAside>,
}

impl SqliteStorage {
    pub fn open(path: &Path, create: Create) -> StoreResult<SqliteStorage> {
        let shown = path.display().to_string();
        let cannot_open = |why: OpenFailure| StoreError::CannotOpen { location: shown.clone(), why };
        let found = std::fs::metadata(path);
        if let Some(why) = found.as_ref().ok().and_then(not_a_file) {
            return Err(cannot_open(why));
        }
        match found {
            // An empty file is not a database yet; only a command that may create one makes it one.
            Ok(meta) if meta.len() == 0 && create == Create::No => {
                return Err(StoreError::NotFound(Thing::Database(shown)));
            }
            Ok(_) => {}
            Err(_) if create == Create::No => return Err(StoreError::NotFound(Thing::Database(shown))),
            Err(_) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
                    return Err(cannot_open(OpenFailure::NoFolder(parent.display().to_string())));
                }
                create_whole(path)?;
            }
        }
        // An empty file (made by `touch`, say) is initialised in place by a command that may create.
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create == Create::IfMissing {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(&shown, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;

        // Look before touching: a newer or foreign database is refused unchanged. One statement,
        // so both answers come from the same moment while another process creates the schema.
        let mut read_only = false;
        let (version, tables) = match shape(&conn) {
            Ok(shape) => shape,
            Err(e) if create == Create::No && e.sqlite_error_code() == Some(ErrorCode::ReadOnly) && !in_use(path) => {
                conn = open_as_it_lies(path).map_err(|e| open_error(&shown, e))?;
                read_only = true;
                shape(&conn).map_err(|e| open_error(&shown, e))?
            }
            Err(e) => return Err(open_error(&shown, e)),
        };
        if version > SCHEMA_VERSION {
            return Err(StoreError::Newer { found: version, known: SCHEMA_VERSION });
        }
        if version == 0 && tables {
            return Err(StoreError::Foreign);
        }

        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        plan_once(&conn)?;
        if !read_only {
            conn.execute_batch("PRAGMA synchronous = NORMAL")?;
            match conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get::<_, String>(0)) {
                // WAL is refused on some file systems; the database still works, only less concurrently.
                Ok(journal) if !journal.eq_ignore_ascii_case("wal") => {
                    eprintln!("warning: {shown}: write-ahead logging unavailable (journal mode {journal})");
                }
                Ok(_) => {}
                // A database in another journal mode that may only be read here is read as it is.
                Err(e) if create == Create::No && e.sqlite_error_code() == Some(ErrorCode::ReadOnly) => {}
                Err(e) => return Err(open_error(&shown, e)),
            }
        }
        if version < SCHEMA_VERSION {
            bring_up_to_date(&mut conn)?;
        }
        Ok(SqliteStorage { conn, path: path.to_path_buf(), user: String::new() })
    }

    /// A database in memory with the current schema: for fuzzing, tests and experiments.
    pub fn open_in_memory() -> StoreResult<SqliteStorage> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        plan_once(&conn)?;
        bring_up_to_date(&mut conn)?;
        Ok(SqliteStorage { conn, path: PathBuf::from(":memory:"), user: String::new() })
    }

    /// Another claimtrack database, copied into memory (and upgraded there when older), so that
    /// reading it never touches the file: a colleague's file stays as it was.
    pub fn copy_into_memory(path: &Path) -> StoreResult<SqliteStorage> {
        let shown = path.display().to_string();
        // SQLite would read a device or a pipe as a database file: /dev/zero as an endless one.
        if let Some(why) = std::fs::metadata(path).ok().as_ref().and_then(not_a_file) {
            return Err(StoreError::CannotOpen { location: shown, why });
        }
        let source =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| open_error(&shown, e))?;
        source.busy_timeout(BUSY_TIMEOUT)?;
        let (version, _) = shape(&source).map_err(|e| open_error(&shown, e))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Newer { found: version, known: SCHEMA_VERSION });
        }
        if version == 0 {
            return Err(StoreError::Foreign);
        }
        let mut conn = Connection::open_in_memory()?;
        rusqlite::backup::Backup::new(&source, &mut conn)?
            .run_to_completion(1024, Duration::ZERO, None)
            .map_err(|e| open_error(&shown, e))?;
        drop(source);
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        if version < SCHEMA_VERSION {
            bring_up_to_date(&mut conn)?;
        }
        Ok(SqliteStorage { conn, path: path.to_path_buf(), user: String::new() })
    }
}

impl Storage for SqliteStorage {
    fn begin(&mut self, access: Access) -> StoreResult<Box<dyn Txn + '_>> {
        let behavior = match access {
            Access::Read => TransactionBehavior::Deferred,
            Access::Write => TransactionBehavior::Immediate,
        };
        let tx = self.conn.transaction_with_behavior(behavior)?;
        if access == Access::Read {
            // A deferred transaction takes its snapshot at the first read: take it now, so that
            // every statement after sees the same moment.
            tx.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        }
        Ok(Box::new(SqliteTxn { tx, user: &self.user, bulk: None }))
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn set_user(&mut self, user: &str) -> StoreResult<()> {
        self.user = user.to_string();
        Ok(())
    }

    fn prepare_for_bulk(&mut self) -> StoreResult<()> {
        self.conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "memory")?;
        Ok(())
    }

    /// SQLite's integrity check, the foreign keys, and the full-text index against the claims.
    /// Reads only; the index check needs the write lock (it runs in a savepoint that is rolled
    /// back), so a busy or read-only database gets "not checked" for it, not a false alarm.
    fn check(&mut self) -> StoreResult<Vec<Finding>> {
        let mut findings = Vec::new();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let mut stmt = tx.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |row| row.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                findings.push(Finding::Problem(Problem { check: "integrity", detail: line }));
            }
        }
        drop(stmt);
        let mut stmt = tx.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<i64>>(1)?, row.get::<_, String>(2)?))
        })?;
        for row in rows {
            let (table, rowid, parent) = row?;
            let row = rowid.map_or_else(|| "a row".to_string(), |id| format!("row {id}"));
            findings.push(Finding::Problem(Problem {
                check: "foreign keys",
                detail: format!("{table} {row} refers to a {parent} row that does not exist"),
            }));
        }
        drop(stmt);
        tx.commit()?;

        const INDEX: &str = "full-text index";
        self.conn.busy_timeout(CHECK_BUSY_TIMEOUT)?;
        let outcome = (|| -> rusqlite::Result<Result<(), String>> {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let fts = tx.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)", []);
            drop(tx);
            match fts {
                Ok(_) => Ok(Ok(())),
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseCorrupt) => {
                    Ok(Err(format!("the search index is out of step with the claims ({e})")))
                }
                Err(e) => Err(e),
            }
        })();
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(detail)) => findings.push(Finding::Problem(Problem { check: INDEX, detail })),
            Err(e) => match StoreError::from(e) {
                StoreError::Busy { .. } => {
                    findings.push(Finding::NotChecked { check: INDEX, because: Hindrance::Busy })
                }
                StoreError::ReadOnly => {
                    findings.push(Finding::NotChecked { check: INDEX, because: Hindrance::ReadOnly })
                }
                other => return Err(other),
            },
        }
        Ok(findings)
    }

    fn rebuild_search_index(&mut self) -> StoreResult<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')", [])?;
        tx.commit()?;
        Ok(())
    }

    fn file(&mut self) -> Option<&mut dyn FileStorage> {
        Some(self)
    }
}

impl FileStorage for SqliteStorage {
    fn path(&self) -> &Path {
        &self.path
    }

    /// VACUUM INTO runs in one read transaction, so other processes may go on writing.
    /// `target` must be a new or empty file.
    fn copy_to(&mut self, target: &Path) -> StoreResult<()> {
        let Some(target) = target.to_str() else {
            let location = target.display().to_string();
            return Err(StoreError::CannotOpen { location, why: OpenFailure::NotUtf8 });
        };
        self.conn.execute("VACUUM INTO ?", [target])?;
        Ok(())
    }
}

impl Txn for SqliteTxn<'_> {
    fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit()?;
        Ok(())
    }
}

/// Make a new database at `path` whole, or not at all: the schema is applied to a temporary file
/// beside it, which then takes the name only if no other process got there first. So processes
/// that create the same database at once never see one half made, and a failure leaves nothing.
/// The file is readable and writable by its owner only (and so are the WAL files SQLite makes
/// beside it, which copy its mode).
fn create_whole(path: &Path) -> StoreResult<()> {
    let cannot_create = |e: std::io::Error| StoreError::CannotOpen {
        location: path.display().to_string(),
        why: OpenFailure::Create(e),
    };
    let scratch = Scratch::beside(path, Purpose::NewDatabase).map_err(cannot_create)?;
    {
        let mut conn = Connection::open_with_flags(
            scratch.path(),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        bring_up_to_date(&mut conn)?;
        // Persistent in the file: every process opens it in WAL mode from the start.
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        conn.close().map_err(|(_, e)| StoreError::from(e))?;
    }
    match scratch.persist(path, false) {
        Ok(_) => Ok(()),
        // Another process made it meanwhile: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(cannot_create(e)),
    }
}

/// Why what lies at a path cannot be a database file, if it cannot.
fn not_a_file(meta: &std::fs::Metadata) -> Option<OpenFailure> {
    if meta.is_dir() {
        Some(OpenFailure::Folder)
    } else if !meta.is_file() {
        Some(OpenFailure::SpecialFile)
    } else {
        None
    }
}

/// Whether a process has the database open, or one that ended left its write-ahead log: a WAL
/// database then has its `-wal` (and `-shm`) file beside it.
fn in_use(path: &Path) -> bool {
    ["-wal", "-shm"].iter().any(|suffix| {
        let mut companion = path.as_os_str().to_owned();
        companion.push(suffix);
        Path::new(&companion).exists()
    })
}

/// The database read as it lies on disk, for a reader that cannot write to its folder: SQLite's
/// readers of a WAL database share an index in a `-shm` file beside it, which cannot be made
/// there, so this one reads alone, taking the file as unchanging (SQLite's `immutable`). Used
/// only when no `-wal` file shows a writer at work; a writer that starts meanwhile can make this
/// read see a mix of moments, which SQLite may report as damage.
fn open_as_it_lies(path: &Path) -> rusqlite::Result<Connection> {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for byte in absolute.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(uri, flags)
}

/// Remove a database this process just created, if nothing was ever written to it and no other
/// process has it open: a failed first command then leaves nothing behind, and a database that
/// someone else has begun to use is never pulled from under them. (While any connection has a
/// WAL database open, SQLite keeps its `-shm` file; the last one to close removes it.)
pub fn remove_if_untouched(path: &Path) -> bool {
    if in_use(path) {
        return false;
    }
    let rows = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).and_then(|conn| {
        let rows = conn.query_row(
            "SELECT (SELECT count(*) FROM claims) + (SELECT count(*) FROM actors) + (SELECT count(*) FROM sources)
                    + (SELECT count(*) FROM history)",
            [],
            |row| row.get::<_, i64>(0),
        )?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(rows)
    });
    // Closing the last connection removed the -shm file; if it is back, someone opened it.
    rows.ok() == Some(0) && !in_use(path) && std::fs::remove_file(path).is_ok()
}

/// The schema version and whether the file holds any table, read in one statement.
fn shape(conn: &Connection) -> rusqlite::Result<(i64, bool)> {
    conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version), EXISTS (SELECT 1 FROM sqlite_schema)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
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

/// Create the schema, or run the upgrade steps, in one transaction. Checked again under the
/// write lock: another process may have done it while this one waited. Foreign keys are off
/// meanwhile, because steps that rebuild a table drop it (`upgrade::run` checks the references
/// before the commit).
fn bring_up_to_date(conn: &mut Connection) -> StoreResult<()> {
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let outcome = apply_schema(conn);
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    outcome
}

fn apply_schema(conn: &mut Connection) -> StoreResult<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (version, tables) = shape(&tx)?;
    if version == 0 {
        if tables {
            return Err(StoreError::Foreign);
        }
        tx.execute_batch(SCHEMA)?;
    } else if version < SCHEMA_VERSION {
        upgrade::run(&tx, version)?;
    }
    if version < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

fn open_error(location: &str, err: rusqlite::Error) -> StoreError {
    match err.sqlite_error_code() {
        Some(ErrorCode::CannotOpen) => {
            StoreError::CannotOpen { location: location.to_string(), why: OpenFailure::Unreachable }
        }
        Some(ErrorCode::PermissionDenied) => {
            StoreError::CannotOpen { location: location.to_string(), why: OpenFailure::PermissionDenied }
        }
        _ => StoreError::from(err),
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> StoreError {
        use rusqlite::Error::{FromSqlConversionFailure, IntegralValueOutOfRange, InvalidColumnType};
        if let FromSqlConversionFailure(..) | InvalidColumnType(..) | IntegralValueOutOfRange(..) = err {
            // A value no claimtrack writes: another tool changed the file behind its back.
            return StoreError::Damaged(format!("a stored value claimtrack cannot read: {err}"));
        }
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                StoreError::Busy { seconds: BUSY_TIMEOUT.as_secs() }
            }
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase,
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged(err.to_string()),
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::SystemIoFailure) => StoreError::Io(err.to_string()),
            Some(ErrorCode::ConstraintViolation) => StoreError::Invalid(err.to_string()),
            _ => StoreError::Backend(err.to_string()),
        }
    }
}

/// Parse a JSON array that SQLite built (json_group_array); it is always well formed.
fn json_list<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<Vec<T>> {
    serde_json::from_str(text).map_err(|e| StoreError::Damaged(format!("an unreadable list: {e}")))
}

/// A list of ids as a JSON array, for `IN (SELECT value FROM json_each(?))`.
fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}
