//! CSV, TSV and JSON lines readers: any bytes give rows or faults, never a panic, and every
//! fault names a line that exists.
#![no_main]

use claimtrack::import::ReadOptions;
use claimtrack::import::delimited::{DelimitedRows, Dialect};
use claimtrack::import::jsonl::JsonLines;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let lines = input.iter().filter(|&&b| b == b'\n').count() as u64 + 2;
    let relations = selector & 0x80 != 0;
    let options = ReadOptions { relations, raw: selector & 0x40 != 0, ..ReadOptions::default() };
    match selector % 4 {
        0..=2 => {
            let dialect = [Dialect::Csv(b','), Dialect::Csv(b';'), Dialect::Tsv][usize::from(selector % 4)];
            let Ok(mut rows) = DelimitedRows::open(input, dialect, &options) else { return };
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
            let mut rows = JsonLines::new(input, &options);
            while let Some(row) = if relations { rows.next_relation().map(|r| r.map(|_| ())) } else { rows.next_claim().map(|r| r.map(|_| ())) } {
                if let Err(errors) = row {
                    assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines));
                }
            }
        }
    }
});
