//! The data model's vocabulary: closed choices (mode, relation kind, verdict), the records that
//! commands read, and the rules every stored value follows. Pure: no storage, no printing.

mod claim;
pub mod rules;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use claim::{ClaimChange, ClaimFields, ClaimFilter, ClaimRecord, ClaimRelations, ClaimRow, NewClaim};
pub use rules::RuleError;

/// A closed set of words, typed on the command line and stored as text.
pub trait Choice: Sized + Copy + PartialEq + 'static {
    /// What the word names, for messages ("mode", "relation kind").
    const WHAT: &'static str;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;

    fn parse(input: &str) -> Result<Self, ChoiceError> {
        let wanted = input.trim().to_lowercase().replace('_', "-");
        Self::ALL.iter().copied().find(|c| c.as_str() == wanted).ok_or_else(|| ChoiceError {
            what: Self::WHAT,
            input: input.to_string(),
            allowed: Self::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{input}\": use one of {allowed}")]
pub struct ChoiceError {
    pub what: &'static str,
    pub input: String,
    pub allowed: String,
}

macro_rules! choice_enum {
    ($name:ident, $what:literal, { $($(#[$attr:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub enum $name { $($(#[$attr])* $variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        impl Choice for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ChoiceError;
            fn from_str(s: &str) -> Result<Self, ChoiceError> {
                <Self as Choice>::parse(s)
            }
        }

        /// clap checks the word, so a wrong one is a usage error; `responds_to` works too.
        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                Self::ALL
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                let text = self.as_str();
                let value = clap::builder::PossibleValue::new(text);
                Some(if text.contains('-') { value.alias(text.replace('-', "_")) } else { value })
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

choice_enum!(Mode, "mode", {
    Direct => "direct",
    #[default]
    Paraphrase => "paraphrase",
    Reported => "reported",
    Anonymous => "anonymous",
});

choice_enum!(RelationKind, "relation kind", {
    #[default]
    Contradicts => "contradicts",
    Supports => "supports",
    Qualifies => "qualifies",
    RespondsTo => "responds-to",
    SameAs => "same-as",
    Supersedes => "supersedes",
});

choice_enum!(Verdict, "verdict", {
    #[default]
    Unrated => "unrated",
    True => "true",
    MostlyTrue => "mostly-true",
    Mixed => "mixed",
    MostlyFalse => "mostly-false",
    False => "false",
    Misleading => "misleading",
    Unverified => "unverified",
});

choice_enum!(Setting, "setting", {
    /// Who publishes the reviews: ClaimReview's author.
    #[default]
    Reviewer => "reviewer",
    /// The page that publishes the reviews: ClaimReview's url, anchored by the claim's uid.
    UrlBase => "url-base",
});

impl RelationKind {
    /// Symmetric kinds are stored once, lower claim id first.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Self::Contradicts | Self::SameAs)
    }

    /// The kinds whose edges make disputes: contradicts splits, supports and same-as join.
    pub fn forms_disputes(self) -> bool {
        matches!(self, Self::Contradicts | Self::Supports | Self::SameAs)
    }

    /// How the relation reads from its target's side: "#7 is supported by #3".
    pub fn inverse_phrase(self) -> &'static str {
        match self {
            Self::Contradicts => "contradicts",
            Self::Supports => "supported by",
            Self::Qualifies => "qualified by",
            Self::RespondsTo => "responded to by",
            Self::SameAs => "same-as",
            Self::Supersedes => "superseded by",
        }
    }

    /// The stored orientation of a relation: symmetric kinds go lower id first.
    pub fn canonical(self, from: i64, to: i64) -> (i64, i64) {
        if self.is_symmetric() && from > to { (to, from) } else { (from, to) }
    }
}

/// Where a claim was found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Source {
    pub id: i64,
    pub uid: String,
    pub key: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub accessed: Option<String>,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The text is the desk's alone: outputs for publication leave it out.
    pub body_private: bool,
    pub created_at: String,
    /// How many claims cite it.
    pub claims: i64,
}

/// The editable fields of a source. In an edit, `None` leaves a field as it is and an empty
/// string clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceFields {
    pub key: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub accessed: Option<String>,
    pub kind: Option<String>,
    pub body: Option<String>,
    /// Mark the text private (true) or publishable (false); None leaves it.
    pub body_private: Option<bool>,
}

/// Who makes claims.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Actor {
    pub id: i64,
    pub uid: String,
    pub name: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    /// How its anonymous claims name it in public ("a senior U.S. official"); see `ops::redact`.
    pub public_name: Option<String>,
    /// The name of the actor this one belongs to.
    pub affiliation: Option<String>,
    #[serde(skip)]
    pub affiliation_id: Option<i64>,
    #[serde(skip)]
    pub affiliation_uid: Option<String>,
    pub aliases: Vec<String>,
    pub created_at: String,
    /// How many claims it made.
    pub claims: i64,
}

/// An actor as typed on the command line.
#[derive(Debug, Clone, Default)]
pub struct NewActor {
    pub name: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub public_name: Option<String>,
    /// The name of the actor this one belongs to.
    pub affiliation: Option<String>,
    pub aliases: Vec<String>,
}

/// In an edit, `None` leaves a field as it is and an empty string clears it.
#[derive(Debug, Clone, Default)]
pub struct ActorChanges {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub public_name: Option<String>,
    pub affiliation: Option<String>,
    pub add_aliases: Vec<String>,
    pub remove_aliases: Vec<String>,
}

/// An actor's stored columns, for the statements that write whole rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    pub uid: String,
    pub name: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub public_name: Option<String>,
    pub affiliation: Option<i64>,
    pub created_at: String,
}

/// A relation seen from one claim: the kind, which way it points, and the claim at the other end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedClaim {
    pub kind: RelationKind,
    /// True when the shown claim is the relation's source ("#3 supports #7" seen from #3).
    pub outgoing: bool,
    pub other_id: i64,
    pub other_actor: String,
    pub other_text: String,
    pub note: Option<String>,
}

/// A directed edge between two claims, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub from: i64,
    pub kind: RelationKind,
    pub to: i64,
}

/// A stored relation with both claims' uids: what documents and snapshots carry.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationRecord {
    pub from: i64,
    pub from_uid: String,
    pub kind: RelationKind,
    pub to: i64,
    pub to_uid: String,
    pub note: Option<String>,
    pub created_at: String,
}

/// What a dispute table shows of a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisputeClaim {
    pub id: i64,
    pub text: String,
    pub actor: String,
    pub source: Option<String>,
    pub stated_on: Option<String>,
}

/// A claim found by `search`, best match first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: i64,
    pub actor: String,
    pub text: String,
    pub source: Option<String>,
    pub stated_on: Option<String>,
    /// The passage that matched, each match in [brackets].
    pub snippet: String,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchFound {
    /// Best first.
    pub hits: Vec<SearchHit>,
    /// How many matches were ranked, and whether more matched than that.
    pub ranked: u64,
    pub more_than_ranked: bool,
}

/// What a ClaimReview needs of a rated claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    pub uid: String,
    pub text: String,
    pub actor: String,
    pub actor_kind: Option<String>,
    pub stated_on: Option<String>,
    pub verdict: Verdict,
    /// The day the verdict was set: when the review was published.
    pub reviewed_on: String,
    pub source_url: Option<String>,
    pub source_title: Option<String>,
    pub source_publisher: Option<String>,
    pub source_published: Option<String>,
}

/// A direct quotation and the source it cites.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteCheck {
    pub claim_id: i64,
    pub actor: String,
    pub quote: String,
    pub source: String,
}

/// One recorded change, as `history` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: Action,
    pub entity: Entity,
    pub entity_id: Option<i64>,
    pub other_id: Option<i64>,
    pub entity_uid: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl HistoryEntry {
    /// An import's one entry as one of the claims it added sees it: the file, and the claim's
    /// line in it when the run knows its lines.
    pub fn narrow_import(&mut self, claim: i64, run: &ImportRun) {
        let mut after = serde_json::Map::new();
        if let Some(file) = self.after.as_ref().and_then(|after| after.get("file")) {
            after.insert("file".into(), file.clone());
        }
        if let Some(line) = run.line_of(claim) {
            after.insert("line".into(), line.into());
        }
        self.entity_id = Some(claim);
        self.after = Some(after.into());
    }
}

/// A change to record: the history row before it has an id, a time and a user.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub action: Action,
    pub entity: Entity,
    pub entity_id: Option<i64>,
    pub other_id: Option<i64>,
    pub entity_uid: Option<String>,
    /// JSON text of the row before and after the change.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Claims one import added, with consecutive ids: the history names an import's claims by these
/// runs rather than with an entry each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    pub first_id: i64,
    pub last_id: i64,
    /// Each claim's line in the file, the first in full and then the steps from one to the next
    /// ("2,1,3" is lines 2, 3 and 6); None for a document, whose claims have no lines.
    pub lines: Option<String>,
}

impl ImportRun {
    /// The file line of claim `id` of this run, when the run knows its lines.
    pub fn line_of(&self, id: i64) -> Option<u64> {
        let steps = self.lines.as_deref()?;
        let offset = usize::try_from(id.checked_sub(self.first_id)?).ok()?;
        let mut line = 0u64;
        let mut read = 0;
        for step in steps.split(',').take(offset + 1) {
            line = line.checked_add(step.parse().ok()?)?;
            read += 1;
        }
        (id <= self.last_id && read == offset + 1).then_some(line)
    }
}

choice_enum!(Action, "history action", {
    #[default]
    Create => "create",
    Edit => "edit",
    Delete => "delete",
    Merge => "merge",
    Import => "import",
    Restore => "restore",
    Link => "link",
    Unlink => "unlink",
});

choice_enum!(Entity, "history entity", {
    #[default]
    Claim => "claim",
    Actor => "actor",
    Source => "source",
    Relation => "relation",
});

/// One thing `check` found, or could not look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub check: &'static str,
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse_case_insensitively_and_name_the_options() {
        assert_eq!("Direct".parse::<Mode>().unwrap(), Mode::Direct);
        assert_eq!("responds_to".parse::<RelationKind>().unwrap(), RelationKind::RespondsTo);
        let err = "refutes".parse::<RelationKind>().unwrap_err().to_string();
        assert!(err.contains("unknown relation kind \"refutes\""), "{err}");
        assert!(err.contains("contradicts, supports"), "{err}");
    }

    #[test]
    fn only_contradicts_and_same_as_are_symmetric() {
        let symmetric: Vec<_> = RelationKind::ALL.iter().filter(|k| k.is_symmetric()).collect();
        assert_eq!(symmetric, [&RelationKind::Contradicts, &RelationKind::SameAs]);
        assert_eq!(RelationKind::Contradicts.canonical(7, 3), (3, 7));
        assert_eq!(RelationKind::Supports.canonical(7, 3), (7, 3));
    }

    #[test]
    fn clap_takes_the_same_words() {
        use clap::ValueEnum;
        assert_eq!(<RelationKind as ValueEnum>::from_str("responds_to", true), Ok(RelationKind::RespondsTo));
        assert_eq!(<Verdict as ValueEnum>::from_str("Mostly-False", true), Ok(Verdict::MostlyFalse));
        assert!(<Mode as ValueEnum>::from_str("quote", true).is_err());
    }
}
