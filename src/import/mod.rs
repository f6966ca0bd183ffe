//! Reading claims from other people's files: CSV, TSV and JSON lines. Pure parsing and checking;
//! every row comes out as a [`ClaimRow`] or a [`RowError`] that names the line, the column and
//! the fault. Writing the rows is the store's job (`store::bulk`). Every reader stops at the
//! sizes in [`limits`]; [`encoding`] turns other encodings into the UTF-8 they read.

pub mod delimited;
pub mod encoding;
pub mod jsonl;
pub mod limits;
pub mod text;

use std::fmt;

use crate::dates::{parse_date, parse_timestamp};
use crate::model::{Choice, Mode, RelationKind, Verdict};

/// How the readers take their input.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// `--map COLUMN=FIELD`: columns read under another name.
    pub overrides: Vec<(String, Field)>,
    /// The rows are relations (`from`, `kind`, `to`, `note`), not claims.
    pub relations: bool,
    /// CSV cells are taken as written: the apostrophe of a spreadsheet-safe export stays.
    pub raw: bool,
}

/// The fields a claim row can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Uid,
    Text,
    Quote,
    Actor,
    Mode,
    StatedOn,
    Source,
    SourceTitle,
    SourceUrl,
    SourcePublisher,
    Locator,
    Tags,
    Verdict,
    Notes,
    NotesPrivate,
    ContradictedBy,
    SupportedBy,
    Qualifies,
    RespondsTo,
    SameAs,
    Supersedes,
    CreatedAt,
    UpdatedAt,
    VerdictAt,
    VerdictBy,
    // Relation rows (`import --relations`).
    From,
    Kind,
    To,
    Note,
}

/// The shape of value a field takes; one place decides what each field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// One piece of text (a JSON string; any CSV cell).
    Text,
    /// A claim id: a whole number, or text holding one.
    Id,
    /// Texts: a list, or one text with `;` between them.
    Texts,
    /// Claim ids: a list, one id, or text with `;` between them.
    Ids,
    /// Yes or no: JSON's true or false, or text saying so (true, false, yes, no, 1, 0).
    Flag,
}

impl Field {
    pub const CLAIM_FIELDS: &'static [Field] = &[
        Field::Id,
        Field::Uid,
        Field::Text,
        Field::Quote,
        Field::Actor,
        Field::Mode,
        Field::StatedOn,
        Field::Source,
        Field::SourceTitle,
        Field::SourceUrl,
        Field::SourcePublisher,
        Field::Locator,
        Field::Tags,
        Field::Verdict,
        Field::Notes,
        Field::NotesPrivate,
        Field::ContradictedBy,
        Field::SupportedBy,
        Field::Qualifies,
        Field::RespondsTo,
        Field::SameAs,
        Field::Supersedes,
        Field::CreatedAt,
        Field::UpdatedAt,
        Field::VerdictAt,
        Field::VerdictBy,
    ];
    pub const RELATION_FIELDS: &'static [Field] = &[Field::From, Field::Kind, Field::To, Field::Note];

    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Uid => "uid",
            Field::Text => "text",
            Field::Quote => "quote",
            Field::Actor => "actor",
            Field::Mode => "mode",
            Field::StatedOn => "stated_on",
            Field::Source => "source",
            Field::SourceTitle => "source_title",
            Field::SourceUrl => "source_url",
            Field::SourcePublisher => "source_publisher",
            Field::Locator => "locator",
            Field::Tags => "tags",
            Field::Verdict => "verdict",
            Field::Notes => "notes",
            Field::NotesPrivate => "notes_private",
            Field::ContradictedBy => "contradicted_by",
            Field::SupportedBy => "supported_by",
            Field::Qualifies => "qualifies",
            Field::RespondsTo => "responds_to",
            Field::SameAs => "same_as",
            Field::Supersedes => "supersedes",
            Field::CreatedAt => "created_at",
            Field::UpdatedAt => "updated_at",
            Field::VerdictAt => "verdict_at",
            Field::VerdictBy => "verdict_by",
            Field::From => "from",
            Field::Kind => "kind",
            Field::To => "to",
            Field::Note => "note",
        }
    }

    fn shape(self) -> Shape {
        match self {
            Field::Id => Shape::Id,
            Field::Tags => Shape::Texts,
            Field::NotesPrivate => Shape::Flag,
            Field::ContradictedBy
            | Field::SupportedBy
            | Field::Qualifies
            | Field::RespondsTo
            | Field::SameAs
            | Field::Supersedes => Shape::Ids,
            // A relation's ends are ids or uids: text either way.
            _ => Shape::Text,
        }
    }

    /// The field a column heading names, by its name or a common spelling of it.
    pub fn from_heading(heading: &str, relations: bool) -> Option<Field> {
        let key: String = heading
            .trim()
            .trim_start_matches('\u{feff}')
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        if relations {
            return match key.as_str() {
                "from" | "source_claim" | "claim" | "a" => Some(Field::From),
                "kind" | "relation" | "type" => Some(Field::Kind),
                "to" | "target" | "target_claim" | "b" => Some(Field::To),
                "note" | "notes" | "comment" => Some(Field::Note),
                _ => None,
            };
        }
        Some(match key.as_str() {
            "id" => Field::Id,
            "uid" => Field::Uid,
            "text" | "claim" | "statement" | "claim_text" => Field::Text,
            "quote" | "quotation" | "verbatim" => Field::Quote,
            "actor" | "speaker" | "by" | "who" | "said_by" | "claimant" => Field::Actor,
            "mode" | "attribution" => Field::Mode,
            "stated_on" | "date" | "stated" | "said_on" | "when" => Field::StatedOn,
            "source" | "source_key" => Field::Source,
            "source_title" | "title" => Field::SourceTitle,
            "source_url" | "url" | "link" => Field::SourceUrl,
            "source_publisher" | "publisher" | "outlet" => Field::SourcePublisher,
            "locator" | "at" | "location" | "paragraph" | "page" => Field::Locator,
            "tags" | "tag" | "topics" => Field::Tags,
            "verdict" | "rating" => Field::Verdict,
            "notes" | "note" | "comment" | "comments" => Field::Notes,
            "notes_private" | "private_notes" => Field::NotesPrivate,
            "contradicted_by" => Field::ContradictedBy,
            "supported_by" => Field::SupportedBy,
            "qualifies" => Field::Qualifies,
            "responds_to" => Field::RespondsTo,
            "same_as" => Field::SameAs,
            "supersedes" => Field::Supersedes,
            "created_at" | "created" => Field::CreatedAt,
            "updated_at" | "updated" => Field::UpdatedAt,
            "verdict_at" => Field::VerdictAt,
            "verdict_by" => Field::VerdictBy,
            _ => return None,
        })
    }

    /// A field by its own name, for `--map COLUMN=FIELD`.
    pub fn from_name(name: &str, relations: bool) -> Option<Field> {
        let fields = if relations { Field::RELATION_FIELDS } else { Field::CLAIM_FIELDS };
        fields.iter().copied().find(|f| f.name() == name.trim())
    }
}

/// One fault in one row of an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    /// 1-based column number and its heading, when the fault is in one cell (0 for a named
    /// JSON field).
    pub column: Option<(usize, String)>,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            // JSON lines have no column numbers: their fields are named instead.
            Some((0, name)) => write!(f, "line {}, field \"{}\": {}", self.line, shown_name(name), self.message),
            Some((number, name)) => {
                write!(f, "line {}, column {number} ({}): {}", self.line, shown_name(name), self.message)
            }
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl RowError {
    pub fn line(line: u64, message: impl Into<String>) -> RowError {
        RowError { line, column: None, message: message.into() }
    }
}

/// A claim as a row of an input file gave it, checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClaimRow {
    pub line: u64,
    /// The claim's id in the file: kept when free, and what the relation lists refer to.
    pub id: Option<i64>,
    pub uid: Option<String>,
    pub text: String,
    pub actor: String,
    /// A source key, or a URL.
    pub source: Option<String>,
    pub source_title: Option<String>,
    pub source_url: Option<String>,
    pub source_publisher: Option<String>,
    pub quote: Option<String>,
    pub mode: Option<Mode>,
    pub stated_on: Option<String>,
    pub locator: Option<String>,
    pub tags: Vec<String>,
    pub verdict: Option<Verdict>,
    pub notes: Option<String>,
    /// The notes are the desk's alone (see `ops::redact`).
    pub notes_private: bool,
    /// Claims that contradict or support this one (claimtrack's CSV and JSON lines exports).
    pub contradicted_by: Vec<i64>,
    pub supported_by: Vec<i64>,
    /// Claims this one qualifies, responds to, is the same as, or supersedes.
    pub qualifies: Vec<i64>,
    pub responds_to: Vec<i64>,
    pub same_as: Vec<i64>,
    pub supersedes: Vec<i64>,
    /// When the claim was logged and last changed, as `YYYY-MM-DDTHH:MM:SSZ`.
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// When the verdict was set, and by whom (claimtrack's JSON lines export).
    pub verdict_at: Option<String>,
    pub verdict_by: Option<String>,
}

impl ClaimRow {
    pub fn mode(&self) -> Mode {
        self.mode.unwrap_or(if self.quote.is_some() { Mode::Direct } else { Mode::Paraphrase })
    }

    /// Every relation the row names: (kind, the other claim's id in the file, whether this
    /// row's claim is the relation's `from` end).
    pub fn relations(&self) -> impl Iterator<Item = (RelationKind, i64, bool)> + '_ {
        let lists: [(RelationKind, &Vec<i64>, bool); 6] = [
            (RelationKind::Contradicts, &self.contradicted_by, false),
            (RelationKind::Supports, &self.supported_by, false),
            (RelationKind::Qualifies, &self.qualifies, true),
            (RelationKind::RespondsTo, &self.responds_to, true),
            (RelationKind::SameAs, &self.same_as, true),
            (RelationKind::Supersedes, &self.supersedes, true),
        ];
        lists.into_iter().flat_map(|(kind, ids, outgoing)| ids.iter().map(move |&id| (kind, id, outgoing)))
    }

    fn ids_mut(&mut self, field: Field) -> Option<&mut Vec<i64>> {
        Some(match field {
            Field::ContradictedBy => &mut self.contradicted_by,
            Field::SupportedBy => &mut self.supported_by,
            Field::Qualifies => &mut self.qualifies,
            Field::RespondsTo => &mut self.responds_to,
            Field::SameAs => &mut self.same_as,
            Field::Supersedes => &mut self.supersedes,
            _ => return None,
        })
    }
}

/// A relation row: claim references (ids or uids) as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationRow {
    pub line: u64,
    pub from: String,
    pub kind: RelationKind,
    pub to: String,
    pub note: Option<String>,
}

/// A relation row's cells as they are read, before the row is checked whole.
#[derive(Debug, Clone, Default)]
pub struct RelationCells {
    from: String,
    kind: Option<RelationKind>,
    to: String,
    note: Option<String>,
}

/// A cell's value, as the reader found it: CSV and TSV give only text; JSON lines give any JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Text(&'a str),
    Whole(i64),
    /// JSON's true or false.
    Flag(bool),
    List(Vec<Value<'a>>),
    /// JSON null: the field is not given.
    Null,
    /// Any other JSON value, by what it is: "a decimal number", "true or false", "an object".
    Other(&'static str),
}

impl Value<'_> {
    /// What the value is, for a message.
    fn what(&self) -> &'static str {
        match self {
            Value::Text(_) => "text",
            Value::Whole(_) => "a number",
            Value::Flag(_) => "true or false",
            Value::List(_) => "a list",
            Value::Null => "null",
            Value::Other(what) => what,
        }
    }
}

/// Builds a checked row from its cells. Collects every fault of the row, not only the first.
pub struct RowBuilder {
    line: u64,
    errors: Vec<RowError>,
    /// Fields already faulted, so that a missing value is not reported twice.
    faulted: Vec<Field>,
}

impl RowBuilder {
    pub fn new(line: u64) -> RowBuilder {
        RowBuilder { line, errors: Vec::new(), faulted: Vec::new() }
    }

    fn fault(&mut self, column: Option<(usize, &str)>, message: String) {
        self.errors.push(RowError { line: self.line, column: column.map(|(n, name)| (n, name.to_string())), message });
    }

    fn wrong_type(&mut self, field: Field, column: (usize, &str), expected: &str, found: &Value) {
        self.faulted.push(field);
        self.fault(Some(column), format!("expected {expected}, found {}", found.what()));
    }

    /// The one text a cell holds, exactly as spelled (None for a blank or missing one); any
    /// other kind of value is a fault.
    fn text_of(&mut self, field: Field, column: (usize, &str), value: &Value) -> Option<String> {
        match value {
            Value::Text(t) if !t.trim().is_empty() => Some(t.to_string()),
            Value::Text(_) | Value::Null => None,
            // A relation's ends may be numeric ids.
            Value::Whole(n) if matches!(field, Field::From | Field::To) => Some(n.to_string()),
            other => {
                let expected = match field {
                    Field::Actor => "one actor's name as text",
                    Field::From | Field::To => "a claim id or uid",
                    _ => "text",
                };
                self.wrong_type(field, column, expected, other);
                None
            }
        }
    }

    /// A claim id given as a number or as text (`7`, `#7`).
    fn id_of(&mut self, field: Field, column: (usize, &str), value: &Value) -> Option<i64> {
        match value {
            Value::Whole(n) if *n > 0 => Some(*n),
            Value::Text(t) if t.trim().is_empty() => None,
            Value::Text(t) => match t.trim().trim_start_matches('#').parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    self.faulted.push(field);
                    let hint =
                        if field == Field::Id { " (a positive whole number)" } else { "; list ids separated by ;" };
                    self.fault(Some(column), format!("\"{t}\" is not a claim id{hint}"));
                    None
                }
            },
            Value::Null => None,
            Value::Whole(n) => {
                self.faulted.push(field);
                self.fault(Some(column), format!("{n} is not a claim id (a positive whole number)"));
                None
            }
            other => {
                self.wrong_type(field, column, "a claim id (a positive whole number)", other);
                None
            }
        }
    }

    /// Yes or no; None for a blank or missing value.
    fn flag_of(&mut self, field: Field, column: (usize, &str), value: &Value) -> Option<bool> {
        match value {
            Value::Flag(flag) => Some(*flag),
            Value::Null => None,
            Value::Text(t) => match t.trim().to_lowercase().as_str() {
                "" => None,
                "true" | "yes" | "1" => Some(true),
                "false" | "no" | "0" => Some(false),
                _ => {
                    self.faulted.push(field);
                    self.fault(Some(column), format!("\"{t}\" is not yes or no (true, false, yes, no, 1 or 0)"));
                    None
                }
            },
            Value::Whole(n @ (0 | 1)) => Some(*n == 1),
            other => {
                self.wrong_type(field, column, "true or false", other);
                None
            }
        }
    }

    /// The items of a list field: a list, or one text with `;` between items.
    fn items_of<'v>(&mut self, field: Field, column: (usize, &str), value: Value<'v>) -> Vec<Value<'v>> {
        match (field.shape(), value) {
            (_, Value::Text(t)) => t.split(';').filter(|i| !i.trim().is_empty()).map(Value::Text).collect(),
            (_, Value::List(items)) => items,
            (_, Value::Null) => Vec::new(),
            (Shape::Ids, Value::Whole(n)) => vec![Value::Whole(n)],
            (_, other) => {
                let expected = if field.shape() == Shape::Ids { "claim ids" } else { "a list of texts" };
                self.wrong_type(field, column, expected, &other);
                Vec::new()
            }
        }
    }

    /// Apply one cell (`column` is its 1-based number and heading) to the row.
    pub fn claim_cell(&mut self, row: &mut ClaimRow, field: Field, column: (usize, &str), value: Value) {
        match field.shape() {
            Shape::Id => row.id = self.id_of(field, column, &value),
            Shape::Flag => {
                if let Some(flag) = self.flag_of(field, column, &value) {
                    row.notes_private = flag;
                }
            }
            Shape::Ids => {
                let items = self.items_of(field, column, value);
                let ids: Vec<i64> = items.iter().filter_map(|item| self.id_of(field, column, item)).collect();
                if let Some(list) = row.ids_mut(field) {
                    *list = ids;
                }
            }
            Shape::Texts => {
                for item in self.items_of(field, column, value) {
                    let Some(tag) = self.text_of(field, column, &item) else { continue };
                    let tag = tag.trim();
                    if tag.chars().any(char::is_control) {
                        self.fault(Some(column), format!("tag {tag:?} holds a control character"));
                    } else if !row.tags.iter().any(|t| t == tag) {
                        row.tags.push(tag.to_string());
                    }
                }
            }
            Shape::Text => {
                if matches!(value, Value::Null) && matches!(field, Field::Text | Field::Actor) {
                    self.wrong_type(field, column, "text", &value);
                    return;
                }
                let Some(text) = self.text_of(field, column, &value) else { return };
                // Free text keeps its exact spelling; names, keys and words are trimmed.
                let trimmed = || text.trim().to_string();
                match field {
                    Field::Text => row.text = text,
                    Field::Quote => row.quote = Some(text),
                    Field::Notes => row.notes = Some(text),
                    Field::Actor => row.actor = trimmed(),
                    Field::Locator => row.locator = Some(trimmed()),
                    Field::Source => row.source = Some(trimmed()),
                    Field::SourceTitle => row.source_title = Some(trimmed()),
                    Field::SourceUrl => row.source_url = Some(trimmed()),
                    Field::SourcePublisher => row.source_publisher = Some(trimmed()),
                    Field::VerdictBy => row.verdict_by = Some(trimmed()),
                    Field::Uid => {
                        let uid = trimmed();
                        if uid.len() > 200 || uid.chars().any(char::is_control) {
                            self.fault(Some(column), "a uid is short printable text".into());
                        }
                        row.uid = Some(uid);
                    }
                    Field::Mode => match Mode::parse(&text) {
                        Ok(mode) => row.mode = Some(mode),
                        Err(e) => self.fault(Some(column), e.to_string()),
                    },
                    Field::Verdict => match Verdict::parse(&text) {
                        Ok(verdict) => row.verdict = Some(verdict),
                        Err(e) => self.fault(Some(column), e.to_string()),
                    },
                    Field::StatedOn => match parse_date(&text) {
                        Ok(date) => row.stated_on = Some(date),
                        Err(e) => self.fault(Some(column), e.to_string()),
                    },
                    Field::CreatedAt | Field::UpdatedAt | Field::VerdictAt => match parse_timestamp(&text) {
                        Ok(at) if field == Field::CreatedAt => row.created_at = Some(at),
                        Ok(at) if field == Field::UpdatedAt => row.updated_at = Some(at),
                        Ok(at) => row.verdict_at = Some(at),
                        Err(e) => self.fault(Some(column), e.to_string()),
                    },
                    _ => {}
                }
            }
        }
    }

    /// The finished row, or every fault found in it.
    pub fn finish_claim(mut self, mut row: ClaimRow) -> Result<ClaimRow, Vec<RowError>> {
        row.line = self.line;
        if row.text.trim().is_empty() && !self.faulted.contains(&Field::Text) {
            self.fault(None, "the claim text is empty".into());
        }
        if row.actor.is_empty() && !self.faulted.contains(&Field::Actor) {
            self.fault(None, "the actor is empty: say who made the claim".into());
        }
        if let (Some(created), Some(updated)) = (&row.created_at, &row.updated_at)
            && updated < created
        {
            self.fault(None, format!("updated_at {updated} is before created_at {created}"));
        }
        if self.errors.is_empty() { Ok(row) } else { Err(self.errors) }
    }

    /// Apply one cell of a relation row.
    pub fn relation_cell(&mut self, row: &mut RelationCells, field: Field, column: (usize, &str), value: Value) {
        let text = self.text_of(field, column, &value).map(|t| t.trim().to_string());
        match field {
            Field::From => row.from = text.unwrap_or_default(),
            Field::To => row.to = text.unwrap_or_default(),
            Field::Note => row.note = text,
            Field::Kind => match text.as_deref().map(RelationKind::parse) {
                Some(Ok(kind)) => row.kind = Some(kind),
                Some(Err(e)) => {
                    self.faulted.push(field);
                    self.fault(Some(column), e.to_string());
                }
                None => {}
            },
            _ => {}
        }
    }

    pub fn finish_relation(mut self, row: RelationCells) -> Result<RelationRow, Vec<RowError>> {
        if row.from.is_empty() || row.to.is_empty() {
            if !self.faulted.contains(&Field::From) && !self.faulted.contains(&Field::To) {
                self.fault(None, "a relation needs both `from` and `to` (claim ids or uids)".into());
            }
        } else if row.from == row.to {
            self.fault(None, "a claim cannot be linked to itself".into());
        }
        if row.kind.is_none() && !self.faulted.contains(&Field::Kind) {
            self.fault(None, "the relation kind is empty".into());
        }
        match row.kind {
            Some(kind) if self.errors.is_empty() => {
                Ok(RelationRow { line: self.line, from: row.from, kind, to: row.to, note: row.note })
            }
            _ => Err(self.errors),
        }
    }
}

/// Which field each input column feeds; unknown columns are kept by name for a warning.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    pub fields: Vec<Option<Field>>,
    pub headings: Vec<String>,
}

impl ColumnMap {
    /// Map headings to fields, `overrides` (`column=field`) first. Fails when a required field
    /// has no column, naming the spellings that would do.
    pub fn new(headings: Vec<String>, overrides: &[(String, Field)], relations: bool) -> Result<ColumnMap, String> {
        let mut fields: Vec<Option<Field>> = Vec::with_capacity(headings.len());
        for heading in &headings {
            let mapped = overrides
                .iter()
                .find(|(column, _)| column.trim().eq_ignore_ascii_case(heading.trim().trim_start_matches('\u{feff}')))
                .map(|(_, field)| *field)
                .or_else(|| Field::from_heading(heading, relations));
            if let Some(field) = mapped.filter(|f| fields.contains(&Some(*f))) {
                return Err(format!("two columns feed {}: rename one or map it elsewhere with --map", field.name()));
            }
            fields.push(mapped);
        }
        for (column, _) in overrides {
            if !headings.iter().any(|h| h.trim().eq_ignore_ascii_case(column.trim())) {
                return Err(format!("--map names column \"{column}\", which the header does not have"));
            }
        }
        let required: &[(Field, &str)] = if relations {
            &[(Field::From, "from"), (Field::Kind, "kind"), (Field::To, "to")]
        } else {
            &[(Field::Text, "text, claim or statement"), (Field::Actor, "actor, speaker, by or who")]
        };
        for (field, spellings) in required {
            if !fields.contains(&Some(*field)) {
                return Err(format!(
                    "no {} column: name one {spellings}, or map one with --map COLUMN={}",
                    field.name(),
                    field.name()
                ));
            }
        }
        Ok(ColumnMap { fields, headings })
    }

    /// Columns no field takes: they are reported, never dropped silently.
    pub fn unknown_columns(&self) -> Vec<&str> {
        self.fields.iter().zip(&self.headings).filter(|(f, _)| f.is_none()).map(|(_, h)| h.as_str()).collect()
    }
}

/// Column or key names that no field takes, for one warning: the first few as met, and how many
/// distinct ones there are. Names are counted by hash, up to [`UnknownNames::COUNTED`] of them, so
/// that a hostile file cannot grow this without end.
#[derive(Debug, Clone, Default)]
pub struct UnknownNames {
    first: Vec<String>,
    seen: std::collections::HashSet<u64>,
    more: bool,
}

impl UnknownNames {
    pub const COUNTED: usize = 1_000_000;

    pub fn add(&mut self, name: &str) {
        use std::hash::BuildHasher;
        let hash = self.seen.hasher().hash_one(name);
        if self.seen.contains(&hash) {
            return;
        }
        if self.seen.len() == Self::COUNTED {
            self.more = true;
            return;
        }
        self.seen.insert(hash);
        if self.first.len() < limits::SHOWN_NAMES {
            self.first.push(name.to_string());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// The names for one line of a message: the first few, then how many more.
    pub fn describe(&self) -> String {
        let shown: Vec<String> = self.first.iter().map(|n| format!("\"{}\"", shown_name(n))).collect();
        let rest = self.seen.len() - shown.len();
        match (rest, self.more) {
            (0, false) => shown.join(", "),
            (rest, false) => format!("{} and {} more", shown.join(", "), thousands(rest)),
            (rest, true) => format!("{} and over {} more", shown.join(", "), thousands(rest)),
        }
    }
}

/// A column or key name as a message shows it: at most 40 characters, control characters
/// escaped, so that a hostile header cannot flood or steer the terminal.
pub fn shown_name(name: &str) -> String {
    const LONGEST: usize = 40;
    let mut shown = String::new();
    for (count, c) in name.chars().enumerate() {
        if count == LONGEST {
            shown.push('…');
            break;
        }
        if c.is_control() {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// 1234567 -> "1,234,567".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Parse `column=field` for `--map`.
pub fn parse_mapping(text: &str, relations: bool) -> Result<(String, Field), String> {
    let Some((column, field)) = text.split_once('=') else {
        return Err(format!("--map {text}: write COLUMN=FIELD, e.g. --map Sprecher=actor"));
    };
    let fields = if relations { Field::RELATION_FIELDS } else { Field::CLAIM_FIELDS };
    match Field::from_name(field, relations) {
        Some(f) => Ok((column.to_string(), f)),
        None => Err(format!(
            "--map {text}: unknown field \"{field}\"; fields are {}",
            fields.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn build(cells: Vec<(Field, Value)>) -> Result<ClaimRow, Vec<String>> {
        let mut builder = RowBuilder::new(2);
        let mut row = ClaimRow::default();
        for (field, value) in cells {
            builder.claim_cell(&mut row, field, (0, field.name()), value);
        }
        builder.finish_claim(row).map_err(|errors| errors.iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn common_spellings_are_recognised() {
        let map = ColumnMap::new(headings(&["Claim", "Speaker", "Date", "URL", "Foo"]), &[], false).unwrap();
        assert_eq!(
            map.fields,
            [Some(Field::Text), Some(Field::Actor), Some(Field::StatedOn), Some(Field::SourceUrl), None]
        );
        assert_eq!(map.unknown_columns(), ["Foo"]);
        let map = ColumnMap::new(headings(&["\u{feff}text", "WHO"]), &[], false).unwrap();
        assert_eq!(map.fields, [Some(Field::Text), Some(Field::Actor)]);
        let map = ColumnMap::new(
            headings(&[
                "text", "actor", "qualifies", "responds-to", "Same As", "supersedes", "created_at", "updated_at",
            ]),
            &[],
            false,
        )
        .unwrap();
        assert!(map.unknown_columns().is_empty(), "{:?}", map.unknown_columns());
    }

    #[test]
    fn mappings_override_and_missing_fields_are_named() {
        let mapping = parse_mapping("Sprecher=actor", false).unwrap();
        let map = ColumnMap::new(headings(&["text", "Sprecher"]), &[mapping], false).unwrap();
        assert_eq!(map.fields[1], Some(Field::Actor));
        let err = ColumnMap::new(headings(&["text", "Sprecher"]), &[], false).unwrap_err();
        assert!(err.contains("no actor column"), "{err}");
        assert!(parse_mapping("x=speaker_name", false).unwrap_err().contains("unknown field"));
        assert!(parse_mapping("x", false).unwrap_err().contains("COLUMN=FIELD"));
        let err = ColumnMap::new(headings(&["text", "by", "who"]), &[], false).unwrap_err();
        assert!(err.contains("two columns feed actor"), "{err}");
    }

    #[test]
    fn a_row_reports_every_fault() {
        let mut builder = RowBuilder::new(7);
        let mut row = ClaimRow::default();
        builder.claim_cell(&mut row, Field::Text, (1, "text"), Value::Text(" "));
        builder.claim_cell(&mut row, Field::Actor, (2, "actor"), Value::Text("Iraqi officials"));
        builder.claim_cell(&mut row, Field::StatedOn, (3, "date"), Value::Text("2024-13"));
        builder.claim_cell(&mut row, Field::Mode, (4, "mode"), Value::Text("rumour"));
        let errors = builder.finish_claim(row).unwrap_err();
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown[0].starts_with("line 7, column 3 (date): bad date \"2024-13\""), "{shown:?}");
        assert!(shown[1].contains("column 4 (mode): unknown mode \"rumour\""), "{shown:?}");
        assert!(shown[2].contains("line 7: the claim text is empty"), "{shown:?}");
    }

    #[test]
    fn tags_and_relation_ids_split_on_semicolons() {
        let row = build(vec![
            (Field::Text, Value::Text("t")),
            (Field::Actor, Value::Text("a")),
            (Field::Tags, Value::Text("timing; talks;;timing")),
            (Field::ContradictedBy, Value::Text("5; #7")),
            (Field::Qualifies, Value::List(vec![Value::Whole(3), Value::Text("4")])),
            (Field::SameAs, Value::Whole(9)),
        ])
        .unwrap();
        assert_eq!(row.tags, ["timing", "talks"]);
        assert_eq!(row.contradicted_by, [5, 7]);
        assert_eq!(row.qualifies, [3, 4]);
        assert_eq!(row.same_as, [9]);
        let kinds: Vec<_> = row.relations().map(|(kind, id, outgoing)| (kind.as_str(), id, outgoing)).collect();
        assert_eq!(
            kinds,
            [
                ("contradicts", 5, false),
                ("contradicts", 7, false),
                ("qualifies", 3, true),
                ("qualifies", 4, true),
                ("same-as", 9, true)
            ]
        );
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_refused_not_converted() {
        let errors = build(vec![
            (Field::Text, Value::Whole(5)),
            (Field::Actor, Value::List(vec![Value::Text("x"), Value::Text("y")])),
            (Field::Quote, Value::Other("an object")),
            (Field::Tags, Value::List(vec![Value::Text("ok"), Value::Whole(2024)])),
            (Field::Id, Value::Other("a decimal number")),
            (Field::SupportedBy, Value::List(vec![Value::Other("true or false")])),
            (Field::StatedOn, Value::Whole(2024)),
        ])
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "line 2, field \"text\": expected text, found a number",
                "line 2, field \"actor\": expected one actor's name as text, found a list",
                "line 2, field \"quote\": expected text, found an object",
                "line 2, field \"tags\": expected text, found a number",
                "line 2, field \"id\": expected a claim id (a positive whole number), found a decimal number",
                "line 2, field \"supported_by\": expected a claim id (a positive whole number), found true or false",
                "line 2, field \"stated_on\": expected text, found a number",
            ]
        );
        let errors = build(vec![(Field::Text, Value::Null), (Field::Actor, Value::Text("A"))]).unwrap_err();
        assert_eq!(errors, ["line 2, field \"text\": expected text, found null"]);
        let row =
            build(vec![(Field::Text, Value::Text("t")), (Field::Actor, Value::Text("A")), (Field::Quote, Value::Null)]);
        assert_eq!(row.unwrap().quote, None, "null leaves an optional field out");
    }

    #[test]
    fn timestamps_are_checked_and_kept() {
        let row = build(vec![
            (Field::Text, Value::Text("t")),
            (Field::Actor, Value::Text("A")),
            (Field::CreatedAt, Value::Text("2024-01-27T10:00:00Z")),
            (Field::UpdatedAt, Value::Text("2024-01-28T12:30:00+02:00")),
        ])
        .unwrap();
        assert_eq!(row.created_at.as_deref(), Some("2024-01-27T10:00:00Z"));
        assert_eq!(row.updated_at.as_deref(), Some("2024-01-28T10:30:00Z"));
        let errors = build(vec![
            (Field::Text, Value::Text("t")),
            (Field::Actor, Value::Text("A")),
            (Field::CreatedAt, Value::Text("yesterday")),
        ])
        .unwrap_err();
        assert!(errors[0].starts_with("line 2, field \"created_at\": bad timestamp \"yesterday\""), "{errors:?}");
        let errors = build(vec![
            (Field::Text, Value::Text("t")),
            (Field::Actor, Value::Text("A")),
            (Field::CreatedAt, Value::Text("2024-02-01T00:00:00Z")),
            (Field::UpdatedAt, Value::Text("2024-01-01T00:00:00Z")),
        ])
        .unwrap_err();
        assert!(errors[0].contains("updated_at 2024-01-01T00:00:00Z is before created_at"), "{errors:?}");
    }

    #[test]
    fn relation_cells_are_typed_too() {
        let mut builder = RowBuilder::new(3);
        let mut cells = RelationCells::default();
        builder.relation_cell(&mut cells, Field::From, (0, "from"), Value::Whole(7));
        builder.relation_cell(&mut cells, Field::Kind, (0, "kind"), Value::Text("contradicts"));
        builder.relation_cell(&mut cells, Field::To, (0, "to"), Value::Text("3"));
        let row = builder.finish_relation(cells).unwrap();
        assert_eq!((row.from.as_str(), row.kind, row.to.as_str()), ("7", RelationKind::Contradicts, "3"));
        let mut builder = RowBuilder::new(4);
        let mut cells = RelationCells::default();
        builder.relation_cell(&mut cells, Field::From, (0, "from"), Value::List(vec![Value::Whole(1)]));
        builder.relation_cell(&mut cells, Field::Kind, (0, "kind"), Value::Whole(1));
        builder.relation_cell(&mut cells, Field::To, (0, "to"), Value::Text("3"));
        let errors: Vec<String> = builder.finish_relation(cells).unwrap_err().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            errors,
            [
                "line 4, field \"from\": expected a claim id or uid, found a list",
                "line 4, field \"kind\": expected text, found a number",
            ]
        );
    }

    #[test]
    fn long_name_lists_stay_one_short_line() {
        let mut names = UnknownNames::default();
        for i in 0..1_000_000 {
            names.add(&format!("column {i}"));
        }
        assert_eq!(
            names.describe(),
            "\"column 0\", \"column 1\", \"column 2\", \"column 3\", \"column 4\" and 999,995 more"
        );
        names.add("one too many");
        assert!(names.describe().ends_with("and over 999,995 more"), "{}", names.describe());
        let mut few = UnknownNames::default();
        for name in ["a", "b", "a", "c", "d", "e", "f"] {
            few.add(name);
        }
        assert_eq!(few.describe(), "\"a\", \"b\", \"c\", \"d\", \"e\" and 1 more");
        let hostile = format!("\u{1b}]0;owned\u{7}{}", "x".repeat(100));
        let shown = shown_name(&hostile);
        assert!(shown.starts_with("\\u{1b}]0;owned\\u{7}xxx") && shown.ends_with("x…"), "{shown}");
        assert!(shown.chars().count() < 60, "{shown}");
    }
}
