//! Tables for people on a terminal, fitted to its width and streamed.
//!
//! Every column has a fit, decided in one place (`Column::named`): `Fixed` columns (ids, dates,
//! modes, verdicts, counts) are as wide as their widest value and never broken; `Share` columns
//! (actor, source, tags) get at most a share of the room and wrap at spaces; `Main` columns (the
//! claim text) take the rest. On a narrow terminal the columns that matter least give way
//! first (`yields`), so the text people read keeps at least `MAIN_FLOOR` of the width.
//!
//! Widths are decided from the first screenful of rows; after that each row is printed as it
//! comes, so memory stays flat at any size. A later id or date wider than its column starts a
//! new section with widths that fit it, rather than being broken.

use std::io::Write;

use anyhow::Result;
use unicode_segmentation::UnicodeSegmentation;

use super::terminal::{self, display_width};

/// How a column takes its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never wrapped: as wide as its widest value.
    Fixed,
    /// Wraps at spaces; at most `percent` of the room the fixed columns leave.
    Share { percent: usize },
    /// What people read: the rest of the room, split evenly between main columns.
    Main,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub fit: Fit,
    /// 0: always shown. Otherwise, on a narrow terminal the highest gives way first.
    pub yields: u8,
}

impl Column {
    /// The one policy for every table: a column's fit by its name, so that `claim`, `actor` or
    /// `date` behave the same in every command.
    pub fn named(name: &str) -> Column {
        let (fit, yields) = match name {
            "id" | "#" | "n" | "key" | "uid" | "dispute" | "side" | "para" | "paragraph" | "start" | "end"
            | "confidence" | "rank" | "field" | "relation" | "rule" | "severity" => (Fit::Fixed, 0),
            "date" | "stated_on" | "published" | "accessed" | "at" | "created" | "updated" => (Fit::Fixed, 0),
            "kind" | "action" => (Fit::Fixed, 0),
            "verdict" => (Fit::Fixed, 1),
            "mode" => (Fit::Fixed, 2),
            "claim" | "text" | "title" | "change" | "quote" | "closest" | "value" | "name" | "snippet" | "finding"
            | "fix" => (Fit::Main, 0),
            // A count in listings, a list of ids in findings: it wraps between ids.
            "claims" => (Fit::Share { percent: 15 }, 0),
            "publisher" | "affiliation" => (Fit::Share { percent: 20 }, 1),
            "aliases" => (Fit::Share { percent: 20 }, 2),
            "tags" => (Fit::Share { percent: 15 }, 3),
            "url" => (Fit::Share { percent: 25 }, 4),
            _ => (Fit::Share { percent: 25 }, 0),
        };
        Column { header: name.to_string(), fit, yields }
    }

    /// A column of what people read, under any heading (the sides of a dispute).
    pub fn main(header: &str) -> Column {
        Column { header: header.to_string(), fit: Fit::Main, yields: 0 }
    }
}

/// The main columns keep at least this many columns of the terminal (or 2/5 of it, if more)
/// before other columns give way.
const MAIN_FLOOR: usize = 30;
/// A share column is at least as wide as its longest word, up to this, so words stay whole.
const WORD_CAP: usize = 20;

/// What the rows so far say about one column.
#[derive(Debug, Clone, Copy, Default)]
struct Measure {
    /// The widest line.
    natural: usize,
    /// The widest word.
    word: usize,
}

impl Measure {
    fn take(&mut self, text: &str) {
        for line in text.lines() {
            self.natural = self.natural.max(display_width(line));
            for word in words(line) {
                self.word = self.word.max(display_width(word));
            }
        }
    }
}

/// Words are separated by spaces; a no-break space keeps its words together.
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
        .filter(|w| !w.is_empty())
}

/// Which columns are shown, and how wide each is.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    shown: Vec<usize>,
    widths: Vec<usize>,
}

/// Border, padding and separators: `│ a ┆ b │` costs 3 per column and 1.
fn overhead(columns: usize) -> usize {
    3 * columns + 1
}

fn plan(columns: &[Column], measures: &[Measure], width: usize) -> Layout {
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    loop {
        let room = width.saturating_sub(overhead(shown.len()));
        let mut widths: Vec<usize> = vec![0; shown.len()];
        let mut main_natural = 0;
        let mut fixed = 0;
        for (slot, &c) in shown.iter().enumerate() {
            let header = display_width(&columns[c].header);
            match columns[c].fit {
                Fit::Fixed => {
                    widths[slot] = measures[c].natural.max(header);
                    fixed += widths[slot];
                }
                Fit::Main => main_natural += measures[c].natural.max(header),
                Fit::Share { .. } => {}
            }
        }
        let rest = room.saturating_sub(fixed);
        let main_floor = main_natural.min(MAIN_FLOOR.max(width * 2 / 5));
        // Share columns: up to their share, never below their longest word (capped) or heading.
        let mut least = vec![0; shown.len()];
        for (slot, &c) in shown.iter().enumerate() {
            if let Fit::Share { percent } = columns[c].fit {
                let measure = measures[c];
                least[slot] =
                    measure.word.min(WORD_CAP).max(display_width(&columns[c].header)).min(measure.natural.max(1));
                widths[slot] = measure.natural.min(rest * percent / 100).max(least[slot]);
            }
        }
        let shares = |widths: &[usize]| -> usize {
            shown
                .iter()
                .zip(widths)
                .filter(|(c, _)| matches!(columns[**c].fit, Fit::Share { .. }))
                .map(|(_, w)| w)
                .sum()
        };
        // Too little left for the main columns: narrow the shares, one column at a time.
        while rest.saturating_sub(shares(&widths)) < main_floor {
            let widest = (0..shown.len())
                .filter(|&slot| matches!(columns[shown[slot]].fit, Fit::Share { .. }) && widths[slot] > least[slot])
                .max_by_key(|&slot| widths[slot] - least[slot]);
            match widest {
                Some(slot) => widths[slot] -= 1,
                None => break,
            }
        }
        let main_room = rest.saturating_sub(shares(&widths));
        if main_room < main_floor {
            // Still too little: the column that yields first goes, and the plan starts again.
            let yielding = (0..shown.len()).filter(|&slot| columns[shown[slot]].yields > 0).max_by_key(|&slot| {
                let c = shown[slot];
                (columns[c].yields, c)
            });
            if let Some(slot) = yielding {
                shown.remove(slot);
                continue;
            }
        }
        share_main(columns, measures, &shown, &mut widths, main_room);
        squeeze(columns, &shown, &mut widths, room);
        return Layout { shown, widths };
    }
}

/// Split `room` between the main columns, none wider than it needs; what they leave goes to
/// the share columns that want more.
fn share_main(columns: &[Column], measures: &[Measure], shown: &[usize], widths: &mut [usize], room: usize) {
    let natural = |slot: usize| {
        let c = shown[slot];
        measures[c].natural.max(display_width(&columns[c].header)).max(1)
    };
    let mut open: Vec<usize> = (0..shown.len()).filter(|&s| columns[shown[s]].fit == Fit::Main).collect();
    let mut left = room;
    // Water-filling: a column that needs less than an even split takes what it needs.
    while !open.is_empty() {
        let even = left / open.len();
        match open.iter().position(|&slot| natural(slot) <= even) {
            Some(i) => {
                let slot = open.remove(i);
                widths[slot] = natural(slot);
                left -= widths[slot];
            }
            None => {
                let count = open.len();
                for (i, &slot) in open.iter().enumerate() {
                    widths[slot] = (left / count + usize::from(i < left % count)).max(1);
                }
                left = 0;
                open.clear();
            }
        }
    }
    for slot in 0..shown.len() {
        if let Fit::Share { .. } = columns[shown[slot]].fit {
            let more = natural(slot).saturating_sub(widths[slot]).min(left);
            widths[slot] += more;
            left -= more;
        }
    }
}

/// On a terminal too narrow for even that, narrow the widest non-main columns until the table
/// fits (their values then break; nothing better is possible).
fn squeeze(columns: &[Column], shown: &[usize], widths: &mut [usize], room: usize) {
    while widths.iter().sum::<usize>() > room {
        let widest = (0..shown.len())
            .filter(|&s| columns[shown[s]].fit != Fit::Main && widths[s] > 1)
            .max_by_key(|&s| widths[s]);
        let Some(slot) = widest.or_else(|| (0..shown.len()).filter(|&s| widths[s] > 1).max_by_key(|&s| widths[s]))
        else {
            return;
        };
        widths[slot] -= 1;
    }
}

/// Break `text` into lines at most `width` columns wide: at spaces where it can, inside a word
/// only when the word alone is wider than the line (and then between characters as drawn, so
/// accents stay on their letters).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in words(paragraph) {
            let word_width = display_width(word);
            if used > 0 && used + 1 + word_width <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + word_width;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if word_width <= width {
                line.push_str(word);
                used = word_width;
                continue;
            }
            for grapheme in word.graphemes(true) {
                let w = display_width(grapheme);
                if used + w > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(grapheme);
                used += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// A table written row by row: the first screenful is held to decide the widths, the rest
/// streams.
pub struct TableWriter<'w> {
    out: &'w mut dyn Write,
    columns: Vec<Column>,
    header: bool,
    width: usize,
    sample: usize,
    measures: Vec<Measure>,
    held: Vec<Vec<String>>,
    layout: Option<Layout>,
}

impl<'w> TableWriter<'w> {
    /// A table with a heading row, fitted to the terminal's width.
    pub fn new(out: &'w mut dyn Write, columns: Vec<Column>) -> TableWriter<'w> {
        let mut measures = vec![Measure::default(); columns.len()];
        for (measure, column) in measures.iter_mut().zip(&columns) {
            measure.take(&column.header);
        }
        TableWriter {
            out,
            columns,
            header: true,
            width: terminal::width(),
            sample: terminal::height().clamp(10, 500),
            measures,
            held: Vec::new(),
            layout: None,
        }
    }

    /// A table without a heading row (a record's fields and values).
    pub fn without_header(out: &'w mut dyn Write, columns: Vec<Column>) -> TableWriter<'w> {
        let mut table = TableWriter::new(out, columns);
        table.header = false;
        table.measures = vec![Measure::default(); table.columns.len()];
        table
    }

    pub fn row(&mut self, cells: &[&str]) -> Result<()> {
        debug_assert_eq!(cells.len(), self.columns.len());
        let cells: Vec<String> = cells.iter().map(|cell| terminal::visible(cell, true).into_owned()).collect();
        for (measure, cell) in self.measures.iter_mut().zip(&cells) {
            measure.take(cell);
        }
        match &self.layout {
            None => {
                self.held.push(cells);
                if self.held.len() >= self.sample {
                    self.start()?;
                }
            }
            Some(layout) => {
                let overflows = layout
                    .shown
                    .iter()
                    .zip(&layout.widths)
                    .any(|(&c, &w)| self.columns[c].fit == Fit::Fixed && self.measures[c].natural > w);
                if overflows && plan(&self.columns, &self.measures, self.width) != *layout {
                    // A wider id or date than the first screen held: a new section that fits it.
                    self.border('└', '┴', '┘', '─')?;
                    self.start()?;
                }
                self.print_row(&cells)?;
            }
        }
        Ok(())
    }

    /// Decide the widths, print the heading and the rows held so far.
    fn start(&mut self) -> Result<()> {
        self.layout = Some(plan(&self.columns, &self.measures, self.width));
        self.border('┌', '┬', '┐', '─')?;
        if self.header {
            let headers: Vec<String> = self.columns.iter().map(|c| c.header.clone()).collect();
            self.print_row(&headers)?;
            self.border('╞', '╪', '╡', '═')?;
        }
        for cells in std::mem::take(&mut self.held) {
            self.print_row(&cells)?;
        }
        Ok(())
    }

    fn border(&mut self, left: char, joint: char, right: char, line: char) -> Result<()> {
        let layout = self.layout.as_ref().expect("widths are decided before any border");
        let parts: Vec<String> = layout.widths.iter().map(|w| line.to_string().repeat(w + 2)).collect();
        writeln!(self.out, "{left}{}{right}", parts.join(&joint.to_string()))?;
        Ok(())
    }

    fn print_row(&mut self, cells: &[String]) -> Result<()> {
        let layout = self.layout.as_ref().expect("widths are decided before any row");
        let wrapped: Vec<Vec<String>> = layout
            .shown
            .iter()
            .zip(&layout.widths)
            .map(|(&c, &w)| {
                let cell = &cells[c];
                if self.columns[c].fit == Fit::Fixed && !cell.contains('\n') && display_width(cell) <= w {
                    vec![cell.clone()]
                } else {
                    wrap(cell, w)
                }
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let mut line = String::new();
        for i in 0..height {
            line.clear();
            line.push('│');
            for (slot, (lines, &w)) in wrapped.iter().zip(&layout.widths).enumerate() {
                let text = lines.get(i).map_or("", String::as_str);
                line.push(' ');
                line.push_str(text);
                line.push_str(&" ".repeat(w.saturating_sub(display_width(text))));
                line.push_str(if slot + 1 == wrapped.len() { " │" } else { " ┆" });
            }
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    /// Print what is held and close the table; then name the columns left out, if any.
    pub fn finish(mut self) -> Result<()> {
        if self.layout.is_none() {
            if self.held.is_empty() {
                return Ok(());
            }
            self.start()?;
        }
        self.border('└', '┴', '┘', '─')?;
        let layout = self.layout.as_ref().expect("decided above");
        let hidden: Vec<&str> = (0..self.columns.len())
            .filter(|c| !layout.shown.contains(c))
            .map(|c| self.columns[c].header.as_str())
            .collect();
        if !hidden.is_empty() {
            let note =
                format!("(not shown at {} columns: {}; --format tsv has them all)", self.width, hidden.join(", "));
            for line in wrap(&note, self.width) {
                writeln!(self.out, "{line}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(width: usize, columns: &[&str], rows: &[Vec<&str>]) -> String {
        let mut out = Vec::new();
        let mut table = TableWriter::new(&mut out, columns.iter().map(|c| Column::named(c)).collect());
        table.width = width;
        table.sample = 2;
        for row in rows {
            table.row(row).unwrap();
        }
        table.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    const CLAIM: &str =
        "The timing of the talks on ending the coalition mission has nothing to do with the recent militia attacks";

    #[test]
    fn wrapping_breaks_at_spaces_and_inside_a_word_only_when_it_must() {
        assert_eq!(wrap("U.S. officials say", 10), ["U.S.", "officials", "say"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("two\nlines", 20), ["two", "lines"]);
        assert_eq!(wrap("", 5), [""]);
        // Accents stay on their letters; wide characters are not cut in half.
        assert_eq!(wrap("e\u{301}e\u{301}e\u{301}", 2), ["e\u{301}e\u{301}", "e\u{301}"]);
        assert_eq!(wrap("習近平習近平", 5), ["習近", "平習", "近平"]);
        for line in wrap("المقاومة الإسلامية في العراق", 10) {
            assert!(display_width(&line) <= 10, "{line}");
        }
    }

    #[test]
    fn the_claim_takes_the_room_and_ids_and_dates_stay_whole() {
        let rows = vec![
            vec!["1", "U.S. officials", CLAIM, "direct", "2024-01-27", "seed-2024-01-27", "timing", "unrated"],
            vec!["12", "Islamic Resistance in Iraq", "Short", "paraphrase", "2024-01", "", "", "mostly-false"],
        ];
        let columns = ["id", "actor", "claim", "mode", "date", "source", "tags", "verdict"];
        for width in [80, 120, 200] {
            let table = render(width, &columns, &rows);
            for line in table.lines() {
                assert!(display_width(line) <= width, "{width}: {line}");
            }
            assert!(table.contains(" 2024-01-27 "), "{table}");
            assert!(table.contains(" seed-2024-01-27 "), "{table}");
            assert!(table.contains(" Resistance "), "{table}");
        }
        // At 80 columns the least needed columns give way, and the table says so.
        let narrow = render(80, &columns, &rows);
        assert!(narrow.contains("(not shown at 80 columns: mode, tags, verdict;"), "{narrow}");
        let wide = render(200, &columns, &rows);
        assert!(
            wide.contains("The timing of the talks on ending the coalition mission has nothing to do with"),
            "{wide}"
        );
        assert!(wide.contains(" mostly-false "), "{wide}");
    }

    #[test]
    fn a_later_wider_id_starts_a_new_section_instead_of_breaking() {
        let rows: Vec<Vec<&str>> = vec![vec!["1", "a"], vec!["2", "b"], vec!["3", "c"], vec!["100000", "d"]];
        let table = render(80, &["id", "claim"], &rows);
        assert!(table.contains("│ 100000 ┆"), "{table}");
        assert_eq!(table.matches('┌').count(), 2, "{table}");
    }

    #[test]
    fn nothing_at_all_prints_nothing() {
        assert_eq!(render(80, &["id", "claim"], &[]), "");
    }

    #[test]
    fn controls_in_cells_are_shown_not_obeyed() {
        let table = render(80, &["id", "claim"], &[vec!["1", "evil\u{1b}]0;title\u{7} text"]]);
        assert!(table.contains("evil\\e]0;title\\x07 text"), "{table}");
        assert!(!table.contains('\u{1b}'));
    }

    #[test]
    fn a_very_narrow_terminal_still_gets_lines_that_fit() {
        let rows = vec![vec!["1", "U.S. officials", CLAIM, "2024-01-27"]];
        let table = render(30, &["id", "actor", "claim", "date"], &rows);
        for line in table.lines() {
            assert!(display_width(line) <= 30, "{line}");
        }
    }
}
