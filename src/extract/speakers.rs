//! Speakers: the name in a speaker phrase, and what a pronoun or a short form refers to.

use std::collections::VecDeque;

use super::lexicon::{self, Gender, Pronoun};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    Person,
    /// A plural collective: officials, advocates, exporters.
    Group,
    /// An organisation, government or document.
    Organisation,
}

/// A speaker met earlier in the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub name: String,
    pub phrase: String,
    pub kind: SpeakerKind,
    pub gender: Option<Gender>,
    /// How the article describes a source it agreed not to name ("a senior official").
    pub anonymous: Option<String>,
    /// Has been the speaker of a claim (not only the subject of narration).
    pub spoke: bool,
}

impl Known {
    pub fn new(name: String, phrase: String, kind: SpeakerKind) -> Known {
        let gender = if kind == SpeakerKind::Person { gender_in(&phrase, &name) } else { None };
        Known { name, phrase, kind, gender, anonymous: None, spoke: false }
    }
}

/// What a phrase shows of a person's gender: a title or role ("Ms", "spokeswoman"), or the
/// given name that starts the name.
fn gender_in(phrase: &str, name: &str) -> Option<Gender> {
    // The word's gender first: few words have one, and looking inside the name costs more.
    let role = phrase.split(|c: char| !c.is_alphanumeric()).find_map(|w| {
        // A role counts even inside a description used as a name ("Veridian spokeswoman").
        let role = w.starts_with(char::is_lowercase);
        lexicon::gender_of_word(w).filter(|_| {
            !w.is_empty() && (role || !name.contains(w)) || matches!(w, "Ms" | "Mr" | "Mrs" | "Sir" | "Dame")
        })
    });
    let given = || {
        let ws = words(name);
        (ws.len() > 1).then(|| lexicon::gender_of_word(ws[0])).flatten()
    };
    role.or_else(given)
}

/// The speakers and people met so far in an article, the latest last: at most `Memory::SIZE`,
/// for no pronoun reaches back further, and a long text must not slow every lookup.
#[derive(Debug, Default)]
pub struct Memory {
    /// A queue: the oldest leaves from the front when a new speaker comes.
    known: VecDeque<Known>,
}

impl Memory {
    const SIZE: usize = 48;

    /// Someone who just spoke, or was the subject of narration: now the latest mention, keeping
    /// what was learnt about them before.
    pub fn meet(&mut self, mut known: Known) {
        if let Some(at) = self.known.iter().position(|k| k.name == known.name) {
            let earlier = self.known.remove(at).expect("found just now");
            known.gender = known.gender.or(earlier.gender);
            known.anonymous = known.anonymous.or(earlier.anonymous);
            known.spoke |= earlier.spoke;
        } else if self.known.len() == Self::SIZE {
            self.known.pop_front();
        }
        self.known.push_back(known);
    }

    /// A person named in passing ("led by Dr. Aroha Ngata"), for a later bare surname; the
    /// oldest mention, so no pronoun prefers them to a speaker.
    pub fn name_in_passing(&mut self, name: String, phrase: String) {
        if self.known.len() < Self::SIZE && !self.known.iter().any(|k| k.name == name) {
            self.known.push_front(Known::new(name, phrase, SpeakerKind::Person));
        }
    }

    /// The person a name of one word stands for: "Harlow, the Navy's top acquisition officer"
    /// is the Dennis Harlow named before.
    pub fn surname(&self, name: &str) -> Option<Known> {
        if name.contains(' ') { None } else { self.person(name) }
    }

    /// The person met latest whose whole name or surname this is.
    pub fn person(&self, phrase: &str) -> Option<Known> {
        let phrase = phrase.trim();
        self.known.iter().rev().find(|k| k.kind == SpeakerKind::Person && called(k, phrase)).cloned()
    }

    /// The person met last.
    pub fn latest_person(&self) -> Option<Known> {
        self.known.iter().rev().find(|k| k.kind == SpeakerKind::Person).cloned()
    }

    /// What a pronoun, a bare surname or a definite description ("the official") refers to:
    /// the nearest earlier speaker that fits. None when the phrase names someone itself. A
    /// pronoun that finds a person teaches their gender.
    pub fn resolve(&mut self, phrase: &str) -> Option<Known> {
        let trimmed = phrase.trim();
        if let Some(pronoun) = lexicon::pronoun(trimmed) {
            let latest = |fits: &dyn Fn(&Known) -> bool| self.known.iter().rposition(fits);
            let at = match pronoun {
                Pronoun::Person(gender) => {
                    let at = latest(&|k| k.kind == SpeakerKind::Person && k.gender.is_none_or(|g| g == gender));
                    if let Some(at) = at {
                        self.known[at].gender = Some(gender);
                    }
                    at
                }
                Pronoun::Group => latest(&|k| k.kind == SpeakerKind::Group)
                    .or_else(|| latest(&|k| k.kind == SpeakerKind::Organisation)),
                // "it" is an organisation that speaks: the latest that has spoken, else the latest.
                Pronoun::Thing => latest(&|k| k.kind == SpeakerKind::Organisation && k.spoke && speaks(k))
                    .or_else(|| latest(&|k| k.kind == SpeakerKind::Organisation && speaks(k))),
            };
            return at.map(|at| self.known[at].clone());
        }
        resolve_name(trimmed, &self.known)
    }
}

/// "officials" -> "official", "witnesses" -> "witness": the last word of a plural made one.
fn singular(plural: &str) -> String {
    let cut = if plural.ends_with("sses") || plural.ends_with("ches") || plural.ends_with("shes") {
        2
    } else {
        usize::from(plural.ends_with('s'))
    };
    plural[..plural.len() - cut].to_string()
}

/// A word for a person of some nation: "Croatian", "Swede", "Pakistani".
fn is_demonym(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "Swede", "Dane", "Finn", "Pole", "Scot", "Swiss", "Greek", "Czech", "Thai", "Frenchman", "Frenchwoman",
        "Englishman", "Englishwoman", "Welshman", "Welshwoman", "Dutchman", "Dutchwoman", "Irishman", "Irishwoman",
        "Spaniard", "Brit", "Kiwi", "Aussie", "Argentine", "Croat", "Serb", "Slovak", "Slovene", "Turk", "Briton",
        "American", "Mexican", "Korean", "Kenyan", "Moroccan", "Ugandan", "Jamaican", "Dominican", "Cuban",
    ];
    let Some(first) = word.chars().next() else { return false };
    first.is_uppercase()
        && (WORDS.contains(&word)
            || matches!(word, "Irish" | "Welsh" | "French" | "Dutch" | "English")
            || word.len() > 5
                && (word.ends_with("ian") || word.ends_with("ese") || word.ends_with('i') || word.ends_with("ish")))
}

/// Can "it" stand for this organisation? Not when it names a plan or an event.
fn speaks(known: &Known) -> bool {
    let head = lexicon::lowercase(known.name.split_whitespace().last().unwrap_or(""));
    !matches!(
        &*head,
        "campaign"
            | "plan"
            | "project"
            | "programme"
            | "program"
            | "scheme"
            | "proposal"
            | "policy"
            | "law"
            | "bill"
            | "deal"
            | "decision"
            | "strike"
            | "attack"
            | "war"
            | "election"
            | "vote"
            | "meeting"
            | "talks"
            | "summit"
            | "crisis"
            | "move"
            | "rule"
            | "ban"
            | "measure"
            | "event"
            | "fire"
            | "storm"
            | "flood"
    )
}

/// Where `needle` first occurs in `text`: a speaker phrase is a few dozen bytes, too short to
/// repay the set-up of `str::find` or `memmem`.
fn find(text: &str, needle: &str) -> Option<usize> {
    // Only where the needle's first byte is: comparing at every offset costs more than the
    // rest of reading a speaker phrase.
    let (bytes, needle) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else { return Some(0) };
    memchr::memchr_iter(first, bytes).find(|&at| bytes[at..].starts_with(needle))
}

/// "Kenya's", "the council’s"
pub fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("\u{2019}s") || word.ends_with("s'") || word.ends_with("s\u{2019}")
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Starts with a capital, looking past a name particle: "Rosa", "al-Khatib", "O'Neill".
pub fn capitalised(word: &str) -> bool {
    // Most words settle on their first byte, or character; a byte loop for the hyphen, as
    // words are too short to repay `memchr`.
    let first = match word.as_bytes().first() {
        Some(&b) if b.is_ascii() => Some(b as char),
        _ => word.chars().next(),
    };
    if first.is_some_and(char::is_uppercase) {
        return true;
    }
    if first.is_some_and(char::is_lowercase) && !word.bytes().any(|b| b == b'-') {
        return false;
    }
    let bare = match word.find('-') {
        Some(dash) if lexicon::is_name_particle(&word[..dash]) => &word[dash + 1..],
        _ => word,
    };
    bare.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
}

fn strip_determiner(text: &str) -> &str {
    let text = text.trim();
    for determiner in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = text.strip_prefix(determiner) {
            return rest.trim();
        }
    }
    text
}

/// A personal name: two to five capitalised words (particles allowed), none of them an
/// organisation's or a title's.
fn personal_name(part: &str) -> Option<String> {
    personal_name_in(words(part))
}

/// `personal_name` of a phrase already split into words.
fn personal_name_in(mut ws: Vec<&str>) -> Option<String> {
    // The phrase's final full stop or comma is no part of the name.
    if let Some(last) = ws.last_mut() {
        match last.trim_end_matches(['.', ',']) {
            "" => drop(ws.pop()),
            trimmed => *last = trimmed,
        }
    }
    // "Ingrid Holm of the Nordic Water Institute": the name stops where the affiliation starts.
    if let Some(cut) =
        ws.iter().position(|w| matches!(*w, "of" | "at" | "from" | "with" | "in")).filter(|&cut| cut >= 2)
    {
        ws.truncate(cut);
    }
    // Drop leading titles: "Prime Minister Mohammed Shia al-Sudani" -> "Mohammed Shia al-Sudani".
    while ws.len() > 2 && (lexicon::is_title(ws[0]) || ws[0].ends_with('i') && lexicon::is_title(ws[1])) {
        ws.remove(0);
    }
    // And letters after it: "Jonathan Meade KC", "Ama Mensah MP".
    while ws.len() > 2 && ws.last().is_some_and(|w| is_post_nominal(w)) {
        ws.pop();
    }
    // "When I was a boy": a sentence's opening words and "I" are nobody's name.
    if ws.first().is_some_and(|w| lexicon::starts_sentences(w)) || ws.contains(&"I") {
        return None;
    }
    if ws.len() < 2 || ws.len() > 5 {
        return None;
    }
    let fits = capitalised(ws[0])
        && ws.iter().all(|w| {
            // Capitalised, or a particle inside the name; no organisation's word, no title.
            let lower = lexicon::lowercase(w);
            let entry = lexicon::entry(&lower);
            // (The words come from parts between commas: none ends in one.)
            (capitalised(w) || entry.is_name_particle(&lower))
                && !entry.is_organisation_word()
                && !entry.is_title()
                && !w.ends_with("'s")
        });
    fits.then(|| ws.join(" "))
}

/// Letters after a name: "KC", "MP", "OBE", "Jr.".
fn is_post_nominal(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    matches!(bare, "Jr" | "Sr" | "PhD") || (2..=4).contains(&bare.len()) && bare.chars().all(|c| c.is_ascii_uppercase())
}

/// The longest run of capitalised words ending a phrase, after any titles:
/// "Iraqi Prime Minister Mohammed Shia al-Sudani" -> "Mohammed Shia al-Sudani".
fn trailing_name(phrase: &str) -> Option<String> {
    trailing_name_in(&words(phrase))
}

/// `trailing_name` of a phrase already split into words.
fn trailing_name_in(ws: &[&str]) -> Option<String> {
    let mut start = ws.len();
    // "Kenya's Ruth Chepngetich": the name starts after the possessive.
    while start > 0
        && (capitalised(ws[start - 1]) || lexicon::is_name_particle(ws[start - 1]))
        && !is_possessive(ws[start - 1])
    {
        start -= 1;
    }
    let run = &ws[start..];
    let mut begin = 0;
    for (i, w) in run.iter().enumerate() {
        if lexicon::is_title(w.trim_end_matches('.')) {
            begin = i + 1;
        }
    }
    // Only a name announced by a title, or a phrase that is nothing but a name: the end of
    // "League of Rural Voters" is not a person.
    let after_preposition = start > 0
        && matches!(
            &*lexicon::lowercase(ws[start - 1]),
            "of" | "for" | "in" | "at" | "and" | "by" | "from" | "on" | "to" | "with"
        );
    // "Power company EVN Thanh Lâm", "the union IGV": a company's or a union's name.
    let organisation = start > 0 && lexicon::is_organisation_word(ws[start - 1]);
    if begin == 0 && (after_preposition || organisation) {
        return None;
    }
    personal_name_in(run[begin.min(run.len())..].to_vec())
}

/// The name a speaker phrase gives, and what kind of speaker it is. Appositions are weighed
/// ("the agency's general manager, Rosa Delgado"), relative clauses, ages and participle
/// phrases dropped ("Jamal Hughes, who leads the Riders Alliance"), titles removed, "a report
/// by X" taken as X and "a study published in a journal" as the study.
pub fn name_of(phrase: &str) -> (String, SpeakerKind) {
    // "a report by the state comptroller", "figures published on Friday by the ministry"
    let whole_first = phrase.split(',').next().unwrap_or(phrase);
    for link in [" by ", " from "] {
        let document =
            |&at: &usize| whole_first[..at].split_whitespace().any(|w| lexicon::is_document(&lexicon::lowercase(w)));
        // "a report seen by this newspaper": who saw a document did not write it.
        let written = |&at: &usize| {
            !whole_first[..at].split_whitespace().last().is_some_and(|w| {
                matches!(w, "seen" | "obtained" | "reviewed" | "viewed" | "examined" | "read" | "leaked")
            })
        };
        if let Some(at) = find(whole_first, link).filter(document).filter(written) {
            // The rest of the whole phrase: "signed by its secretary, Mrs Abena Ofori".
            return name_of(&phrase[at + link.len()..]);
        }
    }
    let parts = described_parts(phrase);
    for part in &parts {
        if let Some(name) = personal_name(strip_determiner(part)) {
            return (name, SpeakerKind::Person);
        }
    }
    // "retired judge Helen Osei": a name after a description, in any part.
    if let Some(name) = parts.iter().find_map(|part| trailing_name(part)) {
        return (name, SpeakerKind::Person);
    }
    // "Ms Waddell", "Dr Osei": a title and a surname name a person.
    if let Some(titled) = parts.first().map(|p| strip_determiner(p)).filter(|p| titled_surname(&words(p)).is_some()) {
        return (titled.to_string(), SpeakerKind::Person);
    }
    // "Her son, Gareth": a given name alone after a person's role or relation.
    let person_described = parts.first().and_then(|p| p.split_whitespace().last()).is_some_and(lexicon::is_person_noun);
    if let Some(given) =
        parts.iter().skip(1).find(|p| person_described && p.split_whitespace().count() == 1 && capitalised(p))
    {
        return (given.trim().to_string(), SpeakerKind::Person);
    }
    // "The water utility, DMAE": an organisation's own name over a description of it.
    let described = parts.first().is_some_and(|p| !strip_determiner(p).split_whitespace().any(capitalised));
    if let Some(proper) = parts.iter().skip(1).find(|p| described && p.split_whitespace().all(capitalised)) {
        return (strip_determiner(proper).to_string(), SpeakerKind::Organisation);
    }
    let first = parts.first().copied().unwrap_or(phrase).trim();
    // "a study published in the journal Nature" is the study.
    if let Some(at) = [" published ", " released ", " carried out ", " conducted ", " commissioned "]
        .iter()
        .find_map(|p| find(first, p))
        .filter(|&at| first[..at].split_whitespace().any(|w| lexicon::is_document(&lexicon::lowercase(w))))
    {
        return name_of(&first[..at]);
    }
    // "One of the officials" is an official.
    let one_of = ["one of the ", "one of those ", "another of the ", "one of its ", "one of their "]
        .iter()
        .find(|p| first.get(..p.len()).is_some_and(|start| start.eq_ignore_ascii_case(p)))
        .map(|p| p.len());
    if let Some(at) = one_of.filter(|&at| first[at..].split_whitespace().count() <= 3) {
        let (plural, kind) = name_of(&first[at..]);
        if kind == SpeakerKind::Group {
            return (singular(&plural), SpeakerKind::Person);
        }
    }
    let name = strip_determiner(first).to_string();
    // A capitalised word alone that names no one met before is more often an organisation
    // ("Greenwave", "Enedis") than a person: news writing gives a person's full name first.
    if name.split_whitespace().count() == 1 && capitalised(&name) {
        return (name, SpeakerKind::Organisation);
    }
    // "spokesman for the commission": the head noun comes before its prepositional phrase.
    let head =
        name.split_whitespace().take_while(|w| !matches!(*w, "of" | "for" | "at" | "from" | "with" | "in" | "by"));
    let last = lexicon::lowercase(head.last().unwrap_or(""));
    let kind = if lexicon::is_person_noun(&last) {
        SpeakerKind::Person
    } else if last.ends_with('s') && !lexicon::is_organisation_word(&last) || &*last == "officials" {
        SpeakerKind::Group
    } else {
        SpeakerKind::Organisation
    };
    // "A second member of staff, a junior doctor": a description refined by another; both say
    // who spoke.
    let description = |p: &&&str| !p.split_whitespace().any(capitalised);
    match parts.get(1).filter(|p| p.starts_with("a ") || p.starts_with("an ")).filter(description) {
        Some(refinement) if name.contains(' ') && description(&&name.as_str()) => {
            (format!("{name}, {refinement}"), kind)
        }
        _ => (name, kind),
    }
}

/// The comma-separated parts of a speaker phrase that name or describe the speaker: without
/// relative clauses ("who leads the union", also inside a part), ages, participle phrases
/// ("speaking on condition of anonymity") or a lone quantifier ("One, a teacher").
fn described_parts(phrase: &str) -> Vec<&str> {
    let parts: Vec<&str> = phrase
        .split(',')
        .map(|part| {
            // "Pádraig Ó Dónaill (78)", "Inc. (NASDAQ: KLVA)": brackets at the end hold no name.
            let part = part.trim();
            let part = match part.rfind(" (") {
                Some(at) if part.ends_with(')') => &part[..at],
                _ => part,
            };
            // "a teacher who asked not to be named", "a director accused of fraud": the first
            // space before a relative pronoun or a participle phrase ends the part.
            let modifier = part.match_indices(' ').map(|(at, _)| at).find(|&at| {
                let rest = &part[at + 1..];
                ["who ", "which ", "whose "].iter().any(|w| rest.starts_with(w))
                    // "the residents' group that brought the challenge"
                    || at > 0
                        && rest.starts_with("that ")
                        && lexicon::looks_finite(rest[5..].split(' ').next().unwrap_or(""))
                    || at > 0 && might_be_participle(rest) && participle_phrase(rest, false)
            });
            modifier.map_or(part, |at| &part[..at])
        })
        .filter(|p| {
            let mut ws = p.split_whitespace();
            let first = lexicon::lowercase(ws.next().unwrap_or(""));
            let age = ws.next().is_none() && first.starts_with(|c: char| c.is_ascii_digit());
            let modifier = matches!(first.as_ref(), "who" | "which" | "whose" | "whom" | "aged")
                || might_be_participle(&first) && participle_phrase(p, true)
                || age
                || &*first == "on" && p.contains("condition");
            !p.is_empty() && !modifier
        })
        .collect();
    let quantifier = |p: &&str| {
        ["one", "another", "some", "many", "most", "others", "several", "two", "three", "four", "both"]
            .iter()
            .any(|q| p.eq_ignore_ascii_case(q))
    };
    if parts.len() > 1 && parts.iter().any(|p| !quantifier(p)) {
        parts.into_iter().filter(|p| !quantifier(p)).collect()
    } else {
        parts
    }
}

/// Participles that open a phrase about a speaker or a document without ending in -ed: "born
/// in", "a report seen by this newspaper".
const IRREGULAR_PARTICIPLES: &[&str] = &["known", "born", "led", "seen", "shown", "given", "written", "held", "taken"];

/// A cheap look before `participle_phrase`: does the next word end like a participle?
fn might_be_participle(text: &str) -> bool {
    let word = text.split(' ').next().unwrap_or("");
    word.ends_with("ed") || word.ends_with("ing") || IRREGULAR_PARTICIPLES.contains(&word)
}

/// Does the text open with a participle phrase: "speaking on condition of anonymity",
/// "accused of fraud", "based in Leeds"? With `ing`, the -ing kind counts too.
fn participle_phrase(text: &str, ing: bool) -> bool {
    let mut ws = text.split_whitespace();
    let (Some(first), Some(next)) = (ws.next(), ws.next()) else { return false };
    let first = lexicon::lowercase(first);
    let next = lexicon::lowercase(next);
    let ed = first.len() > 4 && first.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&&*first);
    let opens_object = matches!(
        &*next,
        "of" | "by"
            | "in"
            | "on"
            | "at"
            | "with"
            | "for"
            | "from"
            | "to"
            | "through"
            | "as"
            | "the"
            | "a"
            | "an"
            | "outside"
            | "inside"
            | "near"
            | "behind"
            | "after"
            | "during"
    );
    (ed || ing && first.len() > 4 && first.ends_with("ing")) && opens_object
}

/// How the article describes a speaker, for a source it does not name: the description
/// without the relative clause or participle phrase that grants anonymity, in lower case where
/// it starts with a determiner ("A senior official, speaking on condition of anonymity" -> "a
/// senior official").
pub fn public_description(phrase: &str) -> String {
    let parts = described_parts(phrase);
    let part =
        parts.iter().find(|p| !p.split_whitespace().all(capitalised)).or(parts.first()).copied().unwrap_or(phrase);
    let mut description = part.trim().to_string();
    let first = description.split_whitespace().next().unwrap_or("").to_lowercase();
    let opens_lower = matches!(
        first.as_str(),
        "a" | "an"
            | "the"
            | "one"
            | "two"
            | "three"
            | "four"
            | "several"
            | "some"
            | "many"
            | "another"
            | "people"
            | "sources"
            | "officials"
    );
    if opens_lower {
        description.replace_range(..first.len(), &first);
    }
    description
}

/// The person a run of capitalised words names, if any ("Dr. Aroha Ngata"), given the word
/// before the run: "the University of the South Pacific" names a place, not a person, but "spoke
/// to Karim Benali" a person, as his given name shows.
pub fn person_in_run(run: &[&str], previous: &str) -> Option<String> {
    // A given name, not a title: "the Queen Elizabeth Hall" is a place.
    let given = lexicon::gender_of_word(run[0]).is_some() && !lexicon::is_title(run[0]);
    // "of the Nordic Water Institute", "a Maine Democrat": a place or a description.
    let placed = !given && matches!(previous, "of" | "the" | "in" | "at" | "from" | "to" | "on" | "a" | "an");
    if placed { None } else { trailing_name_in(run) }
}

/// Is this the whole name or the surname of someone met? "Ní Bhriain" is the surname of
/// "Siobhán Ní Bhriain".
fn called(known: &Known, name: &str) -> bool {
    known.name.strip_suffix(name).is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
}

/// The surname in "Ms Waddell", "Dr Osei": a capitalised title and a capitalised word.
fn titled_surname<'a>(ws: &[&'a str]) -> Option<&'a str> {
    match ws {
        [title, surname] if lexicon::is_title(title) && capitalised(title) && capitalised(surname) => Some(surname),
        _ => None,
    }
}

/// Is `word` the word `lower` (in lower case), in any case?
fn same_word(word: &str, lower: &str) -> bool {
    if word.is_ascii() { word.eq_ignore_ascii_case(lower) } else { *lexicon::lowercase(word) == *lower }
}

/// What a bare surname or a definite description ("the official") refers to.
fn resolve_name(trimmed: &str, known: &VecDeque<Known>) -> Option<Known> {
    let ws = words(trimmed);
    // A surname alone: "Delgado said".
    // Or with a title: "Ms Waddell".
    let titled = titled_surname(&ws).is_some();
    if ws.len() == 1 && capitalised(ws[0]) || titled {
        let surname = ws[ws.len() - 1];
        let by_surname = |k: &&Known| k.kind == SpeakerKind::Person && k.name != surname && called(k, surname);
        let found = known.iter().rev().find(by_surname).cloned();
        if found.is_some() || !titled {
            return found;
        }
    }
    // "the 21-year-old Croatian", "the Swede": how sports and court reports call back the
    // person just met.
    let the = matches!(ws.first(), Some(&("the" | "The")));
    let head = if the { words(trimmed.split(',').next().unwrap_or(trimmed)) } else { Vec::new() };
    // "the Polish forward" too: a nationality and a role.
    let nationality = head.len() == 2 && is_demonym(head[1])
        || head.len() == 3 && is_demonym(head[1]) && !capitalised(head[2]) && lexicon::is_person_noun(head[2]);
    if the && head.len() <= 4 && (head.iter().any(|w| w.contains("year-old")) || nationality) {
        // "the 19-year-old": whom the article gave that age, else the person met last.
        let age = head.iter().find(|w| w.contains("year-old"));
        let aged = |k: &&Known| k.kind == SpeakerKind::Person && age.is_some_and(|age| k.phrase.contains(age));
        return known
            .iter()
            .rev()
            .find(aged)
            .or_else(|| known.iter().rev().find(|k| k.kind == SpeakerKind::Person))
            .cloned();
    }
    // "the official", "the spokeswoman", "the ministry": the nearest speaker described so.
    // "the returning officer" too, when the article described someone so, and "the Rovers boss";
    // read before a comma that adds no name ("the Harrowgate manager, who also had kind words
    // for ..."; but "The envoy, Ana Costa" is Ana Costa).
    let ws = match trimmed.split_once(',') {
        Some((first, rest)) if !rest.split(',').any(|p| p.trim_start().starts_with(char::is_uppercase)) => words(first),
        _ => ws,
    };
    let modified = ws.len() == 3;
    if (ws.len() == 2 || modified)
        && matches!(&*lexicon::lowercase(ws[0]), "the" | "this")
        && !capitalised(ws[ws.len() - 1])
    {
        let noun = ws[ws.len() - 1].to_lowercase();
        let modifier = if modified { ws[1] } else { "" };
        // "the company" is no "engineer at the company".
        let named = |k: &&Known| {
            k.name.split_whitespace().last().is_some_and(|w| same_word(w, &noun))
                && (k.kind != SpeakerKind::Person || lexicon::is_person_noun(&noun))
        };
        // "the manager" is the person described as one; "the council" is not its chief executive.
        let role =
            (lexicon::is_title(&noun) || lexicon::is_person_noun(&noun)) && !lexicon::is_organisation_word(&noun);
        // A team's boss is its manager or coach; "the Rovers boss" need not repeat the team.
        let synonyms: &[&str] = match noun.as_str() {
            "boss" | "manager" | "coach" => &["boss", "manager", "coach"],
            _ => &[],
        };
        // Of whom the same was said ("the returning officer"); else, for a team's or a body's role
        // ("the Rovers boss"), someone given that role with no other team's name before it.
        let modifier_lower = modifier.to_lowercase();
        let described = |k: &&Known, strict: bool| {
            if !role || k.kind != SpeakerKind::Person {
                return false;
            }
            let mut words = k.phrase.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
            let mut before = "";
            let Some(_) = words.find(|w| {
                let found = same_word(w, &noun) || synonyms.iter().any(|s| same_word(w, s));
                if !found {
                    before = w;
                }
                found
            }) else {
                return false;
            };
            // Loosely: "manager Gareth Mulvey", the role right before the name and no team's
            // name before the role ("Athletic manager ..." is another team's).
            let named_next = words.next().is_some_and(capitalised);
            modifier.is_empty()
                || k.phrase.split(|c: char| !c.is_alphanumeric()).any(|w| same_word(w, &modifier_lower))
                || !strict && capitalised(modifier) && !capitalised(before) && named_next
        };
        let found = known.iter().rev().find(named);
        let found = found.or_else(|| known.iter().rev().find(|k| described(k, true)));
        if let Some(found) = found.or_else(|| known.iter().rev().find(|k| described(k, false))) {
            return Some(found.clone());
        }
        if matches!(noun.as_str(), "official" | "spokesman" | "spokeswoman" | "spokesperson" | "minister" | "lawyer") {
            return known.iter().rev().find(|k| k.kind == SpeakerKind::Person).cloned();
        }
        // "the statement said": the organisation that spoke last issued it. ("The company" is
        // not resolved so: the last organisation to speak is as often a union or the police.)
        if matches!(noun.as_str(), "statement" | "announcement") {
            let spoke = |k: &&Known| k.kind == SpeakerKind::Organisation && k.spoke && speaks(k);
            return known.iter().rev().find(spoke).cloned();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_out_of_speaker_phrases() {
        assert_eq!(name_of("the agency's general manager, Rosa Delgado").0, "Rosa Delgado");
        assert_eq!(name_of("Pavel Novak, head of the Grain Traders Union").0, "Pavel Novak");
        assert_eq!(name_of("Jamal Hughes, who leads the Riders Alliance").0, "Jamal Hughes");
        assert_eq!(name_of("Iraqi Prime Minister Mohammed Shia al-Sudani").0, "Mohammed Shia al-Sudani");
        assert_eq!(name_of("the head of the drivers' union, Ana Lucía Molina").0, "Ana Lucía Molina");
        assert_eq!(name_of("a report by the state comptroller").0, "state comptroller");
        assert_eq!(name_of("council member Aisha Bello").0, "Aisha Bello");
        assert_eq!(name_of("The inquiry's chair, retired judge Helen Osei").0, "Helen Osei");
        assert_eq!(name_of("The League of Rural Voters").0, "League of Rural Voters");
        assert_eq!(
            name_of("The Rural Producers Council"),
            ("Rural Producers Council".into(), SpeakerKind::Organisation)
        );
        assert_eq!(name_of("U.S. officials"), ("U.S. officials".into(), SpeakerKind::Group));
        assert_eq!(name_of("the Islamic Resistance in Iraq").0, "Islamic Resistance in Iraq");
        assert_eq!(name_of("The federation's medical director").1, SpeakerKind::Person);
    }

    #[test]
    fn pronouns_and_short_forms_find_the_nearest_fitting_speaker() {
        let mut memory = Memory::default();
        memory.meet(Known::new(
            "city transit agency".into(),
            "The city transit agency".into(),
            SpeakerKind::Organisation,
        ));
        memory.meet(Known::new(
            "Rosa Delgado".into(),
            "the agency's general manager, Rosa Delgado".into(),
            SpeakerKind::Person,
        ));
        memory.meet(Known::new("Rider advocates".into(), "Rider advocates".into(), SpeakerKind::Group));
        assert_eq!(memory.resolve("She").unwrap().name, "Rosa Delgado");
        assert_eq!(memory.resolve("they").unwrap().name, "Rider advocates");
        assert_eq!(memory.resolve("it").unwrap().name, "city transit agency");
        assert_eq!(memory.resolve("Delgado").unwrap().name, "Rosa Delgado");
        assert_eq!(memory.resolve("the manager").unwrap().name, "Rosa Delgado");
        assert_eq!(memory.resolve("the agency").unwrap().name, "city transit agency");
        assert_eq!(memory.resolve("Jamal Hughes"), None);
        assert_eq!(person_in_run(&["Dr.", "Aroha", "Ngata"], "by").as_deref(), Some("Aroha Ngata"));
        assert_eq!(person_in_run(&["South", "Pacific"], "the"), None);
        assert_eq!(person_in_run(&["Karim", "Benali"], "to").as_deref(), Some("Karim Benali"));
    }

    #[test]
    fn he_and_she_skip_people_known_to_be_the_other_gender() {
        let mut memory = Memory::default();
        memory.meet(Known::new("Anna Berg".into(), "Anna Berg".into(), SpeakerKind::Person));
        memory.meet(Known::new("Kowalczyk".into(), "Ms Kowalczyk".into(), SpeakerKind::Person));
        memory.meet(Known::new("Tom Reid".into(), "Tom Reid".into(), SpeakerKind::Person));
        memory.meet(Known::new("Sam Ode".into(), "a spokesman, Sam Ode".into(), SpeakerKind::Person));
        assert_eq!(memory.resolve("she").unwrap().name, "Kowalczyk");
        assert_eq!(memory.resolve("he").unwrap().name, "Sam Ode");
        // A pronoun teaches the gender of someone whose name did not show it.
        memory.meet(Known::new("Alex Morgan".into(), "Alex Morgan".into(), SpeakerKind::Person));
        assert_eq!(memory.resolve("she").unwrap().name, "Alex Morgan");
        memory.meet(Known::new("Tom Reid".into(), "Tom Reid".into(), SpeakerKind::Person));
        assert_eq!(memory.resolve("she").unwrap().name, "Alex Morgan");
    }

    #[test]
    fn it_is_an_organisation_that_speaks_and_they_a_group() {
        let mut memory = Memory::default();
        let mut office =
            Known::new("auditor's office".into(), "The auditor's office".into(), SpeakerKind::Organisation);
        office.spoke = true;
        memory.meet(office);
        memory.meet(Known::new(
            "Fair Fares campaign".into(),
            "The Fair Fares campaign".into(),
            SpeakerKind::Organisation,
        ));
        memory.meet(Known::new("Rail union".into(), "The rail union".into(), SpeakerKind::Organisation));
        assert_eq!(memory.resolve("it").unwrap().name, "auditor's office");
        assert_eq!(memory.resolve("they").unwrap().name, "Rail union");
        memory.meet(Known::new("Commuters".into(), "Commuters".into(), SpeakerKind::Group));
        memory.meet(Known::new("Network Rail".into(), "Network Rail".into(), SpeakerKind::Organisation));
        assert_eq!(memory.resolve("they").unwrap().name, "Commuters");
    }

    #[test]
    fn public_descriptions_leave_out_what_grants_anonymity() {
        assert_eq!(
            public_description(
                "A senior U.S. official, speaking on condition of anonymity because the talks are confidential"
            ),
            "a senior U.S. official"
        );
        assert_eq!(public_description("One, a teacher who asked not to be named"), "a teacher");
        assert_eq!(
            public_description("one European diplomat, who asked not to be identified"),
            "one European diplomat"
        );
    }
}
