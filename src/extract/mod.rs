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
pub mod marks;
mod rules;
mod sentence;
pub mod sentences;
pub mod speakers;
mod tokens;

use serde::Serialize;

use sentence::Sentence;
use speakers::{Known, SpeakerKind};
use tokens::T;

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
    let singles = marks::SingleQuotes::find(text);
    for span in sentences::split(text, &singles) {
        let sentence = Sentence::new(text, span, &singles);
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
