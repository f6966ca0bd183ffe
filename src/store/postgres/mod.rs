//! The PostgreSQL backend: a newsroom's shared server, several stories on it (one schema each).
//! Its data model is `schema-postgres.sql` at the top of the repository, the same tables and
//! columns as `schema.sql`; `upgrade` brings older stories up to date.
//!
//! Writers take a transaction-scoped advisory lock on their story first, so they queue as
//! SQLite's immediate transactions do and every check the policy makes still holds when it
//! writes; readers get a repeatable-read, read-only snapshot. History rows name the server's
//! role (`current_user`), not what the client says.

mod actors;
mod claims;
mod connect;
mod history;
mod relations;
mod settings;
mod sources;
mod upgrade;

use std::collections::HashMap;

use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Client, IsolationLevel, Statement};

use super::{Access, Create, Finding, OpenFailure, Storage, StoreError, StoreResult, Thing, Txn};
use crate::model::Problem;
pub use connect::Target;

/// The data model, applied to a new story's schema.
pub const SCHEMA: &str = include_str!("../../../schema-postgres.sql");
/// The schema version this claimtrack writes; kept in the `claimtrack_schema` table.
pub const SCHEMA_VERSION: i64 = upgrade::LATEST;

/// The first key of claimtrack's advisory locks ("clmt"); the second is the story's schema.
const LOCK_CLASS: i32 = 0x636c_6d74;

/// How long a writer waits for another writer's transaction before giving up.
const LOCK_TIMEOUT_SECONDS: u64 = 30;

pub struct PgStorage {
    client: Client,
    /// The URL as people may see it, and the story's schema.
    shown: String,
    schema: String,
    /// The server's role: who the history records.
    role: String,
    statements: HashMap<&'static str, Statement>,
    /// This connection made the story's schema (so a failed first command can take it away).
    created_schema: bool,
}

/// An open transaction on a [`PgStorage`].
pub struct PgTxn<'c> {
    tx: postgres::Transaction<'c>,
    statements: &'c mut HashMap<&'static str, Statement>,
    /// The server's role: who the history and a verdict's stamp name.
    role: &'c str,
    /// What a large import set aside, to be put back before it commits (see `Claims::begin_bulk`).
    set_aside: Vec<String>,
}

impl PgStorage {
    pub fn open(url: &str, create: Create) -> StoreResult<PgStorage> {
        let target = Target::parse(url)?;
        let shown = target.shown.clone();
        let mut client = target.connect()?;
        let (role, default_schema): (String, Option<String>) =
            client.query_one("SELECT current_user::text, current_schema()::text", &[]).map(|r| (r.get(0), r.get(1)))?;
        let schema = match target.schema.clone().or(default_schema) {
            Some(schema) => schema,
            None => {
                return Err(StoreError::CannotOpen {
                    location: shown,
                    why: OpenFailure::Server("no schema to keep the story in: name one with ?schema=NAME".into()),
                });
            }
        };
        // The schema's name travels as a bound value; quote_ident makes it one search-path entry.
        client.execute("SELECT set_config('search_path', quote_ident($1), false)", &[&schema])?;
        let mut storage = PgStorage { client, shown, schema, role, statements: HashMap::new(), created_schema: false };
        let shape = storage.shape()?;
        match shape {
            Shape { version: Some(found), .. } if found > SCHEMA_VERSION => {
                return Err(StoreError::Newer { found, known: SCHEMA_VERSION });
            }
            Shape { version: None, tables: true, .. } => return Err(StoreError::Foreign),
            Shape { version: None, .. } if create == Create::No => {
                return Err(StoreError::NotFound(Thing::Database(storage.location())));
            }
            Shape { version: Some(SCHEMA_VERSION), .. } => {}
            _ => storage.bring_up_to_date()?,
        }
        Ok(storage)
    }

    /// What the story's schema holds: its version, and whether it has tables at all.
    fn shape(&mut self) -> StoreResult<Shape> {
        let row = self.client.query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'claimtrack_schema'
                              AND c.relkind = 'r'),
                    EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'v', 'p', 'f'))
               FROM (SELECT $1::text AS name) wanted LEFT JOIN pg_namespace n ON n.nspname = wanted.name",
            &[&self.schema],
        )?;
        let (versioned, tables): (bool, bool) = (row.get(0), row.get(1));
        let version = if versioned {
            let row = self.client.query_one("SELECT max(version)::bigint FROM claimtrack_schema", &[])?;
            row.get::<_, Option<i64>>(0)
        } else {
            None
        };
        Ok(Shape { version, tables })
    }

    /// Create the story, or run the upgrade steps, in one transaction under the story's lock;
    /// looked at again once the lock is held, since another process may have done it meanwhile.
    fn bring_up_to_date(&mut self) -> StoreResult<()> {
        let PgStorage { client, shown, schema, created_schema, .. } = self;
        let cannot_create = |err: postgres::Error| match err.code() {
            Some(&SqlState::INSUFFICIENT_PRIVILEGE) => StoreError::CannotOpen {
                location: shown.clone(),
                why: OpenFailure::Server(format!(
                    "your role may not create the story (schema \"{schema}\"): its owner runs `claimtrack init` once, or grants CREATE"
                )),
            },
            _ => StoreError::from(err),
        };
        let mut tx = client.transaction()?;
        lock_story(&mut tx, schema)?;
        // CREATE SCHEMA takes a name, not a value: the name travels as a setting and the server
        // quotes it (%I), so no statement is assembled here.
        let exists = tx.query_one("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", &[&*schema])?;
        if !exists.try_get::<_, bool>(0)? {
            tx.execute("SELECT set_config('claimtrack.new_schema', $1, true)", &[&*schema])?;
            tx.batch_execute(
                "DO $$ BEGIN EXECUTE format('CREATE SCHEMA %I', current_setting('claimtrack.new_schema')); END $$",
            )
            .map_err(cannot_create)?;
            *created_schema = true;
        }
        match shape_in(&mut tx, schema)? {
            Shape { version: Some(found), .. } if found > SCHEMA_VERSION => {
                return Err(StoreError::Newer { found, known: SCHEMA_VERSION });
            }
            Shape { version: Some(SCHEMA_VERSION), .. } => return Ok(()),
            Shape { version: Some(found), .. } => upgrade::run(&mut tx, found)?,
            Shape { version: None, tables: true } => return Err(StoreError::Foreign),
            Shape { version: None, tables: false } => {
                tx.batch_execute(SCHEMA).map_err(cannot_create)?;
                tx.execute("INSERT INTO claimtrack_schema (version) VALUES (0)", &[])?;
            }
        }
        tx.execute("UPDATE claimtrack_schema SET version = $1", &[&(SCHEMA_VERSION as i32)])?;
        tx.commit()?;
        Ok(())
    }
}

struct Shape {
    version: Option<i64>,
    tables: bool,
}

/// [`PgStorage::shape`], inside a transaction (after the schema may have been created in it).
fn shape_in(tx: &mut postgres::Transaction, schema: &str) -> StoreResult<Shape> {
    let row = tx.query_one(
        "SELECT to_regclass('claimtrack_schema') IS NOT NULL,
                EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'p', 'f'))",
        &[&schema],
    )?;
    let (versioned, tables): (bool, bool) = (row.get(0), row.get(1));
    let version = if versioned {
        tx.query_one("SELECT max(version)::bigint FROM claimtrack_schema", &[])?.get::<_, Option<i64>>(0)
    } else {
        None
    };
    Ok(Shape { version, tables })
}

/// Wait (up to the lock timeout) for the story's writer lock, held until the transaction ends.
fn lock_story(tx: &mut postgres::Transaction, schema: &str) -> StoreResult<()> {
    tx.execute(
        "SELECT 1 FROM (SELECT set_config('lock_timeout', $3, true), pg_advisory_xact_lock($1, hashtext($2))) x",
        &[&LOCK_CLASS, &schema, &format!("{LOCK_TIMEOUT_SECONDS}s")],
    )?;
    Ok(())
}

impl Storage for PgStorage {
    fn begin(&mut self, access: Access) -> StoreResult<Box<dyn Txn + '_>> {
        let PgStorage { client, schema, statements, role, .. } = self;
        let tx = match access {
            Access::Read => {
                client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?
            }
            Access::Write => {
                let mut tx = client.transaction()?;
                lock_story(&mut tx, schema)?;
                tx
            }
        };
        Ok(Box::new(PgTxn { tx, statements, role, set_aside: Vec::new() }))
    }

    fn location(&self) -> String {
        self.shown.clone()
    }

    /// The history records the server's role; a name given here cannot change that.
    fn set_user(&mut self, _user: &str) -> StoreResult<()> {
        Ok(())
    }

    fn recorded_user(&self) -> Option<&str> {
        Some(&self.role)
    }

    /// A story this connection created and nothing was written to goes again, schema and all.
    fn remove_if_untouched(&mut self) -> StoreResult<bool> {
        if !self.created_schema {
            return Ok(false);
        }
        let mut tx = self.client.transaction()?;
        lock_story(&mut tx, &self.schema)?;
        let rows: i64 = tx
            .query_one(
                "SELECT (SELECT count(*) FROM claims) + (SELECT count(*) FROM actors) + (SELECT count(*) FROM sources)
                        + (SELECT count(*) FROM history)",
                &[],
            )?
            .try_get(0)?;
        if rows > 0 {
            return Ok(false);
        }
        tx.execute("SELECT set_config('claimtrack.new_schema', $1, true)", &[&self.schema])?;
        tx.batch_execute(
            "DO $$ BEGIN EXECUTE format('DROP SCHEMA %I CASCADE', current_setting('claimtrack.new_schema')); END $$",
        )?;
        tx.commit()?;
        self.created_schema = false;
        Ok(true)
    }

    fn prepare_for_bulk(&mut self) -> StoreResult<()> {
        self.client.batch_execute("SET work_mem = '32MB'")?;
        Ok(())
    }

    /// What applies on a server: the search index against the claims. The server keeps its own
    /// pages and foreign keys (see `pg_amcheck` for the pages).
    fn check(&mut self) -> StoreResult<Vec<Finding>> {
        let mut tx =
            self.client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
        let row = tx.query_one(
            "SELECT (SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM claims_fts f WHERE f.id = c.id)),
                    (SELECT count(*) FROM claims_search c JOIN claims_fts f ON f.id = c.id
                      WHERE f.document <> claimtrack_document(c.text, c.quote, c.notes, c.actor, c.tags))",
            &[],
        )?;
        let (missing, stale): (i64, i64) = (row.get(0), row.get(1));
        let mut findings = Vec::new();
        if missing + stale > 0 {
            findings.push(Finding::Problem(Problem {
                check: "full-text index",
                detail: format!(
                    "the search index is out of step with the claims ({missing} claims missing from it, {stale} indexed with old words)"
                ),
            }));
        }
        Ok(findings)
    }

    fn rebuild_search_index(&mut self) -> StoreResult<()> {
        let mut tx = self.client.transaction()?;
        lock_story(&mut tx, &self.schema)?;
        tx.batch_execute(
            "DELETE FROM claims_fts;
             SELECT claims_fts_refresh(ARRAY(SELECT id FROM claims));",
        )?;
        tx.commit()?;
        Ok(())
    }
}

impl Txn for PgTxn<'_> {
    fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit()?;
        Ok(())
    }
}

impl PgTxn<'_> {
    /// A statement prepared once per connection.
    fn prepared(&mut self, sql: &'static str) -> StoreResult<Statement> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.tx.prepare(sql)?;
        self.statements.insert(sql, statement.clone());
        Ok(statement)
    }
}

/// Values bound to a statement assembled from fixed fragments: each `bind` gives the next `$n`.
#[derive(Default)]
pub(super) struct Params {
    values: Vec<Box<dyn ToSql + Sync>>,
}

impl Params {
    fn bind(&mut self, value: impl ToSql + Sync + 'static) -> String {
        self.values.push(Box::new(value));
        format!("${}", self.values.len())
    }

    fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.values.iter().map(|v| v.as_ref() as &(dyn ToSql + Sync)).collect()
    }
}

impl From<postgres::Error> for StoreError {
    fn from(err: postgres::Error) -> StoreError {
        let Some(db) = err.as_db_error() else {
            if err.is_closed() {
                return StoreError::Backend("the connection to the server was lost".into());
            }
            return StoreError::Backend(err.to_string());
        };
        let code = db.code();
        if *code == SqlState::T_R_SERIALIZATION_FAILURE || *code == SqlState::T_R_DEADLOCK_DETECTED {
            StoreError::Conflict
        } else if *code == SqlState::LOCK_NOT_AVAILABLE {
            StoreError::Busy { seconds: LOCK_TIMEOUT_SECONDS }
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            StoreError::ReadOnlyRole
        } else if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            StoreError::ReadOnly
        } else if *code == SqlState::DISK_FULL {
            StoreError::DiskFull
        } else if *code == SqlState::DATA_CORRUPTED || *code == SqlState::INDEX_CORRUPTED {
            StoreError::Damaged(db.message().to_string())
        } else if *code == SqlState::CHARACTER_NOT_IN_REPERTOIRE && db.message().contains("0x00") {
            StoreError::Invalid("PostgreSQL cannot store the NUL character (U+0000) in text: remove it".into())
        } else if code.code().starts_with("23") {
            StoreError::Invalid(db.message().to_string())
        } else {
            StoreError::Backend(db.message().to_string())
        }
    }
}
