//! Files written beside their final name and given it only once whole: exports, reports,
//! backups, new databases and manual pages, so that a failure never leaves half a file under the real name.
//!
//! A failure removes its file (and the journal SQLite may have made beside it). A process that is
//! killed cannot, so each file is named `.claimtrack-PURPOSE-PID-HOST-RANDOM`: the next run that
//! writes in the same folder removes those whose process on this machine is gone, the way git
//! tells a stale `gc.pid`. A file whose process still runs, or that another machine sharing the
//! folder wrote, is never touched.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// What every scratch file's name starts with.
const PREFIX: &str = ".claimtrack-";

/// Files SQLite may keep beside a database it writes.
const COMPANIONS: [&str; 3] = ["-journal", "-wal", "-shm"];

/// What a scratch file is for; part of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Export,
    Backup,
    NewDatabase,
    ManualPage,
}

impl Purpose {
    const ALL: [Purpose; 4] = [Purpose::Export, Purpose::Backup, Purpose::NewDatabase, Purpose::ManualPage];

    fn word(self) -> &'static str {
        match self {
            Purpose::Export => "export",
            Purpose::Backup => "backup",
            Purpose::NewDatabase => "new",
            Purpose::ManualPage => "man",
        }
    }
}

/// A file being written beside `target`; dropped without [`Scratch::persist`], it is removed.
pub struct Scratch {
    file: Option<NamedTempFile>,
}

impl Scratch {
    /// A new, empty scratch file in `target`'s folder, after clearing that folder of the stale
    /// ones killed processes left there.
    /// Like the database, it is its owner's alone (0600): an export or a backup may name
    /// confidential sources, so sharing one is a choice made with `chmod`, not a default.
    pub fn beside(target: &Path, purpose: Purpose) -> io::Result<Scratch> {
        let dir = folder_of(target);
        clear_stale(dir);
        let prefix = format!("{PREFIX}{}-{}-{}-", purpose.word(), std::process::id(), host());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o600));
        }
        Ok(Scratch { file: Some(builder.tempfile_in(dir)?) })
    }

    pub fn path(&self) -> &Path {
        self.file().path()
    }

    pub fn as_file(&self) -> &File {
        self.file().as_file()
    }

    /// Give the file `target`'s name, replacing what is there (`replace`) or only when nothing
    /// is (an `AlreadyExists` error otherwise).
    pub fn persist(mut self, target: &Path, replace: bool) -> io::Result<File> {
        let file = self.file.take().expect("a scratch file is persisted once");
        let persisted = if replace { file.persist(target) } else { file.persist_noclobber(target) };
        persisted.map_err(|e| {
            // The file stays where it was written; remove it and what SQLite left beside it.
            let path = e.file.path().to_path_buf();
            drop(e.file);
            remove_companions(&path);
            e.error
        })
    }

    fn file(&self) -> &NamedTempFile {
        self.file.as_ref().expect("a scratch file is there until persisted")
    }
}

impl Write for Scratch {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().expect("a scratch file is there until persisted").write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().expect("a scratch file is there until persisted").flush()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let path = file.path().to_path_buf();
            drop(file); // removes it
            remove_companions(&path);
        }
    }
}

fn folder_of(target: &Path) -> &Path {
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn remove_companions(path: &Path) {
    for suffix in COMPANIONS {
        let mut companion = path.as_os_str().to_owned();
        companion.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(companion));
    }
}

/// This machine's name as it goes into file names: letters, digits, dots and underscores.
fn host() -> String {
    #[cfg(unix)]
    let name = rustix::system::uname().nodename().to_string_lossy().into_owned();
    #[cfg(not(unix))]
    let name = std::env::var("COMPUTERNAME").unwrap_or_default();
    let name: String =
        name.chars().take(64).map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' }).collect();
    if name.is_empty() { "_".into() } else { name }
}

/// The process that wrote a scratch file (or a companion of one) on this machine, from its name.
fn writer(name: &str, host: &str) -> Option<u32> {
    let base = COMPANIONS.iter().find_map(|suffix| name.strip_suffix(suffix)).unwrap_or(name);
    let rest = base.strip_prefix(PREFIX)?;
    let rest = Purpose::ALL.iter().find_map(|p| rest.strip_prefix(p.word())?.strip_prefix('-'))?;
    let (pid, rest) = rest.split_once('-')?;
    rest.strip_prefix(host)?.strip_prefix('-')?;
    pid.parse().ok()
}

/// True when no process has this id (on this machine, as far as this process can see).
fn gone(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else { return false };
        rustix::process::test_kill_process(pid) == Err(rustix::io::Errno::SRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false // cannot tell, so never judged stale
    }
}

/// Remove the scratch files in `dir` whose writer is gone. Best effort: a folder that cannot be
/// listed, or a file that cannot be removed, is left as it is.
fn clear_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let host = host();
    let me = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|name| writer(name, &host)) else { continue };
        if pid != me && gone(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_is_read_from_the_name_on_this_host_only() {
        assert_eq!(writer(".claimtrack-export-4242-box_1-Ab12Cd", "box_1"), Some(4242));
        assert_eq!(writer(".claimtrack-backup-7-box_1-Ab12Cd-journal", "box_1"), Some(7));
        assert_eq!(writer(".claimtrack-new-7-box_1-x-wal", "box_1"), Some(7));
        assert_eq!(writer(".claimtrack-export-4242-other-Ab12Cd", "box_1"), None, "another machine's");
        assert_eq!(writer(".claimtrack-export-Ab12Cd", "box_1"), None, "no process id");
        assert_eq!(writer(".claimtrack-notes-1-box_1-x", "box_1"), None);
        assert_eq!(writer("claims.db", "box_1"), None);
    }

    #[test]
    fn a_running_process_is_not_gone() {
        assert!(!gone(std::process::id()));
    }

    #[test]
    fn a_failed_file_takes_its_journal_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("copy.db");
        let scratch = Scratch::beside(&target, Purpose::Backup).unwrap();
        let journal = PathBuf::from(format!("{}-journal", scratch.path().display()));
        std::fs::write(&journal, b"x").unwrap();
        drop(scratch);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
