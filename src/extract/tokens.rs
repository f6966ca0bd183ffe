//! Words and punctuation, each knowing whether it sits inside a quotation.

use super::lexicon;
use super::marks::{Mark, Quoting, SingleQuotes};
use super::sentences::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum T {
    Word,
    Comma,
    Colon,
    Semicolon,
    Stop,
    Open,
    Close,
    Dash,
    Other,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) t: T,
    /// Inside a quotation (the quote marks themselves are not).
    pub(super) quoted: bool,
}

pub(super) fn tokenize(text: &str, span: Span, singles: &SingleQuotes) -> Vec<Tok> {
    // A token every five bytes or so: room for most sentences at once.
    let mut toks = Vec::with_capacity((span.end - span.start) / 4 + 4);
    let mut quoting = Quoting::default();
    let mut i = span.start;
    let bytes = text.as_bytes();
    // The character at a byte offset, without decoding ASCII.
    let at = |j: usize| match bytes.get(j) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text[j..].chars().next(),
        None => None,
    };
    while i < span.end {
        let c = at(i).expect("inside the text");
        let w = c.len_utf8();
        if c.is_whitespace() {
            i += w;
            continue;
        }
        if c.is_alphanumeric() || c == '$' || c == '#' {
            let mut j = i + w;
            let mut previous = c;
            loop {
                // ASCII letters and digits, most of any word, a byte at a time.
                let run = bytes[j..span.end].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                if run > 0 {
                    j += run;
                    previous = bytes[j - 1] as char;
                }
                if j >= span.end {
                    break;
                }
                let d = at(j).expect("inside the text");
                let joins = d.is_alphanumeric() || {
                    let next = if j + d.len_utf8() < span.end { at(j + d.len_utf8()) } else { None };
                    matches!(d, '\'' | '\u{2019}' | '-' | '.' | '%') && next.is_some_and(char::is_alphanumeric)
                        || d == ',' && previous.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
                        || d == '%'
                };
                if joins {
                    previous = d;
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            // Keep the dot of "U.S." and "Dr." with the word.
            if j < span.end && bytes[j] == b'.' {
                let word = &text[i..j];
                let lower = lexicon::lowercase(word);
                // "until Dec. 9": a month's abbreviation before a number.
                let month_day = lexicon::is_month_abbreviation(&lower)
                    && text[j + 1..span.end].trim_start().starts_with(|c: char| c.is_ascii_digit());
                if word.contains('.')
                    || lexicon::is_title_abbreviation(&lower)
                    || lexicon::is_other_abbreviation(&lower)
                    || month_day
                {
                    let after = text[j + 1..span.end].trim_start();
                    if !after.is_empty() {
                        j += 1;
                    }
                }
            }
            toks.push(Tok { start: i, end: j, t: T::Word, quoted: quoting.inside() });
            i = j;
            continue;
        }
        // "BOSTON, March 3 /PRNewswire/ -- Kelvara ...": hyphens standing alone are a dash.
        if c == '-' && text[..i].ends_with(char::is_whitespace) {
            let run = text[i..span.end].len() - text[i..span.end].trim_start_matches('-').len();
            if text[i + run..span.end].starts_with(char::is_whitespace) {
                toks.push(Tok { start: i, end: i + run, t: T::Dash, quoted: quoting.inside() });
                i += run;
                continue;
            }
        }
        let t = match quoting.step(c, i, singles) {
            Some(Mark::Open) => T::Open,
            Some(Mark::Close) => T::Close,
            None => match c {
                ',' => T::Comma,
                ':' => T::Colon,
                ';' => T::Semicolon,
                '.' | '!' | '?' => T::Stop,
                '\u{2014}' | '\u{2013}' => T::Dash,
                _ => T::Other,
            },
        };
        let quoted = quoting.inside() && !matches!(t, T::Open);
        toks.push(Tok { start: i, end: i + w, t, quoted });
        i += w;
    }
    toks
}
