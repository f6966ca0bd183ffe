//! The editor's workbook: a Claims sheet to sort and filter, a Disputes sheet with the two sides
//! next to each other, and a Sources sheet. Every cell that comes from data is written as a
//! string, never as a formula, so `=1+1` is shown as typed and no apostrophe is needed; dates are
//! dates and web addresses are links.

use anyhow::{Result, bail};
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, FormatUnderline, Url, Workbook, Worksheet, XlsxError,
};

use crate::commands::errors::count;
use crate::model::ClaimRecord;
use crate::render::LIST_SEPARATOR;
use crate::story::Story;

/// Excel's limits: rows in a sheet (the header takes one), characters (UTF-16 units) in a cell,
/// links in a sheet, characters in a link.
const MAX_ROWS: usize = 1_048_576;
const MAX_CELL_UNITS: usize = 32_767;
const MAX_LINKS: usize = 65_530;
const MAX_URL_UNITS: usize = 2_079;

/// A finished workbook, and what had to give way to a spreadsheet's limits.
pub struct Written {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

/// What a column holds, which decides how its cells are written.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A number of ours (an id, a count).
    Number,
    /// Text from the data: always a string.
    Text,
    /// Long text from the data: a string, wrapped.
    Long,
    /// A full or partial date: a date cell when it is one, else text.
    Date,
    /// A web address: a link when it is one, else text.
    Link,
}

/// One cell's value.
enum Value<'a> {
    Empty,
    Number(i64),
    Text(&'a str),
    Texts(String),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(text: &'a str) -> Self {
        Value::Text(text)
    }
}

impl<'a> From<&'a Option<String>> for Value<'a> {
    fn from(text: &'a Option<String>) -> Self {
        text.as_deref().map_or(Value::Empty, Value::Text)
    }
}

fn ids(ids: &[i64]) -> Value<'static> {
    Value::Texts(ids.iter().map(i64::to_string).collect::<Vec<_>>().join(LIST_SEPARATOR))
}

pub fn workbook(story: &Story) -> Result<Written> {
    let mut book = Workbook::new();
    let mut warnings = Warnings::default();
    claims_sheet(book.add_worksheet(), story, &mut warnings)?;
    disputes_sheet(book.add_worksheet(), story, &mut warnings)?;
    sources_sheet(book.add_worksheet(), story, &mut warnings)?;
    let bytes = book.save_to_buffer()?;
    Ok(Written { bytes, warnings: warnings.into_messages() })
}

fn claims_sheet(sheet: &mut Worksheet, story: &Story, warnings: &mut Warnings) -> Result<()> {
    use Kind::*;
    let columns = [
        ("id", Number, 6.0),
        ("claim", Long, 60.0),
        ("quote", Long, 40.0),
        ("actor", Long, 24.0),
        ("mode", Text, 11.0),
        ("stated on", Date, 12.0),
        ("source", Text, 18.0),
        ("source title", Long, 32.0),
        ("source URL", Link, 32.0),
        ("publisher", Text, 16.0),
        ("locator", Text, 10.0),
        ("tags", Text, 16.0),
        ("verdict", Text, 13.0),
        ("notes", Long, 40.0),
        ("contradicted by", Text, 12.0),
        ("supported by", Text, 12.0),
        ("uid", Text, 38.0),
    ];
    let mut sheet = Sheet::new(sheet, "Claims", &columns, story.claims.len(), warnings)?;
    for claim in &story.claims {
        let row: [Value; 17] = [
            Value::Number(claim.id),
            claim.fields.text.as_str().into(),
            (&claim.fields.quote).into(),
            story.actor_shown(claim).into(),
            claim.fields.mode.as_str().into(),
            (&claim.fields.stated_on).into(),
            (&claim.source).into(),
            (&claim.source_title).into(),
            (&claim.source_url).into(),
            (&claim.source_publisher).into(),
            (&claim.fields.locator).into(),
            Value::Texts(claim.tags.join(LIST_SEPARATOR)),
            claim.fields.verdict.as_str().into(),
            (&claim.fields.notes).into(),
            ids(&claim.relations.contradicted_by),
            ids(&claim.relations.supported_by),
            claim.uid.as_str().into(),
        ];
        sheet.row(&row)?;
    }
    Ok(())
}

/// Each dispute's sides next to each other, one claim of each side a row, the contradicting
/// claims first and their supporters after; a dispute that does not split, pair by pair.
fn disputes_sheet(sheet: &mut Worksheet, story: &Story, warnings: &mut Warnings) -> Result<()> {
    use Kind::*;
    let side = |name: &'static [&'static str; 5]| {
        [
            (name[0], Number, 8.0),
            (name[1], Long, 22.0),
            (name[2], Long, 50.0),
            (name[3], Date, 12.0),
            (name[4], Text, 16.0),
        ]
    };
    let mut columns = vec![("dispute", Number, 8.0), ("shown as", Text, 10.0)];
    columns.extend(side(&["A: claim", "A: actor", "A: text", "A: stated on", "A: source"]));
    columns.extend(side(&["B: claim", "B: actor", "B: text", "B: stated on", "B: source"]));

    let rows: Vec<(usize, &str, Option<&ClaimRecord>, Option<&ClaimRecord>)> = story
        .disputes
        .iter()
        .enumerate()
        .flat_map(|(index, dispute)| {
            let rows: Vec<(usize, &str, Option<&ClaimRecord>, Option<&ClaimRecord>)> = match &dispute.sides {
                Some([a, b]) => (0..a.len().max(b.len()))
                    .map(|i| {
                        let pick = |side: &[i64]| side.get(i).and_then(|&id| story.claim(id));
                        (index + 1, "sides", pick(a), pick(b))
                    })
                    .collect(),
                None => {
                    dispute.pairs.iter().map(|&(x, y)| (index + 1, "pair", story.claim(x), story.claim(y))).collect()
                }
            };
            rows
        })
        .collect();
    let mut sheet = Sheet::new(sheet, "Disputes", &columns, rows.len(), warnings)?;
    for (number, shown, a, b) in rows {
        let mut row = vec![Value::Number(number as i64), Value::Text(shown)];
        row.extend(dispute_cells(story, a));
        row.extend(dispute_cells(story, b));
        sheet.row(&row)?;
    }
    Ok(())
}

/// One side's claim in a Disputes row.
fn dispute_cells<'a>(story: &Story, claim: Option<&'a ClaimRecord>) -> [Value<'a>; 5] {
    match claim {
        Some(c) => [
            Value::Number(c.id),
            story.actor_shown(c).into(),
            c.fields.text.as_str().into(),
            (&c.fields.stated_on).into(),
            (&c.source).into(),
        ],
        None => [Value::Empty, Value::Empty, Value::Empty, Value::Empty, Value::Empty],
    }
}

fn sources_sheet(sheet: &mut Worksheet, story: &Story, warnings: &mut Warnings) -> Result<()> {
    use Kind::*;
    let columns = [
        ("source", Text, 18.0),
        ("title", Long, 40.0),
        ("publisher", Text, 18.0),
        ("published", Date, 12.0),
        ("accessed", Date, 12.0),
        ("kind", Text, 12.0),
        ("URL", Link, 40.0),
        ("claims", Number, 8.0),
    ];
    let counts = story.claims_by_source();
    let mut sheet = Sheet::new(sheet, "Sources", &columns, story.sources.len(), warnings)?;
    for source in &story.sources {
        let row: [Value; 8] = [
            source.key.as_str().into(),
            (&source.title).into(),
            (&source.publisher).into(),
            (&source.published).into(),
            (&source.accessed).into(),
            source.kind.as_str().into(),
            (&source.url).into(),
            Value::Number(counts.get(source.key.as_str()).copied().unwrap_or(0) as i64),
        ];
        sheet.row(&row)?;
    }
    Ok(())
}

/// What gave way to the spreadsheet's limits, counted, to be said once each.
#[derive(Default)]
struct Warnings {
    cut: usize,
    unlinked: usize,
}

impl Warnings {
    fn into_messages(self) -> Vec<String> {
        let mut messages = Vec::new();
        if self.cut > 0 {
            messages.push(format!(
                "{} longer than a spreadsheet cell holds (32,767 characters) {} cut short, ending in …",
                count(self.cut as i64, "cell"),
                if self.cut == 1 { "was" } else { "were" }
            ));
        }
        if self.unlinked > 0 {
            messages.push(format!(
                "{} written as text, not links: too long for a spreadsheet link, or past its 65,530 links a sheet",
                count(self.unlinked as i64, "web address")
            ));
        }
        messages
    }
}

/// A sheet being filled row by row under a frozen, filtered header.
struct Sheet<'s, 'w> {
    sheet: &'s mut Worksheet,
    kinds: Vec<Kind>,
    row: u32,
    links: usize,
    warnings: &'w mut Warnings,
    formats: Formats,
}

struct Formats {
    text: Format,
    long: Format,
    link: Format,
    day: Format,
    month: Format,
    year: Format,
}

impl<'s, 'w> Sheet<'s, 'w> {
    fn new(
        sheet: &'s mut Worksheet,
        name: &str,
        columns: &[(&str, Kind, f64)],
        rows: usize,
        warnings: &'w mut Warnings,
    ) -> Result<Self> {
        if rows >= MAX_ROWS {
            bail!(
                "the {name} sheet would need {} rows, and a spreadsheet holds {}: select fewer claims (--tag, --since, --limit)",
                rows + 1,
                MAX_ROWS
            );
        }
        sheet.set_name(name)?;
        let top = Format::new().set_align(FormatAlign::Top);
        let header = Format::new().set_bold().set_background_color("#E8EEF4").set_border_bottom(FormatBorder::Thin);
        for (col, (title, _, width)) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *title, &header)?;
            sheet.set_column_width(col as u16, *width)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, rows as u32, columns.len() as u16 - 1)?;
        let formats = Formats {
            text: top.clone(),
            long: top.clone().set_text_wrap(),
            link: top.clone().set_font_color("#1155CC").set_underline(FormatUnderline::Single),
            day: top.clone().set_num_format("yyyy-mm-dd"),
            month: top.clone().set_num_format("yyyy-mm"),
            year: top.set_num_format("yyyy"),
        };
        Ok(Sheet { sheet, kinds: columns.iter().map(|c| c.1).collect(), row: 0, links: 0, warnings, formats })
    }

    fn row(&mut self, values: &[Value]) -> Result<()> {
        self.row += 1;
        for (col, (value, kind)) in values.iter().zip(self.kinds.clone()).enumerate() {
            let col = col as u16;
            let text = match value {
                Value::Empty => continue,
                Value::Number(n) => {
                    self.sheet.write_number_with_format(self.row, col, *n as f64, &self.formats.text)?;
                    continue;
                }
                Value::Text(text) => *text,
                Value::Texts(text) if text.is_empty() => continue,
                Value::Texts(text) => text.as_str(),
            };
            match kind {
                Kind::Date if self.date(col, text)? => {}
                Kind::Link if self.link(col, text)? => {}
                Kind::Long => self.text(col, text, true)?,
                _ => self.text(col, text, false)?,
            }
        }
        Ok(())
    }

    /// Always a string cell, whatever it looks like; cut to what a cell holds.
    fn text(&mut self, col: u16, text: &str, wrap: bool) -> Result<(), XlsxError> {
        let format = if wrap { &self.formats.long } else { &self.formats.text };
        let cut;
        let text = if text.encode_utf16().count() > MAX_CELL_UNITS {
            self.warnings.cut += 1;
            cut = cut_to_units(text, MAX_CELL_UNITS - 1) + "…";
            cut.as_str()
        } else {
            text
        };
        self.sheet.write_string_with_format(self.row, col, text, format)?;
        Ok(())
    }

    /// A date cell for `2024-01-27`, `2024-01` or `2024` (shown as written, sorted as dates);
    /// false for anything a spreadsheet cannot hold as a date.
    fn date(&mut self, col: u16, text: &str) -> Result<bool, XlsxError> {
        let parts: Vec<Option<u16>> = text.split('-').map(|part| part.parse().ok()).collect();
        let small = |n: &u16| u8::try_from(*n).unwrap_or(0);
        let (date, format) = match parts.as_slice() {
            [Some(y)] => (ExcelDateTime::from_ymd(*y, 1, 1), &self.formats.year),
            [Some(y), Some(m)] => (ExcelDateTime::from_ymd(*y, small(m), 1), &self.formats.month),
            [Some(y), Some(m), Some(d)] => (ExcelDateTime::from_ymd(*y, small(m), small(d)), &self.formats.day),
            _ => return Ok(false),
        };
        // Out of a spreadsheet's range (before 1900): text.
        let Ok(date) = date else { return Ok(false) };
        self.sheet.write_datetime_with_format(self.row, col, &date, format)?;
        Ok(true)
    }

    /// A link for a web address a spreadsheet can hold; false for anything else.
    fn link(&mut self, col: u16, text: &str) -> Result<bool, XlsxError> {
        let web = text.starts_with("https://") || text.starts_with("http://");
        if !web || text.contains(char::is_whitespace) {
            return Ok(false);
        }
        if self.links >= MAX_LINKS || text.encode_utf16().count() > MAX_URL_UNITS {
            self.warnings.unlinked += 1;
            return Ok(false);
        }
        self.links += 1;
        self.sheet.write_url_with_format(self.row, col, Url::new(text).set_text(text), &self.formats.link)?;
        Ok(true)
    }
}

/// The longest start of `text` that fits in `units` UTF-16 code units.
fn cut_to_units(text: &str, units: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= units
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_counts_utf16_units() {
        assert_eq!(cut_to_units("abc", 2), "ab");
        assert_eq!(cut_to_units("a😀b", 2), "a", "an emoji takes two units and is not split");
        assert_eq!(cut_to_units("a😀b", 3), "a😀");
        assert_eq!(cut_to_units("محمد", 10), "محمد");
    }
}
