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
mod reader;
mod rules;
mod sentence;
pub mod sentences;
pub mod speakers;
mod tokens;

use serde::Serialize;

use crate::model::Mode;
use marks::SingleQuotes;
use reader::Reader;

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
    /// How the claim would be stored: `direct`, `paraphrase`, `reported` (relayed by a third
    /// party) or `anonymous` (from a source the article does not name).
    pub mode: Mode,
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
    /// The speaker is a source the article does not name.
    pub anonymous: bool,
    /// How the article describes an anonymous speaker ("a senior official").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_name: Option<String>,
    /// Who relays whom, outermost first, for a claim reported at second hand: "the minister told
    /// parliament that the general had assured him that ..." gives the minister, then the
    /// general. Empty for a claim at first hand.
    pub chain: Vec<Link>,
}

/// One speaker in a reporting chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub speaker: String,
    pub speaker_text: String,
    pub cue: String,
}

/// Propose the attributed claims in an article.
pub fn extract(text: &str) -> Vec<Proposal> {
    let singles = SingleQuotes::find(text);
    let spans = sentences::split(text, &singles);
    let mut reader = Reader::new(text);
    let mut paragraph_end = 0;
    for (k, span) in spans.iter().enumerate() {
        let opens_paragraph = k == 0 || spans[k - 1].paragraph != span.paragraph;
        if opens_paragraph {
            paragraph_end =
                spans[k..].iter().take_while(|s| s.paragraph == span.paragraph).last().map_or(span.end, |s| s.end);
        }
        reader.sentence(*span, opens_paragraph, paragraph_end, &singles);
    }
    reader.proposals
}

#[cfg(test)]
mod tests;
