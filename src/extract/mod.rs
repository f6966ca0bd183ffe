//! Proposing attributed claims from an article's text: rules, no model, no network.
//!
//! The text is split into paragraphs and sentences (`sentences`), each sentence into word and
//! punctuation tokens that know whether they sit inside a quotation. Then each sentence is read
//! for the ways news writing attributes speech:
//!
//! - `"Q," S said.` / `"Q," said S.` and quotations that run on into the next sentence or paragraph
//! - `S said (that) C`, with auxiliaries and adverbs (`have repeatedly emphasized that`), an
//!   addressee (`told reporters that`) or adverbials (`said on Friday that`) in between
//! - `S said: "Q"` and mixed quotations (`said the sample was "far too high"`)
//! - `C, S said.` / `C, said S.`
//! - `According to S, C` / `C, according to S`
//! - `..., saying (that) C`, whose speaker is the sentence's subject
//! - `S criticized X as Y`, `S accused X of Y`
//! - `S claimed responsibility for X` (a reporting verb with a noun phrase)
//!
//! Speakers keep their titles and appositions as written (`speaker_text`) and are resolved to a
//! name (`speaker`): "the agency's general manager, Rosa Delgado" is Rosa Delgado; "she", "the
//! official" or "Delgado" is the nearest earlier speaker that fits (`speakers`).

pub mod lexicon;
pub mod sentences;
pub mod speakers;

use serde::Serialize;

use lexicon::VerbKind;
use sentences::Span;
use speakers::{Known, SpeakerKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The words are quoted.
    Direct,
    /// The claim is reported in the writer's words.
    Indirect,
    /// Reported, with quoted words inside.
    Mixed,
}

/// One attributed claim the extractor proposes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Who made the claim, resolved to a name where the article allows.
    pub speaker: String,
    /// The speaker as the sentence gives them ("she", "the agency's general manager, Rosa Delgado").
    pub speaker_text: String,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: String,
    /// What was claimed.
    pub text: String,
    pub kind: Kind,
    /// Character offsets of `text` in the input.
    pub start: usize,
    pub end: usize,
    /// 1-based paragraph.
    pub paragraph: usize,
    /// The pattern that found it.
    pub rule: &'static str,
    pub confidence: f32,
    /// The quoted words, for direct and mixed claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
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
struct Tok {
    start: usize,
    end: usize,
    t: T,
    /// Inside a quotation (the quote marks themselves are not).
    quoted: bool,
}

fn tokenize(text: &str, span: Span) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut in_quote = false;
    let mut i = span.start;
    let at = |j: usize| text[j..].chars().next();
    while i < span.end {
        let c = at(i).expect("inside the text");
        let w = c.len_utf8();
        if c.is_whitespace() {
            i += w;
            continue;
        }
        if c.is_alphanumeric() || c == '$' || c == '#' {
            let mut j = i + w;
            while j < span.end {
                let d = at(j).unwrap();
                let next = text[j + d.len_utf8()..span.end].chars().next();
                let previous_digit = text[..j].chars().next_back().is_some_and(|p| p.is_ascii_digit());
                let joins = d.is_alphanumeric()
                    || matches!(d, '\'' | '\u{2019}' | '-' | '.' | '%') && next.is_some_and(char::is_alphanumeric)
                    || d == ',' && previous_digit && next.is_some_and(|n| n.is_ascii_digit())
                    || d == '%';
                if joins {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            // Keep the dot of "U.S." and "Dr." with the word.
            if j < span.end && text[j..].starts_with('.') {
                let word = &text[i..j];
                let lower = word.to_lowercase();
                if word.contains('.') || lexicon::is_title_abbreviation(&lower) {
                    let after = text[j + 1..span.end].trim_start();
                    if !after.is_empty() {
                        j += 1;
                    }
                }
            }
            toks.push(Tok { start: i, end: j, t: T::Word, quoted: in_quote });
            i = j;
            continue;
        }
        let t = match c {
            '"' => {
                in_quote = !in_quote;
                if in_quote { T::Open } else { T::Close }
            }
            '\u{201c}' | '\u{ab}' => {
                in_quote = true;
                T::Open
            }
            '\u{201d}' | '\u{bb}' => {
                in_quote = false;
                T::Close
            }
            // Single curly quotes quote too (British style): ‘ opens at a word's start, and
            // ’ closes an open one when no letter follows (else it is an apostrophe).
            '\u{2018}' if i == span.start || text[..i].ends_with(char::is_whitespace) => {
                in_quote = true;
                T::Open
            }
            '\u{2019}' if in_quote && !text[i + w..].starts_with(char::is_alphanumeric) => {
                in_quote = false;
                T::Close
            }
            ',' => T::Comma,
            ':' => T::Colon,
            ';' => T::Semicolon,
            '.' | '!' | '?' => T::Stop,
            '\u{2014}' | '\u{2013}' => T::Dash,
            _ => T::Other,
        };
        let quoted = in_quote && !matches!(t, T::Open);
        toks.push(Tok { start: i, end: i + w, t, quoted: quoted && t != T::Close });
        i += w;
    }
    toks
}

/// One sentence being read.
struct Sentence<'a> {
    text: &'a str,
    toks: Vec<Tok>,
}

/// A claim found in a sentence, before its speaker is resolved.
struct Found {
    speaker: (usize, usize),
    cue: (usize, usize),
    content: (usize, usize),
    rule: &'static str,
    confidence: f32,
    /// The speaker is the sentence's subject found by the participle rule, or a quotation's.
    speaker_override: Option<Known>,
}

impl Found {
    fn new(
        speaker: (usize, usize),
        cue: (usize, usize),
        content: (usize, usize),
        rule: &'static str,
        confidence: f32,
    ) -> Found {
        Found { speaker, cue, content, rule, confidence, speaker_override: None }
    }
}

/// Words that open a prepositional phrase: not the start of what was said.
const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "during", "after", "before", "via", "through", "with", "without", "to", "for", "from", "by",
    "over", "under", "about", "into", "onto", "against", "among",
];

/// Words that open an adverbial of time as well ("said last week that"), though they can also
/// open a clause ("said this year's harvest will be small").
const TIME_WORDS: &[&str] = &["last", "this", "earlier", "late", "early", "next"];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "this", "that", "some",
    "any", "no", "such", "whose", "which", "what",
];

/// Verbs whose bare complement is almost always what was said ("she says flour arrives weekly").
const SAY_LIKE: &[&str] = &["say", "add", "argue", "insist", "explain", "believe", "contend"];

/// Words that start a say-complement that is not a statement ("said nothing", "said goodbye").
const NOT_SAID: &[&str] = &[
    "nothing", "something", "anything", "so", "goodbye", "yes", "no", "little", "much", "more", "less", "hello",
    "thanks", "sorry", "otherwise", "sometimes", "again",
];

const SPEECH_ACT_PARTICIPLES: &[&str] = &[
    "vowing", "promising", "threatening", "pledging", "calling", "urging", "demanding", "warning", "saying", "adding",
    "insisting", "noting", "stating", "asserting", "claiming", "arguing",
];

impl<'a> Sentence<'a> {
    fn word(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    fn lower(&self, i: usize) -> String {
        lexicon::lowercase(self.word(i)).into_owned()
    }

    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].t == T::Word
    }

    fn is_free_word(&self, i: usize) -> bool {
        self.is_word(i) && !self.toks[i].quoted
    }

    fn span_text(&self, (a, b): (usize, usize)) -> &'a str {
        if a >= b {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }

    fn words_in(&self, (a, b): (usize, usize)) -> usize {
        (a..b).filter(|&i| self.is_word(i)).count()
    }

    /// A question asked in the writer's own voice.
    fn is_question(&self) -> bool {
        self.toks
            .iter()
            .rev()
            .find(|t| t.t != T::Close)
            .is_some_and(|t| t.t == T::Stop && !t.quoted && self.text[t.start..t.end] == *"?")
    }

    /// The end (exclusive) of the clause that starts at `from`: before a full stop, a semicolon,
    /// a participle or speech tag after a comma, `and vowing`, or `, according to`.
    fn clause_end(&self, from: usize) -> usize {
        let n = self.toks.len();
        let mut i = from;
        while i < n {
            let tok = self.toks[i];
            if tok.quoted || matches!(tok.t, T::Open | T::Close) {
                i += 1;
                continue;
            }
            match tok.t {
                T::Stop | T::Semicolon => return i,
                T::Dash if i > from => return i,
                T::Comma if self.is_free_word(i + 1) => {
                    let next = self.lower(i + 1);
                    let ends = next.ends_with("ing") && next.len() > 4 && !DETERMINERS.contains(&next.as_str())
                        || matches!(next.as_str(), "according" | "citing" | "while" | "whereas" | "although")
                        || self.is_speech_tag(i + 1)
                        || matches!(next.as_str(), "and" | "but") && self.new_attribution_after(i + 2);
                    if ends {
                        return i;
                    }
                }
                T::Word if self.lower(i) == "and" && self.is_free_word(i + 1) => {
                    let next = self.lower(i + 1);
                    let coordinated_verb = lexicon::verb(&next).is_some()
                        && !lexicon::is_participle(&next)
                        && !lexicon::is_base_form(&next);
                    if SPEECH_ACT_PARTICIPLES.contains(&next.as_str()) || coordinated_verb {
                        return i;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        n
    }

    /// ", and one lawmaker said ...": does a new speaker and reporting verb follow soon after
    /// token `from`, so that the clause before it is over?
    fn new_attribution_after(&self, from: usize) -> bool {
        (from..(from + 12).min(self.toks.len())).take_while(|&j| self.toks[j].t != T::Stop).any(|j| {
            self.is_free_word(j)
                && lexicon::verb(self.word(j)).is_some_and(|(_, k)| k != VerbKind::Evaluative)
                && !lexicon::is_participle(self.word(j))
                && self.word(j).chars().next().is_some_and(char::is_lowercase)
        })
    }

    /// Does a short `S said` / `said S` end the sentence from token `i`?
    fn is_speech_tag(&self, i: usize) -> bool {
        let end = self.toks[i..].iter().position(|t| t.t == T::Stop).map_or(self.toks.len(), |p| i + p);
        if self.words_in((i, end)) > 8 {
            return false;
        }
        (i..end).any(|j| {
            self.is_free_word(j)
                && lexicon::verb(self.word(j)).is_some_and(|(_, k)| k != VerbKind::Evaluative)
                && !lexicon::is_participle(self.word(j))
        }) && (i..end).all(|j| self.toks[j].t != T::Open)
    }

    /// Skip auxiliaries and adverbs backwards from `end` (exclusive).
    fn before_auxiliaries(&self, mut end: usize, floor: usize) -> usize {
        while end > floor && self.is_free_word(end - 1) && lexicon::is_auxiliary(self.word(end - 1)) {
            end -= 1;
        }
        end
    }

    /// The subject that ends at `end` (exclusive), looking no further back than `floor`:
    /// the clause's last comma-separated part, or two parts for an apposition
    /// ("A ministry spokeswoman, Elena Petrova,"), dropping a relative clause ("Jamal Hughes,
    /// who leads the Riders Alliance,").
    fn subject_before(&self, end: usize, floor: usize) -> Option<(usize, usize)> {
        let end = self.before_auxiliaries(end, floor);
        if end <= floor {
            return None;
        }
        let mut start = floor;
        for i in (floor..end).rev() {
            if matches!(self.toks[i].t, T::Semicolon | T::Colon | T::Stop | T::Dash)
                || matches!(self.toks[i].t, T::Close | T::Open) && !self.toks[i].quoted
            {
                start = i + 1;
                break;
            }
        }
        let commas: Vec<usize> = (start..end).filter(|&i| self.toks[i].t == T::Comma && !self.toks[i].quoted).collect();
        let (a, b) = if self.toks[end - 1].t == T::Comma {
            // "X, Y, said": an apposition or a relative clause sits between the last two commas.
            let before = &commas[..commas.len() - 1];
            let &inner_comma = before.last()?;
            let outer_start = before.len().checked_sub(2).map_or(start, |k| before[k] + 1);
            let relative = matches!(self.lower(inner_comma + 1).as_str(), "who" | "which" | "whose" | "whom");
            (outer_start, if relative { inner_comma } else { end - 1 })
        } else {
            (commas.last().map_or(start, |c| c + 1), end)
        };
        let a = self.past_opening_words(a, b);
        (a < b).then_some((a, b))
    }

    /// The first token at or after `from` (and before `limit`) that is not an opening
    /// "However,", "But", "And" or its comma.
    fn past_opening_words(&self, mut from: usize, limit: usize) -> usize {
        while from < limit
            && (self.is_free_word(from) && lexicon::is_sentence_adverb(self.word(from))
                || self.toks[from].t == T::Comma)
        {
            from += 1;
        }
        from
    }

    /// Could these words be someone who makes claims?
    fn is_speakerish(&self, (a, b): (usize, usize)) -> bool {
        // "X, an epidemiologist at ... who ...": a phrase with an apposition is a speaker if its
        // head is, or the apposition is.
        if let Some(comma) = (a..b).find(|&i| self.toks[i].t == T::Comma) {
            let next = (comma + 1..b).find(|&i| self.toks[i].t == T::Comma).unwrap_or(b);
            return self.is_speakerish((a, comma)) || comma + 1 < next && self.is_speakerish((comma + 1, next));
        }
        let words: Vec<usize> = (a..b).filter(|&i| self.is_word(i)).collect();
        if words.is_empty() || words.len() > 16 || (a..b).any(|i| self.toks[i].quoted || self.toks[i].t == T::Open) {
            return false;
        }
        let first = self.lower(words[0]);
        if words.len() == 1 && lexicon::pronoun(&first).is_some()
            || matches!(first.as_str(), "we" | "i") && words.len() == 1
        {
            return true;
        }
        if matches!(
            first.as_str(),
            "it" | "there" | "this" | "that" | "which" | "what" | "who" | "where" | "when" | "how" | "these" | "those"
        ) {
            return false;
        }
        // An auxiliary inside means this is a clause, not a noun phrase ("the talks are over"); a
        // participle is not one ("a group based in the area").
        let relative = words.iter().position(|&i| matches!(self.lower(i).as_str(), "who" | "which" | "whose" | "whom"));
        let lowercase_finite = words[..relative.unwrap_or(words.len())].iter().any(|&i| {
            let w = self.word(i).to_lowercase();
            matches!(
                w.as_str(),
                "is" | "are"
                    | "was"
                    | "were"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
                    | "must"
                    | "does"
                    | "did"
                    | "do"
                    | "has"
                    | "have"
                    | "had"
            )
        });
        if lowercase_finite {
            return false;
        }
        let named = words.iter().any(|&i| {
            let w = self.word(i);
            let capital = speakers::capitalised(w) && !(i == 0 && DETERMINERS.contains(&w.to_lowercase().as_str()));
            capital || lexicon::is_speaker_noun(w) || (w.ends_with('s') && w.len() > 3 && !w.ends_with("ss"))
        });
        // Otherwise a short noun phrase ending in a noun: "The opposition", "the family".
        let last = self.lower(*words.last().expect("not empty"));
        named
            || words.len() <= 6
                && last.chars().all(char::is_alphabetic)
                && last.len() > 2
                && !DETERMINERS.contains(&last.as_str())
                && !PREPOSITIONS.contains(&last.as_str())
                && !lexicon::is_auxiliary(&last)
                && lexicon::pronoun(&last).is_none()
    }

    /// Is the word at `v` a reporting verb used as one here?
    fn reporting_verb(&self, v: usize) -> Option<(&'static str, VerbKind)> {
        if !self.is_free_word(v) {
            return None;
        }
        let word = self.word(v);
        // Mid-sentence, a capitalised "States" or "Claims" is part of a name.
        if v > 0 && word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let found = lexicon::verb(word)?;
        let previous = if v > 0 && self.is_word(v - 1) { self.lower(v - 1) } else { String::new() };
        // "the alleged attack", "his claims", "a report": nouns and adjectives after a determiner.
        if DETERMINERS.contains(&previous.as_str()) || previous.ends_with("'s") {
            return None;
        }
        if lexicon::is_base_form(word) {
            // "Farmers in the southern valley say": a plural subject, however far its head.
            let plural_subject = self.subject_before(v, 0).is_some_and(|(a, b)| {
                (a..b).any(|i| self.is_free_word(i) && self.word(i).ends_with('s') && self.word(i).len() > 3)
            });
            let subject_like = lexicon::is_auxiliary(&previous)
                || matches!(previous.as_str(), "they" | "we" | "i" | "you" | "to")
                || previous.ends_with('s') && previous.len() > 3
                || plural_subject && !DETERMINERS.contains(&previous.as_str());
            if !subject_like || previous == "to" {
                return None;
            }
        }
        if found.0 == "point out" && self.lower(v + 1) != "out" {
            return None;
        }
        Some(found)
    }

    /// Where what was said starts, for a verb at `v`, and whether "that" introduced it.
    fn complement_start(&self, v: usize, lemma: &str, kind: VerbKind) -> Option<(usize, bool)> {
        let n = self.toks.len();
        let mut i = v + 1;
        if lemma == "point out" {
            i += 1;
        }
        if i < n && self.toks[i].t == T::Colon {
            return (i + 1 < n).then_some((i + 1, false));
        }
        // "that" within reach, with only an addressee (told reporters that) or adverbials (said on
        // Friday that) before it. After "said the report showed ..." the clause has begun.
        let adverbial_next = i < n && self.is_free_word(i) && {
            let next = self.word(i);
            let lower = self.lower(i);
            PREPOSITIONS.contains(&lower.as_str())
                || TIME_WORDS.contains(&lower.as_str())
                || lexicon::is_auxiliary(&lower)
                || lexicon::is_day_or_month(next)
                || lower == "that"
        };
        let reach =
            if kind == VerbKind::Tell || adverbial_next || i < n && self.toks[i].t == T::Comma { 10 } else { 1 };
        for j in i..(i + reach).min(n) {
            let tok = self.toks[j];
            // "told local radio: \"...\"": an addressee, then the quotation.
            if tok.t == T::Colon && j + 1 < n && self.toks[j + 1].t == T::Open {
                return Some((j + 1, false));
            }
            if tok.quoted || matches!(tok.t, T::Stop | T::Semicolon | T::Open | T::Comma) {
                break;
            }
            if tok.t == T::Word && self.lower(j) == "that" {
                return (j + 1 < n).then_some((j + 1, true));
            }
            let auxiliary = matches!(
                self.lower(j).as_str(),
                "is" | "are" | "was" | "were" | "will" | "would" | "has" | "had" | "have" | "can" | "could"
            );
            if tok.t == T::Word && j > i && auxiliary {
                break;
            }
        }
        match kind {
            VerbKind::Tell => None,
            VerbKind::Evaluative => Some((i, false)),
            VerbKind::Speech => {
                while i < n
                    && (self.toks[i].t == T::Comma
                        || self.is_free_word(i) && lexicon::is_auxiliary(self.word(i)) && self.lower(i) != "that")
                {
                    i += 1;
                }
                (i < n).then_some((i, false))
            }
        }
    }

    /// Does the stretch read as a clause (a subject and a finite verb), not a bare phrase?
    fn reads_as_clause(&self, (a, b): (usize, usize)) -> bool {
        if a >= b {
            return false;
        }
        if self.toks[a].t == T::Open {
            return true;
        }
        let first = self.lower(a);
        if PREPOSITIONS.contains(&first.as_str()) || matches!(first.as_str(), "responsibility" | "credit") {
            return false;
        }
        (a..b.min(a + 14)).any(|i| {
            self.is_free_word(i) && {
                let w = self.word(i);
                w.chars().next().is_some_and(char::is_lowercase)
                    && (lexicon::looks_finite(w) || lexicon::verb(w).is_some())
            }
        })
    }

    /// A bare complement of "say" that reads as a statement: four words or more, not starting
    /// with a preposition or a word like "nothing".
    fn could_be_said(&self, (a, b): (usize, usize)) -> bool {
        let first = self.lower(a);
        self.words_in((a, b)) >= 4
            && self.is_free_word(a)
            && !PREPOSITIONS.contains(&first.as_str())
            && !NOT_SAID.contains(&first.as_str())
    }

    /// `X, S said, Y.`: a speech tag between commas inside what was said.
    fn parenthetical(&self, v: usize, subject: Option<(usize, usize)>) -> Option<Found> {
        let (start, _) = subject?;
        let n = self.toks.len();
        if start == 0 || self.toks[start - 1].t != T::Comma || v + 1 >= n || self.toks[v + 1].t != T::Comma {
            return None;
        }
        if !self.is_speakerish(subject?) || self.words_in(subject?) > 6 {
            return None;
        }
        let before = (self.past_opening_words(0, start - 1), start - 1);
        let after = (v + 2, self.clause_end(v + 2));
        if self.words_in(before) < 2
            || self.words_in(after) < 2
            || (before.0..before.1).any(|i| self.reporting_verb(i).is_some())
        {
            return None;
        }
        Some(Found::new(subject?, (v, v + 1), self.trimmed((before.0, after.1)), "parenthetical-speaker", 0.8))
    }

    /// The subject of the sentence's main clause: what comes before its first verb.
    fn main_subject(&self, before: usize) -> Option<(usize, usize)> {
        let first_verb = (0..before).find(|&i| {
            self.is_free_word(i) && i > 0 && {
                let w = self.word(i);
                let lower_start = w.chars().next().is_some_and(char::is_lowercase);
                lower_start
                    && (lexicon::is_auxiliary(w) && !w.ends_with("ly")
                        || lexicon::looks_finite(w)
                        || lexicon::verb(w).is_some())
            }
        })?;
        self.subject_before(first_verb, 0)
    }

    fn trimmed(&self, (a, mut b): (usize, usize)) -> (usize, usize) {
        while b > a && matches!(self.toks[b - 1].t, T::Comma | T::Colon | T::Dash) {
            b -= 1;
        }
        (a, b)
    }

    /// Read the sentence. `quote_speaker` is who spoke the quotation just before, in this or
    /// the previous paragraph, for quotations that run on without a speech tag.
    fn read(&self, quote_speaker: Option<&Known>) -> Vec<Found> {
        let n = self.toks.len();
        if n == 0 || self.is_question() {
            return Vec::new();
        }
        let mut found = Vec::new();

        // A quotation first: "Q," S said. / "Q," said S. / a quotation running on.
        if self.toks[0].t == T::Open {
            let close = (1..n).find(|&i| self.toks[i].t == T::Close);
            let quote_end = close.unwrap_or(n);
            let content = self.trimmed((1, quote_end));
            let mut tag_at = close.map_or(n, |c| c + 1);
            while tag_at < n && self.toks[tag_at].t == T::Comma {
                tag_at += 1;
            }
            let tag_end = (tag_at..n).find(|&i| self.toks[i].t == T::Stop || self.toks[i].t == T::Open).unwrap_or(n);
            if self.words_in(content) >= 2 {
                let tag = (tag_at < tag_end && self.words_in((tag_at, tag_end)) <= 30)
                    .then(|| self.speech_tag((tag_at, tag_end)))
                    .flatten();
                if let Some((speaker, cue)) = tag {
                    let rule = "quote-then-speaker";
                    found.push(Found::new(speaker, cue, content, rule, 0.95));
                    // "Part one," she said, "part two."
                    if tag_end < n && self.toks[tag_end].t == T::Open {
                        let close2 = (tag_end + 1..n).find(|&i| self.toks[i].t == T::Close).unwrap_or(n);
                        let second = self.trimmed((tag_end + 1, close2));
                        if self.words_in(second) >= 2 {
                            found.push(Found::new(speaker, cue, second, rule, 0.9));
                        }
                    }
                    return found;
                }
                let only_quote = (tag_at..n).all(|i| matches!(self.toks[i].t, T::Stop | T::Close));
                if only_quote {
                    if let Some(known) = quote_speaker {
                        found.push(Found {
                            speaker: (0, 0),
                            cue: (0, 0),
                            content,
                            rule: "quote-runs-on",
                            confidence: 0.75,
                            speaker_override: Some(known.clone()),
                        });
                    }
                    return found;
                }
            }
        }

        // A few words, then a quotation and its speech tag: Inflation "remains high," the governor said.
        let lead_in = (1..n.min(6))
            .find(|&i| self.toks[i].t == T::Open)
            .filter(|&o| (0..o).all(|i| self.is_free_word(i) && self.reporting_verb(i).is_none()));
        let lead_close = lead_in.and_then(|open| (open + 1..n).find(|&i| self.toks[i].t == T::Close));
        if let Some(close) = lead_close {
            let mut tag_at = close + 1;
            while tag_at < n && self.toks[tag_at].t == T::Comma {
                tag_at += 1;
            }
            let quote_ends_with_comma = self.toks[close - 1].t == T::Comma || tag_at > close + 1;
            let tag_end = (tag_at..n).find(|&i| self.toks[i].t == T::Stop).unwrap_or(n);
            let tag = (quote_ends_with_comma && tag_at < tag_end && self.words_in((tag_at, tag_end)) <= 30)
                .then(|| self.speech_tag((tag_at, tag_end)))
                .flatten();
            let content = self.trimmed((0, close));
            if let Some((speaker, cue)) = tag.filter(|_| self.words_in(content) >= 3) {
                let rule = "lead-quote-then-speaker";
                found.push(Found::new(speaker, cue, content, rule, 0.85));
                return found;
            }
        }

        // "According to S, C" and "C, according to S".
        for i in 0..n.saturating_sub(2) {
            if self.is_free_word(i) && self.lower(i) == "according" && self.lower(i + 1) == "to" {
                let opening = (0..i).all(|j| {
                    self.is_free_word(j) && lexicon::is_sentence_adverb(self.word(j)) || self.toks[j].t == T::Comma
                });
                if opening {
                    let comma = (i + 2..n).find(|&j| self.toks[j].t == T::Comma && !self.toks[j].quoted);
                    if let Some(comma) = comma {
                        let speaker = (i + 2, comma);
                        let content = self.trimmed((comma + 1, self.clause_end(comma + 1)));
                        if self.is_speakerish(speaker) && self.words_in(content) >= 3 {
                            found.push(Found::new(speaker, (i, i + 2), content, "according-to", 0.85));
                        }
                    }
                } else if i > 0 && self.toks[i - 1].t == T::Comma {
                    let end =
                        (i + 2..n).find(|&j| matches!(self.toks[j].t, T::Stop | T::Comma | T::Semicolon)).unwrap_or(n);
                    let speaker = (i + 2, end);
                    let a = self.past_opening_words(0, i);
                    let content = self.trimmed((a, i - 1));
                    if self.is_speakerish(speaker) && self.words_in(content) >= 3 {
                        found.push(Found::new(speaker, (i, i + 2), content, "according-to", 0.85));
                    }
                }
                return found;
            }
        }

        // Reporting verbs.
        let mut consumed = 0;
        for v in 0..n {
            if v < consumed {
                continue;
            }
            let Some((lemma, kind)) = self.reporting_verb(v) else {
                continue;
            };
            let word = self.lower(v);
            let after_comma = v > 0 && self.toks[v - 1].t == T::Comma;

            // "..., saying (that) C": the speaker is the sentence's subject.
            if lexicon::is_participle(&word) {
                if !(after_comma && lexicon::is_reporting_participle(&word)) {
                    continue;
                }
                // Who said the rest of the sentence, if anyone; else its subject.
                let earlier = found.iter().rev().find(|f: &&Found| f.speaker.0 < f.speaker.1).map(|f| f.speaker);
                let Some(speaker) = earlier.or_else(|| self.main_subject(v)) else { continue };
                let Some((start, with_that)) = self.complement_start(v, lemma, VerbKind::Speech) else {
                    continue;
                };
                let content = self.trimmed((start, self.clause_end(start)));
                if self.is_speakerish(speaker)
                    && self.words_in(content) >= 3
                    && (with_that || self.reads_as_clause(content))
                {
                    found.push(Found::new(speaker, (v, v + 1), content, "participle", 0.8));
                    consumed = content.1;
                }
                continue;
            }

            // "S said C and accused X of Y", "S welcomed the decision and said C": a verb after
            // "and" or "but" shares the subject of the verb before it.
            let coordinated = v > 0 && self.is_free_word(v - 1) && matches!(self.lower(v - 1).as_str(), "and" | "but");
            let shared = coordinated
                .then(|| found.last().map(|f: &Found| f.speaker).filter(|s| s.0 < s.1).or_else(|| self.main_subject(v)))
                .flatten();
            let subject = shared.or_else(|| self.subject_before(v, 0));
            let normal = subject.filter(|s| self.is_speakerish(*s)).and_then(|speaker| {
                let (start, with_that) = self.complement_start(v, lemma, kind)?;
                let content = self.trimmed((start, self.clause_end(start)));
                (self.words_in(content) >= 2).then_some((speaker, content, with_that))
            });
            // "did not say how much ...": a denial of speech is no claim.
            let negated = subject
                .is_some_and(|(_, end)| (end..v).any(|i| matches!(self.lower(i).as_str(), "not" | "n't" | "never")));
            if negated {
                continue;
            }
            // "The plan, he said, would only frighten importers away.": the tag sits inside.
            if let Some(found_inside) = self.parenthetical(v, subject) {
                found.push(found_inside);
                consumed = found.last().expect("just pushed").content.1;
                continue;
            }
            let Some((speaker, content, with_that)) = normal else {
                // "C, S said." / "C, said S.": what was said comes first.
                if let Some(found_inverted) = self.inverted(v, subject) {
                    found.push(found_inverted);
                    consumed = v + 1;
                }
                continue;
            };
            let rule_and_confidence = match kind {
                VerbKind::Evaluative => {
                    let evaluates = (content.0..content.1)
                        .any(|i| self.is_free_word(i) && matches!(self.lower(i).as_str(), "as" | "of" | "for" | "on"))
                        || lemma == "call"
                            && !matches!(
                                self.lower(content.0).as_str(),
                                "for" | "on" | "off" | "out" | "up" | "it" | "in"
                            );
                    if !evaluates || lemma == "call" && self.lower(content.0) == "for" {
                        continue;
                    }
                    ("evaluation", 0.75)
                }
                _ if with_that => ("speaker-verb-that", 0.9),
                _ if self.toks[content.0].t == T::Open => ("speaker-verb-quote", 0.9),
                _ if self.reads_as_clause(content) => ("speaker-verb-clause", 0.8),
                _ if SAY_LIKE.contains(&lemma) && self.could_be_said(content) => ("speaker-verb-clause", 0.7),
                _ if matches!(lemma, "claim" | "deny" | "confirm" | "admit" | "acknowledge")
                    && self.words_in(content) >= 2
                    && !PREPOSITIONS.contains(&self.lower(content.0).as_str()) =>
                {
                    ("verb-object", 0.6)
                }
                _ => {
                    if let Some(found_inverted) = self.inverted(v, subject) {
                        found.push(found_inverted);
                        consumed = v + 1;
                    }
                    continue;
                }
            };
            let (rule, confidence) = rule_and_confidence;
            found.push(Found::new(speaker, (v, v + 1 + usize::from(lemma == "point out")), content, rule, confidence));
            consumed = content.1;
        }
        found
    }

    /// A speech tag after a quotation: `S said [to X]` or `said S[, title]`.
    fn speech_tag(&self, (a, b): (usize, usize)) -> Option<((usize, usize), (usize, usize))> {
        let leading_verb =
            self.reporting_verb(a).or_else(|| lexicon::verb(self.word(a)).filter(|_| self.is_free_word(a)));
        if leading_verb.is_some_and(|(_, kind)| kind != VerbKind::Evaluative) {
            let speaker = self.trimmed((a + 1, b));
            return self.is_speakerish(speaker).then_some((speaker, (a, a + 1)));
        }
        let v = (a..b).find(|&i| self.reporting_verb(i).is_some_and(|(_, k)| k != VerbKind::Evaluative))?;
        let speaker = self.subject_before(v, a)?;
        self.is_speakerish(speaker).then_some((speaker, (v, v + 1)))
    }

    /// `C, S said [adverbials].` or `C, said S.`: the verb's clause ends the sentence and what
    /// was said is everything before its comma.
    fn inverted(&self, v: usize, subject: Option<(usize, usize)>) -> Option<Found> {
        let n = self.toks.len();
        let stop = (v + 1..n).find(|&i| self.toks[i].t == T::Stop).unwrap_or(n);
        let subject_reads = subject.is_some_and(|s| self.is_speakerish(s));
        let (speaker, comma) = if v > 0 && self.toks[v - 1].t == T::Comma && !subject_reads {
            // ", said S." — the speaker follows.
            let speaker = self.trimmed((v + 1, stop));
            (speaker, v - 1)
        } else {
            let subject = subject?;
            let comma = subject.0.checked_sub(1)?;
            if self.toks[comma].t != T::Comma {
                return None;
            }
            // Nothing said after the verb: only adverbials ("on Tuesday", "in a statement"), perhaps
            // a participle clause after a comma (", putting 1,200 jobs at risk").
            let comma_after = (v + 1..stop).find(|&i| self.toks[i].t == T::Comma).unwrap_or(stop);
            let rest = (v + 1, comma_after);
            let adverbial = self.words_in(rest) <= 6
                && (rest.0 == rest.1
                    || PREPOSITIONS.contains(&self.lower(rest.0).as_str())
                    || TIME_WORDS.contains(&self.lower(rest.0).as_str())
                    || lexicon::is_auxiliary(self.word(rest.0)))
                && (rest.0..rest.1).all(|i| self.toks[i].t == T::Word && self.lower(i) != "that");
            if !adverbial {
                return None;
            }
            (subject, comma)
        };
        if !self.is_speakerish(speaker) || self.words_in(speaker) > 10 {
            return None;
        }
        let a = self.past_opening_words(0, comma);
        let content = self.trimmed((a, comma));
        if self.words_in(content) < 4 || !self.reads_as_clause(content) && self.toks[a].t != T::Open {
            return None;
        }
        Some(Found::new(speaker, (v, v + 1), content, "claim-then-speaker", 0.8))
    }
}

/// Turns byte offsets into character offsets, counting on from the last one asked about (the
/// proposals come in order, so the text is walked about once).
struct CharOffsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl CharOffsets<'_> {
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Propose the attributed claims in an article.
pub fn extract(text: &str) -> Vec<Proposal> {
    let mut chars = CharOffsets { text, byte: 0, chars: 0 };
    let mut proposals = Vec::new();
    let mut known: Vec<Known> = Vec::new();
    // Who spoke the last quotation, its paragraph, and whether the paragraph ended inside it.
    let mut quoting: Option<(Known, usize, bool)> = None;
    for span in sentences::split(text) {
        let toks = tokenize(text, span);
        let sentence = Sentence { text, toks };
        let runs_on = quoting.as_ref().and_then(|(who, paragraph, open)| {
            (*paragraph == span.paragraph || *paragraph + 1 == span.paragraph && *open).then_some(who)
        });
        let found = sentence.read(runs_on);
        // People named anywhere, so a later bare surname finds its full name.
        for name in speakers::people_named(&text[span.start..span.end]) {
            if !known.iter().any(|k| k.name == name) {
                known.insert(0, Known { phrase: name.clone(), name, kind: SpeakerKind::Person });
            }
        }
        if found.is_empty() && !sentence.toks.is_empty() && sentence.toks[0].t != T::Open {
            // Narration between quotations ends the run.
            if quoting.as_ref().is_some_and(|(_, p, _)| *p != span.paragraph) {
                quoting = None;
            }
            // Someone named as the subject of narration ("Union leader Maja Svensson rejected
            // that account.") is who a following "she said" most likely means.
            if let Some(subject) = sentence.main_subject(sentence.toks.len()).filter(|s| sentence.is_speakerish(*s)) {
                let phrase = sentence.span_text(subject);
                let (name, kind) = speakers::name_of(phrase);
                let proper = name.split_whitespace().any(speakers::capitalised)
                    && lexicon::pronoun(&name.to_lowercase()).is_none();
                if proper {
                    known.retain(|k| k.name != name);
                    known.push(Known { name, phrase: phrase.to_string(), kind });
                }
            }
        }
        for f in found {
            let speaker_text = match &f.speaker_override {
                Some(known) => known.phrase.clone(),
                None => sentence.span_text(f.speaker).to_string(),
            };
            let (speaker, kind_of_speaker, resolved) = match &f.speaker_override {
                Some(k) => (k.name.clone(), k.kind, true),
                None => match speakers::resolve(&speaker_text, &known) {
                    Some(k) => (k.name, k.kind, true),
                    None => {
                        let (name, kind) = speakers::name_of(&speaker_text);
                        (name, kind, false)
                    }
                },
            };
            if speaker.trim().is_empty() || lexicon::pronoun(&speaker.to_lowercase()).is_some() {
                continue; // a pronoun with nobody before it to stand for
            }
            let (a, b) = f.content;
            let start = sentence.toks[a].start;
            let end = sentence.toks[b - 1].end;
            let content_toks = &sentence.toks[a..b];
            let quoted = content_toks.iter().filter(|t| t.quoted || matches!(t.t, T::Open | T::Close)).count();
            let kind = if f.rule == "quote-then-speaker" || f.rule == "quote-runs-on" || quoted == content_toks.len() {
                Kind::Direct
            } else if quoted > 0 {
                Kind::Mixed
            } else {
                Kind::Indirect
            };
            let quote = match kind {
                Kind::Direct => Some(
                    text[start..end].trim_matches(|c: char| c == '"' || c == '\u{201c}' || c == '\u{201d}').to_string(),
                ),
                Kind::Mixed => {
                    let open = content_toks.iter().position(|t| t.t == T::Open);
                    open.map(|o| {
                        let from = content_toks[o].end;
                        let to = content_toks[o..]
                            .iter()
                            .position(|t| t.t == T::Close)
                            .map_or(end, |c| content_toks[o + c].start);
                        text[from..to].trim_end_matches([',', '.']).to_string()
                    })
                }
                Kind::Indirect => None,
            };
            let cue =
                if f.cue.0 < f.cue.1 { sentence.span_text(f.cue).to_string() } else { "(continues quotation)".into() };
            let confidence = if resolved && f.speaker_override.is_none() { f.confidence * 0.9 } else { f.confidence };
            let known_speaker = Known { name: speaker.clone(), phrase: speaker_text.clone(), kind: kind_of_speaker };
            if kind == Kind::Direct || kind == Kind::Mixed {
                let open_at_end =
                    content_toks.last().is_some_and(|t| t.quoted) && !sentence.toks.iter().any(|t| t.t == T::Close);
                quoting = Some((known_speaker.clone(), span.paragraph, open_at_end));
            }
            known.retain(|k| k.name != known_speaker.name);
            known.push(known_speaker);
            proposals.push(Proposal {
                speaker,
                speaker_text,
                cue,
                text: text[start..end].to_string(),
                kind,
                start: chars.at(start),
                end: chars.at(end),
                paragraph: span.paragraph,
                rule: f.rule,
                confidence: (confidence * 100.0).round() / 100.0,
                quote,
            });
        }
    }
    proposals
}

#[cfg(test)]
mod tests;
