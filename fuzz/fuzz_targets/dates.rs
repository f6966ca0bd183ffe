//! The date parser: never panics, and what it accepts it gives back in a form it accepts again
//! unchanged, with filter keys that bracket it.
#![no_main]

use claimtrack::dates::{parse_date, since_key, until_key};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(date) = parse_date(text) {
        assert_eq!(parse_date(&date).as_deref(), Ok(date.as_str()));
        assert!(date.as_str() >= since_key(&date).as_str());
        assert!(date.as_str() <= until_key(&date).as_str());
    }
});
