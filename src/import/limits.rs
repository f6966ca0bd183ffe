//! How large an input may be. Each limit is far beyond any real file of its kind and is met at
//! once by a wrong one (`/dev/zero`, a binary, a file with no line breaks), so a reader stops with
//! one clear line instead of growing until the machine runs out of memory.

use std::fmt;
use std::io::{self, Read};

/// The longest CSV or TSV record, and the longest JSON line: a claim row is a few hundred bytes.
pub const MAX_RECORD_BYTES: u64 = 16 << 20;

/// The largest JSON document (`export json`) read by default; `import --max-document-mb` raises it.
/// A million claims export to several hundred MB.
pub const MAX_DOCUMENT_BYTES: u64 = 1 << 30;

/// The largest article for `extract` and `source add --text-file`: a long report is a few MB.
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;

/// How many unknown column names a warning spells out before it only counts the rest.
pub const SHOWN_NAMES: usize = 5;

/// A size as people read it: "16 MB", "1024 MB".
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1 << 20))
}

/// The error a bounded reader gives once its input passes the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub limit: u64,
    /// The line the oversized record or line started on, where that is known.
    pub line: u64,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "over {}", megabytes(self.limit))
    }
}

impl std::error::Error for TooLarge {}

impl TooLarge {
    pub fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::FileTooLarge, self)
    }

    /// The limit an I/O error reports, if it is this one.
    pub fn of(error: &io::Error) -> Option<TooLarge> {
        error.get_ref().and_then(|inner| inner.downcast_ref::<TooLarge>()).copied()
    }
}

/// Passes at most `limit` bytes on; one byte more is an error (the same error every time after).
pub struct Bounded<R> {
    inner: R,
    limit: u64,
    passed: u64,
    exceeded: bool,
}

impl<R: Read> Bounded<R> {
    pub fn new(inner: R, limit: u64) -> Bounded<R> {
        Bounded { inner, limit, passed: 0, exceeded: false }
    }

    pub fn exceeded(&self) -> bool {
        self.exceeded
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.exceeded {
            return Err(TooLarge { limit: self.limit, line: 0 }.into_io());
        }
        // Ask for one byte past the limit: getting it is how the excess is noticed.
        let room = (self.limit - self.passed).saturating_add(1);
        let wanted = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..wanted])?;
        self.passed += n as u64;
        if self.passed > self.limit {
            self.exceeded = true;
            return Err(TooLarge { limit: self.limit, line: 0 }.into_io());
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_passes_the_limit_exactly_and_fails_past_it() {
        let mut exact = Bounded::new(&b"abcd"[..], 4);
        let mut out = Vec::new();
        assert_eq!(exact.read_to_end(&mut out).unwrap(), 4);
        let mut over = Bounded::new(&b"abcde"[..], 4);
        let error = over.read_to_end(&mut Vec::new()).unwrap_err();
        assert_eq!(TooLarge::of(&error), Some(TooLarge { limit: 4, line: 0 }));
        assert!(over.exceeded());
        assert!(over.read(&mut [0; 8]).is_err(), "stays failed");
    }

    #[test]
    fn sizes_read_in_megabytes() {
        assert_eq!(megabytes(MAX_RECORD_BYTES), "16 MB");
        assert_eq!(megabytes(MAX_DOCUMENT_BYTES), "1024 MB");
        assert_eq!(megabytes(1), "1 MB");
    }
}
