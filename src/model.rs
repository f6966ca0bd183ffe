//! The data model's vocabulary: closed choices (mode, relation kind, verdict) and the records
//! that commands read from the store.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

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
    ($name:ident, $what:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl Choice for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
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
    Paraphrase => "paraphrase",
    Reported => "reported",
    Anonymous => "anonymous",
});

choice_enum!(RelationKind, "relation kind", {
    Contradicts => "contradicts",
    Supports => "supports",
    Qualifies => "qualifies",
    RespondsTo => "responds-to",
    SameAs => "same-as",
    Supersedes => "supersedes",
});

choice_enum!(Verdict, "verdict", {
    Unrated => "unrated",
    True => "true",
    MostlyTrue => "mostly-true",
    Mixed => "mixed",
    MostlyFalse => "mostly-false",
    False => "false",
    Misleading => "misleading",
    Unverified => "unverified",
});

impl RelationKind {
    /// Symmetric kinds are stored once, lower claim id first.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Self::Contradicts | Self::SameAs)
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
    pub created_at: String,
    pub claims: i64,
}

/// Who makes claims.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Actor {
    pub id: i64,
    pub uid: String,
    pub name: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub affiliation: Option<String>,
    pub aliases: Vec<String>,
    pub created_at: String,
    pub claims: i64,
}

/// One claim with its actor, source and tags spelled out: what listings and exports show.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClaimRecord {
    pub id: i64,
    pub uid: String,
    pub text: String,
    pub quote: Option<String>,
    pub actor: String,
    pub mode: String,
    pub stated_on: Option<String>,
    pub source: Option<String>,
    pub source_title: Option<String>,
    pub source_url: Option<String>,
    pub source_publisher: Option<String>,
    pub locator: Option<String>,
    pub tags: Vec<String>,
    pub verdict: String,
    pub notes: Option<String>,
    pub contradicted_by: Vec<i64>,
    pub supported_by: Vec<i64>,
    pub created_at: String,
    pub updated_at: String,
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
    }
}
