//! `import`: claims from CSV, TSV and JSON lines; relations; claimtrack JSON documents; and
//! another claimtrack database. Each file is one transaction: on any fault in it, nothing of it
//! is written.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use super::Ctx;
use super::errors::{count, look_alike, plural};
use crate::cli::{ImportArgs, InputFormat};
use crate::import::delimited::{DelimitedRows, Dialect, sniff_delimiter};
use crate::import::encoding::{self, Decoding};
use crate::import::jsonl::JsonLines;
use crate::import::limits::{Bounded, megabytes};
use crate::import::{ClaimRow, Field, ReadOptions, RelationRow, RowError, UnknownNames, parse_mapping};
use crate::interchange::{Document, read_document};
use crate::ops::import::{BulkReport, ClaimImporter, import_relation, relation_of_row};
use crate::ops::merge::{MergeReport, OnConflict, merge_document, merge_settings};
use crate::progress::Progress;
use crate::store::{self, StoreError, sqlite::SqliteStorage};

/// How many faults are listed before the rest are only counted.
const SHOWN_ERRORS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputKind {
    Csv,
    Tsv,
    JsonLines,
    Document,
    Database,
}

impl InputKind {
    fn named(format: InputFormat) -> InputKind {
        match format {
            InputFormat::Csv => InputKind::Csv,
            InputFormat::Tsv => InputKind::Tsv,
            InputFormat::Jsonl => InputKind::JsonLines,
            InputFormat::Json => InputKind::Document,
            InputFormat::Db => InputKind::Database,
        }
    }

    fn from_extension(path: &str) -> Option<InputKind> {
        let extension = Path::new(path).extension()?.to_str()?.to_lowercase();
        Some(match extension.as_str() {
            "csv" => InputKind::Csv,
            "tsv" | "tab" => InputKind::Tsv,
            "jsonl" | "ndjson" => InputKind::JsonLines,
            "json" => InputKind::Document,
            "db" | "sqlite" | "sqlite3" => InputKind::Database,
            _ => return None,
        })
    }

    /// Guess from the first bytes: a SQLite header, a JSON document or JSON lines, else CSV
    /// (TSV when the first line has tabs and no commas).
    fn sniff(head: &[u8]) -> Option<InputKind> {
        if head.starts_with(SQLITE_HEADER) {
            return Some(InputKind::Database);
        }
        let text = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head));
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') {
            let first_line = trimmed.lines().next().unwrap_or("");
            return Some(match serde_json::from_str::<serde_json::Value>(first_line) {
                Ok(value) if value.get("claimtrack").is_none() => InputKind::JsonLines,
                _ => InputKind::Document,
            });
        }
        if trimmed.is_empty() || trimmed.starts_with('[') {
            return None;
        }
        let first_line = trimmed.lines().next().unwrap_or("");
        Some(if first_line.contains('\t') && !first_line.contains(',') { InputKind::Tsv } else { InputKind::Csv })
    }
}

const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// How every file of one `import` is to be read.
struct Reading {
    from: Option<InputKind>,
    delimiter: Option<u8>,
    encoding: Option<&'static encoding_rs::Encoding>,
    max_document: u64,
    options: ReadOptions,
}

/// The input, buffered and decoded to UTF-8, with what is known of its size for the progress bar.
struct Input {
    name: String,
    reader: Box<dyn BufRead>,
    size: Option<u64>,
    kind: InputKind,
    /// For CSV and TSV.
    dialect: Dialect,
}

/// `--delimiter`: one ASCII character that cannot be part of quoting or a line end.
fn parse_delimiter(text: &str) -> Result<u8> {
    let byte = match text {
        "tab" | "\\t" | "\t" => b'\t',
        _ if text.len() == 1 && text.is_ascii() => text.as_bytes()[0],
        _ => bail!("--delimiter {text:?}: give one character, such as , ; | or tab"),
    };
    if matches!(byte, b'"' | b'\r' | b'\n') || byte.is_ascii_alphanumeric() {
        bail!("--delimiter {text:?} cannot separate fields: use , ; | or tab");
    }
    Ok(byte)
}

fn open_input(file: &str, reading: &Reading) -> Result<Input> {
    let name = if file == "-" { "standard input".to_string() } else { file.to_string() };
    let (raw, size): (Box<dyn Read>, Option<u64>) = if file == "-" {
        (Box::new(std::io::stdin()), None)
    } else {
        let handle = File::open(file).with_context(|| format!("cannot read {file}"))?;
        let meta = handle.metadata().ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            bail!("{file} is a folder: give a CSV, TSV, JSON or claimtrack database file");
        }
        let size = meta.filter(|m| m.is_file()).map(|m| m.len());
        (Box::new(handle), size)
    };
    let (head, mut raw) = peek(raw).with_context(|| format!("cannot read {name}"))?;
    if head.starts_with(SQLITE_HEADER) || reading.from == Some(InputKind::Database) {
        // A SQLite file is one whatever its name says; it is read by path, not as a stream.
        let dialect = Dialect::COMMA;
        return Ok(Input { name, reader: raw, size, kind: InputKind::Database, dialect });
    }
    let decoding = encoding::choose(&head, reading.encoding);
    let (head, reader) = if decoding.is_default() {
        if decoding.by_mark {
            raw.fill_buf()?;
            raw.consume(3); // UTF-8's byte-order mark: not part of the text
        }
        (head, raw)
    } else {
        peek(encoding::decode(raw, decoding)).with_context(|| format!("cannot read {name}"))?
    };
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let first_line = &head[..memchr::memchr(b'\n', head).unwrap_or(head.len())];
    if let Some(at) = memchr::memchr(0, first_line) {
        let hint = match utf16_without_mark(head) {
            Some(label) => format!(" (it looks like UTF-16 without a byte-order mark: try --encoding {label})"),
            // xlsx and ods workbooks are zip files.
            None if head.starts_with(b"PK\x03\x04") => " (a spreadsheet workbook? save it as CSV)".to_string(),
            None => String::new(),
        };
        bail!("{name}: not text (a NUL byte at offset {at}): give a CSV, TSV, JSON or claimtrack database file{hint}");
    }
    let mut kind = match reading.from.or_else(|| InputKind::from_extension(file)) {
        Some(kind) => kind,
        None => match InputKind::sniff(head) {
            Some(kind) => kind,
            None if head.is_empty() => bail!("{name}: the input is empty"),
            None => bail!("cannot tell the format of {name}: say --from csv, tsv, jsonl or json"),
        },
    };
    if kind == InputKind::Database {
        bail!("{name} is not a SQLite database (it does not start with SQLite's header)");
    }
    // Excel's "Unicode text" is UTF-16, tab-separated and quoted as CSV is; claimtrack's own TSV
    // is UTF-8 with escapes.
    if kind == InputKind::Tsv && reading.from.is_none() && decoding.by_mark && decoding.name().starts_with("UTF-16") {
        kind = InputKind::Csv;
    }
    if reading.delimiter.is_some() {
        match kind {
            InputKind::Csv => {}
            InputKind::Tsv if reading.from.is_none() => kind = InputKind::Csv,
            _ => bail!("--delimiter applies to CSV, not to {name}'s format"),
        }
    }
    let dialect = match kind {
        InputKind::Tsv => Dialect::Tsv,
        _ => Dialect::Csv(reading.delimiter.or_else(|| sniff_delimiter(head)).unwrap_or(b',')),
    };
    say_how_read(&name, decoding, kind, dialect, reading);
    Ok(Input { name, reader, size, kind, dialect })
}

/// The first bytes of an input (up to 64 KB, fewer at its end), to tell its format by, and the
/// input with them put back.
fn peek(mut input: impl Read + 'static) -> std::io::Result<(Vec<u8>, Box<dyn BufRead>)> {
    let mut head = Vec::new();
    (&mut input).take(1 << 16).read_to_end(&mut head)?;
    let whole = std::io::Cursor::new(head.clone()).chain(input);
    Ok((head, Box::new(BufReader::with_capacity(1 << 16, whole))))
}

/// The encoding of a text that looks like UTF-16 without its byte-order mark: Latin letters
/// with a NUL byte after (little-endian) or before (big-endian) each.
fn utf16_without_mark(head: &[u8]) -> Option<&'static str> {
    let pairs: Vec<&[u8]> = head.chunks_exact(2).take(64).collect();
    let latin = |b: u8| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    if pairs.len() < 2 {
        None
    } else if pairs.iter().all(|p| latin(p[0]) && p[1] == 0) {
        Some("utf-16le")
    } else if pairs.iter().all(|p| p[0] == 0 && latin(p[1])) {
        Some("utf-16be")
    } else {
        None
    }
}

/// Say how an input is read when that is not plain UTF-8 and commas.
fn say_how_read(name: &str, decoding: Decoding, kind: InputKind, dialect: Dialect, reading: &Reading) {
    let mut how = Vec::new();
    if !decoding.is_default() {
        let why = if decoding.by_mark { "by its byte-order mark" } else { "--encoding" };
        how.push(format!("as {} ({why})", decoding.name()));
    }
    if let (InputKind::Csv, Dialect::Csv(byte)) = (kind, dialect)
        && byte != b','
    {
        let what = match byte {
            b';' => "semicolons".to_string(),
            b'\t' => "tabs".to_string(),
            other => format!("\"{}\"", other as char),
        };
        let why = if reading.delimiter.is_some() { "--delimiter" } else { "found in the header" };
        how.push(format!("fields separated by {what} ({why})"));
    }
    if !how.is_empty() {
        eprintln!("{name}: reading {}", how.join(", "));
    }
}

pub fn run(ctx: &mut Ctx, args: ImportArgs) -> Result<()> {
    let writing = Writing { policy: args.on_conflict, allow_duplicates: args.allow_duplicates, dry_run: args.dry_run };
    let overrides: Vec<(String, Field)> =
        args.maps.iter().map(|m| parse_mapping(m, args.relations).map_err(|e| anyhow!(e))).collect::<Result<_>>()?;
    let reading = Reading {
        from: args.from.map(InputKind::named),
        delimiter: args.delimiter.as_deref().map(parse_delimiter).transpose()?,
        encoding: args.encoding.as_deref().map(encoding::by_label).transpose().map_err(|e| anyhow!(e))?,
        max_document: args.max_document_mb.saturating_mul(1 << 20),
        options: ReadOptions { overrides, relations: args.relations, raw: args.raw },
    };
    for file in &args.files {
        // `import json FILE` named the format once; a format word is not a file name.
        let format_word = !file.contains(['.', '/']) && InputKind::from_extension(&format!("x.{file}")).is_some();
        if format_word && !Path::new(file).exists() {
            bail!("there is no file \"{file}\": to name the input format, write --from {file}");
        }
    }
    if args.files.iter().filter(|f| *f == "-").count() > 1 {
        bail!("standard input (-) can be read only once");
    }
    if let [file] = args.files.as_slice() {
        return import_file(ctx, file, &reading, &writing);
    }
    // Several files: each is its own transaction, and each one's outcome is said.
    let mut failed = Vec::new();
    for file in &args.files {
        if let Err(e) = import_file(ctx, file, &reading, &writing) {
            eprintln!("{}", super::errors::message(&e));
            failed.push(file.as_str());
        }
    }
    if !failed.is_empty() {
        let imported = args.files.len() - failed.len();
        bail!(
            "{} of {} not imported ({}): nothing of {} was written; {}",
            failed.len(),
            count(args.files.len() as i64, "file"),
            failed.join(", "),
            if failed.len() == 1 { "it" } else { "them" },
            match imported {
                0 => "no file was imported".to_string(),
                1 => "the other file was".to_string(),
                _ => format!("the other {imported} were"),
            }
        );
    }
    Ok(())
}

/// How the rows are written: what to do with rows already here, and whether to write at all.
#[derive(Clone, Copy)]
struct Writing {
    policy: OnConflict,
    allow_duplicates: bool,
    dry_run: bool,
}

fn import_file(ctx: &mut Ctx, file: &str, reading: &Reading, writing: &Writing) -> Result<()> {
    let input = open_input(file, reading)?;
    let options = &reading.options;
    if options.relations && !matches!(input.kind, InputKind::Csv | InputKind::Tsv | InputKind::JsonLines) {
        bail!("--relations reads CSV, TSV or JSON lines with columns from, kind, to and note");
    }
    if !options.overrides.is_empty() && !matches!(input.kind, InputKind::Csv | InputKind::Tsv | InputKind::JsonLines) {
        bail!("--map applies to CSV, TSV and JSON lines, whose columns it renames");
    }
    match input.kind {
        InputKind::Database => {
            if file == "-" {
                bail!("a claimtrack database cannot be read from standard input: give its path");
            }
            let mut other = SqliteStorage::copy_into_memory(Path::new(file)).map_err(|e| match e {
                // The store's words for these speak of --db, the database being written to.
                StoreError::Foreign => anyhow!(
                    "{}: a SQLite database, but not a claimtrack one: export what you need from it as CSV and import that",
                    input.name
                ),
                StoreError::NotADatabase => anyhow!(
                    "{}: not a SQLite database; without --from db, claimtrack tells CSV, TSV and JSON by their contents",
                    input.name
                ),
                e @ StoreError::CannotOpen { .. } => e.into(),
                e => anyhow::Error::from(e).context(input.name.clone()),
            })?;
            // The story's settings travel with it: moving a story loses nothing.
            let (document, settings) = store::read(&mut other, |txn| Ok((read_document(txn)?, txn.settings()?)))?;
            merge(ctx, &input.name, &document, &settings, writing.policy, writing.dry_run)
        }
        InputKind::Document => {
            let name = input.name.clone();
            let document = parse_document(input, reading.max_document)?;
            merge(ctx, &name, &document, &[], writing.policy, writing.dry_run)
        }
        InputKind::Csv | InputKind::Tsv | InputKind::JsonLines => {
            let rows = RowSource::open(input.reader, input.kind, input.dialect, options)
                .map_err(|e| anyhow!("{}: {e}", input.name))?;
            bulk(ctx, &input.name, input.size, rows, options.relations, writing)
        }
    }
}

/// A JSON document read straight from the stream (no copy of its text is held), at most
/// `limit` bytes of it.
fn parse_document(input: Input, limit: u64) -> Result<Document> {
    // serde_json reads a byte at a time: a buffer of its own right under it keeps that cheap.
    let mut bounded = BufReader::with_capacity(1 << 16, Bounded::new(input.reader, limit));
    match serde_json::from_reader(&mut bounded) {
        Ok(document) => Ok(document),
        Err(_) if bounded.get_ref().exceeded() => bail!(
            "{}: a JSON document over {}; is this really a claimtrack export? (--max-document-mb raises the limit)",
            input.name,
            megabytes(limit)
        ),
        Err(e) if e.is_io() => Err(anyhow!(e)).with_context(|| format!("cannot read {}", input.name)),
        // serde_json's words for a byte that is not UTF-8 inside a string.
        Err(e) if e.to_string().starts_with("invalid unicode code point") => bail!(
            "{}: not UTF-8 text (line {}, column {}): save it as UTF-8, or name its encoding with --encoding",
            input.name,
            e.line(),
            e.column()
        ),
        Err(e) => bail!("{}: not a claimtrack JSON document: {e}", input.name),
    }
}

/// Rows from any of the line-oriented formats.
enum RowSource {
    Delimited(DelimitedRows<Box<dyn BufRead>>),
    Lines(JsonLines<Box<dyn BufRead>>),
}

impl RowSource {
    fn open(
        reader: Box<dyn BufRead>,
        kind: InputKind,
        dialect: Dialect,
        options: &ReadOptions,
    ) -> Result<Self, RowError> {
        Ok(match kind {
            InputKind::JsonLines => RowSource::Lines(JsonLines::new(reader, options)),
            _ => RowSource::Delimited(DelimitedRows::open(reader, dialect, options)?),
        })
    }

    fn next_claim(&mut self) -> Option<Result<ClaimRow, Vec<RowError>>> {
        match self {
            RowSource::Delimited(rows) => rows.next_claim(),
            RowSource::Lines(rows) => rows.next_claim(),
        }
    }

    fn next_relation(&mut self) -> Option<Result<RelationRow, Vec<RowError>>> {
        match self {
            RowSource::Delimited(rows) => rows.next_relation(),
            RowSource::Lines(rows) => rows.next_relation(),
        }
    }

    fn bytes_read(&self) -> u64 {
        match self {
            RowSource::Delimited(rows) => rows.bytes_read(),
            RowSource::Lines(rows) => rows.bytes_read(),
        }
    }

    /// Columns (or JSON keys) that no field takes.
    fn unknown_columns(&self) -> UnknownNames {
        match self {
            RowSource::Delimited(rows) => {
                let mut unknown = UnknownNames::default();
                rows.columns().unknown_columns().into_iter().for_each(|c| unknown.add(c));
                unknown
            }
            RowSource::Lines(rows) => rows.unknown_keys.clone(),
        }
    }

    fn finish(&self) -> Result<(), RowError> {
        match self {
            RowSource::Delimited(rows) => rows.finish(),
            RowSource::Lines(_) => Ok(()),
        }
    }
}

/// Faults found so far: the first few kept for showing, the rest counted.
#[derive(Default)]
struct Faults {
    shown: Vec<RowError>,
    total: usize,
}

impl Faults {
    fn add(&mut self, errors: impl IntoIterator<Item = RowError>) {
        for error in errors {
            self.total += 1;
            if self.shown.len() < SHOWN_ERRORS {
                self.shown.push(error);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// List the faults on standard error and return the one-line error that ends the command.
    fn report(&self, name: &str) -> anyhow::Error {
        for error in &self.shown {
            eprintln!("{name}: {error}");
        }
        if self.total > self.shown.len() {
            let more = self.total - self.shown.len();
            eprintln!("{name}: ... and {more} more {}", plural(more as i64, "problem"));
        }
        anyhow!("{name}: {} found; nothing was imported", count(self.total as i64, "problem"))
    }
}

fn warn_unknown_columns(name: &str, unknown: &UnknownNames) {
    if !unknown.is_empty() {
        eprintln!(
            "warning: {name}: {} {} not imported: no claim field has that name (map one with --map COLUMN=FIELD)",
            unknown.describe(),
            if unknown.len() == 1 { "is" } else { "are" }
        );
    }
}

fn bulk(
    ctx: &mut Ctx,
    name: &str,
    size: Option<u64>,
    mut rows: RowSource,
    relations: bool,
    writing: &Writing,
) -> Result<()> {
    let Writing { policy, allow_duplicates, dry_run } = *writing;
    if let RowSource::Delimited(_) = rows {
        warn_unknown_columns(name, &rows.unknown_columns());
    }
    let mut progress = Progress::new(size);
    let outcome = ctx.with_storage_or_scratch(dry_run, |storage| {
        storage.prepare_for_bulk()?;
        let (report, faults, unknown) = store::write_if(storage, |txn| {
            let mut faults = Faults::default();
            let mut rows_seen = 0u64;
            let report = if relations {
                let mut report = BulkReport::default();
                while let Some(row) = rows.next_relation() {
                    rows_seen += 1;
                    // Every row is looked up (that only reads), so every fault is named; after
                    // the first one nothing more is written.
                    match row {
                        Ok(row) => match relation_of_row(txn, &row)? {
                            Ok(edge) if faults.is_empty() => {
                                import_relation(txn, edge, row.note.as_deref(), &mut report)?
                            }
                            Ok(_) => {}
                            Err(fault) => faults.add([fault]),
                        },
                        Err(errors) => faults.add(errors),
                    }
                    progress.set(rows.bytes_read());
                }
                report
            } else {
                // About 200 bytes a row, as claim spreadsheets go; only a hint for how to load.
                let expected_rows = size.map_or(0, |bytes| bytes / 200);
                let mut importer = ClaimImporter::new(txn, policy, allow_duplicates, name, expected_rows)?;
                while let Some(row) = rows.next_claim() {
                    rows_seen += 1;
                    match row {
                        // After the first fault nothing more is written; reading goes on to find the rest.
                        Ok(row) if faults.is_empty() => faults.add(importer.add(row)?),
                        Ok(_) => {}
                        Err(errors) => faults.add(errors),
                    }
                    if rows_seen.is_multiple_of(256) {
                        progress.set(rows.bytes_read());
                    }
                }
                progress.phase("indexing the new claims");
                let (report, dangling) = importer.finish()?;
                faults.add(dangling);
                report
            };
            let unknown = rows.unknown_columns();
            if let Err(fault) = rows.finish() {
                faults.add([fault]);
            }
            if rows_seen == 0 && faults.is_empty() {
                faults.add([RowError::line(2, "there are no rows after the header: nothing to import")]);
            }
            let keep = faults.is_empty() && !dry_run;
            Ok(((report, faults, unknown), keep))
        })?;
        progress.finish();
        if matches!(rows, RowSource::Lines(_)) {
            warn_unknown_columns(name, &unknown);
        }
        // Failing inside `with_storage` lets a database this import created go away again.
        if !faults.is_empty() {
            return Err(faults.report(name));
        }
        Ok(report)
    });
    let report = outcome?;
    for (new, existing) in report.similar_actors.iter().take(5) {
        eprintln!("{}", look_alike("actor", new, existing));
    }
    if report.similar_actors.len() > 5 {
        eprintln!("warning: ... and {} more new actors that look like existing ones", report.similar_actors.len() - 5);
    }
    let seconds = progress.seconds();
    let verb = if dry_run { "dry run, nothing written: would import" } else { "imported" };
    if relations {
        eprintln!(
            "{verb} {name}: {} added, {} already there; {seconds:.2} s",
            count(report.relations_added as i64, "relation"),
            report.relations_skipped
        );
    } else {
        let linked = if report.relations_added > 0 {
            format!(", {}", count(report.relations_added as i64, "relation"))
        } else {
            String::new()
        };
        eprintln!(
            "{verb} {name}: {} added, {} already here, {} updated; {}, {}{linked}; {seconds:.2} s",
            count(report.added as i64, "claim"),
            report.identical,
            report.updated,
            count(report.new_actors as i64, "new actor"),
            count(report.new_sources as i64, "new source")
        );
        if report.duplicates > 0 {
            eprintln!(
                "note: {} left out: {} exactly what a stored claim says (text, actor, source, date); `--allow-duplicates` keeps them",
                count(report.duplicates as i64, "row"),
                if report.duplicates == 1 { "it says" } else { "each says" }
            );
        }
        if report.skipped > 0 {
            eprintln!(
                "note: {} already here with other content kept as they were; `--on-conflict update` applies the file's",
                count(report.skipped as i64, "claim")
            );
        }
    }
    Ok(())
}

/// Merge a whole document (from `export json` or another database, with its settings).
fn merge(
    ctx: &mut Ctx,
    name: &str,
    document: &Document,
    settings: &[(String, String)],
    policy: OnConflict,
    dry_run: bool,
) -> Result<()> {
    let report = ctx
        .with_storage_or_scratch(dry_run, |storage| {
            store::write_if(storage, |txn| {
                let mut report = merge_document(txn, document, policy, name)?;
                merge_settings(txn, settings, policy, &mut report)?;
                Ok((report, !dry_run))
            })
        })
        .with_context(|| name.to_string())?;
    print_report(name, &report, dry_run);
    Ok(())
}

pub fn print_report(what: &str, report: &MergeReport, dry_run: bool) {
    let a = &report.added;
    let verb = if dry_run { "dry run, nothing written: would import" } else { "imported" };
    let settings = if a.settings > 0 { format!(", {}", count(a.settings as i64, "setting")) } else { String::new() };
    eprintln!(
        "{verb} {what}: added {}, {}, {}, {}{settings}; {} already here; {} updated; {}",
        count(a.claims as i64, "claim"),
        count(a.actors as i64, "actor"),
        count(a.sources as i64, "source"),
        count(a.relations as i64, "relation"),
        report.identical.total(),
        report.updated.total(),
        count(report.conflicts.len() as i64, "conflict")
    );
    for conflict in report.conflicts.iter().take(SHOWN_ERRORS) {
        eprintln!("  kept local {} {}: {}", conflict.what, conflict.uid, conflict.detail);
    }
    if report.conflicts.len() > SHOWN_ERRORS {
        eprintln!("  ... and {} more", count((report.conflicts.len() - SHOWN_ERRORS) as i64, "conflict"));
    }
    if !report.conflicts.is_empty() {
        eprintln!("  (use --on-conflict update to take the incoming versions)");
    }
}

#[cfg(test)]
mod tests {
    use super::InputKind;

    #[test]
    fn formats_are_sniffed_from_the_first_bytes() {
        assert_eq!(InputKind::sniff(b"SQLite format 3\0rest"), Some(InputKind::Database));
        assert_eq!(InputKind::sniff(b"{\n  \"claimtrack\": 1"), Some(InputKind::Document));
        assert_eq!(InputKind::sniff(b"{\"claimtrack\": 1, \"claims\": {}}\n"), Some(InputKind::Document));
        assert_eq!(InputKind::sniff(b"{\"text\": \"x\", \"actor\": \"y\"}\n{"), Some(InputKind::JsonLines));
        assert_eq!(InputKind::sniff(b"\xEF\xBB\xBFtext,actor\n"), Some(InputKind::Csv));
        assert_eq!(InputKind::sniff(b"text\tactor\n"), Some(InputKind::Tsv));
        assert_eq!(InputKind::sniff(b"[1,2]"), None);
        assert_eq!(InputKind::sniff(b""), None);
    }
}
