//! The command line, as clap derive definitions. Closed choices (modes, verdicts, relation kinds,
//! export targets, conflict policies) are checked by clap, so a wrong word is a usage error (exit
//! 2); values with rules of their own (dates) are checked by the commands.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use crate::commands::completions::{actor_names, source_keys};

use crate::model::{Mode, RelationKind, Setting, Verdict};
use crate::ops::merge::OnConflict;
use crate::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "claimtrack",
    version,
    about = "Track who claimed what, where and when, and which claims contradict each other",
    after_help = "Start with `claimtrack demo`, or `claimtrack init` and `claimtrack add --help`."
)]
pub struct Cli {
    /// The claims database: a file's path, or a postgres:// URL [default: ./claims.db]
    #[arg(long, global = true, env = "CLAIMTRACK_DB", value_name = "LOCATION")]
    pub db: Option<String>,

    /// How listings print (list, show, search, disputes, history, lint, verify, extract, actor and
    /// source list/show); other commands refuse it [default: table on a terminal, tsv when piped]
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Who the history records as making changes [default: your login name]
    #[arg(long, global = true, env = "CLAIMTRACK_USER", value_name = "NAME")]
    pub user: Option<String>,

    /// Never page output on a terminal [pager: $CLAIMTRACK_PAGER, else $PAGER, else `less -FRX`]
    #[arg(long, global = true)]
    pub no_pager: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty claims database
    Init,
    /// Add, list, show, edit or remove sources
    #[command(subcommand)]
    Source(SourceCommand),
    /// Add, list, show, edit, remove or merge actors
    #[command(subcommand)]
    Actor(ActorCommand),
    /// Log a claim; prints its id
    Add(AddArgs),
    /// List claims
    List(ListArgs),
    /// Show one claim with its actor, source, tags and relations
    Show {
        #[arg(value_parser = parse_claim_id)]
        id: i64,
    },
    /// Change a claim
    Edit(EditArgs),
    /// Remove a claim and its relations
    Rm {
        #[arg(value_parser = parse_claim_id)]
        id: i64,
    },
    /// Relate two claims: claimtrack link 3 contradicts 7
    Link(LinkArgs),
    /// Remove a relation: claimtrack unlink 3 contradicts 7
    Unlink(UnlinkArgs),
    /// Show contested claims side by side
    Disputes(DisputesArgs),
    /// Full-text search over claim text, quotes and notes
    Search(SearchArgs),
    /// Write claims for other tools: csv, xlsx, json, jsonl, claimreview, dot, mermaid, markdown
    Export(ExportArgs),
    /// Read claims from CSV, TSV, JSON lines, a JSON document or another claimtrack database
    Import(ImportArgs),
    /// Write the story as one self-contained HTML page for editors
    Report(ReportArgs),
    /// Check the story before publication; exit 1 when an error-level finding remains
    Lint(LintArgs),
    /// What changed, newest first: everything, or one claim's history
    History {
        /// A claim id
        #[arg(value_parser = parse_claim_id)]
        id: Option<i64>,
        #[arg(long, default_value_t = 50, value_name = "N", value_parser = parse_limit)]
        limit: u64,
    },
    /// Bring back a deleted claim with its tags and relations
    Restore {
        #[arg(value_parser = parse_claim_id)]
        id: i64,
    },
    /// Check the database: SQLite's integrity and foreign keys, and the full-text index
    Check {
        /// Rebuild the full-text index if it is out of step
        #[arg(long)]
        repair: bool,
    },
    /// Copy the database to FILE, safely while others write to it
    Backup { file: PathBuf },
    /// Propose the attributed claims in an article's text
    Extract(ExtractArgs),
    /// Check that every direct quotation still appears word for word in its source's text
    Verify {
        /// Only claims from this source
        #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(source_keys))]
        source: Option<String>,
    },
    /// List, rename or merge tags
    #[command(subcommand)]
    Tag(TagCommand),
    /// Settings kept in the database (reviewer, url-base for export claimreview)
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Load the seed story into a new database and show its disputes
    Demo,
    /// Print a shell's completion script: commands, options, their values, and the actor names
    /// and source keys in the database being completed
    #[command(after_help = "Load it when the shell starts, so that it always matches this claimtrack:\n  \
        bash: echo 'source <(claimtrack completions bash)' >> ~/.bashrc\n  \
        zsh:  echo 'source <(claimtrack completions zsh)' >> ~/.zshrc\n  \
        fish: echo 'claimtrack completions fish | source' >> ~/.config/fish/config.fish")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a command's manual page as roff, or install every page with --install DIR
    #[command(after_help = "Examples:\n  claimtrack man export | man -l -\n  \
        claimtrack man --install ~/.cargo/share/man   # beside ~/.cargo/bin: then `man claimtrack-list`")]
    Man {
        /// The command, e.g. `export` or `source add` [default: claimtrack itself]
        command: Vec<String>,
        /// Write every command's page into DIR/man1 (claimtrack.1, claimtrack-list.1, ...)
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        install: Option<PathBuf>,
    },
}

/// Where `-o` writes: a file, or standard output for `-` (the default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
}

impl Output {
    /// The file to write, or `None` for standard output.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Output::Stdout => None,
            Output::File(path) => Some(path),
        }
    }
}

pub fn parse_output(text: &str) -> Result<Output, String> {
    match text {
        "-" => Ok(Output::Stdout),
        "" => Err("give a file name, or - for standard output".into()),
        path => Ok(Output::File(PathBuf::from(path))),
    }
}

/// Claim ids are typed as `7` or `#7`.
pub fn parse_claim_id(text: &str) -> Result<i64, String> {
    text.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| format!("\"{text}\" is not a claim id (a number such as 7 or #7)"))
}

/// `--limit 0` would show nothing and then say there was nothing to show.
pub fn parse_limit(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("\"{text}\" is not a limit (a number of at least 1)"))
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add a source under a short key, e.g. ap-2024-01-27
    Add {
        key: String,
        #[command(flatten)]
        fields: SourceFieldArgs,
    },
    /// List sources
    List,
    /// Show a source
    Show {
        #[arg(add = ArgValueCandidates::new(source_keys))]
        key: String,
    },
    /// Change a source (an empty value clears a field)
    Edit {
        #[arg(add = ArgValueCandidates::new(source_keys))]
        key: String,
        /// A new key
        #[arg(long = "key", value_name = "NEW_KEY")]
        new_key: Option<String>,
        #[command(flatten)]
        fields: SourceFieldArgs,
        /// The full text may be published again (undoes --private-text)
        #[arg(long, conflicts_with = "private_text")]
        public_text: bool,
    },
    /// Remove a source no claim cites
    Rm {
        #[arg(add = ArgValueCandidates::new(source_keys))]
        key: String,
    },
}

#[derive(Debug, Args, Default)]
pub struct SourceFieldArgs {
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub publisher: Option<String>,
    /// Publication date: YYYY-MM-DD, YYYY-MM or YYYY
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// When you read it: YYYY-MM-DD, YYYY-MM or YYYY
    #[arg(long, value_name = "DATE")]
    pub accessed: Option<String>,
    /// article, transcript, statement, post, report, ...
    #[arg(long)]
    pub kind: Option<String>,
    /// A file holding the source's full text (for quote checks)
    #[arg(long, value_name = "FILE")]
    pub text_file: Option<PathBuf>,
    /// The full text is the desk's alone: `--redact` outputs leave it out
    #[arg(long)]
    pub private_text: bool,
}

#[derive(Debug, Subcommand)]
pub enum ActorCommand {
    /// Add an actor
    Add {
        name: String,
        /// person, organisation, government, group, collective, unnamed, ...
        #[arg(long)]
        kind: Option<String>,
        /// Another name for the actor (repeatable)
        #[arg(long = "alias", value_name = "NAME")]
        aliases: Vec<String>,
        /// The actor this one belongs to
        #[arg(long, value_name = "ACTOR", add = ArgValueCandidates::new(actor_names))]
        affiliation: Option<String>,
        #[arg(long)]
        description: Option<String>,
        /// How its anonymous claims name it in public: "a senior U.S. official"
        #[arg(long, value_name = "WORDS")]
        public_name: Option<String>,
    },
    /// List actors with their claim counts
    List,
    /// Show an actor
    Show {
        #[arg(add = ArgValueCandidates::new(actor_names))]
        actor: String,
    },
    /// Change an actor (an empty value clears a field)
    Edit {
        #[arg(add = ArgValueCandidates::new(actor_names))]
        actor: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        description: Option<String>,
        /// How its anonymous claims name it in public ("" to clear)
        #[arg(long, value_name = "WORDS")]
        public_name: Option<String>,
        #[arg(long, value_name = "ACTOR", add = ArgValueCandidates::new(actor_names))]
        affiliation: Option<String>,
        /// Add an alias (repeatable)
        #[arg(long = "alias", value_name = "NAME")]
        aliases: Vec<String>,
        /// Remove an alias (repeatable)
        #[arg(long = "unalias", value_name = "NAME")]
        unaliases: Vec<String>,
    },
    /// Remove an actor with no claims
    Rm {
        #[arg(add = ArgValueCandidates::new(actor_names))]
        actor: String,
    },
    /// Move FROM's claims to INTO and keep FROM's name as an alias of INTO
    Merge {
        #[arg(add = ArgValueCandidates::new(actor_names))]
        from: String,
        #[arg(add = ArgValueCandidates::new(actor_names))]
        into: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// List the tags in use with how many claims carry each
    List,
    /// Rename a tag on every claim carrying it
    Rename { old: String, new: String },
    /// Put FROM's claims under INTO and remove FROM (each claim's history records it)
    Merge { from: String, into: String },
}

/// Settings are kept in the database, so they travel with the story to a colleague or a server.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Set a setting: claimtrack config set reviewer "Claims Desk"
    Set {
        #[arg(value_enum)]
        name: Setting,
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Print a setting's value
    Get {
        #[arg(value_enum)]
        name: Setting,
    },
    /// List the settings that are set
    List,
    /// Remove a setting
    Unset {
        #[arg(value_enum)]
        name: Setting,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// What was claimed, in your words
    #[arg(allow_hyphen_values = true)]
    pub text: String,
    /// Who claimed it (created if new)
    #[arg(long, value_name = "ACTOR", allow_hyphen_values = true, add = ArgValueCandidates::new(actor_names))]
    pub by: String,
    /// Where it was reported (a source key)
    #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(source_keys))]
    pub source: Option<String>,
    /// The verbatim words, when there are any
    #[arg(long, value_name = "WORDS", allow_hyphen_values = true)]
    pub quote: Option<String>,
    /// How it is attributed [default: direct with --quote, else paraphrase]
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<Mode>,
    /// When it was said: YYYY-MM-DD, YYYY-MM or YYYY
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Where in the source: paragraph, page, timestamp
    #[arg(long, value_name = "LOCATOR")]
    pub at: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The desk's verdict [default: unrated]
    #[arg(long, value_enum, ignore_case = true)]
    pub verdict: Option<Verdict>,
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
    /// The notes are the desk's alone: outputs for publication leave them out
    #[arg(long)]
    pub private_notes: bool,
}

/// The claim filters shared by list, export and disputes.
#[derive(Debug, Args, Default, Clone)]
pub struct FilterArgs {
    /// Claims by this actor (name or alias)
    #[arg(long, value_name = "ACTOR", add = ArgValueCandidates::new(actor_names))]
    pub by: Option<String>,
    /// Claims from this source
    #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(source_keys))]
    pub source: Option<String>,
    /// Claims with this tag (repeat for all of several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Claims attributed this way
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<Mode>,
    /// Claims with this verdict
    #[arg(long, value_enum, ignore_case = true)]
    pub verdict: Option<Verdict>,
    /// Stated on or after this date (a claim dated only by month or year counts from its first day)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Stated on or before this date (a month or year includes all of it)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only claims that something contradicts
    #[arg(long)]
    pub contested: bool,
    /// At most this many claims
    #[arg(long, value_name = "N", value_parser = parse_limit)]
    pub limit: Option<u64>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    #[arg(value_parser = parse_claim_id)]
    pub id: i64,
    #[arg(long, allow_hyphen_values = true)]
    pub text: Option<String>,
    #[arg(long, value_name = "ACTOR", add = ArgValueCandidates::new(actor_names))]
    pub by: Option<String>,
    /// A source key ("" to clear)
    #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(source_keys))]
    pub source: Option<String>,
    #[arg(long, value_name = "WORDS", allow_hyphen_values = true)]
    pub quote: Option<String>,
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<Mode>,
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    #[arg(long, value_name = "LOCATOR")]
    pub at: Option<String>,
    /// Add a tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Remove a tag (repeatable)
    #[arg(long = "untag", value_name = "TAG")]
    pub untags: Vec<String>,
    #[arg(long, value_enum, ignore_case = true)]
    pub verdict: Option<Verdict>,
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
    /// The notes are the desk's alone: outputs for publication leave them out
    #[arg(long)]
    pub private_notes: bool,
    /// The notes may be published again (undoes --private-notes)
    #[arg(long, conflicts_with = "private_notes")]
    pub public_notes: bool,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    #[arg(value_parser = parse_claim_id)]
    pub a: i64,
    #[arg(value_enum, ignore_case = true)]
    pub kind: RelationKind,
    #[arg(value_parser = parse_claim_id)]
    pub b: i64,
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct UnlinkArgs {
    #[arg(value_parser = parse_claim_id)]
    pub a: i64,
    #[arg(value_enum, ignore_case = true)]
    pub kind: RelationKind,
    #[arg(value_parser = parse_claim_id)]
    pub b: i64,
}

#[derive(Debug, Args)]
pub struct DisputesArgs {
    /// Disputes involving this actor
    #[arg(long, value_name = "ACTOR", add = ArgValueCandidates::new(actor_names))]
    pub by: Option<String>,
    /// Disputes involving this source
    #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(source_keys))]
    pub source: Option<String>,
    /// Disputes involving claims with this tag
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find: words (all of them; "attack" finds "attacks"), "a phrase", word* for words
    /// starting so, -word to leave claims out (after `--` when it comes first), a OR b for either.
    /// Several arguments are one search.
    /// `--raw` takes SQLite FTS5 syntax (AND, OR, NEAR, prefix*)
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub words: Vec<String>,
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = parse_limit)]
    pub limit: u64,
    /// Pass the query to FTS5 as it is
    #[arg(long)]
    pub raw: bool,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    /// Every field of every claim, for spreadsheets
    Csv,
    /// A workbook for editors: Claims, Disputes and Sources sheets
    #[value(alias = "excel")]
    Xlsx,
    /// claimtrack's JSON document: the whole story, for another claimtrack
    Json,
    /// One JSON object per claim and line
    #[value(alias = "ndjson")]
    Jsonl,
    /// schema.org ClaimReview markup for the claims with a verdict
    #[value(name = "claimreview")]
    ClaimReview,
    /// A Graphviz graph of the claims and their relations
    #[value(alias = "graphviz")]
    Dot,
    /// A Mermaid graph, fenced for Markdown
    Mermaid,
    /// A story memo: disputes side by side, then the claims
    #[value(alias = "md")]
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(value_enum, ignore_case = true)]
    pub what: ExportTarget,
    /// Write here, replaced whole and never half-written; - is standard output
    #[arg(short, long, value_name = "FILE", default_value = "-", value_parser = parse_output)]
    pub output: Output,
    /// csv: one row per contradicting pair, the two sides next to each other
    #[arg(long)]
    pub disputes: bool,
    /// csv: leave cells that start with = + - @ as they are
    #[arg(long)]
    pub raw: bool,
    /// csv: for Excel on Windows, which reads Arabic and accented names right only with a UTF-8
    /// byte-order mark; lines end in CRLF too (`import` reads the file back as it is)
    #[arg(long)]
    pub excel: bool,
    /// claimreview: the fact-checking organisation publishing the reviews [default: `claimtrack
    /// config get reviewer`]
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// claimreview: the page publishing the reviews; each gets the claim's uid as its anchor
    /// [default: `claimtrack config get url-base`; one of the two is required]
    #[arg(long, value_name = "URL")]
    pub url_base: Option<String>,
    /// dot, mermaid: draw more than 1,000 claims, a picture no one can read (narrow it with the
    /// filters instead)
    #[arg(long)]
    pub force: bool,
    /// For publication: anonymous claims' actors by their public name only, private notes and
    /// source texts left out (claimreview always is)
    #[arg(long)]
    pub redact: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the page here, replaced whole and never half-written; - is standard output
    #[arg(short, long, value_name = "FILE", default_value = "-", value_parser = parse_output)]
    pub output: Output,
    /// The page's title [default: from the database's file name]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// For publication: anonymous claims' actors by their public name only, private notes and
    /// source texts left out
    #[arg(long)]
    pub redact: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
#[command(after_help = crate::lint::rules_help())]
pub struct LintArgs {
    /// Turn a rule off for this run (repeatable); to accept one claim's finding for good, tag
    /// the claim lint-ok:RULE
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files to read (`-` for standard input): CSV, TSV, JSON lines, a JSON document from
    /// `export json`, or another claimtrack database. Each file is one transaction.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// The input format [default: from the file's extension, else its first bytes]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<InputFormat>,
    /// CSV's field delimiter: , ; tab or | [default: the one the header uses]
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// The text's encoding: utf-8, windows-1252, utf-16le, utf-16be, latin1, ... [default: UTF-8,
    /// or UTF-16 when a byte-order mark says so]
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Take CSV cells as written, keeping the apostrophe a spreadsheet-safe export puts before
    /// = + - @ (for files from `export csv --raw` or other programs)
    #[arg(long)]
    pub raw: bool,
    /// The largest JSON document to read, in MB
    #[arg(long, value_name = "MB", default_value_t = crate::import::limits::MAX_DOCUMENT_BYTES >> 20,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_document_mb: u64,
    /// When a row's uid is already here with other content: skip (keep yours), update, or fail
    #[arg(long, value_enum, value_name = "POLICY", default_value = "skip")]
    pub on_conflict: OnConflict,
    /// Keep rows without a uid that say exactly what a stored claim says (same text, actor,
    /// source and date); by default they are left out and counted
    #[arg(long)]
    pub allow_duplicates: bool,
    /// Read a column under another name: --map Sprecher=actor (repeatable)
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// The rows are relations (columns from, kind, to, note) between claims already here
    #[arg(long)]
    pub relations: bool,
    /// Check everything and say what would be added, without writing
    #[arg(long)]
    pub dry_run: bool,
}

/// What `import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Csv,
    Tsv,
    /// JSON lines: one claim object per line
    #[value(alias = "ndjson")]
    Jsonl,
    /// A JSON document from `export json`
    Json,
    /// Another claimtrack database
    #[value(alias = "sqlite")]
    Db,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The article (`-` for standard input), as plain UTF-8 text
    pub file: String,
    /// The source the article is: its text is stored on it, and accepted claims cite it
    #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(source_keys))]
    pub source: Option<String>,
    /// Walk through the proposals: accept, edit the text or speaker, skip, or quit
    #[arg(long, conflicts_with = "accept_all")]
    pub review: bool,
    /// Store every proposal as a claim
    #[arg(long)]
    pub accept_all: bool,
    /// Only proposals at least this sure, from 0 to 1 (the fraction of such proposals that were
    /// right on labelled articles; see the README)
    #[arg(long, value_name = "X", value_parser = parse_confidence, allow_negative_numbers = true)]
    pub min_confidence: Option<f32>,
}

/// `--min-confidence 0.8`: a number from 0 to 1.
fn parse_confidence(text: &str) -> Result<f32, String> {
    text.trim()
        .parse::<f32>()
        .ok()
        .filter(|x| (0.0..=1.0).contains(x))
        .ok_or_else(|| format!("\"{text}\" is not a confidence (a number from 0 to 1, such as 0.8)"))
}
