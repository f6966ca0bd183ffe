//! Whole text files: the article `extract` reads and the text `source add --text-file` stores.

use std::io::{self, Read};

use anyhow::{Context, Result, anyhow, bail};

use super::limits::megabytes;

/// A whole text file (or standard input, `-`) of at most `limit` bytes, as UTF-8 without a
/// byte-order mark and with plain line ends: the article `extract` reads and the text
/// `source add --text-file` stores. NUL bytes are refused as soon as they are met: no text has
/// them, and a device or binary file shows them at once.
pub fn read_text_file(file: &str, limit: u64) -> Result<String> {
    let shown = if file == "-" { "standard input" } else { file };
    let mut input: Box<dyn Read> = if file == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(file).with_context(|| format!("cannot read {file}"))?)
    };
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot read {shown}")),
        };
        if let Some(at) = memchr::memchr(0, &chunk[..n]) {
            bail!("{shown}: not text (a NUL byte at offset {}): give a plain UTF-8 text file", bytes.len() + at);
        }
        if (bytes.len() + n) as u64 > limit {
            bail!("{shown}: over {}, far longer than any article; is this really a text file?", megabytes(limit));
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow!("{shown}: not UTF-8 text (invalid byte at offset {}): save it as UTF-8", e.utf8_error().valid_up_to())
    })?;
    // A byte-order mark is not part of the text; CRLF line ends become plain ones.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(if text.contains('\r') { text.replace("\r\n", "\n") } else { text })
}
