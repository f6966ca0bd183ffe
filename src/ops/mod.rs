//! What claimtrack does with the data, whatever database holds it: the rules for adding, editing,
//! removing and restoring claims, matching actors, merging documents and importing rows. Each
//! function works inside a transaction the caller opened (see `store::write`), through the
//! store's primitives only; none of it knows SQL.

pub mod actors;
pub mod claims;
pub mod disputes;
mod error;
pub mod filter;
mod history;
pub mod import;
pub mod merge;
pub mod redact;
pub mod relations;
pub mod settings;
pub mod sources;
pub mod tags;

pub use error::OpsError;
