//! Paragraphs and sentences, with their byte ranges in the input.
//!
//! A sentence ends at `.`, `!` or `?` (and any closing quotes or brackets after it) when the
//! next word starts a sentence. Abbreviations (Dr., Gen., Aug. 3), initials (J. K. Rowling) and
//! "U.S." before a name do not end one; a quotation that closes with a comma (`"...," she said`)
//! runs on into its speech tag.

use super::lexicon;
use super::marks::{CharSet, Quoting, SingleQuotes};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// 1-based paragraph number.
    pub paragraph: usize,
}

/// Paragraphs are separated by line breaks (one or more); empty ones are skipped.
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        if !text[start..i].trim().is_empty() {
            out.push((start, i));
        }
        start = i + 1;
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\u{201d}' | '\u{2019}' | '\'' | ')' | ']' | '\u{bb}')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}')
}

/// The word that ends just before byte `end` (letters, digits and inner dots/apostrophes).
fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.' || *c == '\'' || *c == '-')
        .last()
        .map_or(end, |(i, _)| i);
    &text[start..end]
}

/// The next word after byte `from`, skipping spaces and opening quotes.
fn word_after(text: &str, from: usize) -> &str {
    let rest = &text[from..];
    let start = rest.find(|c: char| !c.is_whitespace() && !is_opener(c) && c != '\'').map_or(rest.len(), |i| i);
    let rest = &rest[start..];
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '.')).unwrap_or(rest.len());
    &rest[..end]
}

/// Does the period ending `word` (given without its final dot) stop the sentence, given the word after it?
fn period_ends_sentence(word: &str, next: &str) -> bool {
    let next_upper = next.chars().next().is_some_and(|c| c.is_uppercase());
    let next_digit = next.chars().next().is_some_and(|c| c.is_ascii_digit());
    let bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if bare.is_empty() {
        return true;
    }
    // Initials: "J." in "J. K. Rowling".
    if bare.chars().count() == 1 && bare.chars().all(char::is_uppercase) {
        return false;
    }
    let lower = lexicon::lowercase(bare);
    if lexicon::is_title_abbreviation(&lower) {
        return false;
    }
    if lexicon::is_month_abbreviation(&lower) && next_digit {
        return false;
    }
    // Dotted abbreviations (U.S., U.N., a.m.): a sentence ends only if a sentence starter follows.
    if bare.contains('.') || lexicon::is_other_abbreviation(&lower) {
        return next_upper && lexicon::starts_sentences(next);
    }
    next_upper || next_digit || next.is_empty()
}

/// The sentences of one paragraph.
/// What ends a sentence, and the quotation marks a sentence cannot end inside.
static SENTENCE_MARKS: CharSet =
    CharSet::new(&['.', '!', '?', '"', '\'', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}']);

pub fn sentences(text: &str, (start, end): (usize, usize), paragraph: usize, singles: &SingleQuotes) -> Vec<Span> {
    let mut out = Vec::new();
    let mut sentence_start = start;
    let bytes = text.as_bytes();
    let mut i = start;
    // Inside a quotation, sentences run on to its end: "One thing. Another," she said.
    let mut quoting = Quoting::default();
    while i < end {
        // Only ends of sentences and quotation marks matter: skip to the next one.
        let Some(next) = SENTENCE_MARKS.find(text, i, end) else { break };
        i = next;
        let c = text[i..].chars().next().expect("within the text");
        let width = c.len_utf8();
        if !matches!(c, '.' | '!' | '?') {
            quoting.step(c, i, singles);
            i += width;
            continue;
        }
        // Take any run of terminators and closing quotes/brackets; a quotation may close in it.
        let mut j = i + width;
        while j < end {
            let d = text[j..].chars().next().unwrap();
            if !(matches!(d, '.' | '!' | '?') || is_closer(d)) {
                break;
            }
            quoting.step(d, j, singles);
            j += d.len_utf8();
        }
        let at_end = text[j..end].trim().is_empty();
        let followed_by_space = j < end && (bytes[j] == b' ' || bytes[j] == b'\t');
        if !quoting.inside() && (at_end || followed_by_space) {
            let next = word_after(text, j);
            let ends = if c == '.' {
                period_ends_sentence(word_before(text, i), next)
            } else {
                // "Why now?" she asked: a question or exclamation in quotes runs on into a
                // lower-case speech tag.
                next.chars().next().is_none_or(|n| !n.is_lowercase())
            };
            // "'Crime has doubled.' – Cllr Dominic Fairbairn": a dash names who said it.
            let attributed = text[j..end].trim_start().starts_with(['\u{2013}', '\u{2014}']);
            if (ends || at_end) && !attributed {
                out.push(Span { start: sentence_start, end: j, paragraph });
                sentence_start = j;
            }
        }
        i = j;
    }
    if !text[sentence_start..end].trim().is_empty() {
        out.push(Span { start: sentence_start, end, paragraph });
    }
    // Almost every sentence is one piece: cut only the rare long one.
    if out.iter().any(|s| s.end - s.start > LONGEST_SENTENCE) {
        out = out.into_iter().flat_map(|s| pieces(text, s)).collect();
    }
    // Trim leading white space from each span.
    out.into_iter()
        .map(|s| {
            let skip = text[s.start..s.end].len() - text[s.start..s.end].trim_start().len();
            Span { start: s.start + skip, ..s }
        })
        .filter(|s| s.start < s.end)
        .collect()
}

/// The longest sentence read as one, in bytes: some rules look across a whole sentence, so a
/// text with no full stops (a hostile file, a table pasted as text) must not read as one
/// sentence of megabytes. No real sentence comes near; a long quotation of several sentences
/// may, and is read in pieces.
const LONGEST_SENTENCE: usize = 8 << 10;

/// A span cut into pieces of at most `LONGEST_SENTENCE` bytes, at white space where there is some.
fn pieces(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    while span.end - start > LONGEST_SENTENCE {
        let mut cut = start + LONGEST_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[start..cut].rfind(char::is_whitespace).filter(|&at| at > 0).map_or(cut, |at| start + at);
        out.push(Span { start, end: cut, ..span });
        start = cut;
    }
    out.push(Span { start, ..span });
    out
}

/// Every sentence of the text, paragraph by paragraph.
pub fn split(text: &str, singles: &SingleQuotes) -> Vec<Span> {
    // News sentences run to about 150 bytes: room for most at once.
    let mut spans = Vec::with_capacity(text.len() / 128 + 1);
    for (n, range) in paragraphs(text).into_iter().enumerate() {
        spans.extend(sentences(text, range, n + 1, singles));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<&str> {
        split(input, &SingleQuotes::find(input)).into_iter().map(|s| &input[s.start..s.end]).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let input =
            "U.S. officials met Gen. Smith and Dr. J. K. Lee on Aug. 3 in Washington. They said the talks went well.";
        assert_eq!(
            texts(input),
            [
                "U.S. officials met Gen. Smith and Dr. J. K. Lee on Aug. 3 in Washington.",
                "They said the talks went well."
            ]
        );
    }

    #[test]
    fn a_sentence_can_end_with_an_abbreviation() {
        assert_eq!(
            texts("Troops returned to the U.S. The talks went on."),
            ["Troops returned to the U.S.", "The talks went on."]
        );
    }

    #[test]
    fn quotations_run_on_into_their_speech_tags() {
        let input =
            "\"Trucks are lining up,\" said Pavel Novak. \"Some are paying drivers to sleep.\" \"Why now?\" she asked.";
        assert_eq!(
            texts(input),
            [
                "\"Trucks are lining up,\" said Pavel Novak.",
                "\"Some are paying drivers to sleep.\"",
                "\"Why now?\" she asked."
            ]
        );
    }

    #[test]
    fn a_quotation_of_several_sentences_is_one() {
        let input = "\"This is not charity. It is an investment,\" she said. Then she left.";
        assert_eq!(texts(input), ["\"This is not charity. It is an investment,\" she said.", "Then she left."]);
    }

    #[test]
    fn a_text_without_full_stops_is_read_in_pieces() {
        let input = "word ".repeat(10_000) + "é".repeat(10_000).as_str();
        let spans = split(&input, &SingleQuotes::find(&input));
        assert!(spans.len() > 5, "{} spans", spans.len());
        assert!(spans.iter().all(|s| s.end - s.start <= LONGEST_SENTENCE));
        assert_eq!(spans.last().unwrap().end, input.len());
    }

    #[test]
    fn paragraphs_are_numbered() {
        let input = "First one. Second one.\n\nThird one.\nFourth one.";
        let spans = split(input, &SingleQuotes::find(input));
        assert_eq!(spans.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [1, 1, 2, 3]);
    }
}
