//! A claim's one core set of fields, and the shapes composed from it: as typed ([`NewClaim`]),
//! as changed ([`ClaimChange`]), as stored ([`ClaimRow`]) and as read back ([`ClaimRecord`]).

use serde::Serialize;

use super::{Mode, RelationKind, Verdict};

/// What a person says about a claim, apart from who made it and where it was found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClaimFields {
    pub text: String,
    pub quote: Option<String>,
    pub mode: Mode,
    pub stated_on: Option<String>,
    pub locator: Option<String>,
    pub verdict: Verdict,
    pub notes: Option<String>,
    /// The notes are the desk's alone: outputs for publication leave them out.
    pub notes_private: bool,
}

impl ClaimFields {
    /// Blank optional fields are absent: an empty `--note ""` means no note.
    pub fn tidy(mut self) -> Self {
        for field in [&mut self.quote, &mut self.stated_on, &mut self.locator, &mut self.notes] {
            if field.as_deref().is_some_and(|v| v.trim().is_empty()) {
                *field = None;
            }
        }
        self
    }

    /// Apply one change; the actor, source and tags are not fields and are left to the caller.
    pub fn apply(&mut self, change: &ClaimChange) {
        let blank_is_none = |value: &str| (!value.trim().is_empty()).then(|| value.to_string());
        match change {
            ClaimChange::Text(text) => self.text = text.clone(),
            ClaimChange::Quote(quote) => self.quote = blank_is_none(quote),
            ClaimChange::Mode(mode) => self.mode = *mode,
            ClaimChange::StatedOn(date) => self.stated_on = blank_is_none(date),
            ClaimChange::Locator(locator) => self.locator = blank_is_none(locator),
            ClaimChange::Verdict(verdict) => self.verdict = *verdict,
            ClaimChange::Notes(notes) => self.notes = blank_is_none(notes),
            ClaimChange::NotesPrivate(private) => self.notes_private = *private,
            ClaimChange::Actor(_) | ClaimChange::Source(_) | ClaimChange::AddTag(_) | ClaimChange::RemoveTag(_) => {}
        }
    }
}

/// A claim as typed: its actor by name (created when new) and its source by key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewClaim {
    pub fields: ClaimFields,
    pub actor: String,
    pub source: Option<String>,
    pub tags: Vec<String>,
}

/// One change in an edit. An empty text clears an optional field (and the source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimChange {
    Text(String),
    Actor(String),
    Source(String),
    Quote(String),
    Mode(Mode),
    StatedOn(String),
    Locator(String),
    Verdict(Verdict),
    Notes(String),
    NotesPrivate(bool),
    AddTag(String),
    RemoveTag(String),
}

/// A claim's stored columns: the fields with the actor and source resolved to local ids.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// The id the claim should get, when that one is free and was never given before.
    pub wanted_id: Option<i64>,
    pub uid: String,
    pub fields: ClaimFields,
    pub actor_id: i64,
    pub source_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    /// When the verdict was last set, and by whom (None while unrated).
    pub verdict_at: Option<String>,
    pub verdict_by: Option<String>,
}

impl ClaimRow {
    /// Record that the verdict was set `at` by `by` when it differs from `before` (None: a new
    /// claim); back to `unrated` clears both.
    pub fn stamp_verdict(&mut self, before: Option<Verdict>, at: &str, by: &str) {
        if self.fields.verdict == Verdict::Unrated {
            (self.verdict_at, self.verdict_by) = (None, None);
        } else if before != Some(self.fields.verdict) {
            (self.verdict_at, self.verdict_by) = (Some(at.to_string()), Some(by.to_string()));
        }
    }

    /// Keep the stamp a row came with (a document's), when it has one and the claim is rated.
    pub fn keep_verdict_stamp(&mut self, at: Option<&str>, by: Option<&str>) {
        if let Some(at) = at
            && self.fields.verdict != Verdict::Unrated
        {
            (self.verdict_at, self.verdict_by) = (Some(at.to_string()), by.map(String::from));
        }
    }
}

/// The claims a claim points at, by kind, as one row of a file carries them. Each relation is
/// listed on one of its ends (both for the symmetric kinds), so a file of rows holds them all:
/// `supports` on the supported claim's row, the other directed kinds on their source's row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClaimRelations {
    pub contradicted_by: Vec<i64>,
    pub supported_by: Vec<i64>,
    pub qualifies: Vec<i64>,
    pub responds_to: Vec<i64>,
    pub same_as: Vec<i64>,
    pub supersedes: Vec<i64>,
}

impl ClaimRelations {
    /// Place a relation seen from this claim: `outgoing` when this claim is its first end.
    pub fn place(&mut self, kind: RelationKind, outgoing: bool, other: i64) {
        let list = match (kind, outgoing) {
            (RelationKind::Contradicts, _) => &mut self.contradicted_by,
            (RelationKind::SameAs, _) => &mut self.same_as,
            (RelationKind::Supports, false) => &mut self.supported_by,
            (RelationKind::Qualifies, true) => &mut self.qualifies,
            (RelationKind::RespondsTo, true) => &mut self.responds_to,
            (RelationKind::Supersedes, true) => &mut self.supersedes,
            // Listed on the other claim's row.
            _ => return,
        };
        list.push(other);
    }

    /// Every relation these lists make, from `id`'s point of view, as (from, kind, to).
    pub fn edges(&self, id: i64) -> impl Iterator<Item = (i64, RelationKind, i64)> + '_ {
        let outgoing = [
            (RelationKind::Contradicts, &self.contradicted_by),
            (RelationKind::Qualifies, &self.qualifies),
            (RelationKind::RespondsTo, &self.responds_to),
            (RelationKind::SameAs, &self.same_as),
            (RelationKind::Supersedes, &self.supersedes),
        ];
        let incoming = self.supported_by.iter().map(move |&other| (other, RelationKind::Supports, id));
        outgoing
            .into_iter()
            .flat_map(move |(kind, others)| others.iter().map(move |&other| (id, kind, other)))
            .chain(incoming)
    }

    pub fn is_empty(&self) -> bool {
        self.edges(0).next().is_none()
    }
}

/// One claim with its actor, source, tags and relations spelled out: what listings and exports
/// show.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClaimRecord {
    pub id: i64,
    pub uid: String,
    #[serde(flatten)]
    pub fields: ClaimFields,
    pub actor: String,
    #[serde(skip)]
    pub actor_uid: String,
    /// The source's key, and what listings show of it.
    pub source: Option<String>,
    #[serde(skip)]
    pub source_uid: Option<String>,
    pub source_title: Option<String>,
    pub source_url: Option<String>,
    pub source_publisher: Option<String>,
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub relations: ClaimRelations,
    pub created_at: String,
    pub updated_at: String,
    /// When the verdict was last set, and by whom.
    pub verdict_at: Option<String>,
    pub verdict_by: Option<String>,
}

/// Filters with every name resolved to an id, ready for a backend to turn into its query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    pub actor_id: Option<i64>,
    pub source_id: Option<i64>,
    /// Claims carrying all of these tags.
    pub tag_ids: Vec<i64>,
    pub mode: Option<Mode>,
    pub verdict: Option<Verdict>,
    /// Bounds on `stated_on`, as comparable keys (see `dates::since_key`).
    pub since: Option<String>,
    pub until: Option<String>,
    /// Only claims that something contradicts.
    pub contested: bool,
    pub limit: Option<u64>,
}

impl ClaimFilter {
    /// True when the filter selects every claim (no condition and no limit).
    pub fn selects_all(&self) -> bool {
        self.is_empty() && self.limit.is_none()
    }

    /// True when no condition narrows the claims (a limit may still cut them short).
    pub fn is_empty(&self) -> bool {
        self.actor_id.is_none()
            && self.source_id.is_none()
            && self.tag_ids.is_empty()
            && self.mode.is_none()
            && self.verdict.is_none()
            && self.since.is_none()
            && self.until.is_none()
            && !self.contested
    }

    /// The limit as a number a query can bind: -1 for none.
    pub fn limit_value(&self) -> i64 {
        self.limit.map_or(-1, |n| n.min(i64::MAX as u64) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_go_on_one_end_each_and_come_back_whole() {
        let mut mine = ClaimRelations::default();
        mine.place(RelationKind::Contradicts, false, 3);
        mine.place(RelationKind::Supports, false, 4);
        mine.place(RelationKind::Supports, true, 5); // on #5's row
        mine.place(RelationKind::Qualifies, true, 6);
        mine.place(RelationKind::Qualifies, false, 7); // on #7's row
        mine.place(RelationKind::Supersedes, true, 8);
        assert_eq!(mine.contradicted_by, [3]);
        assert_eq!(mine.supported_by, [4]);
        let edges: Vec<_> = mine.edges(1).collect();
        assert_eq!(
            edges,
            [
                (1, RelationKind::Contradicts, 3),
                (1, RelationKind::Qualifies, 6),
                (1, RelationKind::Supersedes, 8),
                (4, RelationKind::Supports, 1)
            ]
        );
    }

    #[test]
    fn a_verdict_is_stamped_when_it_changes_and_cleared_when_unrated() {
        let mut row = ClaimRow {
            wanted_id: None,
            uid: "u".into(),
            fields: ClaimFields { text: "x".into(), verdict: Verdict::False, ..ClaimFields::default() },
            actor_id: 1,
            source_id: None,
            created_at: "t0".into(),
            updated_at: "t0".into(),
            verdict_at: None,
            verdict_by: None,
        };
        row.stamp_verdict(None, "t1", "alice");
        assert_eq!((row.verdict_at.as_deref(), row.verdict_by.as_deref()), (Some("t1"), Some("alice")));
        row.stamp_verdict(Some(Verdict::False), "t2", "bob");
        assert_eq!(row.verdict_at.as_deref(), Some("t1"), "the same verdict again keeps its stamp");
        row.keep_verdict_stamp(Some("t0"), None);
        assert_eq!((row.verdict_at.as_deref(), row.verdict_by.as_deref()), (Some("t0"), None));
        row.fields.verdict = Verdict::Misleading;
        row.stamp_verdict(Some(Verdict::False), "t3", "bob");
        assert_eq!((row.verdict_at.as_deref(), row.verdict_by.as_deref()), (Some("t3"), Some("bob")));
        row.fields.verdict = Verdict::Unrated;
        row.stamp_verdict(Some(Verdict::Misleading), "t4", "bob");
        row.keep_verdict_stamp(Some("t5"), Some("carol"));
        assert_eq!((row.verdict_at, row.verdict_by), (None, None));
    }

    #[test]
    fn blank_optional_fields_are_absent() {
        let fields = ClaimFields { text: "x".into(), notes: Some("  ".into()), ..ClaimFields::default() }.tidy();
        assert_eq!(fields.notes, None);
        let mut fields = fields;
        fields.apply(&ClaimChange::Quote("words".into()));
        fields.apply(&ClaimChange::Quote(String::new()));
        assert_eq!(fields.quote, None);
    }
}
