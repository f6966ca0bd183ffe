//! What a terminal needs: its size, text measured as it draws it, and control characters made
//! visible so that data can never move the cursor, ring the bell or retitle the window.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

/// Width for tables when there is no terminal to ask and COLUMNS is not set.
const DEFAULT_WIDTH: usize = 120;
/// Rows that decide a table's widths when the terminal's height is unknown.
const DEFAULT_HEIGHT: usize = 50;

/// The terminal's width: COLUMNS when set (as git and ls read it), else the terminal's own.
pub fn width() -> usize {
    env_size("COLUMNS")
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(DEFAULT_WIDTH)
}

/// The terminal's height in lines: LINES when set, else the terminal's own.
pub fn height() -> usize {
    env_size("LINES")
        .or_else(|| terminal_size::terminal_size().map(|(_, h)| usize::from(h.0)))
        .unwrap_or(DEFAULT_HEIGHT)
}

fn env_size(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.trim().parse().ok().filter(|n| *n > 0)
}

/// Columns a terminal gives `text`, character by character as wcwidth counts them (so an Arabic
/// lam-alef is two, as terminals draw it, not the one of its ligature), with an emoji made wide
/// by U+FE0F counted wide. Combining marks take none; CJK and emoji take two. Where terminals
/// differ (joined emoji sequences), this errs wide, so a line never runs past the edge.
pub fn display_width(text: &str) -> usize {
    let (mut width, mut previous) = (0, 0);
    for c in text.chars() {
        let w = match c {
            '\u{FE0F}' if previous == 1 => 1,
            c => c.width().unwrap_or(0),
        };
        width += w;
        previous = if c == '\u{FE0F}' { 0 } else { w };
    }
    width
}

/// How a control character is shown: `\t`, `\r`, `\e` for escape, else `\x07`-style hex.
fn visible_control(c: char, out: &mut String) {
    match c {
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        '\u{1b}' => out.push_str("\\e"),
        c => out.push_str(&format!("\\x{:02x}", u32::from(c))),
    }
}

/// `text` with every control character (C0, DEL, C1) written as a visible escape; line breaks
/// are kept when `keep_line_breaks` (a table cell breaks its line there).
pub fn visible(text: &str, keep_line_breaks: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !(keep_line_breaks && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    let text = if keep_line_breaks { Cow::Owned(text.replace("\r\n", "\n")) } else { Cow::Borrowed(text) };
    for c in text.chars() {
        if unsafe_char(c) { visible_control(c, &mut shown) } else { shown.push(c) }
    }
    Cow::Owned(shown)
}

/// A writer for a terminal: passes text through but writes every control character other than
/// line break and tab as a visible escape, whatever the format. Piped output never goes
/// through it and stays byte for byte what the data holds.
pub struct Visible<W: Write> {
    inner: W,
    /// The first byte of a two-byte character (U+0080..U+07FF) that ended the last write.
    carried: Option<u8>,
}

impl<W: Write> Visible<W> {
    pub fn new(inner: W) -> Visible<W> {
        Visible { inner, carried: None }
    }

    pub fn into_inner(mut self) -> io::Result<W> {
        if let Some(byte) = self.carried.take() {
            self.inner.write_all(&[byte])?;
        }
        Ok(self.inner)
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes: Cow<[u8]> = Cow::Borrowed(buf);
        if let Some(first) = self.carried.take() {
            bytes = Cow::Owned([&[first], buf].concat());
        }
        let mut shown = String::new();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            // C0 and DEL are single bytes; C1 (U+0080..U+009F) is 0xC2 then 0x80..0x9F.
            let control = match byte {
                b'\n' | b'\t' => None,
                0x00..=0x1f | 0x7f => Some((char::from(byte), 1)),
                0xc2 if i + 1 == bytes.len() => {
                    self.inner.write_all(&bytes[start..i])?;
                    self.carried = Some(byte);
                    return Ok(buf.len());
                }
                0xc2 if (0x80..=0x9f).contains(&bytes[i + 1]) => Some((char::from(bytes[i + 1]), 2)),
                _ => None,
            };
            match control {
                Some((c, len)) => {
                    self.inner.write_all(&bytes[start..i])?;
                    shown.clear();
                    visible_control(c, &mut shown);
                    self.inner.write_all(shown.as_bytes())?;
                    i += len;
                    start = i;
                }
                None => i += 1,
            }
        }
        self.inner.write_all(&bytes[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_what_a_terminal_draws() {
        assert_eq!(display_width("U.S. officials"), 14);
        // Lam-alef: two characters, two cells (unicode-width's string rule would say one).
        assert_eq!(display_width("الإسلامية"), 9);
        assert_eq!(display_width("لا"), 2);
        assert_eq!(display_width("習近平"), 6);
        assert_eq!(display_width("e\u{301}te\u{301}"), 3);
        assert_eq!(display_width("👍"), 2);
        assert_eq!(display_width("☺\u{FE0F}"), 2);
        assert_eq!(display_width("\u{200F}"), 0);
    }

    #[test]
    fn controls_become_visible_escapes() {
        assert_eq!(visible("a\u{1b}]0;owned\u{7}b", false), "a\\e]0;owned\\x07b");
        assert_eq!(visible("x\r\ny\tz\u{9b}2J", true), "x\ny\\tz\\x9b2J");
        assert_eq!(visible("two\nlines", false), "two\\nlines");
        assert!(matches!(visible("محمد", false), Cow::Borrowed(_)));
    }

    #[test]
    fn the_terminal_writer_escapes_controls_even_split_across_writes() {
        let mut out = Visible::new(Vec::new());
        out.write_all("id\tclaim\n1\tmove \u{1b}[2J".as_bytes()).unwrap();
        let c1 = "\u{9b}".as_bytes();
        out.write_all(&[b' ', c1[0]]).unwrap();
        out.write_all(&[c1[1], b'H', b'\n']).unwrap();
        out.write_all("é ع\u{7f}\n".as_bytes()).unwrap();
        let shown = String::from_utf8(out.into_inner().unwrap()).unwrap();
        assert_eq!(shown, "id\tclaim\n1\tmove \\e[2J \\x9bH\né ع\\x7f\n");
    }
}
