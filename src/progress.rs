//! A progress bar for long imports: on standard error, only on a terminal, and only once the
//! work has taken longer than a moment, so quick runs and pipelines see nothing.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const QUIET_FOR: Duration = Duration::from_millis(800);

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    shown: bool,
    allowed: bool,
}

impl Progress {
    /// `total` bytes when the input's size is known.
    pub fn new(total: Option<u64>) -> Progress {
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
        let style = match total {
            Some(_) => {
                ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} [{wide_bar}] {percent}% {eta} left")
            }
            None => ProgressStyle::with_template("{spinner} {bytes} read, {elapsed}"),
        };
        if let Ok(style) = style {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress { bar, started: Instant::now(), shown: false, allowed: std::io::stderr().is_terminal() }
    }

    pub fn set(&mut self, bytes: u64) {
        self.bar.set_position(bytes);
        if self.allowed && !self.shown && self.started.elapsed() > QUIET_FOR {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Say what is being done once the input is read (indexing can take a while); its clock
    /// starts now, so "indexing (8s)" is how long indexing has taken.
    pub fn phase(&self, message: &'static str) {
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            self.bar.set_style(style);
        }
        self.bar.reset_elapsed();
        self.bar.set_message(message);
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    pub fn seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::Progress;

    #[test]
    fn each_phase_has_its_own_clock() {
        let progress = Progress::new(Some(100));
        std::thread::sleep(Duration::from_millis(20));
        let phase_called = Instant::now();
        progress.phase("indexing");
        // The phase's clock started no earlier than the call, whatever the machine's speed.
        assert!(progress.bar.elapsed() <= phase_called.elapsed());
        assert!(progress.seconds() >= 0.02, "the summary's time still counts from the start");
        progress.finish();
    }
}
