//! CSV, TSV and JSON lines readers: any bytes give rows or faults, never a panic, and every
//! fault names a line that exists.
#![no_main]

use claimtrack::import::delimited::{DelimitedRows, Delimiter};
use claimtrack::import::jsonl::JsonLines;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let lines = input.iter().filter(|&&b| b == b'\n').count() as u64 + 2;
    let relations = selector & 0x80 != 0;
    match selector % 3 {
        0 | 1 => {
            let delimiter = if selector % 3 == 0 { Delimiter::Comma } else { Delimiter::Tab };
            let Ok(mut rows) = DelimitedRows::open(input, delimiter, &[], relations) else { return };
            loop {
                let next = if relations {
                    rows.next_relation().map(|r| r.map(|_| ()))
                } else {
                    rows.next_claim().map(|r| r.map(|_| ()))
                };
                match next {
                    None => break,
                    Some(Err(errors)) => assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines)),
                    Some(Ok(())) => {}
                }
            }
            if let Err(e) = rows.finish() {
                assert!(e.line >= 1 && e.line <= lines);
            }
        }
        _ => {
            let mut rows = JsonLines::new(input, &[], relations);
            while let Some(row) = if relations { rows.next_relation().map(|r| r.map(|_| ())) } else { rows.next_claim().map(|r| r.map(|_| ())) } {
                if let Err(errors) = row {
                    assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines));
                }
            }
        }
    }
});
