//! The extractor: any text gives proposals or none, never a panic, and every proposal's
//! offsets point at its own text.
#![no_main]

use claimtrack::extract::extract;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let chars: Vec<char> = text.chars().collect();
    for proposal in extract(text) {
        assert!(proposal.start <= proposal.end && proposal.end <= chars.len());
        assert_eq!(chars[proposal.start..proposal.end].iter().collect::<String>(), proposal.text);
        assert!(!proposal.speaker.trim().is_empty());
    }
});
