//! Where a database is: a path (SQLite, the embedded default) or a PostgreSQL URL, told apart by
//! the scheme. Anything else is refused rather than guessed at.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite database file.
    File(PathBuf),
    /// A PostgreSQL server: the connection URL as given.
    Postgres(String),
}

/// Why a `--db` value is not a location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocationError {
    #[error("--db cannot be empty: give a database file's path or a postgres:// URL")]
    Empty,
    #[error("--db {0:?} is an in-memory database, which would keep nothing: give a database file's path")]
    Memory(String),
    #[error("--db {0:?} is a SQLite URI; give the database file's plain path instead")]
    SqliteUri(String),
    #[error("--db {0:?}: unknown scheme \"{1}\"; give a database file's path or a postgres:// URL")]
    Scheme(String, String),
}

impl Location {
    pub fn parse(text: &str) -> Result<Location, LocationError> {
        if text.trim().is_empty() {
            return Err(LocationError::Empty);
        }
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            return Ok(Location::Postgres(text.to_string()));
        }
        if text == ":memory:" || lower.contains("mode=memory") {
            return Err(LocationError::Memory(text.to_string()));
        }
        if lower.starts_with("file:") {
            return Err(LocationError::SqliteUri(text.to_string()));
        }
        if let Some((scheme, _)) = text.split_once("://")
            && !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        {
            return Err(LocationError::Scheme(text.to_string(), scheme.to_string()));
        }
        Ok(Location::File(PathBuf::from(text)))
    }

    pub fn is_file(&self) -> bool {
        matches!(self, Location::File(_))
    }

    /// What the story is called: the file's name without its extension, or on a server the
    /// story's schema (else the database's name).
    pub fn story_name(&self) -> String {
        match self {
            Location::File(path) => path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            Location::Postgres(url) => {
                let (path, query) = url.split_once('?').unwrap_or((url, ""));
                let schema = query.split('&').find_map(|pair| pair.strip_prefix("schema="));
                let database = path.split_once("://").map_or(path, |(_, rest)| rest).split_once('/').map(|(_, db)| db);
                schema.or(database).filter(|name| !name.is_empty()).unwrap_or("claims").to_string()
            }
        }
    }
}

/// A URL with its password replaced: what messages may show.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let tail = mask_query_password(tail);
    let Some((userinfo, host)) = authority.rsplit_once('@') else { return format!("{scheme}://{authority}{tail}") };
    let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
    let masked = if userinfo.contains(':') { format!("{user}:***") } else { user.to_string() };
    format!("{scheme}://{masked}@{host}{tail}")
}

/// `?password=...` in the query is a password too.
fn mask_query_password(tail: &str) -> String {
    let Some((path, query)) = tail.split_once('?') else { return tail.to_string() };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_string(),
        })
        .collect();
    format!("{path}?{}", pairs.join("&"))
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&without_password(url)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_urls_are_told_apart_by_scheme() {
        assert_eq!(Location::parse("talks.db"), Ok(Location::File("talks.db".into())));
        assert_eq!(Location::parse("C:/stories/talks.db"), Ok(Location::File("C:/stories/talks.db".into())));
        assert!(matches!(Location::parse("postgres://ana@db/newsroom"), Ok(Location::Postgres(_))));
        assert!(matches!(Location::parse("PostgreSQL://db/newsroom"), Ok(Location::Postgres(_))));
    }

    #[test]
    fn what_is_not_a_path_is_refused() {
        assert!(matches!(Location::parse(":memory:"), Err(LocationError::Memory(_))));
        assert!(matches!(Location::parse("file:x.db?mode=memory"), Err(LocationError::Memory(_))));
        assert!(matches!(Location::parse("file:uri.db"), Err(LocationError::SqliteUri(_))));
        assert!(matches!(Location::parse("mysql://db/x"), Err(LocationError::Scheme(_, _))));
        assert_eq!(Location::parse(" "), Err(LocationError::Empty));
    }

    #[test]
    fn a_story_is_named_by_its_file_or_schema() {
        let name = |text: &str| Location::parse(text).unwrap().story_name();
        assert_eq!(name("stories/talks.db"), "talks");
        assert_eq!(name("postgres://ana@db/newsroom?schema=talks"), "talks");
        assert_eq!(name("postgres://ana@db/newsroom?sslmode=require"), "newsroom");
        assert_eq!(name("postgres://db"), "claims");
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(without_password("postgres://ana:s3cret@db:5432/news"), "postgres://ana:***@db:5432/news");
        assert_eq!(without_password("postgres://ana@db/news"), "postgres://ana@db/news");
        assert_eq!(
            without_password("postgres://db/news?user=ana&password=s3cret&sslmode=require"),
            "postgres://db/news?user=ana&password=***&sslmode=require"
        );
        assert!(!Location::parse("postgresql://a:pw@h/d").unwrap().to_string().contains("pw"));
    }
}
