//! End-to-end tests through the real binary, each on its own temporary database.
//! One test binary with a module per command group, so the suite links once.

#[macro_use]
mod common;

mod actors;
mod claims;
mod config;
mod conventions;
mod database;
mod demo;
mod disputes;
mod durability;
mod export;
mod extract;
mod history;
mod hostile;
mod import;
mod import_faults;
mod import_rows;
mod import_spreadsheets;
mod integrity;
mod links;
mod lint;
mod output;
mod postgres;
mod protect;
mod report;
mod search;
mod sources;
mod tables;
mod tags;
#[cfg(unix)]
mod terminal;
mod typos;
mod xlsx;
