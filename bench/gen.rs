//! Deterministic test data for the benchmark: N claims as CSV, shaped like a newsroom's
//! spreadsheet, and a relations CSV linking them.
//!
//!     cargo run --release --example gen -- N OUT_DIR
//!
//! claims.csv: text (50-300 characters; commas everywhere, quotes in some, line breaks in a
//! few), actor (N/10 of them, some Arabic, Hebrew or accented), source (N/100 keys), tags (two),
//! stated_on (a day from 2015 to 2024), mode, quote (on a third). relations.csv: from, kind, to
//! by claim id, which is the row number when imported into an empty database: N/10 random pairs
//! (contradicts, supports, qualifies) and 10,000 relations of claim 1.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// SplitMix64: small, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// The relations of the one claim everyone answers.
const HUB_RELATIONS: u64 = 10_000;

const WORDS: &[&str] = &[
    "officials", "said", "the", "talks", "on", "ending", "coalition", "mission", "were", "already", "under", "way",
    "before", "attacks", "began", "militia", "forces", "timing", "unrelated", "decision", "government", "ministry",
    "spokesperson", "statement", "denied", "confirmed", "report", "strikes", "sovereignty", "violation", "troops",
    "withdrawal", "agreement", "committee", "framework", "negotiations", "security", "border", "elections", "budget",
    "parliament", "court", "ruling", "protest", "workers", "union", "fares", "prices", "inflation", "grain", "exports",
    "drought", "harvest", "hospital", "vaccine", "schools", "teachers", "police", "investigation", "evidence",
    "witnesses", "casualties", "ceasefire", "humanitarian", "aid", "convoy", "refugees", "camp", "water", "power",
    "outages", "contract", "tender", "corruption", "audit", "minister", "resigned", "appointed", "campaign", "poll",
    "turnout", "fraud", "observers", "delegation", "summit", "sanctions", "oil", "pipeline", "tariffs", "factory",
    "jobs", "pension", "reform", "housing", "rents", "flooding", "wildfire", "emissions", "targets", "pledged",
];

const FIRST: &[&str] = &[
    "Ana", "Omar", "Leila", "David", "Sara", "Yusuf", "Maria", "Noam", "Fatima", "José", "Chen", "Amira", "Tomás",
    "Hiba", "Ivan", "Zeynep", "Rosa", "Kwame", "Mohammed", "Dana",
];
const LAST: &[&str] = &[
    "Delgado", "al-Sudani", "Haddad", "Cohen", "Molina", "Okafor", "Petrov", "Nguyen", "Khalil", "Schmidt", "Rossi",
    "Yilmaz", "Mendes", "Levi", "Farouk", "Ortega",
];
const GROUPS: &[&str] =
    &["officials", "ministry", "union", "council", "spokesperson", "party", "militia", "police", "agency", "campaign"];
const SCRIPTS: &[&str] = &["المتحدث باسم الوزارة", "مصادر أمنية", "דובר המשטרה", "ועד העובדים", "Ñúñez", "Müller"];
const TAGS: &[&str] = &[
    "timing", "sovereignty", "attacks", "talks", "economy", "health", "elections", "security", "transport", "energy",
    "climate", "courts", "corruption", "labour", "housing", "education", "migration", "water", "budget", "trade",
];
const MODES: &[&str] = &["paraphrase", "paraphrase", "reported", "anonymous", "paraphrase", "reported"];

fn actor_name(i: u64) -> String {
    let mut rng = Rng(i.wrapping_mul(0xA24B_AED4_963E_E407));
    match rng.below(10) {
        0 => format!("{} {}", rng.pick(SCRIPTS), i),
        1..=5 => format!("{} {} {}", rng.pick(FIRST), rng.pick(LAST), i),
        _ => format!("{} {} {}", rng.pick(LAST), rng.pick(GROUPS), i),
    }
}

/// Words as text has them: a few very common, most rare. Four in five come from the list,
/// skewed to its head; one in five is one of 20,000 made-up names and places.
fn word(rng: &mut Rng, scratch: &mut String) -> &'static str {
    if rng.below(5) > 0 {
        let span = rng.below(WORDS.len() as u64) + 1;
        let skewed = rng.below(span);
        return WORDS[skewed as usize];
    }
    const SYLLABLES: &[&str] = &["ka", "vo", "ru", "mi", "tel", "sa", "dor", "en", "li", "bar", "zu", "na"];
    let mut n = rng.below(20_000);
    scratch.clear();
    for _ in 0..3 {
        scratch.push_str(SYLLABLES[(n % SYLLABLES.len() as u64) as usize]);
        n /= SYLLABLES.len() as u64;
    }
    ""
}

fn claim_text(rng: &mut Rng) -> String {
    let target = 50 + rng.below(251) as usize;
    let mut text = String::with_capacity(target + 16);
    let mut first = true;
    let mut scratch = String::new();
    while text.len() < target {
        let listed = word(rng, &mut scratch);
        let word = if listed.is_empty() { scratch.as_str() } else { listed };
        if !first {
            text.push(if rng.below(9) == 0 { ',' } else { ' ' });
            if text.ends_with(',') {
                text.push(' ');
            }
        }
        match rng.below(40) {
            0 => write!(text, "\"{word}\"").unwrap(),
            1 => writeln!(text, "{word}").unwrap(),
            _ => text.push_str(word),
        }
        first = false;
    }
    text.trim_end().to_string()
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (args.get(1).and_then(|n| n.parse::<u64>().ok()), args.get(2)) else {
        eprintln!("usage: gen N OUT_DIR");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out)?;
    let mut rng = Rng(20240127);
    let actors = (n / 10).max(1);
    let sources = (n / 100).max(1);

    let mut claims = BufWriter::with_capacity(1 << 20, File::create(out.join("claims.csv"))?);
    writeln!(claims, "text,actor,source,tags,stated_on,mode,quote")?;
    for _ in 0..n {
        let text = claim_text(&mut rng);
        let actor = actor_name(rng.below(actors));
        let source = format!("src-{:06}", rng.below(sources));
        let (a, b) = (rng.pick(TAGS), rng.pick(TAGS));
        let tags = if a == b { a.to_string() } else { format!("{a};{b}") };
        let day = 1 + rng.below(28);
        let date = format!("{}-{:02}-{day:02}", 2015 + rng.below(10), 1 + rng.below(12));
        let (mode, quote) = if rng.below(3) == 0 {
            let words: Vec<&str> = text.split_whitespace().take(6).collect();
            ("direct", words.join(" "))
        } else {
            (rng.pick(MODES), String::new())
        };
        writeln!(
            claims,
            "{},{},{source},{tags},{date},{mode},{}",
            csv_field(&text),
            csv_field(&actor),
            csv_field(&quote)
        )?;
    }
    claims.flush()?;

    // A tenth of the claims' worth of random pairs, then one claim (the first) with 10,000
    // relations of its own: the shape of a statement everyone answered.
    let mut relations = BufWriter::new(File::create(out.join("relations.csv"))?);
    writeln!(relations, "from,kind,to")?;
    for _ in 0..n / 10 {
        let from = 1 + rng.below(n);
        let mut to = 1 + rng.below(n);
        if to == from {
            to = from % n + 1;
        }
        if to == from {
            continue;
        }
        let kind = ["contradicts", "supports", "qualifies"][rng.below(3) as usize];
        writeln!(relations, "{from},{kind},{to}")?;
    }
    for other in 2..=n.min(HUB_RELATIONS + 1) {
        match other % 4 {
            0 | 1 => writeln!(relations, "1,contradicts,{other}")?,
            2 => writeln!(relations, "{other},supports,1")?,
            _ => writeln!(relations, "{other},qualifies,1")?,
        }
    }
    relations.flush()?;
    Ok(())
}
