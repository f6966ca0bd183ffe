//! JSON documents: any bytes are refused cleanly or merged into a fresh database in one
//! transaction, and a merged database passes its own check.
#![no_main]

use claimtrack::store::{Document, OnConflict, Store};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(document) = serde_json::from_slice::<Document>(data) else { return };
    let mut store = Store::open_in_memory().expect("an in-memory database");
    if store.write(|db| db.merge_document(&document, OnConflict::Skip)).is_ok() {
        assert!(store.db().check().expect("check runs").is_empty());
    } else {
        assert_eq!(store.db().claim_count().unwrap(), 0, "a failed import wrote nothing");
    }
});
