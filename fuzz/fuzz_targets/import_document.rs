//! JSON documents: any bytes are refused cleanly or merged into a fresh database in one
//! transaction, and a merged database passes its own check.
#![no_main]

use libfuzzer_sys::fuzz_target;

use claimtrack::interchange::Document;
use claimtrack::ops::merge::{OnConflict, merge_document};
use claimtrack::store::{self, Storage, sqlite::SqliteStorage};

fuzz_target!(|data: &[u8]| {
    let Ok(document) = serde_json::from_slice::<Document>(data) else { return };
    let mut storage = SqliteStorage::open_in_memory().expect("an in-memory database");
    if store::write(&mut storage, |txn| merge_document(txn, &document, OnConflict::Skip, "fuzz")).is_ok() {
        assert!(storage.check().expect("check runs").is_empty());
    } else {
        let claims = store::read(&mut storage, |txn| Ok(txn.claim_count()?)).unwrap();
        assert_eq!(claims, 0, "a failed import wrote nothing");
    }
});
