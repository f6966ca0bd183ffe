//! Reading an article sentence by sentence: who each claim's speaker is, given the speakers met
//! so far; quotations that run on; transcript lines; anonymous sources; reporting chains.

use super::lexicon;
use super::marks::SingleQuotes;
use super::rules::Found;
use super::sentence::{DETERMINERS, Sentence};
use super::sentences::Span;
use super::speakers::{self, Known, Memory, SpeakerKind};
use super::tokens::T;
use super::{Kind, Link, Proposal};
use crate::model::Mode;

/// Phrases by which an article says it does not name a source.
const ANONYMITY: &[&str] = &[
    "condition of anonymity", "on condition that", "not to be named", "not be named", "not to be identified",
    "not be identified", "declined to be named", "declined to be identified", "requested anonymity",
    "asked for anonymity", "speaking anonymously", "not authorized to speak", "not authorised to speak",
    "without being named", "not to be quoted by name", "name not be", "names not be", "name withheld",
];

/// Words that describe a source without naming them ("people familiar with the talks").
const UNNAMED: &[&[&str]] = &[
    &["familiar", "with"],
    &["with", "knowledge", "of"],
    &["close", "to", "the"],
    &["briefed", "on"],
    &["source"],
    &["sources"],
    &["insider"],
    &["insiders"],
];

pub(super) struct Reader<'t> {
    text: &'t str,
    chars: CharOffsets<'t>,
    memory: Memory,
    /// Who spoke the last quotation, its paragraph, and whether the paragraph ended inside it.
    quoting: Option<(Known, usize, bool)>,
    /// The last paragraph read whole as a transcript line.
    transcript: Option<usize>,
    /// The last paragraph a speaker's name and a colon opened, the interviewer's too.
    last_line: Option<usize>,
    /// The last paragraph that speaks to "you", and the last that ended in a question to them.
    addressed: Option<usize>,
    asked: Option<usize>,
    /// Who answers the "A:" lines of a question-and-answer transcript.
    interviewee: Option<Known>,
    /// The person a headline names: whom an interview under it is with.
    headline_person: Option<String>,
    /// Proposals whose speaker is only described ("a former finance director"), for the next
    /// sentence to name ("Graham Pell, 58, of Harrogate, denies ...").
    described: Vec<usize>,
    pub(super) proposals: Vec<Proposal>,
}

impl<'t> Reader<'t> {
    pub(super) fn new(text: &'t str) -> Reader<'t> {
        Reader {
            text,
            chars: CharOffsets { text, byte: 0, chars: 0 },
            memory: Memory::default(),
            quoting: None,
            transcript: None,
            last_line: None,
            addressed: None,
            asked: None,
            interviewee: None,
            headline_person: None,
            described: Vec::new(),
            proposals: Vec::new(),
        }
    }

    /// Read one sentence; `paragraph_end` is where its paragraph ends (a byte offset).
    pub(super) fn sentence(&mut self, span: Span, opens_paragraph: bool, paragraph_end: usize, singles: &SingleQuotes) {
        if self.transcript == Some(span.paragraph) {
            return;
        }
        let sentence = Sentence::new(self.text, span, singles);
        if sentence.toks.is_empty() {
            return;
        }
        if opens_paragraph
            && (self.transcript_line(&sentence, span, paragraph_end)
                || self.interview_answer(&sentence, span, paragraph_end))
        {
            return;
        }
        if sentence.asks_you() {
            self.addressed = Some(span.paragraph);
        }
        if span.end == paragraph_end && sentence.is_question() && self.addressed == Some(span.paragraph) {
            self.asked = Some(span.paragraph);
        }
        self.name_the_described(&sentence);
        // A paragraph that opens with a quotation goes on with the last speaker's words when the
        // one before ended inside their quotation, or ended with it (a feature's "she explains."),
        // and it is quotation to its end (not "“We will strike.” Union leader Bob Lee ...").
        let whole_quotation = self.text[span.start..paragraph_end].trim_end().ends_with(is_quote_mark)
            || !sentence.toks.iter().any(|t| t.t == T::Close);
        let opens_quoting = opens_paragraph && sentence.toks[0].t == T::Open && whole_quotation;
        let runs_on = self.quoting.as_ref().and_then(|(who, paragraph, open)| {
            (*paragraph == span.paragraph || *paragraph + 1 == span.paragraph && (*open || opens_quoting))
                .then_some(who)
        });
        let found = sentence.read(runs_on);
        // People named anywhere, so a later bare surname finds its full name.
        let people = sentence.people_named();
        let first_named = people.first().cloned();
        if sentence.headline && self.headline_person.is_none() {
            self.headline_person = first_named.as_ref().map(|(name, _)| name.clone());
        }
        for (name, phrase) in people {
            self.memory.name_in_passing(name, phrase);
        }
        if found.is_empty() && sentence.toks[0].t != T::Open {
            self.narration(&sentence, span, first_named);
        }
        for f in found {
            self.propose(&sentence, span, f);
        }
        // "She asked Mr Pryce how many ... He said he did not know.": the person asked answers.
        if let Some(asked) = sentence.person_asked().and_then(|name| self.memory.person(sentence.span_text(name))) {
            self.memory.meet(asked);
        }
    }

    /// A sentence that attributes nothing still says who the story is about.
    fn narration(&mut self, sentence: &Sentence, span: Span, first_named: Option<(String, String)>) {
        // Narration between quotations ends the run.
        if self.quoting.as_ref().is_some_and(|(_, p, _)| *p != span.paragraph) {
            self.quoting = None;
        }
        // "Questions from readers, answered by our correspondent:" introduces who answers.
        if sentence.toks.last().is_some_and(|t| t.t == T::Colon) {
            let n = sentence.toks.len();
            if let Some(by) =
                (0..n).rev().find(|&i| sentence.is_free_word(i) && matches!(sentence.lower(i), "by" | "with"))
            {
                let phrase = sentence.span_text((by + 1, n - 1));
                let (name, kind) = sentence.speaker_name((by + 1, n - 1));
                self.interviewee = Some(Known::new(name, phrase.to_string(), kind));
            }
        }
        // Someone named as the subject of narration ("Union leader Maja Svensson rejected that
        // account.") is who a following "she said" most likely means.
        // Only a subject with a capital in it can be a name (or find one met before).
        let named = |(a, b): (usize, usize)| {
            (a + 1..b).any(|i| sentence.is_word(i) && speakers::capitalised(sentence.word(i)))
                || sentence.is_word(a)
                    && speakers::capitalised(sentence.word(a))
                    && !DETERMINERS.contains(&sentence.lower(a))
        };
        let subject = sentence
            .main_subject(sentence.toks.len())
            .filter(|&s| named(s) && sentence.is_speakerish(s))
            .or_else(|| sentence.relation_named())
            .or_else(|| sentence.subject_of_present().filter(|&s| named(s) && sentence.is_speakerish(s)));
        if let Some(subject) = subject {
            let phrase = sentence.span_text(subject);
            if let Some(known) = self.memory.resolve(phrase).filter(|_| lexicon::pronoun(phrase).is_none()) {
                self.narrated(known, span.paragraph);
                return;
            }
            let (name, kind) = sentence.speaker_name(subject);
            if let Some(known) = self.memory.surname(&name) {
                self.narrated(known, span.paragraph);
                return;
            }
            let proper = name.split_whitespace().any(speakers::capitalised) && !lexicon::is_pronoun_like(&name);
            if proper {
                self.narrated(Known::new(name, phrase.to_string(), kind), span.paragraph);
                return;
            }
        }
        // "We spoke to Karim Benali, who runs a bakery. He said ...": with no one named as its
        // subject, the person a sentence names is who it is about.
        if let Some((name, phrase)) = first_named {
            self.memory.meet(Known::new(name, phrase, SpeakerKind::Person));
        }
    }

    /// Someone the narration is about. A person is also who speaks a quotation that follows in
    /// the same paragraph with no speech tag: "Penrose remembers the day. \"The man ...\""
    fn narrated(&mut self, known: Known, paragraph: usize) {
        if known.kind == SpeakerKind::Person {
            self.quoting = Some((known.clone(), paragraph, false));
        }
        self.memory.meet(known);
    }

    /// "Osei: I set a target in good faith.", "14:07 Nakagawa: \"The pumps are back on.\"",
    /// "A: No.": a paragraph that a speaker's name and a colon open is that speaker's words, whole.
    /// A name must be known from earlier in the article, follow another such line, or introduce
    /// a quotation; "Q:" asks and claims nothing; "A:" is the interviewee.
    fn transcript_line(&mut self, sentence: &Sentence, span: Span, paragraph_end: usize) -> bool {
        let Some((speaker, colon)) = sentence.speaker_line() else { return false };
        // Transcripts often set names in capitals: "BRANDT:" is the Ilse Brandt met before.
        let written = sentence.span_text(speaker);
        let capitals = written.chars().any(char::is_alphabetic) && !written.chars().any(char::is_lowercase);
        let recased = if capitals && written.chars().count() > 1 { title_case(written) } else { written.to_string() };
        let phrase = recased.as_str();
        let quoted = sentence.toks[colon + 1].t == T::Open;
        let follows_line = self.last_line.is_some_and(|p| p + 1 == span.paragraph);
        // "CLAIM:", "OUR VERDICT:", "Update:": a label heads the line, not a speaker.
        if phrase.split_whitespace().any(lexicon::is_label) {
            return false;
        }
        let met = self.memory.person(phrase);
        let who = match phrase {
            // The interviewer asks; the people their questions name may answer later. What
            // they report others saying is read as any sentence is ("HOST: The government
            // says its law will fix that.").
            "Q" | "Host" | "Interviewer" | "Presenter" | "Moderator" | "Anchor" => {
                for (name, phrase) in sentence.people_named() {
                    self.memory.name_in_passing(name, phrase);
                }
                self.last_line = Some(span.paragraph);
                return false;
            }
            // Who answers is whom the headline names, even after a question names someone else
            // ("How much of the grandmother, Bà Sáu, is your own?"); with no such headline, the
            // person met last.
            "A" => {
                let headlined = self.headline_person.as_deref().and_then(|name| self.memory.person(name));
                self.interviewee = self.interviewee.take().or(headlined);
                self.interviewee.clone().or_else(|| self.memory.latest_person())
            }
            _ if met.is_some() => met,
            // "MARK REDFERN:" opening a paragraph is a transcript's speaker even when first met.
            // "12:10 Power company EVN: ...": a live blog's entry is its speaker's words.
            _ if quoted || follows_line || sentence.stamped || capitals && is_name_in_capitals(written) => {
                let (name, kind) = speakers::name_of(phrase);
                Some(Known::new(name, phrase.to_string(), kind))
            }
            _ => None,
        };
        let Some(who) = who else { return false };
        self.last_line = Some(span.paragraph);
        let start = sentence.toks[colon + 1].start;
        let read =
            self.whole_paragraph(who, written, ":", (start, paragraph_end), span.paragraph, ("transcript-line", 0.8));
        // A live blog's entry may go on to report ("It said supply would return ..."): its
        // sentences after the first are read as any sentence is.
        if read && (quoted || !sentence.stamped) {
            self.transcript = Some(span.paragraph);
        }
        read
    }

    /// "Is that still the plan?" put to "you" in an interview printed without Q and A: the
    /// paragraph after it is the interviewee's answer, whole.
    fn interview_answer(&mut self, sentence: &Sentence, span: Span, paragraph_end: usize) -> bool {
        let asks = self.asked.is_some_and(|p| p + 1 == span.paragraph);
        let quotation = sentence.toks[0].t == T::Open;
        if !asks || quotation || self.text[..paragraph_end].trim_end().ends_with('?') {
            return false;
        }
        let Some(who) = self.interviewee.clone().or_else(|| self.memory.latest_person()) else { return false };
        let written = who.phrase.clone();
        let range = (span.start, paragraph_end);
        let read = self.whole_paragraph(who, &written, "(answers)", range, span.paragraph, ("interview-answer", 0.7));
        if read {
            self.transcript = Some(span.paragraph);
        }
        read
    }

    /// Propose the text from `start` to `end` (a paragraph's rest) as `who`'s own words.
    fn whole_paragraph(
        &mut self,
        mut who: Known,
        written: &str,
        cue: &str,
        (start, end): (usize, usize),
        paragraph: usize,
        (rule, confidence): (&'static str, f32),
    ) -> bool {
        let said = self.text[start..end].trim_end();
        let mark_or_space = |c: char| is_quote_mark(c) || c.is_whitespace();
        let words = said.trim_matches(mark_or_space);
        if words.is_empty() {
            return false;
        }
        let start = start + said.len() - said.trim_start_matches(mark_or_space).len();
        let end = start + words.len();
        who.spoke = true;
        self.memory.meet(who.clone());
        let proposal = Proposal {
            speaker: who.name.clone(),
            speaker_text: written.to_string(),
            cue: cue.into(),
            text: words.to_string(),
            kind: Kind::Direct,
            mode: if who.anonymous.is_some() { Mode::Anonymous } else { Mode::Direct },
            start: self.chars.at(start),
            end: self.chars.at(end),
            paragraph,
            rule,
            confidence,
            quote: Some(words.to_string()),
            anonymous: who.anonymous.is_some(),
            public_name: who.anonymous.clone(),
            chain: Vec::new(),
        };
        self.proposals.push(proposal);
        true
    }

    /// "A former finance director ... told a jury that C. Graham Pell, 58, of Harrogate, denies
    /// ...": a sentence that opens with a name and an age names the person just described.
    fn name_the_described(&mut self, sentence: &Sentence) {
        let described = std::mem::take(&mut self.described);
        let Some(name) = sentence.introduced_person() else { return };
        let name = sentence.span_text(name).to_string();
        for at in described {
            self.proposals[at].speaker.clone_from(&name);
        }
    }

    /// Turn a claim found in a sentence into a proposal, resolving its speaker.
    fn propose(&mut self, sentence: &Sentence, span: Span, f: Found) {
        let speaker_text = match &f.speaker_override {
            Some(known) => known.phrase.clone(),
            None => sentence.span_text(f.speaker).to_string(),
        };
        let (mut who, resolved) = match &f.speaker_override {
            Some(known) => (known.clone(), true),
            None => self.speaker(sentence, &f, &speaker_text),
        };
        if who.name.trim().is_empty() || lexicon::is_pronoun_like(&who.name) {
            return; // a pronoun with nobody before it to stand for
        }
        if who.anonymous.is_none() && f.speaker_override.is_none() && self.unnamed(sentence, &f, &speaker_text) {
            who.anonymous = Some(speakers::public_description(&speaker_text));
        }
        let (a, b) = f.content;
        let content_toks = &sentence.toks[a..b];
        let quoted = content_toks.iter().filter(|t| t.quoted || matches!(t.t, T::Open | T::Close)).count();
        let kind = if matches!(f.rule, "quote-then-speaker" | "quote-runs-on") || quoted == content_toks.len() {
            Kind::Direct
        } else if quoted > 0 {
            Kind::Mixed
        } else {
            Kind::Indirect
        };
        let mut start = sentence.toks[a].start;
        let mut end = sentence.toks[b - 1].end;
        if kind == Kind::Direct {
            // The words, not the marks around them.
            let outer = &self.text[start..end];
            let inner = outer.trim_matches(is_quote_mark).trim();
            if !inner.is_empty() {
                start += outer.len() - outer.trim_start_matches(is_quote_mark).trim_start().len();
                end = start + inner.len();
            }
        }
        let quote = match kind {
            Kind::Direct => Some(self.text[start..end].to_string()),
            Kind::Mixed => content_toks.iter().position(|t| t.t == T::Open).map(|o| {
                let from = content_toks[o].end;
                let to =
                    content_toks[o..].iter().position(|t| t.t == T::Close).map_or(end, |c| content_toks[o + c].start);
                self.text[from..to].trim_end_matches([',', '.']).to_string()
            }),
            Kind::Indirect => None,
        };
        let cue =
            if f.cue.0 < f.cue.1 { sentence.span_text(f.cue).to_string() } else { "(continues quotation)".into() };
        let chain = self.chain(sentence, &f, &who, &cue);
        let mode = if who.anonymous.is_some() {
            Mode::Anonymous
        } else if f.outer.is_some() {
            Mode::Reported
        } else if kind == Kind::Direct {
            Mode::Direct
        } else {
            Mode::Paraphrase
        };
        // "the company said", "the statement said" left unresolved: a definite description
        // usually calls back someone named earlier, and who that was is a guess.
        let bare_description = !resolved && {
            let mut words = speaker_text.split_whitespace();
            matches!(words.next(), Some("the" | "The")) && words.all(|w| !speakers::capitalised(w))
        };
        let doubt = if bare_description {
            0.8
        } else if resolved && f.speaker_override.is_none() {
            0.9
        } else {
            1.0
        };
        let confidence = f.confidence * doubt;
        who.spoke = true;
        if kind == Kind::Direct || kind == Kind::Mixed {
            let open_at_end =
                content_toks.last().is_some_and(|t| t.quoted) && !sentence.toks.iter().any(|t| t.t == T::Close);
            self.quoting = Some((who.clone(), span.paragraph, open_at_end));
        }
        let described = !resolved
            && who.kind == SpeakerKind::Person
            && who.anonymous.is_none()
            && matches!(speaker_text.split_whitespace().next(), Some("A" | "a" | "An" | "an"));
        if described {
            self.described.push(self.proposals.len());
        }
        self.memory.meet(who.clone());
        self.proposals.push(Proposal {
            speaker: who.name,
            speaker_text,
            cue,
            text: self.text[start..end].to_string(),
            kind,
            mode,
            start: self.chars.at(start),
            end: self.chars.at(end),
            paragraph: span.paragraph,
            rule: f.rule,
            confidence: (confidence * 100.0).round() / 100.0,
            quote,
            anonymous: who.anonymous.is_some(),
            public_name: who.anonymous,
            chain,
        });
    }

    /// Who the speaker phrase of `f` is, and whether that came from someone met before.
    fn speaker(&mut self, sentence: &Sentence, f: &Found, speaker_text: &str) -> (Known, bool) {
        // A pronoun after its sentence's subject, with no quotation before it, is that subject
        // when their genders agree; otherwise the memory decides, and the subject comes last.
        let early = f.speaker.0 > 0 && !sentence.toks[..f.speaker.0].iter().any(|t| t.quoted);
        let own = if early { own_subject(sentence, f, speaker_text) } else { None };
        let gender = lexicon::pronoun(speaker_text).and_then(lexicon::Pronoun::gender);
        let met = if own.as_ref().is_some_and(|o| o.gender.is_some() && o.gender == gender) {
            own
        } else {
            let own = || if early { own } else { own_subject(sentence, f, speaker_text) };
            self.memory.resolve(speaker_text).or_else(own)
        };
        if let Some(known) = met {
            return (known, true);
        }
        let (name, kind) = sentence.speaker_name(f.speaker);
        match self.memory.surname(&name) {
            Some(known) => (known, true),
            None => (Known::new(name, speaker_text.to_string(), kind), false),
        }
    }

    /// Does the article withhold this speaker's name: "speaking on condition of anonymity",
    /// "who asked not to be named", "people familiar with the matter"?
    fn unnamed(&self, sentence: &Sentence, f: &Found, speaker_text: &str) -> bool {
        if UNNAMED.iter().any(|phrase| sentence.holds_words(f.speaker, phrase)) {
            return !speaker_text.split_whitespace().skip(1).any(|w| speakers::capitalised(w) && w.len() > 3);
        }
        // Every phrase of anonymity holds one of these: most sentences hold none.
        let hint =
            |w: &str| ["name", "unname", "anonym", "identif", "authori", "condition"].iter().any(|h| w.starts_with(h));
        if !(0..sentence.toks.len()).any(|i| sentence.is_word(i) && hint(sentence.lower(i))) {
            return false;
        }
        let (speaker, content) = (f.speaker, f.content);
        let last = sentence.toks.len();
        // What the sentence says about the speaker, outside what they said.
        let about = if speaker.0 < content.0 {
            [(speaker.0, content.0), (content.1, last)]
        } else {
            [(speaker.0, last), (0, 0)]
        };
        about.iter().any(|&(a, b)| {
            a < b && {
                let text = sentence.span_text((a, b)).to_lowercase();
                ANONYMITY.iter().any(|phrase| text.contains(phrase))
            }
        })
    }

    /// Who relays whom, outermost first, when a claim is reported at second hand; empty when it
    /// is not.
    fn chain(&mut self, sentence: &Sentence, f: &Found, who: &Known, cue: &str) -> Vec<Link> {
        let inner = sentence.inner_reports(f.content);
        if f.outer.is_none() && inner.is_empty() {
            return Vec::new();
        }
        let mut chain = Vec::new();
        if let Some((speaker, cue)) = f.outer {
            chain.push(self.link(sentence, speaker, cue));
        }
        chain.push(Link { speaker: who.name.clone(), speaker_text: who.phrase.clone(), cue: cue.to_string() });
        for (speaker, cue) in inner {
            chain.push(self.link(sentence, speaker, cue));
        }
        chain
    }

    fn link(&mut self, sentence: &Sentence, speaker: (usize, usize), cue: (usize, usize)) -> Link {
        let speaker_text = sentence.span_text(speaker).to_string();
        let name = match self.memory.resolve(&speaker_text) {
            Some(known) => known.name,
            None => sentence.speaker_name(speaker).0,
        };
        Link { speaker: name, speaker_text, cue: sentence.span_text(cue).to_string() }
    }
}

/// "The ministry summoned the ambassador over what it called ...": a pronoun that nobody met
/// before stands for the subject of its own sentence.
fn own_subject(sentence: &Sentence, f: &Found, speaker_text: &str) -> Option<Known> {
    lexicon::pronoun(speaker_text)?;
    let subject = sentence.main_subject(f.speaker.0).filter(|s| s.1 <= f.speaker.0 && sentence.is_speakerish(*s))?;
    let phrase = sentence.span_text(subject);
    if lexicon::pronoun(phrase).is_some() {
        return None;
    }
    let (name, kind) = sentence.speaker_name(subject);
    Some(Known::new(name, phrase.to_string(), kind))
}

/// "ILSE BRANDT" -> "Ilse Brandt".
/// "MARK REDFERN", not "A:": two to four words in capitals (labels are turned away before).
fn is_name_in_capitals(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len()) && words.iter().all(|w| w.chars().count() > 1)
}

fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = true;
    for c in text.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphanumeric();
    }
    out
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '\u{ab}' | '\u{bb}')
}

/// Turns byte offsets into character offsets, counting on from the last one asked about (the
/// proposals come in order, so the text is walked about once).
struct CharOffsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl CharOffsets<'_> {
    /// Offsets are asked for mostly in order: count from the last one asked, backwards too (a
    /// transcript line's end comes before the next sentence's start), never from the start.
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.chars -= self.text[byte..self.byte].chars().count();
        } else {
            self.chars += self.text[self.byte..byte].chars().count();
        }
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::CharOffsets;

    #[test]
    fn character_offsets_count_forwards_and_backwards() {
        let text = "Zoë said “ja”. Łukasz nodded.";
        let mut offsets = CharOffsets { text, byte: 0, chars: 0 };
        let nodded = text.find("nodded").unwrap();
        let said = text.find("said").unwrap();
        assert_eq!(offsets.at(nodded), text[..nodded].chars().count());
        assert_eq!(offsets.at(said), 4);
        assert_eq!(offsets.at(text.len()), text.chars().count());
    }
}
