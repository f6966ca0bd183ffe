//! CSV and TSV input. CSV follows RFC 4180 (quoted fields may hold commas, quotes and line
//! breaks); TSV cannot quote, so it takes the escapes claimtrack's TSV output writes
//! (`\t`, `\n`, `\r`, `\\`). Either may start with a UTF-8 byte-order mark and end lines with CRLF.

use std::io::{self, Read};

use csv::{ByteRecord, ReaderBuilder};

use super::{ClaimRow, ColumnMap, Field, RelationRow, RowBuilder, RowError, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Tab,
}

/// A record's first line and its cells.
type Cells = (u64, Vec<String>);

/// Rows of a CSV or TSV file, read one at a time.
pub struct DelimitedRows<R: Read> {
    reader: csv::Reader<Watched<R>>,
    map: ColumnMap,
    delimiter: Delimiter,
    record: ByteRecord,
}

impl<R: Read> DelimitedRows<R> {
    /// Read the header row and map its columns. Fails on an empty file, a header that is not
    /// UTF-8, or a header without the required columns.
    pub fn open(
        input: R,
        delimiter: Delimiter,
        overrides: &[(String, Field)],
        relations: bool,
    ) -> Result<DelimitedRows<R>, RowError> {
        let watched = Watched::new(input, delimiter);
        let mut reader = ReaderBuilder::new()
            .delimiter(if delimiter == Delimiter::Tab { b'\t' } else { b',' })
            .quoting(delimiter == Delimiter::Comma)
            .flexible(true)
            .has_headers(false)
            .from_reader(watched);
        let mut header = ByteRecord::new();
        let found = reader.read_byte_record(&mut header).map_err(|e| csv_error(&e, 1))?;
        if reader.get_ref().bom_only_or_empty() || !found || header.iter().all(|f| f.is_empty()) {
            return Err(RowError::line(
                1,
                "the file is empty: it needs a header row naming its columns (at least text and actor) and then one row per claim",
            ));
        }
        let mut headings = Vec::with_capacity(header.len());
        for (index, field) in header.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(text) => headings.push(unescape(text, delimiter).trim().to_string()),
                Err(e) => {
                    return Err(RowError {
                        line: 1,
                        column: Some((index + 1, format!("byte {}", e.valid_up_to()))),
                        message: "the header is not UTF-8 text: save the file as UTF-8".into(),
                    });
                }
            }
        }
        let map = ColumnMap::new(headings, overrides, relations).map_err(|message| RowError::line(1, message))?;
        Ok(DelimitedRows { reader, map, delimiter, record: ByteRecord::new() })
    }

    pub fn columns(&self) -> &ColumnMap {
        &self.map
    }

    /// Bytes of input consumed so far, for progress.
    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The next record's line and cells as text, or its faults; None at the end.
    fn next_cells(&mut self) -> Option<Result<Cells, Vec<RowError>>> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                let start = self.reader.position().byte();
                return Some(Err(vec![csv_error(&e, self.reader.get_mut().line_at(start))]));
            }
        }
        // csv counts records' lines without the breaks inside quoted fields; people count them all.
        let start = self.record.position().map_or(0, |p| p.byte());
        let line = self.reader.get_mut().line_at(start);
        let expected = self.map.headings.len();
        if self.record.len() != expected {
            if self.reader.get_ref().open_quote_at_end().is_some() {
                // The open quote swallowed the rest of the file; `finish` reports it.
                return None;
            }
            let cells = self.record.len();
            return Some(Err(vec![RowError::line(
                line,
                format!(
                    "{cells} field{} where the header has {expected}: check for a missing or extra {}",
                    if cells == 1 { "" } else { "s" },
                    if self.delimiter == Delimiter::Tab { "tab" } else { "comma, or an unquoted comma inside a field" }
                ),
            )]));
        }
        let mut cells = Vec::with_capacity(expected);
        let mut errors = Vec::new();
        for (index, field) in self.record.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(text) => cells.push(unescape(text, self.delimiter)),
                Err(e) => {
                    errors.push(RowError {
                        line,
                        column: Some((index + 1, self.map.headings[index].clone())),
                        message: format!(
                            "not UTF-8 text (bad byte at position {}): save the file as UTF-8",
                            e.valid_up_to() + 1
                        ),
                    });
                    cells.push(String::new());
                }
            }
        }
        if errors.is_empty() { Some(Ok((line, cells))) } else { Some(Err(errors)) }
    }

    pub fn next_claim(&mut self) -> Option<Result<ClaimRow, Vec<RowError>>> {
        let (line, cells) = match self.next_cells()? {
            Ok(found) => found,
            Err(errors) => return Some(Err(errors)),
        };
        let mut builder = RowBuilder::new(line);
        let mut row = ClaimRow::default();
        for (index, (field, cell)) in self.map.fields.iter().zip(&cells).enumerate() {
            if let Some(field) = field {
                builder.claim_cell(&mut row, *field, (index + 1, &self.map.headings[index]), Value::Text(cell));
            }
        }
        Some(builder.finish_claim(row))
    }

    pub fn next_relation(&mut self) -> Option<Result<RelationRow, Vec<RowError>>> {
        let (line, cells) = match self.next_cells()? {
            Ok(found) => found,
            Err(errors) => return Some(Err(errors)),
        };
        let mapped: Vec<(Field, (usize, &str), &str)> = self
            .map
            .fields
            .iter()
            .zip(&cells)
            .enumerate()
            .filter_map(|(i, (field, cell))| field.map(|f| (f, (i + 1, self.map.headings[i].as_str()), cell.as_str())))
            .collect();
        Some(RowBuilder::new(line).relation(&mapped))
    }

    /// After the last row: a quote left open swallows the rest of the file, so say where it opened.
    pub fn finish(&self) -> Result<(), RowError> {
        match self.reader.get_ref().open_quote_at_end() {
            Some(line) => Err(RowError::line(
                line,
                "a quoted field opens here and never closes: add the closing \" (a quote inside a quoted field is written \"\")",
            )),
            None => Ok(()),
        }
    }
}

fn csv_error(error: &csv::Error, line: u64) -> RowError {
    match error.kind() {
        csv::ErrorKind::Io(e) => RowError::line(line, format!("cannot read the input: {e}")),
        _ => RowError::line(line, error.to_string()),
    }
}

/// TSV's escapes back to the characters they stand for; CSV cells are taken as they are.
fn unescape(text: &str, delimiter: Delimiter) -> String {
    if delimiter == Delimiter::Comma || !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The input as it streams past: drops a leading byte-order mark, notes where lines break (to
/// give rows their line numbers), and follows CSV quoting, so that a quote still open at the end
/// can be reported with the line it opened on.
struct Watched<R> {
    inner: R,
    /// Bytes passed on so far.
    offset: u64,
    /// Offsets of line breaks not yet behind the reader's current row.
    breaks: std::collections::VecDeque<u64>,
    breaks_behind: u64,
    started: bool,
    saw_data: bool,
    at_end: bool,
    quoting: bool,
    delimiter: u8,
    line: u64,
    at_field_start: bool,
    in_quotes: bool,
    quote_pending: bool,
    opened_on: u64,
}

impl<R: Read> Watched<R> {
    fn new(inner: R, delimiter: Delimiter) -> Watched<R> {
        Watched {
            inner,
            offset: 0,
            breaks: std::collections::VecDeque::new(),
            breaks_behind: 0,
            started: false,
            saw_data: false,
            at_end: false,
            quoting: delimiter == Delimiter::Comma,
            delimiter: if delimiter == Delimiter::Tab { b'\t' } else { b',' },
            line: 1,
            at_field_start: true,
            in_quotes: false,
            quote_pending: false,
            opened_on: 0,
        }
    }

    /// The 1-based line of a row csv says starts at byte `offset`. csv puts a row's start on the
    /// line break before it (the `\n` of a CRLF, or of blank lines it skipped), so breaks at the
    /// offset itself count as behind it. Offsets must come in increasing order.
    fn line_at(&mut self, offset: u64) -> u64 {
        while self.breaks.front().is_some_and(|&b| b <= offset) {
            self.breaks.pop_front();
            self.breaks_behind += 1;
        }
        self.breaks_behind + 1
    }

    fn bom_only_or_empty(&self) -> bool {
        !self.saw_data
    }

    /// The line of a quote opened and never closed, once the input is exhausted.
    fn open_quote_at_end(&self) -> Option<u64> {
        (self.at_end && self.in_quotes && !self.quote_pending).then_some(self.opened_on)
    }

    fn watch(&mut self, bytes: &[u8]) {
        let start = self.offset;
        self.offset += bytes.len() as u64;
        self.breaks.extend(memchr::memchr_iter(b'\n', bytes).map(|i| start + i as u64));
        if !self.quoting {
            return;
        }
        for &b in bytes {
            if self.in_quotes {
                if self.quote_pending {
                    self.quote_pending = false;
                    if b == b'"' {
                        continue; // "" inside quotes is one quote
                    }
                    self.in_quotes = false;
                } else {
                    match b {
                        b'"' => self.quote_pending = true,
                        b'\n' => self.line += 1,
                        _ => {}
                    }
                    continue;
                }
            }
            match b {
                b'"' if self.at_field_start => {
                    self.in_quotes = true;
                    self.opened_on = self.line;
                    self.at_field_start = false;
                }
                b'\n' => {
                    self.line += 1;
                    self.at_field_start = true;
                }
                b'\r' => self.at_field_start = true,
                b if b == self.delimiter => self.at_field_start = true,
                _ => self.at_field_start = false,
            }
        }
    }
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut n = self.inner.read(buf)?;
        if !self.started && n > 0 {
            // The mark may arrive split across reads only on pathological readers; a file or
            // pipe delivers at least three bytes at once when it has them.
            self.started = true;
            if buf[..n].starts_with(b"\xEF\xBB\xBF") {
                buf.copy_within(3..n, 0);
                n -= 3;
                if n == 0 {
                    return self.read(buf);
                }
            }
        }
        if n > 0 {
            self.saw_data = true;
        } else if !buf.is_empty() {
            self.at_end = true;
        }
        self.watch(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(input: &str, delimiter: Delimiter) -> (Vec<ClaimRow>, Vec<String>) {
        let mut rows = DelimitedRows::open(input.as_bytes(), delimiter, &[], false).unwrap();
        let (mut ok, mut errors) = (Vec::new(), Vec::new());
        while let Some(row) = rows.next_claim() {
            match row {
                Ok(row) => ok.push(row),
                Err(e) => errors.extend(e.iter().map(|e| e.to_string())),
            }
        }
        if let Err(e) = rows.finish() {
            errors.push(e.to_string());
        }
        (ok, errors)
    }

    #[test]
    fn quoted_fields_bom_and_crlf() {
        let input = "\u{feff}text,actor,date\r\n\"one, \"\"two\"\"\r\nthree\",A,2024\r\nplain,B,\r\n";
        let (rows, errors) = claims(input, Delimiter::Comma);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows[0].text, "one, \"two\"\r\nthree");
        assert_eq!(rows[0].stated_on.as_deref(), Some("2024"));
        assert_eq!(rows[1].line, 4, "the quoted line break counts");
        assert_eq!(rows[1].actor, "B");
    }

    #[test]
    fn tsv_unescapes() {
        let (rows, errors) = claims("text\tactor\nline\\none\\ttab \\\\ \"quoted\tA\n", Delimiter::Tab);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows[0].text, "line\none\ttab \\ \"quoted");
    }

    #[test]
    fn faults_name_line_and_column() {
        let input = "text,actor,stated_on\nok,A,2024\nbad,B,2024-13\n,C,\nshort,D\n";
        let (rows, errors) = claims(input, Delimiter::Comma);
        assert_eq!(rows.len(), 1);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("line 3, column 3 (stated_on): bad date \"2024-13\""), "{errors:?}");
        assert!(errors[1].starts_with("line 4: the claim text is empty"), "{errors:?}");
        assert!(errors[2].starts_with("line 5: 2 fields where the header has 3"), "{errors:?}");
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opened() {
        let (_, errors) = claims("text,actor\nok,A\n\"never closed,B\nmore,C\n", Delimiter::Comma);
        assert!(
            errors.iter().any(|e| e.starts_with("line 3: a quoted field opens here and never closes")),
            "{errors:?}"
        );
        let (_, errors) = claims("text,actor\n\"closed at the very end\",\"A\"", Delimiter::Comma);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn empty_and_header_problems() {
        for input in ["", "\u{feff}", "\n"] {
            let err = DelimitedRows::open(input.as_bytes(), Delimiter::Comma, &[], false).err().unwrap();
            assert!(err.to_string().contains("the file is empty"), "{input:?}: {err}");
        }
        let err = DelimitedRows::open("claim,date\n".as_bytes(), Delimiter::Comma, &[], false).err().unwrap();
        assert!(err.to_string().starts_with("line 1: no actor column"), "{err}");
        let err = DelimitedRows::open(&b"text,act\xffor\n"[..], Delimiter::Comma, &[], false).err().unwrap();
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }

    #[test]
    fn invalid_utf8_in_a_cell_is_located() {
        let mut rows =
            DelimitedRows::open(&b"text,actor\nok,A\ncaf\xe9,B\n"[..], Delimiter::Comma, &[], false).unwrap();
        assert!(rows.next_claim().unwrap().is_ok());
        let errors = rows.next_claim().unwrap().unwrap_err();
        assert!(errors[0].to_string().starts_with("line 3, column 1 (text): not UTF-8 text"), "{errors:?}");
    }
}
