//! Input in other encodings than UTF-8: spreadsheets saved as Windows-1252 ("ANSI") or UTF-16
//! ("Unicode text"). A UTF-16 byte-order mark is recognised by itself; anything else is named
//! with `--encoding`. The readers get UTF-8 either way, streamed, so memory stays flat.

use std::io::Read;

use encoding_rs::{Encoding, UTF_8};
use encoding_rs_io::DecodeReaderBytesBuilder;

/// The encoding an input is read in, and whether its byte-order mark said so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoding {
    pub encoding: &'static Encoding,
    pub by_mark: bool,
}

impl Decoding {
    /// Plain UTF-8, read as it is.
    pub fn is_default(&self) -> bool {
        self.encoding == UTF_8
    }

    pub fn name(&self) -> &'static str {
        self.encoding.name()
    }
}

/// An encoding by one of its usual names (`windows-1252`, `cp1252`, `latin1`, `utf-16le`,
/// `utf-16be`, `iso-8859-15`, ...: the WHATWG labels).
pub fn by_label(label: &str) -> Result<&'static Encoding, String> {
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(encoding) if encoding.name() != "replacement" => Ok(encoding),
        _ => Err(format!(
            "unknown encoding \"{label}\": use utf-8, windows-1252, utf-16le or utf-16be (or another usual name such as latin1 or iso-8859-15)"
        )),
    }
}

/// How to read an input whose first bytes are `head`: its byte-order mark decides, then the
/// encoding named (`--encoding`), else UTF-8.
pub fn choose(head: &[u8], named: Option<&'static Encoding>) -> Decoding {
    match Encoding::for_bom(head) {
        Some((encoding, _)) => Decoding { encoding, by_mark: true },
        None => Decoding { encoding: named.unwrap_or(UTF_8), by_mark: false },
    }
}

/// The input as UTF-8. UTF-8 passes through untouched (a byte-order mark included: the readers
/// drop it, and check the bytes themselves so that a bad one is reported with its line);
/// anything else is decoded on the fly.
pub fn decode<R: Read + 'static>(input: R, decoding: Decoding) -> Box<dyn Read> {
    if decoding.encoding == UTF_8 {
        return Box::new(input);
    }
    Box::new(
        DecodeReaderBytesBuilder::new()
            .encoding(Some(decoding.encoding))
            .bom_override(true)
            .strip_bom(true)
            .build(input),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], named: Option<&'static Encoding>) -> (Vec<u8>, Decoding) {
        let decoding = choose(bytes, named);
        let mut out = Vec::new();
        decode(std::io::Cursor::new(bytes.to_vec()), decoding).read_to_end(&mut out).unwrap();
        (out, decoding)
    }

    #[test]
    fn utf16_is_known_by_its_mark() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("text;actor\nCafé;محمد\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let (text, decoding) = decoded(&bytes, None);
        assert_eq!(String::from_utf8(text).unwrap(), "text;actor\nCafé;محمد\n");
        assert_eq!((decoding.name(), decoding.by_mark), ("UTF-16LE", true));
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend("a,b\n".encode_utf16().flat_map(|u| u.to_be_bytes()));
        let windows = by_label("windows-1252").unwrap();
        assert_eq!(decoded(&bytes, Some(windows)).0, b"a,b\n", "a mark beats --encoding");
    }

    #[test]
    fn windows_1252_is_read_when_named_and_utf8_passes_untouched() {
        let (text, decoding) =
            decoded(b"text,actor\nSch\xf6n \x93quoted\x94,Ren\xe9\n", Some(by_label("cp1252").unwrap()));
        assert_eq!(String::from_utf8(text).unwrap(), "text,actor\nSchön \u{201c}quoted\u{201d},René\n");
        assert!(!decoding.is_default() && !decoding.by_mark);
        let (bytes, decoding) = decoded(b"\xef\xbb\xbfcaf\xe9", None);
        assert!(decoding.is_default() && decoding.by_mark);
        assert_eq!(bytes, b"\xef\xbb\xbfcaf\xe9", "the readers check UTF-8 themselves");
    }

    #[test]
    fn unknown_labels_are_refused() {
        assert!(by_label("latin1").is_ok());
        assert_eq!(by_label("utf-16").unwrap().name(), "UTF-16LE");
        assert!(by_label("klingon").unwrap_err().contains("unknown encoding \"klingon\""));
    }
}
