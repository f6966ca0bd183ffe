//! Which single quotation marks quote, and which are apostrophes.
//!
//! `'` and `’` are apostrophes far more often than they are quotation marks (don't, workers',
//! '90s), so a single mark quotes only as part of a pair: an opening mark at the start of a word
//! (`‘We`, `'We`) and, later in the same paragraph, a closing mark at the end of one (`move,’`,
//! `fraud'`). Of the closing candidates the first that cannot be a plural's apostrophe wins
//! (`‘The workers’ union is right,’`); an opening `‘` with no partner still quotes to the end of
//! its paragraph, as British quotations that run on to the next paragraph do.

/// What a single mark at some byte offset does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Open,
    Close,
}

/// The single marks of a text that quote, by byte offset.
#[derive(Debug, Default)]
pub struct SingleQuotes(Vec<(usize, Mark)>);

impl SingleQuotes {
    /// The role of the single mark at byte `at`, if it quotes.
    pub fn at(&self, at: usize) -> Option<Mark> {
        self.0.binary_search_by_key(&at, |(offset, _)| *offset).ok().map(|i| self.0[i].1)
    }

    pub fn find(text: &str) -> SingleQuotes {
        let mut marks = Vec::new();
        if SINGLE_MARKS.find(text, 0, text.len()).is_some() {
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                paragraph(text, start, start + line.len(), &mut marks);
                start += line.len();
            }
        }
        SingleQuotes(marks)
    }
}

/// A few characters to look for, found by their first byte: a table lookup per byte instead of
/// decoding every character, as `str::find` with a list of characters does.
pub struct CharSet {
    first_bytes: [bool; 256],
    chars: &'static [char],
}

impl CharSet {
    pub const fn new(chars: &'static [char]) -> CharSet {
        let mut first_bytes = [false; 256];
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k] as u32;
            // The first byte of the character's UTF-8 form.
            let first = if c < 0x80 {
                c
            } else if c < 0x800 {
                0xC0 | (c >> 6)
            } else if c < 0x10000 {
                0xE0 | (c >> 12)
            } else {
                0xF0 | (c >> 18)
            };
            first_bytes[first as usize] = true;
            k += 1;
        }
        CharSet { first_bytes, chars }
    }

    /// The byte offset of the first of the characters in `text[from..end]`.
    pub fn find(&self, text: &str, from: usize, end: usize) -> Option<usize> {
        let bytes = &text.as_bytes()[..end];
        let mut i = from;
        while i < end {
            i += bytes[i..].iter().position(|&b| self.first_bytes[b as usize])?;
            // ASCII matches at once; a lead byte must begin one of the characters.
            if bytes[i] < 0x80 || text[i..].chars().next().is_some_and(|c| self.chars.contains(&c)) {
                return Some(i);
            }
            i += 1;
        }
        None
    }
}

static SINGLE_MARKS: CharSet = CharSet::new(&['\'', '\u{2018}', '\u{2019}']);
static QUOTATION_MARKS: CharSet = CharSet::new(&['"', '\'', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}']);

/// Whether a point of the text is inside a quotation, and which kind of mark opened it: marks of
/// the other kind inside it quote within the quotation and open or close nothing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Quoting(Option<Kind>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
}

impl Quoting {
    pub fn inside(self) -> bool {
        self.0.is_some()
    }

    /// Step over the character `c` at byte `at`: did it open or close a quotation?
    pub fn step(&mut self, c: char, at: usize, singles: &SingleQuotes) -> Option<Mark> {
        let (kind, mark) = match c {
            '"' if self.0.is_none() => (Kind::Double, Mark::Open),
            '"' => (Kind::Double, Mark::Close),
            '\u{201c}' | '\u{ab}' => (Kind::Double, Mark::Open),
            '\u{201d}' | '\u{bb}' => (Kind::Double, Mark::Close),
            _ if is_single(c) => (Kind::Single, singles.at(at)?),
            _ => return None,
        };
        match mark {
            Mark::Open if self.0.is_none() => self.0 = Some(kind),
            Mark::Close if self.0 == Some(kind) => self.0 = None,
            _ => return None,
        }
        Some(mark)
    }
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}')
}

/// Could the mark at `i` open a quotation? It starts a word, and no elision follows ('90s, 'em).
fn opens(text: &str, i: usize, c: char) -> bool {
    if c == '\u{2019}' {
        return false;
    }
    let before = text[..i].chars().next_back();
    let after = &text[i + c.len_utf8()..];
    let starts_word = before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '\u{2014}' | '\u{2013}'));
    let next = after.chars().next();
    let elision = {
        let word = &after[..after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len())];
        word.len() == 3 && word.ends_with(['s', 'S']) && word.starts_with(|c: char| c.is_ascii_digit())
            || ["em", "til", "tis", "twas", "n", "cause"].iter().any(|elided| word.eq_ignore_ascii_case(elided))
    };
    starts_word && next.is_some_and(|n| n.is_alphanumeric() || matches!(n, '"' | '\u{201c}' | '.')) && !elision
}

/// Could the mark at `i` close a quotation, and how surely? 2: after punctuation or before it, or
/// after a letter other than s; 1: after an s and before a space (a plural's apostrophe too).
fn closes(text: &str, i: usize, c: char) -> u8 {
    if c == '\u{2018}' {
        return 0;
    }
    let before = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    if before.is_none_or(char::is_whitespace) || next.is_some_and(char::is_alphanumeric) {
        return 0;
    }
    let plural = before.is_some_and(|b| b == 's' || b == 'S') && next.is_none_or(char::is_whitespace);
    if plural { 1 } else { 2 }
}

/// Pair the single marks of one paragraph, `text[start..end]`, outside double quotation marks.
fn paragraph(text: &str, start: usize, end: usize, marks: &mut Vec<(usize, Mark)>) {
    let mut in_double = false;
    let mut i = start;
    while i < end {
        // Only quotation marks matter: skip to the next one.
        let Some(next) = QUOTATION_MARKS.find(text, i, end) else { return };
        i = next;
        let c = text[i..].chars().next().expect("inside the text");
        match c {
            '"' => in_double = !in_double,
            '\u{201c}' => in_double = true,
            '\u{201d}' => in_double = false,
            _ if is_single(c) && !in_double && opens(text, i, c) => {
                if let Some(close) = partner(text, i + c.len_utf8(), end) {
                    marks.push((i, Mark::Open));
                    marks.push((close, Mark::Close));
                    i = close + text[close..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                // A curly opening mark with no partner quotes to the end of the paragraph.
                if c == '\u{2018}' {
                    marks.push((i, Mark::Open));
                    return;
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    }
}

/// The closing mark for a quotation opened just before `from`: the first sure one, else the last
/// possible one, before the next opening mark.
fn partner(text: &str, from: usize, end: usize) -> Option<usize> {
    let mut possible = None;
    let mut at = from;
    while let Some(i) = SINGLE_MARKS.find(text, at, end) {
        let c = text[i..].chars().next().expect("found in the text");
        at = i + c.len_utf8();
        match closes(text, i, c) {
            2 => return Some(i),
            1 => possible = Some(i),
            _ if opens(text, i, c) => break,
            _ => {}
        }
    }
    possible
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<(char, Mark)> {
        let marks = SingleQuotes::find(text);
        text.char_indices().filter_map(|(i, c)| marks.at(i).map(|m| (c, m))).collect()
    }

    #[test]
    fn straight_and_curly_pairs_quote() {
        assert_eq!(quoted("'We will not move,' said Ms Kowalczyk."), [('\'', Mark::Open), ('\'', Mark::Close)]);
        assert_eq!(quoted("He said: \u{2018}We expect more.\u{2019}"), [('‘', Mark::Open), ('’', Mark::Close)]);
        assert_eq!(quoted("called the plan 'a fraud' and left"), [('\'', Mark::Open), ('\'', Mark::Close)]);
    }

    #[test]
    fn apostrophes_do_not_quote() {
        assert!(quoted("The workers' union said it didn't agree.").is_empty());
        assert!(quoted("Prices last seen in the '90s, rock 'n' roll.").is_empty());
        assert!(quoted("Ngāti Porou's leaders and the farmers’ co-op").is_empty());
    }

    #[test]
    fn a_plural_apostrophe_inside_a_quotation_is_not_its_end() {
        let text = "\u{2018}The workers\u{2019} union is right,\u{2019} he said.";
        let marks = SingleQuotes::find(text);
        let close = text.rfind('\u{2019}').unwrap();
        assert_eq!(marks.at(close), Some(Mark::Close));
        assert_eq!(marks.at(text.find('\u{2019}').unwrap()), None);
    }

    #[test]
    fn single_marks_inside_double_quotation_marks_are_left_alone() {
        assert!(quoted("\"He called it 'a fraud', and I agree,\" she said.").is_empty());
    }

    #[test]
    fn an_unpaired_curly_opening_runs_to_the_end_of_the_paragraph() {
        assert_eq!(quoted("\u{2018}We will go on.\nNext"), [('‘', Mark::Open)]);
    }
}
