//! What can go wrong in a backend, typed: the commands decide how to say it (commands/errors.rs).

use crate::model::RelationKind;

pub type StoreResult<T> = Result<T, StoreError>;

/// The row or object an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Thing {
    Claim(i64),
    /// A claim the history holds as deleted.
    DeletedClaim(i64),
    Actor(String),
    Source(String),
    Tag(String),
    /// A tag a claim does not carry.
    ClaimTag {
        claim: i64,
        tag: String,
    },
    /// An alias an actor does not have, or that another actor already has.
    Alias {
        alias: String,
        actor: String,
    },
    Relation {
        from: i64,
        kind: RelationKind,
        to: i64,
    },
    /// A database location, as shown to people (no password).
    Database(String),
}

/// Why a location could not be opened.
#[derive(Debug)]
pub enum OpenFailure {
    /// A folder where a database file belongs.
    Folder,
    /// A device or another special file.
    SpecialFile,
    /// The folder the new database would be in is not there.
    NoFolder(String),
    PermissionDenied,
    /// The engine could not open the file (a path it cannot reach, a file it cannot lock).
    Unreachable,
    /// A path the engine cannot take (SQLite needs UTF-8).
    NotUtf8,
    /// Making the new database's file failed.
    Create(std::io::Error),
    /// The server could not be reached or refused the connection, in words that say what to do.
    Server(String),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0:?} not found")]
    NotFound(Thing),
    #[error("{0:?} already exists")]
    AlreadyExists(Thing),
    #[error("{thing:?} is used by {claims} claims")]
    InUse { thing: Thing, claims: i64 },
    /// Another writer held the database past the busy timeout.
    #[error("busy for {seconds} s")]
    Busy { seconds: u64 },
    /// Two transactions collided; running this one again will do.
    #[error("serialization conflict")]
    Conflict,
    /// Writing was refused: a read-only file or folder, or a server that only reads (a standby).
    #[error("read-only")]
    ReadOnly,
    /// The server's role may read the story but not change it.
    #[error("read-only role")]
    ReadOnlyRole,
    /// The location could not be opened at all (permissions, a missing folder, a server refusing).
    #[error("cannot open {location}: {why:?}")]
    CannotOpen { location: String, why: OpenFailure },
    #[error("written by a newer claimtrack (schema {found}, known up to {known})")]
    Newer { found: i64, known: i64 },
    /// A database, but not one of claimtrack's.
    #[error("not a claimtrack database")]
    Foreign,
    /// Not a database at all.
    #[error("not a database")]
    NotADatabase,
    #[error("damaged: {0}")]
    Damaged(String),
    #[error("disk full")]
    DiskFull,
    /// The disk failed to read or write (the engine's words in `0`).
    #[error("I/O error: {0}")]
    Io(String),
    /// A search in the engine's own query syntax that it cannot parse.
    #[error("bad search query {query:?}: {detail}")]
    BadQuery { query: String, detail: String },
    /// An ability this backend lacks (`ability`), and what to do instead.
    #[error("{ability} is not available on {engine}")]
    Unsupported { engine: &'static str, ability: &'static str, instead: &'static str },
    /// A value the database refused (a broken rule that got past the checks before it).
    #[error("invalid: {0}")]
    Invalid(String),
    /// Anything else the engine reported, in its own words.
    #[error("{0}")]
    Backend(String),
}

impl StoreError {
    /// True when running the same transaction again may succeed (a serialization conflict).
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Conflict)
    }
}
