//! CSV and TSV input. CSV follows RFC 4180 (quoted fields may hold the delimiter, quotes and line
//! breaks) with any one-byte delimiter (`,`, or `;` as European spreadsheets write it); TSV cannot
//! quote, so it takes the escapes claimtrack's TSV output writes (`\t`, `\n`, `\r`, `\\`). Either
//! may start with a UTF-8 byte-order mark and end lines with CRLF. A record longer than
//! [`MAX_RECORD_BYTES`] stops the reading: no claim row is that long.

use std::collections::VecDeque;
use std::io::{self, Read};

use csv::{ByteRecord, ReaderBuilder};

use super::limits::{MAX_RECORD_BYTES, TooLarge, megabytes};
use super::{ClaimRow, ColumnMap, ReadOptions, RelationCells, RelationRow, RowBuilder, RowError, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// RFC 4180 quoting, fields separated by this byte.
    Csv(u8),
    /// Tab-separated, backslash escapes, no quoting.
    Tsv,
}

impl Dialect {
    pub const COMMA: Dialect = Dialect::Csv(b',');

    fn delimiter(self) -> u8 {
        match self {
            Dialect::Csv(byte) => byte,
            Dialect::Tsv => b'\t',
        }
    }

    fn name(self) -> &'static str {
        match self {
            Dialect::Csv(_) => "CSV",
            Dialect::Tsv => "TSV",
        }
    }
}

/// The delimiter a CSV file's first line uses: whichever of `,` `;` and tab appears most often
/// outside quotes (a comma on a tie); None when the line has none of them (a single column).
pub fn sniff_delimiter(head: &[u8]) -> Option<u8> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for &b in head {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(count) = counts.iter_mut().find(|(d, _)| *d == b) {
                    count.1 += 1;
                }
            }
            _ => {}
        }
    }
    let (byte, count) = counts.iter().copied().fold((b',', 0), |best, c| if c.1 > best.1 { c } else { best });
    (count > 0).then_some(byte)
}

/// The characters a spreadsheet would take as the start of a formula (or that hide a cell's
/// start): `export csv` puts an apostrophe before a text cell starting with one of them, and
/// before a text that starts with an apostrophe itself, so that reading it back can take exactly
/// that apostrophe off again (`render::spreadsheet_safe`).
pub const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// A cell from a spreadsheet-safe CSV without the apostrophe `export csv` added, if it has one.
pub fn without_safety_mark(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// A record's first line and its cells.
type Cells = (u64, Vec<String>);

/// Rows of a CSV or TSV file, read one at a time.
pub struct DelimitedRows<R: Read> {
    reader: csv::Reader<Watched<R>>,
    map: ColumnMap,
    dialect: Dialect,
    raw: bool,
    record: ByteRecord,
    /// Set once the input cannot be read on (an I/O error, a record over the limit).
    stopped: bool,
}

impl<R: Read> DelimitedRows<R> {
    /// Read the header row and map its columns. Fails on an empty file, a header that is not
    /// UTF-8, or a header without the required columns.
    pub fn open(input: R, dialect: Dialect, options: &ReadOptions) -> Result<DelimitedRows<R>, RowError> {
        Self::open_with_limit(input, dialect, options, MAX_RECORD_BYTES)
    }

    /// `open` with another record limit (for tests of the limit itself).
    pub fn open_with_limit(
        input: R,
        dialect: Dialect,
        options: &ReadOptions,
        max_record: u64,
    ) -> Result<DelimitedRows<R>, RowError> {
        let watched = Watched::new(input, dialect, max_record);
        let mut reader = ReaderBuilder::new()
            .delimiter(dialect.delimiter())
            .quoting(dialect != Dialect::Tsv)
            .flexible(true)
            .has_headers(false)
            .from_reader(watched);
        let mut header = ByteRecord::new();
        let found = reader.read_byte_record(&mut header).map_err(|e| csv_error(&e, 1, dialect))?;
        if reader.get_ref().bom_only_or_empty() || !found || header.iter().all(|f| f.is_empty()) {
            return Err(RowError::line(
                1,
                "the file is empty: it needs a header row naming its columns (at least text and actor) and then one row per claim",
            ));
        }
        let mut headings = Vec::with_capacity(header.len());
        for (index, field) in header.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(text) => headings.push(unescape(text, dialect).trim().to_string()),
                Err(e) => {
                    return Err(RowError {
                        line: 1,
                        column: Some((index + 1, format!("byte {}", e.valid_up_to()))),
                        message: format!("the header is not UTF-8 text: {}", SAVE_AS_UTF8),
                    });
                }
            }
        }
        let end = reader.position().byte();
        if let Some(stray) = reader.get_mut().strays_before(end).into_iter().next() {
            let heading = headings.get(stray.field).cloned().unwrap_or_default();
            return Err(stray.fault(heading));
        }
        let map = ColumnMap::new(headings, &options.overrides, options.relations)
            .map_err(|message| RowError::line(1, message))?;
        Ok(DelimitedRows { reader, map, dialect, raw: options.raw, record: ByteRecord::new(), stopped: false })
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
        if self.stopped {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                self.stopped = true;
                let start = self.reader.position().byte();
                let line = self.reader.get_mut().line_at(start);
                return Some(Err(vec![csv_error(&e, line, self.dialect)]));
            }
        }
        // csv counts records' lines without the breaks inside quoted fields; people count them all.
        let start = self.record.position().map_or(0, |p| p.byte());
        let line = self.reader.get_mut().line_at(start);
        let end = self.reader.position().byte();
        let strays = self.reader.get_mut().strays_before(end);
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
                    match self.dialect {
                        Dialect::Tsv => "tab".to_string(),
                        Dialect::Csv(b',') => "comma, or an unquoted comma inside a field".to_string(),
                        Dialect::Csv(byte) => format!("\"{}\", or an unquoted one inside a field", byte as char),
                    }
                ),
            )]));
        }
        let mut errors: Vec<RowError> =
            strays.into_iter().map(|s| s.fault(self.map.headings.get(s.field).cloned().unwrap_or_default())).collect();
        let mut cells = Vec::with_capacity(expected);
        for (index, field) in self.record.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(text) => cells.push(match self.dialect {
                    Dialect::Tsv => unescape(text, self.dialect),
                    Dialect::Csv(_) if self.raw => text.to_string(),
                    Dialect::Csv(_) => without_safety_mark(text).to_string(),
                }),
                Err(e) => {
                    errors.push(RowError {
                        line,
                        column: Some((index + 1, self.map.headings[index].clone())),
                        message: format!(
                            "not UTF-8 text (bad byte at position {}): {SAVE_AS_UTF8}",
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
        let mut builder = RowBuilder::new(line);
        let mut row = RelationCells::default();
        for (index, (field, cell)) in self.map.fields.iter().zip(&cells).enumerate() {
            if let Some(field) = field {
                builder.relation_cell(&mut row, *field, (index + 1, &self.map.headings[index]), Value::Text(cell));
            }
        }
        Some(builder.finish_relation(row))
    }

    /// After the last row: a quote left open swallows the rest of the file, so say where it opened.
    pub fn finish(&self) -> Result<(), RowError> {
        match self.reader.get_ref().open_quote_at_end() {
            Some(line) if !self.stopped => Err(RowError::line(
                line,
                "a quoted field opens here and never closes: add the closing \" (a quote inside a quoted field is written \"\")",
            )),
            _ => Ok(()),
        }
    }
}

/// What to do about bytes that are not UTF-8.
const SAVE_AS_UTF8: &str = "save the file as UTF-8, or name its encoding with --encoding (e.g. windows-1252)";

fn csv_error(error: &csv::Error, line: u64, dialect: Dialect) -> RowError {
    match error.kind() {
        csv::ErrorKind::Io(e) => match TooLarge::of(e) {
            Some(too_large) => RowError::line(
                too_large.line,
                format!("a record over {}; is this really {}?", megabytes(too_large.limit), dialect.name()),
            ),
            None => RowError::line(line, format!("cannot read the input: {e}")),
        },
        _ => RowError::line(line, error.to_string()),
    }
}

/// TSV's escapes back to the characters they stand for; CSV cells are taken as they are.
fn unescape(text: &str, dialect: Dialect) -> String {
    if dialect != Dialect::Tsv || !text.contains('\\') {
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

/// Text after the closing quote of a quoted field (`"x"y`): csv would join it on silently.
#[derive(Debug, Clone, Copy)]
struct Stray {
    offset: u64,
    line: u64,
    /// 0-based field of its record.
    field: usize,
}

impl Stray {
    fn fault(self, heading: String) -> RowError {
        RowError {
            line: self.line,
            column: Some((self.field + 1, heading)),
            message: "text after the closing quote: a quote inside a quoted field is written twice (\"\")".into(),
        }
    }
}

/// The input as it streams past: drops a leading byte-order mark, notes where lines break (to
/// give rows their line numbers), follows CSV quoting (to report a quote still open at the end
/// with the line it opened on, and text after a closing quote), and stops a record that grows
/// past the limit.
struct Watched<R> {
    inner: R,
    /// Bytes passed on so far.
    offset: u64,
    /// Line breaks that end records (or blank lines), not yet behind the reader's current row:
    /// each one's offset and the line after it. Breaks inside quoted fields are only counted, so
    /// that a quote left open cannot grow this.
    breaks: VecDeque<(u64, u64)>,
    line_behind: u64,
    started: bool,
    saw_data: bool,
    at_end: bool,
    quoting: bool,
    delimiter: u8,
    /// Lines begun so far (1-based line of the byte being watched).
    line: u64,
    at_field_start: bool,
    in_quotes: bool,
    quote_pending: bool,
    opened_on: u64,
    /// 0-based field within the current record.
    field: usize,
    strays: VecDeque<Stray>,
    record_start: u64,
    record_line: u64,
    max_record: u64,
    too_large: Option<TooLarge>,
    /// Where the input was cut when a record passed the limit.
    cut_at: u64,
}

impl<R: Read> Watched<R> {
    fn new(inner: R, dialect: Dialect, max_record: u64) -> Watched<R> {
        Watched {
            inner,
            offset: 0,
            breaks: VecDeque::new(),
            line_behind: 1,
            started: false,
            saw_data: false,
            at_end: false,
            quoting: dialect != Dialect::Tsv,
            delimiter: dialect.delimiter(),
            line: 1,
            at_field_start: true,
            in_quotes: false,
            quote_pending: false,
            opened_on: 0,
            field: 0,
            strays: VecDeque::new(),
            record_start: 0,
            record_line: 1,
            max_record,
            too_large: None,
            cut_at: 0,
        }
    }

    /// The 1-based line of a row csv says starts at byte `offset`. csv puts a row's start on the
    /// line break before it (the `\n` of a CRLF, or of blank lines it skipped), so breaks at the
    /// offset itself count as behind it. Offsets must come in increasing order.
    fn line_at(&mut self, offset: u64) -> u64 {
        while let Some(&(_, line)) = self.breaks.front().filter(|(at, _)| *at <= offset) {
            self.breaks.pop_front();
            self.line_behind = line;
        }
        self.line_behind
    }

    /// Text after closing quotes met before byte `end` (the end of the record just read).
    fn strays_before(&mut self, end: u64) -> Vec<Stray> {
        let mut found = Vec::new();
        while self.strays.front().is_some_and(|s| s.offset < end) {
            found.extend(self.strays.pop_front());
        }
        found
    }

    fn bom_only_or_empty(&self) -> bool {
        !self.saw_data
    }

    /// The line of a quote opened and never closed, once the input is exhausted.
    fn open_quote_at_end(&self) -> Option<u64> {
        (self.at_end && self.in_quotes && !self.quote_pending).then_some(self.opened_on)
    }

    /// The record that started at `record_start` has reached byte `upto`: past the limit, the
    /// input is cut where the limit was passed, and the next read fails.
    fn check_record(&mut self, upto: u64) {
        if self.too_large.is_none() && upto - self.record_start > self.max_record {
            self.too_large = Some(TooLarge { limit: self.max_record, line: self.record_line });
            self.cut_at = self.record_start + self.max_record + 1;
        }
    }

    /// A record (or a blank line) ends with the line break at `at`.
    fn end_record(&mut self, at: u64) {
        self.check_record(at);
        self.line += 1;
        self.breaks.push_back((at, self.line));
        self.record_start = at + 1;
        self.record_line = self.line;
        self.field = 0;
    }

    fn watch(&mut self, bytes: &[u8]) {
        let start = self.offset;
        self.offset += bytes.len() as u64;
        if !self.quoting {
            // Without quoting every line break ends a record.
            for at in memchr::memchr_iter(b'\n', bytes) {
                self.end_record(start + at as u64);
            }
            self.check_record(self.offset);
            return;
        }
        for (i, &b) in bytes.iter().enumerate() {
            if self.in_quotes {
                if self.quote_pending {
                    self.quote_pending = false;
                    if b == b'"' {
                        continue; // "" inside quotes is one quote
                    }
                    self.in_quotes = false;
                    if !matches!(b, b'\r' | b'\n') && b != self.delimiter {
                        self.strays.push_back(Stray { offset: start + i as u64, line: self.line, field: self.field });
                    }
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
                    self.at_field_start = true;
                    self.end_record(start + i as u64);
                }
                b'\r' => self.at_field_start = true,
                b if b == self.delimiter => {
                    self.at_field_start = true;
                    self.field += 1;
                }
                _ => self.at_field_start = false,
            }
        }
        self.check_record(self.offset);
    }
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(too_large) = self.too_large {
            return Err(too_large.into_io());
        }
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
        let start = self.offset;
        self.watch(&buf[..n]);
        match self.too_large {
            // Pass on what came before the limit was passed; the next read fails.
            Some(_) if self.cut_at > start => Ok((self.cut_at - start) as usize),
            Some(too_large) => Err(too_large.into_io()),
            None => Ok(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims_with(input: &[u8], dialect: Dialect, options: &ReadOptions) -> (Vec<ClaimRow>, Vec<String>) {
        let mut rows = match DelimitedRows::open(input, dialect, options) {
            Ok(rows) => rows,
            Err(e) => return (Vec::new(), vec![e.to_string()]),
        };
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

    fn claims(input: &str, dialect: Dialect) -> (Vec<ClaimRow>, Vec<String>) {
        claims_with(input.as_bytes(), dialect, &ReadOptions::default())
    }

    #[test]
    fn quoted_fields_bom_and_crlf() {
        let input = "\u{feff}text,actor,date\r\n\"one, \"\"two\"\"\r\nthree\",A,2024\r\nplain,B,\r\n";
        let (rows, errors) = claims(input, Dialect::COMMA);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows[0].text, "one, \"two\"\r\nthree");
        assert_eq!(rows[0].stated_on.as_deref(), Some("2024"));
        assert_eq!(rows[1].line, 4, "the quoted line break counts");
        assert_eq!(rows[1].actor, "B");
    }

    #[test]
    fn semicolons_separate_european_csv() {
        let input = "text;actor;date\n\"Gespräche; laufen\";Regierung;2024\n";
        assert_eq!(sniff_delimiter(input.as_bytes()), Some(b';'));
        let (rows, errors) = claims(input, Dialect::Csv(b';'));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((rows[0].text.as_str(), rows[0].actor.as_str()), ("Gespräche; laufen", "Regierung"));
        assert_eq!(sniff_delimiter(b"text,actor\n"), Some(b','));
        assert_eq!(sniff_delimiter(b"\"a;b;c\",actor\n"), Some(b','), "quoted delimiters do not count");
        assert_eq!(sniff_delimiter(b"text\tactor\n"), Some(b'\t'));
        assert_eq!(sniff_delimiter(b"text\n"), None);
    }

    #[test]
    fn tsv_unescapes() {
        let (rows, errors) = claims("text\tactor\nline\\none\\ttab \\\\ \"quoted\tA\n", Dialect::Tsv);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows[0].text, "line\none\ttab \\ \"quoted");
    }

    #[test]
    fn the_spreadsheet_safety_mark_comes_off_exactly_once() {
        let input = "text,actor,notes\n'=1+2,'@someone,''quoted\n'plain apostrophe,A,'-5\n";
        let (rows, errors) = claims(input, Dialect::COMMA);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((rows[0].text.as_str(), rows[0].actor.as_str()), ("=1+2", "@someone"));
        assert_eq!(rows[0].notes.as_deref(), Some("'quoted"));
        assert_eq!(rows[1].text, "'plain apostrophe", "an apostrophe export did not add stays");
        assert_eq!(rows[1].notes.as_deref(), Some("-5"));
        let raw = ReadOptions { raw: true, ..ReadOptions::default() };
        let (rows, _) = claims_with(input.as_bytes(), Dialect::COMMA, &raw);
        assert_eq!(rows[0].text, "'=1+2");
        let (rows, _) = claims("text\tactor\n'=x\tA\n", Dialect::Tsv);
        assert_eq!(rows[0].text, "'=x", "TSV is never marked");
    }

    #[test]
    fn faults_name_line_and_column() {
        let input = "text,actor,stated_on\nok,A,2024\nbad,B,2024-13\n,C,\nshort,D\n";
        let (rows, errors) = claims(input, Dialect::COMMA);
        assert_eq!(rows.len(), 1);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("line 3, column 3 (stated_on): bad date \"2024-13\""), "{errors:?}");
        assert!(errors[1].starts_with("line 4: the claim text is empty"), "{errors:?}");
        assert!(errors[2].starts_with("line 5: 2 fields where the header has 3"), "{errors:?}");
    }

    #[test]
    fn text_after_a_closing_quote_is_refused_where_it_is() {
        let input = "text,actor\nok,A\n\"fine \"\"inner\"\"\",B\nfirst,\"x\"y\n\"two\nlines\"z,C\n";
        let (rows, errors) = claims(input, Dialect::COMMA);
        assert_eq!(rows.len(), 2, "{errors:?}");
        assert_eq!(rows[1].text, "fine \"inner\"");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("line 4, column 2 (actor): text after the closing quote"), "{errors:?}");
        assert!(errors[1].starts_with("line 6, column 1 (text): text after the closing quote"), "{errors:?}");
        let (_, errors) = claims("\"text\"x,actor\nt,a\n", Dialect::COMMA);
        assert!(errors[0].starts_with("line 1, column 1 (textx): text after the closing quote"), "{errors:?}");
        let (_, errors) = claims("text;actor\n\"x\";\"y\"\r\n", Dialect::Csv(b';'));
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_record_over_the_limit_stops_the_reading() {
        let long = format!("text,actor\nok,A\n{},B\nnever,C\n", "x".repeat(5000));
        let mut rows =
            DelimitedRows::open_with_limit(long.as_bytes(), Dialect::COMMA, &ReadOptions::default(), 1000).unwrap();
        assert!(rows.next_claim().unwrap().is_ok());
        let errors = rows.next_claim().unwrap().unwrap_err();
        assert_eq!(errors[0].to_string(), "line 3: a record over 1 MB; is this really CSV?");
        assert!(rows.next_claim().is_none());
        assert!(rows.finish().is_ok());
        // A quoted field that never closes is one long record too.
        let open = format!("text,actor\n\"{}", "y\n".repeat(2000));
        let mut rows =
            DelimitedRows::open_with_limit(open.as_bytes(), Dialect::COMMA, &ReadOptions::default(), 1000).unwrap();
        let errors = rows.next_claim().unwrap().unwrap_err();
        assert!(errors[0].to_string().starts_with("line 2: a record over"), "{errors:?}");
        let tsv = format!("text\tactor\n{}", "z".repeat(3000));
        let err = DelimitedRows::open_with_limit(tsv.as_bytes(), Dialect::Tsv, &ReadOptions::default(), 1000)
            .map(|mut rows| rows.next_claim().unwrap().unwrap_err().remove(0))
            .unwrap();
        assert!(err.to_string().starts_with("line 2: a record over 1 MB; is this really TSV?"), "{err}");
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opened() {
        let (_, errors) = claims("text,actor\nok,A\n\"never closed,B\nmore,C\n", Dialect::COMMA);
        assert!(
            errors.iter().any(|e| e.starts_with("line 3: a quoted field opens here and never closes")),
            "{errors:?}"
        );
        let (_, errors) = claims("text,actor\n\"closed at the very end\",\"A\"", Dialect::COMMA);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn empty_and_header_problems() {
        let options = ReadOptions::default();
        for input in ["", "\u{feff}", "\n"] {
            let err = DelimitedRows::open(input.as_bytes(), Dialect::COMMA, &options).err().unwrap();
            assert!(err.to_string().contains("the file is empty"), "{input:?}: {err}");
        }
        let err = DelimitedRows::open("claim,date\n".as_bytes(), Dialect::COMMA, &options).err().unwrap();
        assert!(err.to_string().starts_with("line 1: no actor column"), "{err}");
        let err = DelimitedRows::open(&b"text,act\xffor\n"[..], Dialect::COMMA, &options).err().unwrap();
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }

    #[test]
    fn invalid_utf8_in_a_cell_is_located() {
        let mut rows =
            DelimitedRows::open(&b"text,actor\nok,A\ncaf\xe9,B\n"[..], Dialect::COMMA, &ReadOptions::default())
                .unwrap();
        assert!(rows.next_claim().unwrap().is_ok());
        let errors = rows.next_claim().unwrap().unwrap_err();
        assert!(errors[0].to_string().starts_with("line 3, column 1 (text): not UTF-8 text"), "{errors:?}");
        assert!(errors[0].to_string().contains("--encoding"), "{errors:?}");
    }
}
