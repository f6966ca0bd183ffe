//! One sentence's tokens, and the phrases found in them: subjects, speakers, reporting verbs,
//! the clause a verb introduces and where it ends.

use super::lexicon::{self, VerbKind};
use super::marks::SingleQuotes;
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
    /// What the lexicon knows of each word, and whether it is capitalised, looked up once.
    entries: Vec<lexicon::Entry>,
    capitals: Vec<bool>,
    /// Each word's `reporting_verb`, worked out once: the rules ask it of every word, often.
    reporting: Vec<Option<(&'static str, VerbKind)>>,
    /// A paragraph of one sentence with no full stop: a headline ("Prices to rise, bank warns").
    pub(super) headline: bool,
    /// The story's first sentence, after any headline: the one that sets out the news.
    pub(super) lede: bool,
    /// It opened with a live blog's time ("14:07"), now dropped.
    pub(super) stamped: bool,
}

/// How many tokens a leading timestamp takes: "14:07", "9.30am", "1407 GMT", "10:05 am -".
fn timestamp_length(text: &str, toks: &[Tok]) -> usize {
    let word = |i: usize| toks.get(i).filter(|t| t.t == T::Word).map(|t| &text[t.start..t.end]);
    let digits = |w: &str, n: std::ops::RangeInclusive<usize>| {
        let d = w.chars().take_while(char::is_ascii_digit).count();
        n.contains(&d)
    };
    let zone = |w: Option<&str>| {
        w.is_some_and(|w| {
            matches!(&*lexicon::lowercase(w), "am" | "pm" | "gmt" | "bst" | "utc" | "cet" | "et" | "local")
        })
    };
    let text_of = |i: usize| toks.get(i).map_or("", |t| &text[t.start..t.end]);
    // A match's minute ("67'", "90+3'") or half-time and full-time.
    if matches!(word(0), Some("HT" | "FT")) && toks.len() > 1 {
        return 1;
    }
    if word(0).is_some_and(|w| digits(w, 1..=3)) && matches!(text_of(1), "'" | "\u{2019}" | "+") && toks.len() > 2 {
        let mut n = 2;
        if text_of(1) == "+" {
            n = if matches!(text_of(3), "'" | "\u{2019}") { 4 } else { return 0 };
        }
        return if n < toks.len() { n } else { 0 };
    }
    let mut n = match (word(0), toks.get(1).map(|t| t.t), word(2)) {
        (Some(h), Some(T::Colon), Some(m)) if digits(h, 1..=2) && h.len() <= 2 && digits(m, 2..=2) => 3,
        (Some(w), _, _)
            if w.contains('.')
                && digits(w, 1..=2)
                && w.len() <= 7
                && w.split('.').nth(1).is_some_and(|m| digits(m, 2..=2)) =>
        {
            1
        }
        (Some(w), _, _) if w.len() == 4 && digits(w, 4..=4) && zone(word(1)) => 1,
        _ => return 0,
    };
    if zone(word(n)) {
        n += 1;
    }
    if toks.get(n).is_some_and(|t| matches!(t.t, T::Dash | T::Colon)) || word(n) == Some("-") {
        n += 1;
    }
    if n >= toks.len() { 0 } else { n }
}

/// How many tokens a wire story's dateline takes, up to its dash: "PINE HOLLOW, Calif. (AP) —",
/// "SEATTLE, May 4 --", "BOSTON, March 3 /PRNewswire/ --". It opens with a place in capitals.
fn dateline_length(text: &str, toks: &[Tok]) -> usize {
    let Some(first) = toks.first().filter(|t| t.t == T::Word).map(|t| &text[t.start..t.end]) else { return 0 };
    let capitals = first.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !first.chars().any(char::is_lowercase);
    // Before the dash only the place, a state or a date, and the agency: capitalised words and
    // numbers ("UK inflation fell to 2% —" is a sentence).
    let dateline_word =
        |t: &Tok| t.t != T::Word || text[t.start..t.end].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let dash = toks.iter().take(12).position(|t| t.t == T::Dash);
    match dash {
        Some(d)
            if capitals
                && d + 1 < toks.len()
                && toks[..d].iter().all(|t| matches!(t.t, T::Word | T::Comma | T::Other) && dateline_word(t)) =>
        {
            d + 1
        }
        _ => 0,
    }
}

/// Words that open a prepositional phrase: not the start of what was said.
pub(super) const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "during", "after", "before", "via", "through", "with", "without", "to", "for", "from", "by",
    "over", "under", "about", "into", "onto", "against", "among", "outside", "inside", "near", "behind", "beside",
    "alongside",
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

/// Words in -ing that are not participles.
const NOT_PARTICIPLES: &[&str] = &[
    "during", "thing", "things", "nothing", "something", "anything", "everything", "king", "kings", "ring", "morning",
    "evening", "building", "buildings", "meeting", "meetings", "hearing", "ceiling", "spring", "string", "wing",
    "briefing", "funding", "housing", "training", "wedding", "sibling", "siblings", "darling", "pudding", "earnings",
    "ruling", "according", "including", "regarding", "concerning", "notwithstanding", "pending",
];

/// Auxiliaries that make a group of words a clause ("the talks are over").
fn is_finite_auxiliary(word: &str) -> bool {
    matches!(
        word,
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
}

pub(super) const SPEECH_ACT_PARTICIPLES: &[&str] = &[
    "vowing", "promising", "threatening", "pledging", "calling", "urging", "demanding", "warning", "saying", "adding",
    "insisting", "noting", "stating", "asserting", "claiming", "arguing",
];

impl<'a> Sentence<'a> {
    pub(super) fn new(text: &'a str, span: Span, singles: &SingleQuotes) -> Sentence<'a> {
        let mut toks = tokenize(text, span, singles);
        // A live blog's "14:07" belongs to no one's name.
        let stamp = timestamp_length(text, &toks);
        toks.drain(..stamp);
        let opens_paragraph = text[..span.start].trim_end_matches([' ', '\t']).ends_with('\n') | (span.start == 0);
        // Nor does a wire story's dateline belong to what anyone said.
        if opens_paragraph {
            toks.drain(..dateline_length(text, &toks));
        }
        let whole_paragraph = opens_paragraph
            && text[span.end..].trim_start_matches([' ', '\t']).starts_with('\n') | text[span.end..].trim().is_empty();
        let headline = whole_paragraph && toks.iter().rev().find(|t| t.t != T::Close).is_some_and(|t| t.t == T::Word);
        // Rules ask for a word in lower case many times over: lower each once. The sentence is
        // lowered as a whole where that is ASCII; a word whose lower case differs otherwise
        // ("ÉTAT") is added after it.
        let mut lowercase = text[span.start..span.end].to_ascii_lowercase();
        let lowered = toks
            .iter()
            .map(|t| {
                let (start, end) = ((t.start - span.start) as u32, (t.end - span.start) as u32);
                let word = &text[t.start..t.end];
                if word.is_ascii() || word.chars().all(|c| c.is_ascii() || c.to_lowercase().eq([c])) {
                    return (start, end);
                }
                let start = lowercase.len() as u32;
                lowercase.extend(word.chars().flat_map(char::to_lowercase));
                (start, lowercase.len() as u32)
            })
            .collect();
        let lede = opens_paragraph && span.paragraph <= 2;
        let mut sentence = Sentence {
            text,
            toks,
            lowercase,
            lowered,
            headline,
            lede,
            stamped: stamp > 0,
            entries: Vec::new(),
            capitals: Vec::new(),
            reporting: Vec::new(),
        };
        let words = 0..sentence.toks.len();
        sentence.entries = words
            .clone()
            .map(|i| if sentence.is_word(i) { lexicon::entry(sentence.lower(i)) } else { lexicon::Entry::default() })
            .collect();
        sentence.capitals = words.map(|i| sentence.is_word(i) && speakers::capitalised(sentence.word(i))).collect();
        sentence.reporting = (0..sentence.toks.len())
            .map(|v| sentence.entry(v).verb().and_then(|_| sentence.find_reporting_verb(v)))
            .collect();
        sentence
    }

    /// Do these words, in lower case, come one after another within `a..b`?
    pub(super) fn holds_words(&self, (a, b): (usize, usize), words: &[&str]) -> bool {
        b >= a + words.len()
            && (a..=b - words.len()).any(|i| words.iter().enumerate().all(|(k, w)| self.lower(i + k) == *w))
    }

    /// The reporting verb token `i` is a form of, if it is a word.
    pub(super) fn verb(&self, i: usize) -> Option<(&'static str, VerbKind)> {
        self.entry(i).verb()
    }

    /// What the lexicon knows of token `i` (nothing, if it is no word).
    pub(super) fn entry(&self, i: usize) -> lexicon::Entry {
        self.entries.get(i).copied().unwrap_or_default()
    }

    /// `lexicon::looks_finite` of token `i`.
    pub(super) fn looks_finite(&self, i: usize) -> bool {
        self.entry(i).looks_finite(self.lower(i))
    }

    /// `lexicon::is_auxiliary` of token `i`.
    pub(super) fn is_auxiliary(&self, i: usize) -> bool {
        self.entry(i).is_auxiliary(self.lower(i))
    }

    /// `lexicon::is_person_noun` of token `i`.
    pub(super) fn is_person_noun(&self, i: usize) -> bool {
        self.is_word(i) && self.entry(i).is_person_noun(self.lower(i))
    }

    /// Is token `i` a particle inside a name, with capitalised words on both sides ("Instituto
    /// dos Vinhos do Douro e do Porto")? Then "do" is no verb.
    pub(super) fn joins_name(&self, i: usize) -> bool {
        // Portuguese "do" and "e" too, only here: elsewhere they would join "Why do Americans".
        let particle = |j: usize| {
            self.is_word(j) && !self.capital(j) && (self.is_name_particle(j) || matches!(self.lower(j), "do" | "e"))
        };
        let before = (0..i).rev().find(|&j| !particle(j));
        let after = (i + 1..self.toks.len()).find(|&j| !particle(j));
        particle(i) && before.is_some_and(|j| self.capital(j)) && after.is_some_and(|j| self.capital(j))
    }

    /// `speakers::name_of` the words `a..b`, knowing what follows them: a name alone followed by
    /// ", who" is a person's ("Arboleda, who had worn the jersey, was gracious in defeat").
    pub(super) fn speaker_name(&self, (a, b): (usize, usize)) -> (String, speakers::SpeakerKind) {
        let (name, kind) = speakers::name_of(self.span_text((a, b)));
        let who = (a..=b).any(|i| self.toks.get(i).is_some_and(|t| t.t == T::Comma) && self.lower(i + 1) == "who");
        if kind == speakers::SpeakerKind::Organisation && who && !name.contains(' ') {
            return (name, speakers::SpeakerKind::Person);
        }
        (name, kind)
    }

    /// `lexicon::is_name_particle` of token `i`.
    pub(super) fn is_name_particle(&self, i: usize) -> bool {
        self.is_word(i) && self.entry(i).is_name_particle(self.lower(i))
    }

    /// Is token `i` a capitalised word ("Rosa", "al-Khatib")?
    pub(super) fn capital(&self, i: usize) -> bool {
        self.capitals.get(i).copied().unwrap_or(false)
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

    /// The people a sentence names ("led by Dr. Aroha Ngata of the University"), for a later
    /// "Ngata said": runs of two or more capitalised words that read as a personal name.
    /// Each with how the sentence describes them: "manager Gareth Mulvey", "Kacper Nowicki, the
    /// 19-year-old winger", so "the Rovers boss" or "the 19-year-old" can find them later.
    pub(super) fn people_named(&self) -> Vec<(String, String)> {
        let n = self.toks.len();
        let capital = |j: usize| self.is_word(j) && self.capital(j);
        let mut found = Vec::new();
        let mut i = 0;
        while i < n {
            if !capital(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && (capital(j) || self.is_word(j) && self.is_name_particle(j)) {
                j += 1;
            }
            if j - i >= 2 {
                // "Nayla Abou Jaoudé's new programme" names her too.
                let run: Vec<&str> = (i..j)
                    .map(|k| self.word(k))
                    .map(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("\u{2019}s")).unwrap_or(w))
                    .collect();
                // "from Élodie Marchand, senior economist at ...": a person, described so.
                let described = self.toks.get(j).is_some_and(|t| t.t == T::Comma)
                    && (j + 1..(j + 5).min(n))
                        .any(|k| self.is_free_word(k) && (self.entry(k).is_title() || self.is_person_noun(k)));
                let previous = if i > 0 && self.is_word(i - 1) && !described { self.lower(i - 1) } else { "" };
                if let Some(name) = speakers::person_in_run(&run, previous) {
                    let role = |k: usize| self.is_free_word(k) && !self.capital(k) && self.is_person_noun(k);
                    let from = if i > 0 && role(i - 1) { i - 1 } else { i };
                    let aged = described && (j + 1..(j + 4).min(n)).any(|k| self.lower(k).contains("year-old"));
                    let to = if aged { (j + 1..n).find(|&k| self.toks[k].t != T::Word).unwrap_or(n) } else { j };
                    found.push((name, self.span_text((from, to)).to_string()));
                }
            }
            i = j;
        }
        found
    }

    /// "She asked Mr Pryce how many had been paid": the person asked, who answers next.
    pub(super) fn person_asked(&self) -> Option<(usize, usize)> {
        let n = self.toks.len();
        let asked =
            (1..n).find(|&i| self.is_free_word(i) && matches!(self.lower(i), "asked" | "pressed" | "questioned"))?;
        let mut a = asked + 1;
        while a < n && self.is_free_word(a) && self.capital(a) && self.entry(a).is_title() {
            a += 1;
        }
        let b = (a..n).find(|&i| !(self.is_free_word(i) && self.capital(i))).unwrap_or(n);
        (a < b && b - a <= 4).then_some((a, b))
    }

    /// "Graham Pell, 58, of Harrogate, denies": the name a sentence opens with, before an age.
    pub(super) fn introduced_person(&self) -> Option<(usize, usize)> {
        let end = (0..self.toks.len().min(6)).find(|&i| self.toks[i].t == T::Comma)?;
        let named = end >= 2 && (0..end).all(|i| self.is_free_word(i) && self.capital(i));
        let age = self.lower(end + 1).starts_with(|c: char| c.is_ascii_digit())
            && self.toks.get(end + 2).is_some_and(|t| t.t == T::Comma);
        (named && age).then_some((0, end))
    }

    /// "His daughter, Kerensa, who works as a nurse, worries": a relation or role, then the
    /// given name in apposition, opening the sentence.
    pub(super) fn relation_named(&self) -> Option<(usize, usize)> {
        let comma = (1..self.toks.len().min(6)).find(|&i| self.toks[i].t == T::Comma)?;
        let described = (0..comma).all(|i| self.is_free_word(i)) && self.is_person_noun(comma - 1);
        let named = self.is_free_word(comma + 1)
            && self.capital(comma + 1)
            && self.toks.get(comma + 2).is_some_and(|t| t.t == T::Comma);
        (described && named).then_some((0, comma + 2))
    }

    /// "Penrose, 68, remembers the day": a subject set off by commas before a present-tense
    /// verb, which `main_subject` cannot tell from a plural noun.
    pub(super) fn subject_of_present(&self) -> Option<(usize, usize)> {
        let v = (2..self.toks.len().min(24)).find(|&i| {
            let w = self.lower(i);
            self.toks[i - 1].t == T::Comma
                && self.is_free_word(i)
                && self.word(i).starts_with(char::is_lowercase)
                && w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !matches!(w, "who" | "whose" | "was" | "has" | "is" | "does" | "this" | "thus" | "as")
                && !self.is_auxiliary(i)
        })?;
        self.subject_before(v, 0)
    }

    /// Does the sentence put something to "you" (an interviewer to the interviewee)?
    pub(super) fn asks_you(&self) -> bool {
        (0..self.toks.len()).any(|i| self.is_free_word(i) && matches!(self.lower(i), "you" | "your"))
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
    /// a participle or speech tag after a comma, `and vowing`, `, according to`, or a verb
    /// coordinated with the reporting verb ("said C and dedicated the win to his mother",
    /// "said C but warned that D").
    pub(super) fn clause_end(&self, from: usize) -> usize {
        let n = self.toks.len();
        let mut i = from;
        let mut has_verb = false;
        while i < n {
            let tok = self.toks[i];
            if tok.quoted || matches!(tok.t, T::Open | T::Close) {
                // `had "opened every door," while Y called her ...`: a comma inside the closing
                // quotation mark ends the clause as one outside it would.
                let comma_closes = tok.t == T::Close && i > from && self.toks[i - 1].t == T::Comma;
                if comma_closes && self.comma_ends_clause(i + 1, has_verb) {
                    return i + 1;
                }
                i += 1;
                continue;
            }
            match tok.t {
                T::Stop | T::Semicolon => return i,
                // "assumed 2.1 per cent growth — \"optimistic, but not crazy\" — while": an aside
                // between two dashes is part of the clause.
                T::Dash if i > from => match (i + 1..n).find(|&j| self.toks[j].t == T::Dash) {
                    Some(close) => {
                        i = close + 1;
                        continue;
                    }
                    None => return i,
                },
                T::Comma if self.comma_ends_clause(i + 1, has_verb) => return i,
                // A story's first sentence puts the news after what was said: "insisted his
                // side had been robbed after Rilford snatched a draw".
                T::Word
                    if self.lede
                        && has_verb
                        && i > from + 2
                        && self.lower(i) == "after"
                        && !matches!(
                            self.lower(i - 1),
                            "only" | "just" | "shortly" | "soon" | "long" | "even" | "right"
                        )
                        && self.opens_clause_after(i + 1) =>
                {
                    return i;
                }
                T::Word if matches!(self.lower(i), "and" | "but") && self.is_free_word(i + 1) => {
                    let next = self.lower(i + 1);
                    let reporting = self.verb(i + 1).is_some()
                        && !lexicon::is_participle(next)
                        && !self.entry(i + 1).is_base_form();
                    // "said X and that Y": Y is a claim of its own.
                    if SPEECH_ACT_PARTICIPLES.contains(&next)
                        || i > from && self.and_that(i).is_some()
                        || reporting
                        || has_verb && self.is_coordinated_verb(i + 1)
                        || has_verb && self.is_coordinated_present(i + 1)
                    {
                        return i;
                    }
                }
                T::Word => has_verb |= self.is_finite_verb(i),
                _ => {}
            }
            i += 1;
        }
        n
    }

    /// Does the word at `next`, after a comma, end what was said? `has_verb`: the clause so far
    /// has a finite verb.
    fn comma_ends_clause(&self, next: usize, has_verb: bool) -> bool {
        if !self.is_free_word(next) {
            return false;
        }
        let word = self.lower(next);
        // A participle of the speaker's own act ends what they said (", blaming higher costs");
        // one of the event's does not (", killing nine").
        self.is_speech_act_participle(next)
            || matches!(word, "according" | "citing" | "while" | "whereas" | "although")
            // The writer's context: ", after profits fell", ", amid protests".
            || matches!(word, "after" | "amid" | "following" | "despite" | "ahead")
            || word == "as" && self.opens_writers_clause(next + 1)
            || self.is_speech_tag(next)
            || matches!(word, "and" | "but" | "though") && self.new_attribution_after(next + 1)
            // "more than 12,000 took part, which would make it the largest": the writer's comment
            // on a whole claim.
            || word == "which" && has_verb
            || matches!(word, "and" | "but") && has_verb && self.is_coordinated_verb(next + 1)
    }

    /// Does a clause with its own subject start at `i`: "Rilford snatched a draw", "the storm
    /// hit"? A finite verb within a few words, none of them a preposition.
    fn opens_clause_after(&self, i: usize) -> bool {
        (i + 1..(i + 5).min(self.toks.len())).find(|&j| self.is_finite_verb(j)).is_some_and(|v| {
            (i..v).all(|j| self.is_free_word(j) && !PREPOSITIONS.contains(&self.lower(j)) && !self.is_finite_verb(j))
        })
    }

    /// Is the word at `i` a participle of something a speaker does with words: "saying",
    /// "blaming", "calling", "declining"?
    pub(super) fn is_speech_act_participle(&self, i: usize) -> bool {
        let word = self.lower(i);
        self.is_free_word(i)
            && (lexicon::is_reporting_participle(word)
                || SPEECH_ACT_PARTICIPLES.contains(&word)
                || self.verb(i).is_some_and(|(_, kind)| kind == VerbKind::Evaluative) && word.ends_with("ing")
                || matches!(
                    word,
                    "citing"
                        | "declining"
                        | "refusing"
                        | "asking"
                        | "welcoming"
                        | "defending"
                        | "rejecting"
                        | "referring"
                        | "accusing"
                        | "describing"
                        | "dismissing"
                        | "questioning"
                        | "challenging"
                        | "disputing"
                        | "appealing"
                        | "echoing"
                        | "repeating"
                        | "responding"
                        | "speaking"
                        | "hailing"
                        | "pointing"
                        | "gesturing"
                        | "highlighting"
                        | "thanking"
                        | "apologising"
                        | "apologizing"
                        | "joking"
                        | "laughing"
                        | "shrugging"
                        | "reflecting"
                ))
    }

    /// Does a simple past verb at `i` start a second verb phrase of the sentence's subject
    /// ("and dedicated the win", "and urged people to stay at home")? A participle after an
    /// auxiliary ("had been tested and approved") belongs to the clause.
    pub(super) fn is_coordinated_verb(&self, i: usize) -> bool {
        let word = self.lower(i);
        self.is_free_word(i)
            && self.word(i).starts_with(char::is_lowercase)
            && self.looks_finite(i)
            && !is_finite_auxiliary(word)
            && !matches!(self.lower(i + 1), "by" | "and" | "or")
            && !self.toks.get(i + 1).is_some_and(|t| matches!(t.t, T::Stop | T::Comma))
    }

    /// A present-tense verb starting a second verb phrase ("says C and expects a rebound"): a
    /// word in -s with an object after it, where a plural noun would have a verb ("and costs
    /// rose").
    fn is_coordinated_present(&self, i: usize) -> bool {
        let word = self.lower(i);
        self.is_free_word(i)
            && self.word(i).starts_with(char::is_lowercase)
            && word.len() > 3
            && word.ends_with('s')
            && !word.ends_with("ss")
            && !self.is_auxiliary(i)
            && self.is_free_word(i + 1)
            && matches!(self.lower(i + 1), "a" | "an" | "the" | "to" | "his" | "her" | "their" | "its" | "it" | "them")
    }

    /// ", and one lawmaker said ...": does a new speaker and reporting verb follow soon after
    /// token `from`, so that the clause before it is over?
    pub(super) fn new_attribution_after(&self, from: usize) -> bool {
        (from..(from + 12).min(self.toks.len())).take_while(|&j| self.toks[j].t != T::Stop).any(|j| {
            self.is_free_word(j)
                && (self.verb(j).is_some_and(|(_, k)| k != VerbKind::Evaluative)
                    && !lexicon::is_participle(self.word(j))
                    && self.word(j).chars().next().is_some_and(char::is_lowercase)
                    // "but it is understood that ..."
                    || j > from
                        && lexicon::is_hedge(self.lower(j))
                        && matches!(self.lower(j - 1), "is" | "are" | "was" | "were"))
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
                && self.verb(j).is_some_and(|(_, k)| k != VerbKind::Evaluative)
                && !lexicon::is_participle(self.word(j))
        }) && (i..end).all(|j| self.toks[j].t != T::Open)
    }

    /// Skip auxiliaries and adverbs backwards from `end` (exclusive), and the hedge of a
    /// passive before them: "is understood to have (told)", "are said to have (warned)".
    pub(super) fn before_auxiliaries(&self, mut end: usize, floor: usize) -> usize {
        loop {
            // Not a name in -ly: "Board president Tom Reilly said".
            while end > floor
                && self.is_free_word(end - 1)
                && self.is_auxiliary(end - 1)
                && !(self.capital(end - 1) && end - 1 > floor)
            {
                end -= 1;
            }
            let hedged = end >= floor + 2
                && self.is_free_word(end - 2)
                && self.lower(end - 1) == "to"
                && lexicon::is_hedge(self.lower(end - 2));
            if !hedged {
                return end;
            }
            end -= 2;
        }
    }

    /// The subject that ends at `end` (exclusive), looking no further back than `floor`. A
    /// subject followed by a comma may come in parts: names and descriptions in apposition ("A
    /// ministry spokeswoman, Elena Petrova,"), with the ages, relative clauses and participle
    /// phrases about them left out ("Jo Bell, 71, who lives nearby,", "A senior official,
    /// speaking on condition of anonymity,").
    pub(super) fn subject_before(&self, end: usize, floor: usize) -> Option<(usize, usize)> {
        let mut end = self.before_auxiliaries(end, floor);
        // "Jordan's foreign ministry on Sunday summoned": the day is no part of the subject.
        if end >= floor + 3
            && lexicon::is_day_or_month(self.word(end - 1))
            && matches!(self.lower(end - 2), "on" | "in")
        {
            end = self.before_auxiliaries(end - 2, floor);
        }
        // "Mr Ellery (Letters, 12 May) says": the subject is before the brackets.
        if end > floor && self.toks[end - 1].t == T::Other && self.word(end - 1) == ")" {
            end = (floor..end - 1).rev().find(|&i| self.toks[i].t == T::Other && self.word(i) == "(")?;
        }
        if end <= floor {
            return None;
        }
        let mut start = floor;
        // Backwards to the punctuation that opens the subject, over anything in brackets
        // ("Kelvara Therapeutics, Inc. (NASDAQ: KLVA), a biotechnology company,").
        let mut bracketed = false;
        for i in (floor..end).rev() {
            let t = self.toks[i].t;
            if t == T::Other {
                match self.word(i) {
                    ")" => bracketed = true,
                    "(" => bracketed = false,
                    _ => {}
                }
            }
            if !bracketed
                && (matches!(t, T::Semicolon | T::Colon | T::Stop | T::Dash)
                    || matches!(t, T::Close | T::Open) && !self.toks[i].quoted)
            {
                start = i + 1;
                break;
            }
        }
        let (a, b) = if self.toks[end - 1].t == T::Comma {
            let mut kept: Option<(usize, usize)> = None;
            let mut names = 0;
            let parts = self.comma_parts(start, end - 1);
            for (k, &(a, b)) in parts.iter().enumerate().rev() {
                let part = (self.past_opening_words(a, b), b);
                if part.0 == part.1 || self.is_modifier_part(part) {
                    continue;
                }
                // A third part only when the second names what the first belongs to: "Ana
                // Petrescu, chief executive of the operator, Solvia Energy".
                // Or when the first is a name: "Suresh Patil, Executive Engineer, Wadgaon
                // Municipal Corporation".
                let fits = names < 2
                    || names == 2
                        && k + 1 < parts.len()
                        && (self.ends_with_of_phrase(parts[k + 1]) || self.is_name_part(part));
                if !fits || !self.is_noun_phrase_part(part) {
                    break;
                }
                kept = Some((part.0, kept.map_or(part.1, |(_, b)| b)));
                names += 1;
            }
            kept?
        } else {
            let last_comma = (start..end).rev().find(|&i| self.toks[i].t == T::Comma && !self.toks[i].quoted);
            (last_comma.map_or(start, |c| c + 1), end)
        };
        let a = self.past_opening_words(a, b);
        let a = self.past_leading_adverbial(a, b)?;
        // "eleven days after a CT scan showed": the verb's subject is inside the clause that a
        // conjunction opens, not the time phrase before it.
        // Not ", when contacted,": an aside between commas.
        let inner = (a + 1..b).rev().find(|&i| {
            self.is_free_word(i)
                && self.toks[i - 1].t != T::Comma
                && matches!(
                    self.lower(i),
                    "after" | "before" | "until" | "when" | "because" | "once" | "unless" | "what"
                )
                // "Anger as Hexley General confirms ward will shut"
                || self.headline && self.is_free_word(i) && matches!(self.lower(i), "as" | "while")
        });
        let a = inner.map_or(a, |i| i + 1);
        (a < b).then_some((a, b))
    }

    /// The comma-separated parts of `start..end`.
    pub(super) fn comma_parts(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        let mut parts = Vec::new();
        let mut from = start;
        for i in start..end {
            if self.toks[i].t == T::Comma && !self.toks[i].quoted {
                if from < i {
                    parts.push((from, i));
                }
                from = i + 1;
            }
        }
        if from < end {
            parts.push((from, end));
        }
        parts
    }

    /// Is the word at `i` a participle that opens a phrase ("speaking on condition of anonymity",
    /// "commissioned by farmers", "accused of fraud"), not an adjective ("acting director")?
    pub(super) fn opens_participle_phrase(&self, i: usize) -> bool {
        let word = self.lower(i);
        if !self.is_free_word(i) || word.len() < 5 {
            return false;
        }
        let next = self.lower(i + 1);
        let ing = word.ends_with("ing") && !NOT_PARTICIPLES.contains(&word);
        let ed =
            word.ends_with("ed") || matches!(word, "known" | "born" | "led" | "seen" | "held" | "made" | "written");
        (ing && (PREPOSITIONS.contains(&next) || DETERMINERS.contains(&next) || next == "through"))
            || (ed && PREPOSITIONS.contains(&next))
            // "asked whether the state could veto it"
            || (ed && matches!(next, "whether" | "if" | "how" | "why" | "what" | "when"))
    }

    /// A part that describes a speaker without naming them: a relative clause, an age, a
    /// participle phrase, a home town ("of Harrogate"), "on condition of anonymity".
    fn is_modifier_part(&self, (a, b): (usize, usize)) -> bool {
        let first = self.lower(a);
        matches!(first, "who" | "which" | "whose" | "whom" | "where" | "aged")
            // "Dr Rajendra Kulkarni, when contacted, said"
            || matches!(first, "when" | "if" | "while" | "once") && b - a <= 4
            || b == a + 1 && first.starts_with(|c: char| c.is_ascii_digit())
            || self.opens_participle_phrase(a)
            || matches!(first, "of" | "from") && self.is_word(a + 1) && self.capital(a + 1)
            || first == "on" && self.lower(a + 1) == "condition"
            // "The ministry, through a spokeswoman, said", "Anna Kowal, for the defence, said"
            || PREPOSITIONS.contains(&first) && b - a <= 6 && b < self.toks.len() && self.toks[b].t == T::Comma
            // "Kelvara Therapeutics, Inc. (NASDAQ: KLVA),": a company's legal form.
            || matches!(first.trim_end_matches('.'), "inc" | "ltd" | "llc" | "plc" | "corp" | "co")
    }

    /// Could this comma-separated part name or describe a speaker: a noun phrase, perhaps with
    /// a relative clause, not a clause or an adverbial ("Hours later", "In a statement")?
    fn is_noun_phrase_part(&self, (a, b): (usize, usize)) -> bool {
        // "an independent security researcher who first spotted the data on a forum last week"
        let relative = (a..b).find(|&i| matches!(self.lower(i), "who" | "which" | "whose" | "whom" | "that"));
        if !self.is_free_word(a) || b - a > if relative.is_some() { 24 } else { 16 } {
            return false;
        }
        let first = self.lower(a);
        let last = self.lower(b - 1);
        let adverbial = PREPOSITIONS.contains(&first)
            || self.entry(a).is_sentence_adverb()
            || matches!(last, "later" | "earlier" | "ago" | "afterwards" | "before" | "after" | "meanwhile")
            || lexicon::is_day_or_month(self.word(a)) && b - a <= 2;
        let clause = (a..relative.unwrap_or(b))
            .any(|i| self.is_free_word(i) && is_finite_auxiliary(self.lower(i)) && !self.joins_name(i));
        !adverbial && !clause
    }

    /// A part that is a person's name: two to four capitalised words.
    pub(super) fn is_name_part(&self, (a, b): (usize, usize)) -> bool {
        (2..=4).contains(&(b - a)) && (a..b).all(|i| self.is_free_word(i) && self.capital(i))
    }

    /// Does the part end in "of the operator", "at the bank": something a following name can
    /// stand in apposition to?
    fn ends_with_of_phrase(&self, (a, b): (usize, usize)) -> bool {
        (a..b).rev().take(3).any(|i| matches!(self.lower(i), "of" | "at" | "for"))
    }

    /// The first token at or after `from` (and before `limit`) that is not an opening
    /// "However,", "But", "And" or its comma.
    pub(super) fn past_opening_words(&self, mut from: usize, limit: usize) -> usize {
        while from < limit
            && (self.is_free_word(from) && self.entry(from).is_sentence_adverb() || self.toks[from].t == T::Comma)
        {
            from += 1;
        }
        from
    }

    /// "At one point she", "On Friday it", "After the vote the mayor": where the subject starts
    /// after an opening prepositional phrase with no comma; None when nothing follows it.
    fn past_leading_adverbial(&self, a: usize, b: usize) -> Option<usize> {
        let first = self.lower(a);
        if self.opens_prepositional_phrase(a) {
            // The preposition and at least one word of its object, then up to a word that can
            // start a subject. With nothing after its object, "after" or "before" opened a
            // clause: "after officers said".
            let start = (a + 2..b).find(|&i| {
                let w = self.lower(i);
                self.is_free_word(i)
                    && (lexicon::pronoun(w).is_some_and(|_| !matches!(w, "him" | "them"))
                        || matches!(w, "we" | "i" | "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our")
                        || self.capital(i))
            });
            let conjunction = lexicon::is_subordinator(first) && a + 1 < b;
            return start.or(conjunction.then_some(a + 1));
        }
        let time_word = matches!(first, "last" | "this" | "next" | "earlier" | "late");
        if time_word && b > a + 2 && lexicon::is_time_noun(self.lower(a + 1)) {
            return Some(a + 2);
        }
        Some(a)
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
        // "she dismissed critics who (had called ...)": a relative pronoun ends no speaker.
        if matches!(self.lower(*words.last().expect("not empty")), "who" | "which" | "whom") {
            return false;
        }
        if words.len() == 1 && lexicon::pronoun(first).is_some() || matches!(first, "we" | "i") && words.len() == 1 {
            return true;
        }
        // "one of them", "two of those": one of a group just named.
        if words.len() == 3 && self.lower(words[1]) == "of" && matches!(self.lower(words[2]), "them" | "those" | "us") {
            return true;
        }
        // "whatever the Treasury says" reports nothing it said.
        if matches!(
            first,
            "it" | "there"
                | "this"
                | "that"
                | "which"
                | "what"
                | "who"
                | "where"
                | "when"
                | "how"
                | "these"
                | "those"
                | "whatever"
                | "whoever"
                | "including"
                | "like"
                | "unlike"
                | "besides"
        ) {
            return false;
        }
        // An auxiliary inside means this is a clause, not a noun phrase ("the talks are over"); a
        // participle is not one ("a group based in the area").
        let relative = words.iter().position(|&i| matches!(self.lower(i), "who" | "which" | "whose" | "whom"));
        let lowercase_finite = words[..relative.unwrap_or(words.len())]
            .iter()
            .any(|&i| is_finite_auxiliary(self.lower(i)) && !self.joins_name(i));
        if lowercase_finite {
            return false;
        }
        let named = words.iter().any(|&i| {
            let w = self.word(i);
            let capital = self.capital(i) && !(i == 0 && DETERMINERS.contains(&self.lower(i)));
            capital
                || self.entry(i).is_speaker_noun()
                || (w.ends_with('s') && w.len() > 3 && !w.ends_with("ss"))
                // "the 44-year-old", as a report calls back the person just named
                || w.len() >= 10 && w.contains("year-old")
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

    /// Can this subject of "show" report a finding: a document or figures ("the report
    /// showed", "data show"), someone named, a pronoun? Not an object: "a CT scan showed signs".
    pub(super) fn shows_findings(&self, (_, b): (usize, usize)) -> bool {
        let last = self.lower(b - 1);
        lexicon::is_document(last)
            || self.capital(b - 1)
            || last.ends_with('s') && !last.ends_with("ss")
            || lexicon::pronoun(last).is_some()
    }

    /// Is the word at `v` a reporting verb used as one here?
    pub(super) fn reporting_verb(&self, v: usize) -> Option<(&'static str, VerbKind)> {
        self.reporting.get(v).copied().flatten()
    }

    fn find_reporting_verb(&self, v: usize) -> Option<(&'static str, VerbKind)> {
        if !self.is_free_word(v) {
            return None;
        }
        let word = self.word(v);
        // Mid-sentence, a capitalised "States" or "Claims" is part of a name.
        if v > 0 && word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let found = self.verb(v)?;
        // "a deal many island states called weak": a plural noun, with the verb after it.
        let next = self.lower(v + 1);
        if word.ends_with('s')
            && self.is_free_word(v + 1)
            && (self.verb(v + 1).is_some() && !next.ends_with('s') && !next.ends_with("ing")
                || is_finite_auxiliary(next))
        {
            return None;
        }
        let previous = if v > 0 && self.is_word(v - 1) { self.lower(v - 1) } else { "" };
        // "the alleged attack", "his claims", "a report": nouns and adjectives after a determiner.
        if DETERMINERS.contains(&previous) || speakers::is_possessive(previous) || self.after_plural_possessive(v) {
            return None;
        }
        if self.entry(v).is_base_form() {
            // "Farmers in the southern valley say": a plural subject, however far its head.
            let plural_subject = self.subject_before(v, 0).is_some_and(|(a, b)| {
                (a..b).any(|i| {
                    let w = self.lower(i);
                    self.is_free_word(i) && w.ends_with('s') && !w.ends_with("'s") && !w.ends_with("ss") && w.len() > 3
                })
            });
            // Nouns that are plural without an s: "Police say", "People familiar with it say".
            // British usage too: "the council say", "Gardaí say".
            let collective = matches!(
                previous,
                "police"
                    | "people"
                    | "staff"
                    | "children"
                    | "media"
                    | "clergy"
                    | "gardaí"
                    | "gardai"
                    | "personnel"
                    | "crew"
                    | "team"
                    | "family"
                    | "council"
                    | "government"
                    | "committee"
                    | "board"
                    | "club"
                    | "management"
            );
            let subject_like = lexicon::is_auxiliary(previous)
                || collective
                || matches!(previous, "they" | "we" | "i" | "you" | "to")
                || previous.ends_with('s') && previous.len() > 2 && !previous.ends_with("ss")
                || plural_subject && !DETERMINERS.contains(&previous);
            if !subject_like || previous == "to" {
                return None;
            }
        }
        if lexicon::particle(found.0).is_some_and(|particle| self.lower(v + 1) != particle) {
            return None;
        }
        // "rules out compensation": to rule something out or in is a refusal, not a ruling.
        if found.0 == "rule" && matches!(self.lower(v + 1), "out" | "in") {
            return None;
        }
        // "residents told to shelter", "were told to leave": who was told reports nothing.
        if found.1 == VerbKind::Tell && self.lower(v + 1) == "to" {
            return None;
        }
        let passive = matches!(previous, "is" | "are" | "was" | "were" | "be" | "been" | "being");
        // "is said to have warned" (the report is in the verb that follows), "are being recalled
        // because", "was written during the power cuts": a passive reports only with a "that".
        if passive && self.lower(v + 1) != "that" {
            return None;
        }
        // "a director accused of fraud", "he was criticised as": a passive describes, it does
        // not report.
        if found.1 == VerbKind::Evaluative
            && (passive || matches!(self.lower(v + 1), "of" | "as" | "for" | "by" | "over"))
        {
            return None;
        }
        Some(found)
    }

    /// Does a plural possessive come just before token `v`: "economists' forecasts", with the
    /// apostrophe a token of its own?
    fn after_plural_possessive(&self, v: usize) -> bool {
        v >= 2
            && matches!(&self.text[self.toks[v - 1].start..self.toks[v - 1].end], "'" | "\u{2019}")
            && self.is_word(v - 2)
            && self.toks[v - 2].end == self.toks[v - 1].start
            && self.lower(v - 2).ends_with('s')
    }

    /// Where what was said starts, for a verb at `v`, and whether "that" introduced it.
    pub(super) fn complement_start(&self, v: usize, lemma: &str, kind: VerbKind) -> Option<(usize, bool)> {
        let n = self.toks.len();
        let mut i = v + 1 + usize::from(lexicon::particle(lemma).is_some());
        if i < n && self.toks[i].t == T::Colon {
            return (i + 1 < n).then_some((i + 1, false));
        }
        // "said afterwards: \"...\"", "said in a statement: \"...\"": a few words, then the quotation.
        let colon =
            (i..(i + 8).min(n)).find(|&j| self.toks[j].t != T::Word || self.toks[j].quoted || self.is_finite_verb(j));
        if let Some(colon) = colon.filter(|&c| c > i && self.toks[c].t == T::Colon && !self.toks[c].quoted)
            && self.toks.get(colon + 1).is_some_and(|t| t.t == T::Open)
        {
            return Some((colon + 1, false));
        }
        // "that" within reach, with only an addressee (told reporters that) or adverbials (said on
        // Friday that, said later, in remarks to the panel, that) before it. After "said the report
        // showed ..." the clause has begun.
        let adverbial_next = self.is_free_word(i) && (self.opens_adverbial(i) || self.lower(i) == "that");
        let addressee = kind == VerbKind::Tell || lexicon::takes_addressee(lemma);
        let reach = if adverbial_next || i < n && self.toks[i].t == T::Comma {
            14
        } else if addressee {
            // "told journalists at the end of an emergency meeting in Abuja that"
            20
        } else {
            1
        };
        let mut j = i;
        while j < (i + reach).min(n) {
            let tok = self.toks[j];
            // "told local radio: \"...\"": an addressee, then the quotation.
            if tok.t == T::Colon && j + 1 < n && self.toks[j + 1].t == T::Open {
                return Some((j + 1, false));
            }
            let aside = tok.t == T::Comma
                && !tok.quoted
                && self.is_free_word(j + 1)
                && (self.opens_adverbial(j + 1)
                    || matches!(self.lower(j + 1), "that" | "however" | "though" | "nevertheless" | "too" | "again"));
            if aside {
                j += 1;
                continue;
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
            j += 1;
        }
        match kind {
            VerbKind::Tell => self.after_addressee(i),
            VerbKind::Evaluative => Some((i, false)),
            VerbKind::Speech => {
                // "said on Tuesday they had targeted a ship": the clause after the adverbial.
                let adverbial = (i + 2..i + 7).find(|&start| {
                    self.opens_clause(start)
                        && !lexicon::is_day_or_month(self.word(start))
                        && (i..start).all(|j| {
                            self.is_free_word(j) && !self.is_finite_verb(j) && !lexicon::is_subordinator(self.lower(j))
                        })
                });
                if self.is_free_word(i) && PREPOSITIONS.contains(&self.lower(i)) && adverbial.is_some() {
                    return adverbial.map(|start| (start, false));
                }
                while i < n
                    && (self.toks[i].t == T::Comma
                        || self.is_free_word(i) && self.is_auxiliary(i) && self.lower(i) != "that")
                {
                    i += 1;
                }
                (i < n).then_some((i, false))
            }
        }
    }

    /// Does an adverbial start at `i` ("on Friday", "later", "last week")?
    pub(super) fn opens_adverbial(&self, i: usize) -> bool {
        let lower = self.lower(i);
        PREPOSITIONS.contains(&lower)
            || TIME_WORDS.contains(&lower)
            || self.is_auxiliary(i)
            || lexicon::is_day_or_month(self.word(i))
    }

    /// "told reporters the bank was ready": the clause after a short addressee, when no "that"
    /// introduces it.
    fn after_addressee(&self, i: usize) -> Option<(usize, bool)> {
        for start in i + 1..i + 5 {
            if !(i..start).all(|j| self.is_free_word(j)) || self.is_finite_verb(start - 1) {
                return None;
            }
            // The addressee is a noun phrase: it does not end on "the" or "its".
            let addressee_ends =
                !DETERMINERS.contains(&self.lower(start - 1)) && !self.lower(start - 1).ends_with("'s");
            if addressee_ends && self.opens_clause(start) {
                return Some((start, false));
            }
        }
        None
    }

    /// Does a clause start at `start`: a word that can open a subject, and a finite verb
    /// (perhaps inside a quotation) within a few words?
    pub(super) fn opens_clause(&self, start: usize) -> bool {
        let first = self.lower(start);
        let opens = self.is_free_word(start)
            && (DETERMINERS.contains(&first) && !matches!(first, "that" | "which" | "what" | "whose")
                || lexicon::pronoun(first).is_some() && !matches!(first, "him" | "her" | "them")
                || matches!(first, "we" | "i" | "you")
                || self.capital(start)
                || first.starts_with(|c: char| c.is_ascii_digit()));
        let verb = |j: usize| self.is_word(j) && self.word(j).starts_with(char::is_lowercase) && self.looks_finite(j);
        opens && (start + 1..(start + 6).min(self.toks.len())).any(verb)
    }

    /// ", as her trial on drug charges entered its third week": a subject (a determiner, a
    /// pronoun or a name first) and a past verb before the next comma.
    fn opens_writers_clause(&self, start: usize) -> bool {
        let first = self.lower(start);
        let opens = self.is_free_word(start)
            && (DETERMINERS.contains(&first) && !matches!(first, "that" | "which" | "what")
                || lexicon::pronoun(first).is_some()
                || self.capital(start));
        opens
            && (start + 1..(start + 10).min(self.toks.len())).take_while(|&j| self.is_free_word(j)).any(|j| {
                self.is_finite_verb(j) && !is_finite_auxiliary(self.lower(j)) || matches!(self.lower(j), "was" | "were")
            })
    }

    /// A lower-case finite verb outside quotation marks: "had", "would", "rose".
    pub(super) fn is_finite_verb(&self, i: usize) -> bool {
        self.is_free_word(i) && self.word(i).starts_with(char::is_lowercase) && self.looks_finite(i)
    }

    /// Does the stretch read as a clause (a subject and a finite verb), not a bare phrase?
    pub(super) fn reads_as_clause(&self, range: (usize, usize)) -> bool {
        self.reads_as_clause_within(range, 14)
    }

    /// `reads_as_clause`, looking for the verb among the first `reach` tokens.
    pub(super) fn reads_as_clause_within(&self, (a, b): (usize, usize), reach: usize) -> bool {
        if a >= b {
            return false;
        }
        if self.toks[a].t == T::Open {
            return true;
        }
        if self.opens_prepositional_phrase(a) || matches!(self.lower(a), "responsibility" | "credit") {
            return false;
        }
        // A quoted verb counts: his side "should have won". A participle after "to be" does not:
        // "the decision to be reviewed".
        (a..b.min(a + reach)).any(|i| {
            self.is_word(i) && {
                let w = self.word(i);
                w.chars().next().is_some_and(char::is_lowercase)
                    && (self.looks_finite(i) || self.verb(i).is_some())
                    && !(i >= a + 2 && self.lower(i - 1) == "be" && self.lower(i - 2) == "to")
            }
        })
    }

    /// Does a preposition open a phrase at `a`? Not when it counts something: "About 300
    /// residents", "Over 1,000 people", "Under half of them".
    pub(super) fn opens_prepositional_phrase(&self, a: usize) -> bool {
        let quantity = self.lower(a + 1).starts_with(|c: char| c.is_ascii_digit())
            || matches!(self.lower(a + 1), "half" | "dozens" | "hundreds" | "thousands" | "millions");
        self.is_free_word(a) && (PREPOSITIONS.contains(&self.lower(a)) || self.lower(a) == "of") && !quantity
    }

    /// A bare complement of "say" that reads as a statement: four words or more, not starting
    /// with a preposition or a word like "nothing".
    pub(super) fn could_be_said(&self, (a, b): (usize, usize)) -> bool {
        let first = self.lower(a);
        self.words_in((a, b)) >= 4
            && self.is_free_word(a)
            && !self.opens_prepositional_phrase(a)
            && !NOT_SAID.contains(&first)
    }

    /// Where the main clause starts: past an opening participle or subordinate phrase and its
    /// comma ("Asked why, he replied", "Speaking to the BBC, Mr Osei said").
    pub(super) fn main_clause_start(&self) -> usize {
        let Some(first) = (0..self.toks.len()).find(|&i| self.is_free_word(i)) else { return 0 };
        let word = self.lower(first);
        let opener = PREPOSITIONS.contains(&word)
            || lexicon::is_subordinator(word)
            // "Speaking to reporters,", "Founded in 1990,": not "Organised labour gave ...".
            || self.word(first).starts_with(char::is_uppercase)
                && (word.ends_with("ing") || word.ends_with("ed"))
                && !NOT_PARTICIPLES.contains(&word)
                && self.opens_participle_phrase(first)
            || matches!(word, "asked" | "pressed" | "born" | "given" | "told");
        if !opener {
            return 0;
        }
        (first..self.toks.len())
            .take_while(|&i| !matches!(self.toks[i].t, T::Stop | T::Semicolon))
            .find(|&i| self.toks[i].t == T::Comma && !self.toks[i].quoted)
            .map_or(0, |comma| comma + 1)
    }

    /// The subject of the sentence's main clause: what comes before its first verb.
    pub(super) fn main_subject(&self, before: usize) -> Option<(usize, usize)> {
        let start = self.main_clause_start().min(before);
        let is_verb = |i: usize| {
            // Not "the defeated incumbent": a participle after a determiner describes.
            self.is_free_word(i) && i > start && !DETERMINERS.contains(&self.lower(i - 1)) && {
                let w = self.word(i);
                let lower_start = w.chars().next().is_some_and(char::is_lowercase);
                lower_start
                    && (self.is_auxiliary(i) && !w.ends_with("ly") || self.looks_finite(i) || self.verb(i).is_some())
            }
        };
        let mut from = start;
        let mut first_verb = (from..before).find(|&i| is_verb(i))?;
        // "Wiśniewski, who joined from Lech Kalisz, took to Instagram": the relative clause's
        // verb is not the sentence's.
        while (from + 1..first_verb)
            .any(|i| self.toks[i - 1].t == T::Comma && self.is_free_word(i) && matches!(self.lower(i), "who" | "which"))
        {
            let comma = (first_verb..before).find(|&i| self.toks[i].t == T::Comma && !self.toks[i].quoted)?;
            from = comma + 1;
            first_verb = (from..before).find(|&i| is_verb(i))?;
        }
        self.subject_before(first_verb, start)
    }

    /// "said X and that Y", "said X, but that Y": where the next "that" clause of the same verb
    /// starts after a clause ending at `end`, if one does.
    pub(super) fn and_that(&self, end: usize) -> Option<usize> {
        let mut i = end;
        if self.toks.get(i).is_some_and(|t| t.t == T::Comma) {
            i += 1;
        }
        let joined = self.is_free_word(i) && matches!(self.lower(i), "and" | "but");
        (joined && self.is_free_word(i + 1) && self.lower(i + 1) == "that" && self.opens_that_clause(i + 2))
            .then_some(i + 2)
    }

    /// After "and that": a clause, not "that" as a pronoun ("and that was a problem").
    fn opens_that_clause(&self, i: usize) -> bool {
        i < self.toks.len() && !self.is_finite_verb(i) && !self.is_auxiliary(i)
    }

    pub(super) fn trimmed(&self, (a, mut b): (usize, usize)) -> (usize, usize) {
        while b > a && matches!(self.toks[b - 1].t, T::Comma | T::Colon | T::Dash) {
            b -= 1;
        }
        (a, b)
    }
}
