//! Reading claims from other people's files: CSV, TSV and JSON lines. Pure parsing and checking;
//! every row comes out as a [`ClaimRow`] or a [`RowError`] that names the line, the column and
//! the fault. Writing the rows is the store's job (`store::bulk`).

pub mod delimited;
pub mod jsonl;

use std::fmt;

use crate::dates::parse_date;
use crate::model::{Choice, Mode, RelationKind, Verdict};

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
    ContradictedBy,
    SupportedBy,
    // Relation rows (`import --relations`).
    From,
    Kind,
    To,
    Note,
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
        Field::ContradictedBy,
        Field::SupportedBy,
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
            Field::ContradictedBy => "contradicted_by",
            Field::SupportedBy => "supported_by",
            Field::From => "from",
            Field::Kind => "kind",
            Field::To => "to",
            Field::Note => "note",
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
            "contradicted_by" => Field::ContradictedBy,
            "supported_by" => Field::SupportedBy,
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
            Some((0, name)) => write!(f, "line {}, field \"{name}\": {}", self.line, self.message),
            Some((number, name)) => write!(f, "line {}, column {number} ({name}): {}", self.line, self.message),
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
    /// The claim's id in the file: kept when free, and what contradicted_by/supported_by refer to.
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
    pub contradicted_by: Vec<i64>,
    pub supported_by: Vec<i64>,
}

impl ClaimRow {
    pub fn mode(&self) -> Mode {
        self.mode.unwrap_or(if self.quote.is_some() { Mode::Direct } else { Mode::Paraphrase })
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

/// A cell's value, as the reader found it.
pub enum Value<'a> {
    Text(&'a str),
    /// JSON lines may give lists and numbers directly.
    List(Vec<String>),
    Number(i64),
}

/// Builds a checked row from its cells. Collects every fault of the row, not only the first.
pub struct RowBuilder {
    line: u64,
    errors: Vec<RowError>,
}

impl RowBuilder {
    pub fn new(line: u64) -> RowBuilder {
        RowBuilder { line, errors: Vec::new() }
    }

    fn fault(&mut self, column: Option<(usize, &str)>, message: String) {
        self.errors.push(RowError { line: self.line, column: column.map(|(n, name)| (n, name.to_string())), message });
    }

    /// Apply one cell (`column` is its 1-based number and heading) to the row.
    pub fn claim_cell(&mut self, row: &mut ClaimRow, field: Field, column: (usize, &str), value: Value) {
        let text = |value: &Value| match value {
            Value::Text(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
            Value::Number(n) => Some(n.to_string()),
            Value::List(items) => Some(items.join("; ")).filter(|t| !t.is_empty()),
        };
        // Free text keeps its exact spelling; only wholly blank cells count as empty.
        let raw = |value: &Value| match value {
            Value::Text(t) if !t.trim().is_empty() => Some(t.to_string()),
            other => text(other),
        };
        match field {
            Field::Id => match &value {
                Value::Number(n) if *n > 0 => row.id = Some(*n),
                Value::Text(t) if t.trim().is_empty() => {}
                Value::Text(t) => match t.trim().trim_start_matches('#').parse::<i64>() {
                    Ok(n) if n > 0 => row.id = Some(n),
                    _ => self.fault(Some(column), format!("\"{t}\" is not a claim id (a positive whole number)")),
                },
                _ => self.fault(Some(column), "an id is a positive whole number".into()),
            },
            Field::Uid => {
                if let Some(uid) = text(&value) {
                    if uid.len() > 200 || uid.chars().any(char::is_control) {
                        self.fault(Some(column), "a uid is short printable text".into());
                    }
                    row.uid = Some(uid);
                }
            }
            Field::Text => row.text = raw(&value).unwrap_or_default(),
            Field::Actor => row.actor = text(&value).unwrap_or_default(),
            Field::Quote => row.quote = raw(&value),
            Field::Notes => row.notes = raw(&value),
            Field::Locator => row.locator = text(&value),
            Field::Source => row.source = text(&value),
            Field::SourceTitle => row.source_title = text(&value),
            Field::SourceUrl => row.source_url = text(&value),
            Field::SourcePublisher => row.source_publisher = text(&value),
            Field::Mode => {
                if let Some(mode) = text(&value) {
                    match Mode::parse(&mode) {
                        Ok(mode) => row.mode = Some(mode),
                        Err(e) => self.fault(Some(column), e.to_string()),
                    }
                }
            }
            Field::Verdict => {
                if let Some(verdict) = text(&value) {
                    match Verdict::parse(&verdict) {
                        Ok(verdict) => row.verdict = Some(verdict),
                        Err(e) => self.fault(Some(column), e.to_string()),
                    }
                }
            }
            Field::StatedOn => {
                if let Some(date) = text(&value) {
                    match parse_date(&date) {
                        Ok(date) => row.stated_on = Some(date),
                        Err(e) => self.fault(Some(column), e.to_string()),
                    }
                }
            }
            Field::Tags => {
                let tags: Vec<String> = match value {
                    Value::List(items) => items,
                    Value::Text(t) => t.split(';').map(String::from).collect(),
                    Value::Number(n) => vec![n.to_string()],
                };
                for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                    if tag.chars().any(char::is_control) {
                        self.fault(Some(column), format!("tag {tag:?} holds a control character"));
                    } else if !row.tags.iter().any(|t| t == tag) {
                        row.tags.push(tag.to_string());
                    }
                }
            }
            Field::ContradictedBy | Field::SupportedBy => {
                let items: Vec<String> = match value {
                    Value::List(items) => items,
                    Value::Text(t) => t.split(';').map(String::from).collect(),
                    Value::Number(n) => vec![n.to_string()],
                };
                let mut ids = Vec::new();
                for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
                    match item.trim_start_matches('#').parse::<i64>() {
                        Ok(id) if id > 0 => ids.push(id),
                        _ => self.fault(Some(column), format!("\"{item}\" is not a claim id; list ids separated by ;")),
                    }
                }
                if field == Field::ContradictedBy {
                    row.contradicted_by = ids;
                } else {
                    row.supported_by = ids;
                }
            }
            Field::From | Field::Kind | Field::To | Field::Note => {}
        }
    }

    /// The finished row, or every fault found in it.
    pub fn finish_claim(mut self, mut row: ClaimRow) -> Result<ClaimRow, Vec<RowError>> {
        row.line = self.line;
        if row.text.trim().is_empty() {
            self.fault(None, "the claim text is empty".into());
        }
        if row.actor.is_empty() {
            self.fault(None, "the actor is empty: say who made the claim".into());
        }
        if self.errors.is_empty() { Ok(row) } else { Err(self.errors) }
    }

    pub fn relation(mut self, cells: &[(Field, (usize, &str), &str)]) -> Result<RelationRow, Vec<RowError>> {
        let (mut from, mut to, mut kind, mut note) = (String::new(), String::new(), None, None);
        for &(field, column, value) in cells {
            let value = value.trim();
            match field {
                Field::From => from = value.to_string(),
                Field::To => to = value.to_string(),
                Field::Note => note = Some(value.to_string()).filter(|n| !n.is_empty()),
                Field::Kind => match RelationKind::parse(value) {
                    Ok(k) => kind = Some(k),
                    Err(e) => self.fault(Some(column), e.to_string()),
                },
                _ => {}
            }
        }
        if from.is_empty() || to.is_empty() {
            self.fault(None, "a relation needs both `from` and `to` (claim ids or uids)".into());
        } else if from == to {
            self.fault(None, "a claim cannot be linked to itself".into());
        }
        match kind {
            Some(kind) if self.errors.is_empty() => Ok(RelationRow { line: self.line, from, kind, to, note }),
            None if self.errors.is_empty() => {
                self.fault(None, "the relation kind is empty".into());
                Err(self.errors)
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
        let mut builder = RowBuilder::new(2);
        let mut row = ClaimRow::default();
        builder.claim_cell(&mut row, Field::Text, (1, "text"), Value::Text("t"));
        builder.claim_cell(&mut row, Field::Actor, (2, "actor"), Value::Text("a"));
        builder.claim_cell(&mut row, Field::Tags, (3, "tags"), Value::Text("timing; talks;;timing"));
        builder.claim_cell(&mut row, Field::ContradictedBy, (4, "contradicted_by"), Value::Text("5; #7"));
        let row = builder.finish_claim(row).unwrap();
        assert_eq!(row.tags, ["timing", "talks"]);
        assert_eq!(row.contradicted_by, [5, 7]);
    }
}
