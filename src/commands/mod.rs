//! One file per command group. Each takes its parsed arguments, runs the policy in `ops` inside a
//! transaction of the store, and hands the rows to `render`; none of them knows SQL. How errors
//! read is decided once, in `errors`.

mod actors;
mod claims;
pub mod completions;
mod config;
mod database;
mod demo;
mod disputes;
pub mod errors;
mod export;
mod extract;
mod history;
mod import;
mod links;
mod lint;
mod man;
mod report;
pub(crate) mod search;
mod sources;
mod story;
mod tags;
mod verify;

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::{ActorCommand, Cli, Command, ConfigCommand, FilterArgs, SourceCommand, TagCommand};
use crate::dates::parse_date;
use crate::ops::filter::FilterNames;
use crate::render::Format;
use crate::scratch::{Purpose, Scratch};
use crate::store::{self, Create, Location, Storage, StoreError};

/// What every command gets: where the database is, how to print, and where to print it.
pub struct Ctx<'o> {
    pub location: Location,
    /// True when the location came from --db or CLAIMTRACK_DB rather than the default.
    pub location_given: bool,
    format: Option<Format>,
    /// Who the history records, when given (--user or CLAIMTRACK_USER).
    user: Option<String>,
    pub out: &'o mut dyn Write,
}

impl Ctx<'_> {
    /// The format asked for, else a table on a terminal and TSV in a pipe.
    pub fn format(&self) -> Format {
        self.format.unwrap_or_else(Format::default_for_stdout)
    }

    pub fn format_given(&self) -> Option<Format> {
        self.format
    }

    /// Open the database; with `Create::No`, it must exist already.
    pub fn open_at(&self, location: &Location, create: Create) -> Result<Box<dyn Storage>> {
        let mut storage = store::open(location, create).map_err(|err| match err {
            // These name the location themselves.
            StoreError::NotFound(_) | StoreError::CannotOpen { .. } => anyhow::Error::from(err),
            other => anyhow::Error::from(other).context(location.to_string()),
        })?;
        let user = match self.user.as_deref().map(str::trim) {
            Some("") => anyhow::bail!("--user (or CLAIMTRACK_USER) cannot be empty"),
            Some(user) => user.to_string(),
            None => login_name(),
        };
        storage.set_user(&user)?;
        if let (Some(asked), Some(recorded)) = (self.user.as_deref().map(str::trim), storage.recorded_user())
            && asked != recorded
        {
            eprintln!(
                "warning: --user {asked} is not used: on this server the history records your role, \"{recorded}\""
            );
        }
        Ok(storage)
    }

    /// Open an existing database: for commands that must not create one.
    pub fn open_existing(&self) -> Result<Box<dyn Storage>> {
        self.open_at(&self.location, Create::No)
    }

    /// Run `work` on the database, creating it if missing. When the file was created here and
    /// `work` fails, it is removed again: a failed first command leaves nothing behind.
    pub fn with_storage<T>(&self, work: impl FnOnce(&mut dyn Storage) -> Result<T>) -> Result<T> {
        self.with_storage_at(&self.location, work)
    }

    /// `with_storage` for a command that may only pretend to write (`--dry-run`): a dry run
    /// where there is no database yet runs against an empty one in memory, so it creates nothing.
    pub fn with_storage_or_scratch<T>(
        &self,
        dry_run: bool,
        work: impl FnOnce(&mut dyn Storage) -> Result<T>,
    ) -> Result<T> {
        let missing = match &self.location {
            Location::File(path) => std::fs::metadata(path).map_or(true, |m| m.len() == 0),
            Location::Postgres(_) => {
                dry_run && matches!(store::open(&self.location, Create::No), Err(StoreError::NotFound(_)))
            }
        };
        if dry_run && missing {
            let mut scratch = store::sqlite::SqliteStorage::open_in_memory()?;
            return work(&mut scratch);
        }
        self.with_storage(work)
    }

    /// `with_storage` on a database other than --db's (the demo's temporary one).
    pub fn with_storage_at<T>(
        &self,
        location: &Location,
        work: impl FnOnce(&mut dyn Storage) -> Result<T>,
    ) -> Result<T> {
        let created_here = match location {
            Location::File(path) => !path.exists(),
            Location::Postgres(_) => false,
        };
        let result = self.open_at(location, Create::IfMissing).and_then(|mut storage| {
            let result = work(storage.as_mut());
            if result.is_err() {
                // A server's story made by this command goes again (a file goes below, once closed).
                let _ = storage.remove_if_untouched();
            }
            result
        });
        if result.is_err()
            && created_here
            && let Location::File(path) = location
        {
            store::sqlite::remove_if_untouched(path);
        }
        result
    }
}

pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    if let Some(format) = cli.format {
        refuse_format(&cli.command, format)?;
    }
    let location = Location::parse(cli.db.as_deref().unwrap_or("claims.db"))?;
    let mut stdout = Watched::new(out);
    let mut ctx =
        Ctx { location_given: cli.db.is_some(), location, format: cli.format, user: cli.user, out: &mut stdout };
    let result = match cli.command {
        Command::Init => database::init(&mut ctx),
        Command::Source(command) => sources::run(&mut ctx, command),
        Command::Actor(command) => actors::run(&mut ctx, command),
        Command::Add(args) => claims::add(&mut ctx, args),
        Command::List(args) => claims::list(&mut ctx, args),
        Command::Show { id } => claims::show(&mut ctx, id),
        Command::Edit(args) => claims::edit(&mut ctx, args),
        Command::Rm { id } => claims::remove(&mut ctx, id),
        Command::Link(args) => links::link(&mut ctx, args),
        Command::Unlink(args) => links::unlink(&mut ctx, args),
        Command::Disputes(args) => disputes::run(&mut ctx, args),
        Command::Search(args) => search::run(&mut ctx, args),
        Command::Export(args) => export::run(&mut ctx, args),
        Command::Import(args) => import::run(&mut ctx, args),
        Command::Report(args) => report::run(&mut ctx, args),
        Command::Lint(args) => lint::run(&mut ctx, args),
        Command::History { id, limit } => history::show(&mut ctx, id, limit),
        Command::Restore { id } => history::restore(&mut ctx, id),
        Command::Check { repair } => database::check(&mut ctx, repair),
        Command::Backup { file } => database::backup(&mut ctx, &file),
        Command::Extract(args) => extract::run(&mut ctx, args),
        Command::Verify { source } => verify::run(&mut ctx, source.as_deref()),
        Command::Tag(command) => tags::run(&mut ctx, command),
        Command::Config(command) => config::run(&mut ctx, command),
        Command::Demo => demo::run(&mut ctx),
        Command::Completions { shell } => completions::run(&mut ctx, shell),
        Command::Man { command, install } => man::run(&mut ctx, &command, install.as_deref()),
    };
    stdout.name_place(result, "standard output")
}

/// `--format` is how listings print. A command that prints none refuses it (exit 2) rather than
/// ignore it: `export csv --format json` would otherwise write CSV without a word.
fn refuse_format(command: &Command, format: Format) -> Result<()> {
    let prints_listing = match command {
        Command::List(_)
        | Command::Show { .. }
        | Command::Disputes(_)
        | Command::Search(_)
        | Command::History { .. }
        | Command::Lint(_)
        | Command::Verify { .. }
        | Command::Extract(_)
        | Command::Demo => true,
        Command::Actor(command) => matches!(command, ActorCommand::List | ActorCommand::Show { .. }),
        Command::Source(command) => matches!(command, SourceCommand::List | SourceCommand::Show { .. }),
        Command::Config(command) => matches!(command, ConfigCommand::List),
        Command::Tag(command) => matches!(command, TagCommand::List),
        Command::Init
        | Command::Add(_)
        | Command::Edit(_)
        | Command::Rm { .. }
        | Command::Link(_)
        | Command::Unlink(_)
        | Command::Export(_)
        | Command::Import(_)
        | Command::Report(_)
        | Command::Restore { .. }
        | Command::Check { .. }
        | Command::Backup { .. }
        | Command::Completions { .. }
        | Command::Man { .. } => false,
    };
    if prints_listing {
        return Ok(());
    }
    let message = match (command, format) {
        (Command::Import(_), Format::Csv | Format::Tsv | Format::Json | Format::Jsonl) => {
            let name = clap::ValueEnum::to_possible_value(&format).map(|v| v.get_name().to_string()).unwrap_or_default();
            format!("import reads its input format from --from (--format is how listings print): use --from {name}")
        }
        (Command::Import(_), _) => {
            "import reads its input format from --from (--format is how listings print): use --from csv|tsv|jsonl|json|db"
                .into()
        }
        (Command::Export(_), _) => {
            "export writes the format named after it (`claimtrack export json`); --format is how listings print".into()
        }
        _ => "--format is how listings print, and this command prints none: leave it out".into(),
    };
    Err(errors::UsageError(message).into())
}

/// The login name, for the history when no --user or CLAIMTRACK_USER names someone: the
/// environment's, else the system's name for the account running claimtrack (a sandbox or a
/// service often has no USER), else "unknown".
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|name| !name.trim().is_empty()))
        .or_else(|| whoami::username().ok().filter(|name| !name.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// Check the filter flags' values (dates) before anything is opened.
pub fn filter_names(args: &FilterArgs) -> Result<FilterNames> {
    Ok(FilterNames {
        by: args.by.clone(),
        source: args.source.clone(),
        tags: args.tags.clone(),
        mode: args.mode,
        verdict: args.verdict,
        since: args.since.as_deref().map(|d| parse_date(d).map_err(|e| anyhow::anyhow!("--since: {e}"))).transpose()?,
        until: args.until.as_deref().map(|d| parse_date(d).map_err(|e| anyhow::anyhow!("--until: {e}"))).transpose()?,
        contested: args.contested,
        limit: args.limit,
    })
}

/// An optional date flag, checked: `--on` -> `Some("2024-01-27")`. An empty value clears.
pub fn date_flag(flag: &str, value: Option<&str>) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => Ok(Some(String::new())),
        Some(text) => Ok(Some(parse_date(text).map_err(|e| anyhow::anyhow!("{flag}: {e}"))?)),
    }
}

/// Run `write` against standard output, or against a scratch file next to `path` that
/// replaces `path` only once everything is written: a failed export never leaves half a file,
/// and a killed one leaves a scratch file the next export in that folder clears away.
pub fn write_output(
    stdout: &mut dyn Write,
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(path) = path else {
        return write(stdout);
    };
    if path.is_dir() {
        anyhow::bail!("-o {} is a folder: give a file name in it", path.display());
    }
    if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file()) {
        // A device or a pipe (`-o /dev/stdout`, `-o >(gzip > x.gz)`) is written into, never
        // replaced: renaming a file over it would put a file where the device was.
        let device = std::fs::OpenOptions::new().write(true).open(path);
        let mut out = Watched::new(device.with_context(|| format!("cannot write {}", path.display()))?);
        let written = write(&mut out).and_then(|()| Ok(out.flush()?));
        return out.name_place(written, path.display());
    }
    let cannot_write = || format!("cannot write {}", path.display());
    let scratch = temp_file_beside(path, Purpose::Export)?;
    let mut out = BufWriter::new(Watched::new(scratch));
    let written = write(&mut out);
    out.get_ref().name_place(written, path.display())?;
    let scratch = out.into_inner().map_err(|e| e.into_error()).with_context(cannot_write)?.into_inner();
    // Replacing a file keeps its mode (one shared with a group on purpose stays shared).
    if let Ok(existing) = std::fs::metadata(path) {
        scratch.as_file().set_permissions(existing.permissions()).with_context(cannot_write)?;
    }
    scratch.as_file().sync_all().with_context(cannot_write)?;
    scratch.persist(path, true).with_context(|| format!("cannot replace {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// A writer that remembers whether writing to it failed, so that the error can say where: an
/// I/O error alone says only what went wrong ("No space left on device"), not whether the
/// export's file or standard output met it.
pub struct Watched<W> {
    inner: W,
    failed: bool,
}

impl<W: Write> Watched<W> {
    pub fn new(inner: W) -> Watched<W> {
        Watched { inner, failed: false }
    }

    /// `result`, with `place` named when writing to this writer is what failed.
    pub fn name_place<T>(&self, result: Result<T>, place: impl std::fmt::Display) -> Result<T> {
        if self.failed { result.with_context(|| format!("cannot write {place}")) } else { result }
    }

    pub fn into_inner(self) -> W {
        self.inner
    }

    fn watch<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        self.failed |= result.is_err();
        result
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf);
        self.watch(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.inner.flush();
        self.watch(flushed)
    }
}

/// A scratch file beside `target`, to be renamed over it once complete (see `crate::scratch`):
/// its owner's alone, and removed again unless it is persisted.
pub fn temp_file_beside(target: &Path, purpose: Purpose) -> Result<Scratch> {
    Scratch::beside(target, purpose).map_err(|err| {
        // tempfile's message names its own random file name; say what the user can act on.
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let cause = match err.kind() {
            std::io::ErrorKind::NotFound => "there is no such folder: create it or choose another".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied: choose a folder you can write to".to_string(),
            _ => format!("{}; check that the folder exists and is writable", errors::io_error(&err)),
        };
        anyhow::anyhow!("cannot write in {}: {cause}", dir.display())
    })
}

/// Quote a path for a POSIX shell when it needs it.
pub fn shell_quote(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c)) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
