//! Where standard output goes: through a pager on a terminal, the way git does it, and never
//! when piped.
//!
//! The pager is `$CLAIMTRACK_PAGER`, else `$PAGER`, else `less -FRX` (quit when it fits on one
//! screen, pass the table's characters through, leave the screen as it was); an empty value or
//! `cat` means none. A pager that cannot be started leaves the output plain. Whatever goes to a
//! terminal, paged or not, passes through `terminal::Visible`.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

use super::terminal::Visible;

pub enum Output {
    /// Piped or redirected: the data, byte for byte.
    Plain(BufWriter<Stdout>),
    /// A terminal without a pager.
    Terminal(BufWriter<Visible<Stdout>>),
    /// A terminal, through a pager that reads what is written.
    Paged(BufWriter<Visible<ChildStdin>>, Child),
}

impl Output {
    /// Standard output, paged when `page` and standard output is a terminal.
    pub fn stdout(page: bool) -> Output {
        let stdout = io::stdout();
        if !stdout.is_terminal() {
            return Output::Plain(BufWriter::new(stdout));
        }
        match page.then(start_pager).flatten() {
            Some(mut child) => {
                let input = child.stdin.take().expect("the pager's input is piped");
                Output::Paged(BufWriter::new(Visible::new(input)), child)
            }
            None => Output::Terminal(BufWriter::new(Visible::new(stdout))),
        }
    }

    /// Write out what is buffered; with a pager, close its input and wait until the reader
    /// quits it, so the shell's prompt comes back after the pager, not under it.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Plain(mut out) => out.flush(),
            Output::Terminal(out) => out.into_inner().map_err(|e| e.into_error())?.into_inner()?.flush(),
            Output::Paged(out, mut child) => {
                let written = out.into_inner().map_err(|e| e.into_error()).and_then(Visible::into_inner).map(drop);
                child.wait()?;
                written
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Plain(out) => out.write(buf),
            Output::Terminal(out) => out.write(buf),
            Output::Paged(out, _) => out.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Plain(out) => out.flush(),
            Output::Terminal(out) => out.flush(),
            Output::Paged(out, _) => out.flush(),
        }
    }
}

/// The pager command as configured; None for no pager.
fn pager_command() -> Option<String> {
    let configured = ["CLAIMTRACK_PAGER", "PAGER"].iter().find_map(|name| std::env::var(name).ok());
    let command = configured.unwrap_or_else(|| "less -FRX".to_string());
    let command = command.trim();
    (!command.is_empty() && command != "cat").then(|| command.to_string())
}

fn start_pager() -> Option<Child> {
    let command = pager_command()?;
    // Plain words are run directly, so a missing program is noticed and the output stays plain;
    // anything with shell syntax goes to the shell, as git does.
    let mut process = if command.contains(|c: char| "|&;<>()$`\\\"'*?[#~=%".contains(c)) {
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(&command);
        shell
    } else {
        let mut words = command.split_whitespace();
        let mut direct = Command::new(words.next()?);
        direct.args(words);
        direct
    };
    // less without options of its own gets git's: quit on one screen, raw characters, no clear.
    if std::env::var_os("LESS").is_none() {
        process.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        process.env("LV", "-c");
    }
    match process.stdin(Stdio::piped()).spawn() {
        Ok(child) => Some(child),
        Err(err) => {
            eprintln!(
                "warning: cannot start the pager \"{command}\" ({err}); printing directly (set PAGER, or use --no-pager)"
            );
            None
        }
    }
}
