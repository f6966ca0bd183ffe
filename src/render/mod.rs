//! Output formats for rows of cells: a terminal table, CSV (spreadsheet-safe), TSV, JSON, JSON
//! lines and Markdown. Every format streams: rows are written as they come (a table holds only
//! its first screenful, to decide its widths).

pub mod claimreview;
pub mod graph;
pub mod pager;
pub mod report;
pub mod table;
pub mod terminal;
pub mod xlsx;

use std::io::{IsTerminal, Write};

use anyhow::Result;
use serde_json::{Map, Value};

use table::{Column, TableWriter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table fitted to the terminal (the default on a terminal)
    Table,
    /// Comma-separated values with a header row
    Csv,
    /// Tab-separated values with a header row (the default when piped)
    Tsv,
    /// One JSON array
    Json,
    /// One JSON object per line
    Jsonl,
    /// A Markdown table
    Markdown,
}

impl Format {
    /// The format to use when none was asked for: a table for people, TSV for pipes.
    pub fn default_for_stdout() -> Format {
        if std::io::stdout().is_terminal() { Format::Table } else { Format::Tsv }
    }
}

/// One value in a row, borrowed from the record being written.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    /// Yes or no: `true`/`false` in text, a boolean in JSON.
    Flag(bool),
    Text(&'a str),
    Texts(&'a [String]),
    Ints(&'a [i64]),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Self {
        Cell::Text(text)
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(text: &'a String) -> Self {
        Cell::Text(text)
    }
}

impl<'a> From<&'a Option<String>> for Cell<'a> {
    fn from(text: &'a Option<String>) -> Self {
        text.as_deref().map_or(Cell::Null, Cell::Text)
    }
}

impl From<i64> for Cell<'_> {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}

impl<'a> From<&'a Vec<String>> for Cell<'a> {
    fn from(texts: &'a Vec<String>) -> Self {
        Cell::Texts(texts)
    }
}

impl<'a> From<&'a Vec<i64>> for Cell<'a> {
    fn from(ids: &'a Vec<i64>) -> Self {
        Cell::Ints(ids)
    }
}

/// Separator for list cells in text formats; `import` splits on `;` and trims.
pub const LIST_SEPARATOR: &str = "; ";

impl Cell<'_> {
    /// The cell as plain text: lists joined, null empty.
    pub fn to_text(self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Int(n) => n.to_string(),
            Cell::Flag(flag) => flag.to_string(),
            Cell::Text(t) => t.to_string(),
            Cell::Texts(items) => items.join(LIST_SEPARATOR),
            Cell::Ints(ids) => ids.iter().map(i64::to_string).collect::<Vec<_>>().join(LIST_SEPARATOR),
        }
    }

    fn to_json(self) -> Value {
        match self {
            Cell::Null => Value::Null,
            Cell::Int(n) => Value::from(n),
            Cell::Flag(flag) => Value::from(flag),
            Cell::Text(t) => Value::from(t),
            Cell::Texts(items) => Value::from(items.to_vec()),
            Cell::Ints(ids) => Value::from(ids.to_vec()),
        }
    }
}

/// A text cell that a spreadsheet would run as a formula gets a leading apostrophe, as OWASP's
/// CSV injection guidance describes. A text that starts with an apostrophe gets one too, so that
/// `import` can take exactly the added one off again (`import::delimited::without_safety_mark`).
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    use crate::import::delimited::FORMULA_STARTS;
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') { format!("'{text}").into() } else { text.into() }
}

enum Backend<'w> {
    Table(TableWriter<'w>),
    Csv(Box<csv::Writer<&'w mut dyn Write>>, bool),
    Tsv(&'w mut dyn Write),
    Json(&'w mut dyn Write, bool),
    Jsonl(&'w mut dyn Write),
    Markdown(&'w mut dyn Write),
}

/// Writes rows of cells under fixed column names in one format.
pub struct RowWriter<'w> {
    columns: Vec<&'static str>,
    backend: Backend<'w>,
}

impl<'w> RowWriter<'w> {
    /// `raw` turns off the spreadsheet-safety of CSV.
    pub fn new(format: Format, columns: &[&'static str], out: &'w mut dyn Write, raw: bool) -> Result<Self> {
        let columns = columns.to_vec();
        let backend = match format {
            Format::Table => Backend::Table(TableWriter::new(out, columns.iter().map(|c| Column::named(c)).collect())),
            Format::Csv => Backend::Csv(Box::new(csv_writer(out, &columns, csv::Terminator::Any(b'\n'))?), !raw),
            Format::Tsv => {
                writeln!(out, "{}", columns.join("\t"))?;
                Backend::Tsv(out)
            }
            Format::Json => {
                write!(out, "[")?;
                Backend::Json(out, true)
            }
            Format::Jsonl => Backend::Jsonl(out),
            Format::Markdown => {
                writeln!(out, "| {} |", columns.join(" | "))?;
                writeln!(out, "|{}", "---|".repeat(columns.len()))?;
                Backend::Markdown(out)
            }
        };
        Ok(RowWriter { columns, backend })
    }

    /// CSV for Excel on Windows, which takes a file without a UTF-8 byte-order mark to be in the
    /// local code page (Arabic and accented names turn to mojibake): the mark, then CRLF lines.
    pub fn excel_csv(columns: &[&'static str], out: &'w mut dyn Write, raw: bool) -> Result<Self> {
        out.write_all("\u{feff}".as_bytes())?;
        let writer = csv_writer(out, columns, csv::Terminator::CRLF)?;
        Ok(RowWriter { columns: columns.to_vec(), backend: Backend::Csv(Box::new(writer), !raw) })
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<()> {
        debug_assert_eq!(cells.len(), self.columns.len());
        match &mut self.backend {
            Backend::Table(table) => {
                let texts: Vec<String> = cells.iter().map(|c| c.to_text()).collect();
                table.row(&texts.iter().map(String::as_str).collect::<Vec<_>>())?;
            }
            Backend::Csv(writer, safe) => {
                for cell in cells {
                    let text = cell.to_text();
                    match cell {
                        Cell::Text(_) | Cell::Texts(_) if *safe => {
                            writer.write_field(spreadsheet_safe(&text).as_bytes())?
                        }
                        _ => writer.write_field(text.as_bytes())?,
                    }
                }
                writer.write_record(None::<&[u8]>)?;
            }
            Backend::Tsv(out) => {
                let fields: Vec<String> = cells.iter().map(|c| tsv_escape(&c.to_text())).collect();
                writeln!(out, "{}", fields.join("\t"))?;
            }
            Backend::Json(out, first) => {
                let object = json_object(&self.columns, cells);
                write!(out, "{}\n  ", if std::mem::take(first) { "" } else { "," })?;
                serde_json::to_writer(&mut **out, &object)?;
            }
            Backend::Jsonl(out) => {
                serde_json::to_writer(&mut **out, &json_object(&self.columns, cells))?;
                writeln!(out)?;
            }
            Backend::Markdown(out) => {
                let fields: Vec<String> = cells.iter().map(|c| markdown_escape(&c.to_text())).collect();
                writeln!(out, "| {} |", fields.join(" | "))?;
            }
        }
        Ok(())
    }

    /// Finish the output and report any error writing it: nothing is flushed silently on drop.
    pub fn finish(self) -> Result<()> {
        match self.backend {
            Backend::Table(table) => table.finish()?,
            Backend::Csv(mut writer, _) => writer.flush()?,
            Backend::Json(out, first) => writeln!(out, "{}]", if first { "" } else { "\n" })?,
            Backend::Tsv(_) | Backend::Jsonl(_) | Backend::Markdown(_) => {}
        }
        Ok(())
    }
}

fn csv_writer<'w>(
    out: &'w mut dyn Write,
    columns: &[&'static str],
    terminator: csv::Terminator,
) -> Result<csv::Writer<&'w mut dyn Write>> {
    let mut writer = csv::WriterBuilder::new().terminator(terminator).from_writer(out);
    writer.write_record(columns)?;
    Ok(writer)
}

/// One record, field by field: a two-column table or Markdown table for people, a one-row
/// listing for the other formats.
pub fn write_record(out: &mut dyn Write, format: Format, fields: &[(&'static str, Cell)]) -> Result<()> {
    match format {
        Format::Table => {
            let mut table = TableWriter::without_header(out, vec![Column::named("field"), Column::named("value")]);
            for (name, cell) in fields {
                table.row(&[name, &cell.to_text()])?;
            }
            table.finish()?;
        }
        Format::Markdown => {
            writeln!(out, "| field | value |\n|---|---|")?;
            for (name, cell) in fields {
                writeln!(out, "| {name} | {} |", markdown_escape(&cell.to_text()))?;
            }
        }
        Format::Json => {
            let names: Vec<&'static str> = fields.iter().map(|(n, _)| *n).collect();
            let cells: Vec<Cell> = fields.iter().map(|(_, c)| *c).collect();
            serde_json::to_writer_pretty(&mut *out, &json_object(&names, &cells))?;
            writeln!(out)?;
        }
        Format::Csv | Format::Tsv | Format::Jsonl => {
            let names: Vec<&'static str> = fields.iter().map(|(n, _)| *n).collect();
            let cells: Vec<Cell> = fields.iter().map(|(_, c)| *c).collect();
            let mut writer = RowWriter::new(format, &names, out, false)?;
            writer.row(&cells)?;
            writer.finish()?;
        }
    }
    Ok(())
}

/// A JSON object of the cells under their column names, in column order.
pub fn json_object(columns: &[&'static str], cells: &[Cell]) -> Value {
    let mut object = Map::with_capacity(columns.len());
    for (name, cell) in columns.iter().zip(cells) {
        object.insert((*name).to_string(), cell.to_json());
    }
    Value::Object(object)
}

/// TSV cannot quote, so tabs, line breaks and backslashes are written as escapes.
pub fn tsv_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c => escaped.push(c),
        }
    }
    escaped
}

pub fn markdown_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|").replace("\r\n", "<br>").replace(['\n', '\r'], "<br>")
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(format: Format, raw: bool) -> String {
        let mut out = Vec::new();
        {
            let mut writer = RowWriter::new(format, &["id", "text", "tags"], &mut out, raw).unwrap();
            let tags = vec!["a".to_string(), "b".to_string()];
            writer.row(&[Cell::Int(-1), Cell::Text("=1+2\tx"), Cell::Texts(&tags)]).unwrap();
            writer.row(&[Cell::Int(2), Cell::Text("line\nbreak | pipe"), Cell::Null]).unwrap();
            writer.finish().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_neutralises_formulas_unless_raw() {
        assert_eq!(render(Format::Csv, false), "id,text,tags\n-1,'=1+2\tx,a; b\n2,\"line\nbreak | pipe\",\n");
        assert!(render(Format::Csv, true).contains("\n-1,=1+2\tx,a; b\n"));
    }

    #[test]
    fn spreadsheet_safe_covers_every_trigger() {
        for text in ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx", "\nx", "'tis"] {
            assert!(spreadsheet_safe(text).starts_with('\''), "{text:?}");
        }
        assert_eq!(spreadsheet_safe("U.S. officials"), "U.S. officials");
        assert_eq!(spreadsheet_safe("محمد"), "محمد");
    }

    #[test]
    fn tsv_escapes_what_it_cannot_quote() {
        assert_eq!(render(Format::Tsv, false), "id\ttext\ttags\n-1\t=1+2\\tx\ta; b\n2\tline\\nbreak | pipe\t\n");
    }

    #[test]
    fn json_and_jsonl_keep_types() {
        let json: Value = serde_json::from_str(&render(Format::Json, false)).unwrap();
        assert_eq!(json[0]["id"], -1);
        assert_eq!(json[0]["tags"], serde_json::json!(["a", "b"]));
        assert_eq!(json[1]["tags"], Value::Null);
        let lines: Vec<Value> =
            render(Format::Jsonl, false).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1]["text"], "line\nbreak | pipe");
    }

    #[test]
    fn markdown_escapes_pipes_and_breaks() {
        assert!(render(Format::Markdown, false).contains("| 2 | line<br>break \\| pipe |  |"));
    }

    #[test]
    fn empty_json_is_an_empty_array() {
        let mut out = Vec::new();
        RowWriter::new(Format::Json, &["id"], &mut out, false).unwrap().finish().unwrap();
        assert_eq!(serde_json::from_slice::<Value>(&out).unwrap(), serde_json::json!([]));
    }
}
