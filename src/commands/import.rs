//! `import`: claims from CSV, TSV and JSON lines; relations; claimtrack JSON documents; and
//! another claimtrack database. Always one transaction: on any fault nothing is written.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use super::Ctx;
use crate::cli::ImportArgs;
use crate::import::delimited::{DelimitedRows, Delimiter};
use crate::import::jsonl::JsonLines;
use crate::import::{ClaimRow, Field, RelationRow, RowError, parse_mapping};
use crate::progress::Progress;
use crate::render::Format;
use crate::store::{BulkReport, ClaimImporter, Db, Document, MergeReport, OnConflict, read_other_database};

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
    fn from_word(word: &str) -> Result<InputKind> {
        Ok(match word.to_lowercase().as_str() {
            "csv" => InputKind::Csv,
            "tsv" | "tab" => InputKind::Tsv,
            "jsonl" | "ndjson" => InputKind::JsonLines,
            "json" => InputKind::Document,
            "db" | "sqlite" => InputKind::Database,
            other => bail!("cannot import format \"{other}\": use csv, tsv, jsonl, json or db"),
        })
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
        if head.starts_with(b"SQLite format 3\0") {
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

/// The input, buffered, with what is known of its size for the progress bar.
struct Input {
    name: String,
    reader: Box<dyn BufRead>,
    size: Option<u64>,
}

fn open_input(file: &str) -> Result<Input> {
    if file == "-" {
        return Ok(Input {
            name: "standard input".into(),
            reader: Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
            size: None,
        });
    }
    let handle = File::open(file).with_context(|| format!("cannot read {file}"))?;
    let size = handle.metadata().ok().map(|m| m.len());
    Ok(Input { name: file.to_string(), reader: Box::new(BufReader::with_capacity(1 << 16, handle)), size })
}

pub fn run(ctx: &mut Ctx, args: ImportArgs) -> Result<()> {
    let (word, file) = match args.args.as_slice() {
        [file] => (None, file.as_str()),
        [word, file] => (Some(word.as_str()), file.as_str()),
        _ => bail!("import takes one file (or a format and a file: `import csv FILE`)"),
    };
    let policy = match args.on_conflict.as_str() {
        "skip" => OnConflict::Skip,
        "update" => OnConflict::Update,
        "fail" => OnConflict::Fail,
        other => bail!("unknown --on-conflict \"{other}\": use skip, update or fail"),
    };
    let overrides: Vec<(String, Field)> =
        args.maps.iter().map(|m| parse_mapping(m, args.relations).map_err(|e| anyhow!(e))).collect::<Result<_>>()?;
    let named = match (word, ctx.format_given()) {
        (Some(word), _) => Some(InputKind::from_word(word)?),
        (None, Some(Format::Csv)) => Some(InputKind::Csv),
        (None, Some(Format::Tsv)) => Some(InputKind::Tsv),
        (None, Some(Format::Jsonl)) => Some(InputKind::JsonLines),
        (None, Some(Format::Json)) => Some(InputKind::Document),
        (None, Some(other)) => {
            let name = clap::ValueEnum::to_possible_value(&other).map(|v| v.get_name().to_string()).unwrap_or_default();
            bail!("cannot import --format {name}: use --format csv, tsv, jsonl or json")
        }
        (None, None) => None,
    };

    let mut input = open_input(file)?;
    let head = input.reader.fill_buf().with_context(|| format!("cannot read {}", input.name))?.to_vec();
    let kind = match named.or_else(|| InputKind::from_extension(file)) {
        // A SQLite file is one whatever its name says.
        _ if head.starts_with(b"SQLite format 3\0") => InputKind::Database,
        Some(kind) => kind,
        None => match InputKind::sniff(&head) {
            Some(kind) => kind,
            None if head.is_empty() => bail!("{}: the input is empty", input.name),
            None => bail!("cannot tell the format of {}: say --format csv, tsv, jsonl or json", input.name),
        },
    };
    if args.relations && !matches!(kind, InputKind::Csv | InputKind::Tsv | InputKind::JsonLines) {
        bail!("--relations reads CSV, TSV or JSON lines with columns from, kind, to and note");
    }
    if !overrides.is_empty() && !matches!(kind, InputKind::Csv | InputKind::Tsv | InputKind::JsonLines) {
        bail!("--map applies to CSV, TSV and JSON lines, whose columns it renames");
    }

    match kind {
        InputKind::Database => {
            if file == "-" {
                bail!("a claimtrack database cannot be read from standard input: give its path");
            }
            let document = read_other_database(Path::new(file))?;
            merge(ctx, &input.name, &document, policy, args.dry_run)
        }
        InputKind::Document => {
            let mut bytes = Vec::new();
            input.reader.read_to_end(&mut bytes).with_context(|| format!("cannot read {}", input.name))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                anyhow!("{}: not UTF-8 text (invalid byte at offset {})", input.name, e.utf8_error().valid_up_to())
            })?;
            let document: Document = serde_json::from_str(&text)
                .map_err(|e| anyhow!("{}: not a claimtrack JSON document: {e}", input.name))?;
            merge(ctx, &input.name, &document, policy, args.dry_run)
        }
        InputKind::Csv | InputKind::Tsv | InputKind::JsonLines => {
            let rows = RowSource::open(input.reader, kind, &overrides, args.relations)
                .map_err(|e| anyhow!("{}: {e}", input.name))?;
            bulk(ctx, &input.name, input.size, rows, policy, args.relations, args.dry_run)
        }
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
        overrides: &[(String, Field)],
        relations: bool,
    ) -> Result<Self, RowError> {
        Ok(match kind {
            InputKind::JsonLines => RowSource::Lines(JsonLines::new(reader, overrides, relations)),
            InputKind::Tsv => RowSource::Delimited(DelimitedRows::open(reader, Delimiter::Tab, overrides, relations)?),
            _ => RowSource::Delimited(DelimitedRows::open(reader, Delimiter::Comma, overrides, relations)?),
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
    fn unknown_columns(&self) -> Vec<String> {
        match self {
            RowSource::Delimited(rows) => rows.columns().unknown_columns().into_iter().map(String::from).collect(),
            RowSource::Lines(rows) => rows.unknown_keys.iter().cloned().collect(),
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
            eprintln!("{name}: ... and {} more problem(s)", self.total - self.shown.len());
        }
        anyhow!("{name}: {} problem(s) found; nothing was imported", self.total)
    }
}

fn warn_unknown_columns(name: &str, columns: &[String]) {
    if columns.is_empty() {
        return;
    }
    let listed: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    eprintln!(
        "warning: {name}: {} {} not imported: no claim field has that name (map one with --map COLUMN=FIELD)",
        listed.join(", "),
        if columns.len() == 1 { "is" } else { "are" }
    );
}

fn bulk(
    ctx: &mut Ctx,
    name: &str,
    size: Option<u64>,
    mut rows: RowSource,
    policy: OnConflict,
    relations: bool,
    dry_run: bool,
) -> Result<()> {
    if let RowSource::Delimited(_) = rows {
        warn_unknown_columns(name, &rows.unknown_columns());
    }
    let mut progress = Progress::new(size);
    let outcome = ctx.with_store(|store| {
        store.prepare_for_bulk()?;
        let (report, faults, unknown) = store.write_if(|db| {
            let mut faults = Faults::default();
            let mut rows_seen = 0u64;
            let report = if relations {
                let mut report = BulkReport::default();
                while let Some(row) = rows.next_relation() {
                    rows_seen += 1;
                    match row {
                        Ok(row) if faults.is_empty() => {
                            if let Err(fault) = db.import_relation(&row, &mut report)? {
                                faults.add([fault]);
                            }
                        }
                        Ok(_) => {}
                        Err(errors) => faults.add(errors),
                    }
                    progress.set(rows.bytes_read());
                }
                report
            } else {
                // About 200 bytes a row, as claim spreadsheets go; only a hint for how to load.
                let expected_rows = size.map_or(0, |bytes| bytes / 200);
                let mut importer = ClaimImporter::new(db, policy, name, expected_rows)?;
                while let Some(row) = rows.next_claim() {
                    rows_seen += 1;
                    match row {
                        // After the first fault nothing more is written; reading goes on to find the rest.
                        Ok(row) if faults.is_empty() => {
                            if let Err(fault) = importer.add(&row)? {
                                faults.add([fault]);
                            }
                        }
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
        // Failing inside `with_store` lets a database this import created go away again.
        if !faults.is_empty() {
            return Err(faults.report(name));
        }
        Ok(report)
    });
    let report = outcome?;
    for (new, existing) in report.similar_actors.iter().take(5) {
        eprintln!(
            "warning: new actor \"{new}\" looks like existing actor \"{existing}\" (merge them with `claimtrack actor merge`)"
        );
    }
    if report.similar_actors.len() > 5 {
        eprintln!("warning: ... and {} more new actors that look like existing ones", report.similar_actors.len() - 5);
    }
    let seconds = progress.seconds();
    let verb = if dry_run { "dry run, nothing written: would import" } else { "imported" };
    if relations {
        eprintln!(
            "{verb} {name}: {} relations added, {} already there; {seconds:.2} s",
            report.relations_added, report.relations_skipped
        );
    } else {
        let linked =
            if report.relations_added > 0 { format!(", {} relations", report.relations_added) } else { String::new() };
        eprintln!(
            "{verb} {name}: {} claims added, {} skipped, {} updated; {} new actors, {} new sources{linked}; {seconds:.2} s",
            report.added, report.skipped, report.updated, report.new_actors, report.new_sources
        );
    }
    Ok(())
}

/// Merge a whole document (from `export json` or another database).
fn merge(ctx: &mut Ctx, name: &str, document: &Document, policy: OnConflict, dry_run: bool) -> Result<()> {
    let report = ctx
        .with_store(|store| {
            store.write_if(|db: &Db| {
                let report = db.merge_document(document, policy)?;
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
    eprintln!(
        "{verb} {what}: added {} claims, {} actors, {} sources, {} relations; {} already here; {} updated; {} conflicts",
        a.claims,
        a.actors,
        a.sources,
        a.relations,
        report.identical.total(),
        report.updated.total(),
        report.conflicts.len()
    );
    for conflict in report.conflicts.iter().take(SHOWN_ERRORS) {
        eprintln!("  kept local {} {}: {}", conflict.what, conflict.uid, conflict.detail);
    }
    if report.conflicts.len() > SHOWN_ERRORS {
        eprintln!("  ... and {} more conflicts", report.conflicts.len() - SHOWN_ERRORS);
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
