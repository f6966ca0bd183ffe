//! One sentence's tokens, and the phrases found in them: subjects, speakers, reporting verbs,
//! the clause a verb introduces and where it ends.

use super::lexicon::{self, VerbKind};
use super::sentences::Span;
use super::speakers;
use super::tokens::{T, Tok, tokenize};

/// One sentence being read.
pub(super) struct Sentence<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Tok>,
    /// Every token in lower case, one after another; `lowered[i]` is token i's range in it.
    lowercase: String,
    lowered: Vec<(u32, u32)>,
}

/// Words that open a prepositional phrase: not the start of what was said.
pub(super) const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "during", "after", "before", "via", "through", "with", "without", "to", "for", "from", "by",
    "over", "under", "about", "into", "onto", "against", "among",
];

/// Words that open an adverbial of time as well ("said last week that"), though they can also
/// open a clause ("said this year's harvest will be small").
pub(super) const TIME_WORDS: &[&str] = &["last", "this", "earlier", "late", "early", "next"];

pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "this", "that", "some",
    "any", "no", "such", "whose", "which", "what",
];

/// Verbs whose bare complement is almost always what was said ("she says flour arrives weekly").
pub(super) const SAY_LIKE: &[&str] = &["say", "add", "argue", "insist", "explain", "believe", "contend"];

/// Words that start a say-complement that is not a statement ("said nothing", "said goodbye").
pub(super) const NOT_SAID: &[&str] = &[
    "nothing", "something", "anything", "so", "goodbye", "yes", "no", "little", "much", "more", "less", "hello",
    "thanks", "sorry", "otherwise", "sometimes", "again",
];

pub(super) const SPEECH_ACT_PARTICIPLES: &[&str] = &[
    "vowing", "promising", "threatening", "pledging", "calling", "urging", "demanding", "warning", "saying", "adding",
    "insisting", "noting", "stating", "asserting", "claiming", "arguing",
];

impl<'a> Sentence<'a> {
    pub(super) fn new(text: &'a str, span: Span) -> Sentence<'a> {
        let toks = tokenize(text, span);
        // Rules ask for a word in lower case many times over: lower each once.
        let mut lowercase = String::with_capacity(span.end - span.start);
        let lowered = toks
            .iter()
            .map(|t| {
                let start = lowercase.len() as u32;
                lowercase.push_str(&lexicon::lowercase(&text[t.start..t.end]));
                (start, lowercase.len() as u32)
            })
            .collect();
        Sentence { text, toks, lowercase, lowered }
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    /// Token `i` in lower case; "" past the end.
    pub(super) fn lower(&self, i: usize) -> &str {
        self.lowered.get(i).map_or("", |&(a, b)| &self.lowercase[a as usize..b as usize])
    }

    pub(super) fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].t == T::Word
    }

    pub(super) fn is_free_word(&self, i: usize) -> bool {
        self.is_word(i) && !self.toks[i].quoted
    }

    pub(super) fn span_text(&self, (a, b): (usize, usize)) -> &'a str {
        if a >= b {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }

    pub(super) fn words_in(&self, (a, b): (usize, usize)) -> usize {
        (a..b).filter(|&i| self.is_word(i)).count()
    }

    /// A question asked in the writer's own voice.
    pub(super) fn is_question(&self) -> bool {
        self.toks
            .iter()
            .rev()
            .find(|t| t.t != T::Close)
            .is_some_and(|t| t.t == T::Stop && !t.quoted && self.text[t.start..t.end] == *"?")
    }

    /// The end (exclusive) of the clause that starts at `from`: before a full stop, a semicolon,
    /// a participle or speech tag after a comma, `and vowing`, or `, according to`.
    pub(super) fn clause_end(&self, from: usize) -> usize {
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
                    let ends = next.ends_with("ing") && next.len() > 4 && !DETERMINERS.contains(&next)
                        || matches!(next, "according" | "citing" | "while" | "whereas" | "although")
                        || self.is_speech_tag(i + 1)
                        || matches!(next, "and" | "but") && self.new_attribution_after(i + 2);
                    if ends {
                        return i;
                    }
                }
                T::Word if self.lower(i) == "and" && self.is_free_word(i + 1) => {
                    let next = self.lower(i + 1);
                    let coordinated_verb =
                        lexicon::verb(next).is_some() && !lexicon::is_participle(next) && !lexicon::is_base_form(next);
                    if SPEECH_ACT_PARTICIPLES.contains(&next) || coordinated_verb {
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
    pub(super) fn new_attribution_after(&self, from: usize) -> bool {
        (from..(from + 12).min(self.toks.len())).take_while(|&j| self.toks[j].t != T::Stop).any(|j| {
            self.is_free_word(j)
                && lexicon::verb(self.word(j)).is_some_and(|(_, k)| k != VerbKind::Evaluative)
                && !lexicon::is_participle(self.word(j))
                && self.word(j).chars().next().is_some_and(char::is_lowercase)
        })
    }

    /// Does a short `S said` / `said S` end the sentence from token `i`?
    pub(super) fn is_speech_tag(&self, i: usize) -> bool {
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
    pub(super) fn before_auxiliaries(&self, mut end: usize, floor: usize) -> usize {
        while end > floor && self.is_free_word(end - 1) && lexicon::is_auxiliary(self.word(end - 1)) {
            end -= 1;
        }
        end
    }

    /// The subject that ends at `end` (exclusive), looking no further back than `floor`:
    /// the clause's last comma-separated part, or two parts for an apposition
    /// ("A ministry spokeswoman, Elena Petrova,"), dropping a relative clause ("Jamal Hughes,
    /// who leads the Riders Alliance,").
    pub(super) fn subject_before(&self, end: usize, floor: usize) -> Option<(usize, usize)> {
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
            let relative = matches!(self.lower(inner_comma + 1), "who" | "which" | "whose" | "whom");
            (outer_start, if relative { inner_comma } else { end - 1 })
        } else {
            (commas.last().map_or(start, |c| c + 1), end)
        };
        let a = self.past_opening_words(a, b);
        (a < b).then_some((a, b))
    }

    /// The first token at or after `from` (and before `limit`) that is not an opening
    /// "However,", "But", "And" or its comma.
    pub(super) fn past_opening_words(&self, mut from: usize, limit: usize) -> usize {
        while from < limit
            && (self.is_free_word(from) && lexicon::is_sentence_adverb(self.word(from))
                || self.toks[from].t == T::Comma)
        {
            from += 1;
        }
        from
    }

    /// Could these words be someone who makes claims?
    pub(super) fn is_speakerish(&self, (a, b): (usize, usize)) -> bool {
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
        if words.len() == 1 && lexicon::pronoun(first).is_some() || matches!(first, "we" | "i") && words.len() == 1 {
            return true;
        }
        if matches!(
            first,
            "it" | "there" | "this" | "that" | "which" | "what" | "who" | "where" | "when" | "how" | "these" | "those"
        ) {
            return false;
        }
        // An auxiliary inside means this is a clause, not a noun phrase ("the talks are over"); a
        // participle is not one ("a group based in the area").
        let relative = words.iter().position(|&i| matches!(self.lower(i), "who" | "which" | "whose" | "whom"));
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
                && !DETERMINERS.contains(&last)
                && !PREPOSITIONS.contains(&last)
                && !lexicon::is_auxiliary(last)
                && lexicon::pronoun(last).is_none()
    }

    /// Is the word at `v` a reporting verb used as one here?
    pub(super) fn reporting_verb(&self, v: usize) -> Option<(&'static str, VerbKind)> {
        if !self.is_free_word(v) {
            return None;
        }
        let word = self.word(v);
        // Mid-sentence, a capitalised "States" or "Claims" is part of a name.
        if v > 0 && word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let found = lexicon::verb(word)?;
        let previous = if v > 0 && self.is_word(v - 1) { self.lower(v - 1) } else { "" };
        // "the alleged attack", "his claims", "a report": nouns and adjectives after a determiner.
        if DETERMINERS.contains(&previous) || previous.ends_with("'s") {
            return None;
        }
        if lexicon::is_base_form(word) {
            // "Farmers in the southern valley say": a plural subject, however far its head.
            let plural_subject = self.subject_before(v, 0).is_some_and(|(a, b)| {
                (a..b).any(|i| self.is_free_word(i) && self.word(i).ends_with('s') && self.word(i).len() > 3)
            });
            let subject_like = lexicon::is_auxiliary(previous)
                || matches!(previous, "they" | "we" | "i" | "you" | "to")
                || previous.ends_with('s') && previous.len() > 3
                || plural_subject && !DETERMINERS.contains(&previous);
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
    pub(super) fn complement_start(&self, v: usize, lemma: &str, kind: VerbKind) -> Option<(usize, bool)> {
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
            PREPOSITIONS.contains(&lower)
                || TIME_WORDS.contains(&lower)
                || lexicon::is_auxiliary(lower)
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
                self.lower(j),
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
    pub(super) fn reads_as_clause(&self, (a, b): (usize, usize)) -> bool {
        if a >= b {
            return false;
        }
        if self.toks[a].t == T::Open {
            return true;
        }
        let first = self.lower(a);
        if PREPOSITIONS.contains(&first) || matches!(first, "responsibility" | "credit") {
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
    pub(super) fn could_be_said(&self, (a, b): (usize, usize)) -> bool {
        let first = self.lower(a);
        self.words_in((a, b)) >= 4
            && self.is_free_word(a)
            && !PREPOSITIONS.contains(&first)
            && !NOT_SAID.contains(&first)
    }

    /// The subject of the sentence's main clause: what comes before its first verb.
    pub(super) fn main_subject(&self, before: usize) -> Option<(usize, usize)> {
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

    pub(super) fn trimmed(&self, (a, mut b): (usize, usize)) -> (usize, usize) {
        while b > a && matches!(self.toks[b - 1].t, T::Comma | T::Colon | T::Dash) {
            b -= 1;
        }
        (a, b)
    }
}
