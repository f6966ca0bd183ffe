//! Speakers: the name in a speaker phrase, and what a pronoun or a short form refers to.

use super::lexicon::{self, Pronoun};

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
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Starts with a capital, looking past a name particle: "Rosa", "al-Khatib", "O'Neill".
pub fn capitalised(word: &str) -> bool {
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
    let mut ws = words(part.trim().trim_end_matches(['.', ',']));
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
    if ws.len() < 2 || ws.len() > 5 {
        return None;
    }
    let fits = ws.iter().all(|w| capitalised(w) || lexicon::is_name_particle(w))
        && capitalised(ws[0])
        && capitalised(ws[ws.len() - 1]) | lexicon::is_name_particle(ws[ws.len() - 1])
        && !ws.iter().any(|w| lexicon::is_organisation_word(w) || lexicon::is_title(w) || w.ends_with("'s"));
    fits.then(|| ws.join(" "))
}

/// The longest run of capitalised words ending a phrase, after any titles:
/// "Iraqi Prime Minister Mohammed Shia al-Sudani" -> "Mohammed Shia al-Sudani".
fn trailing_name(phrase: &str) -> Option<String> {
    let ws = words(phrase);
    let mut start = ws.len();
    while start > 0 && (capitalised(ws[start - 1]) || lexicon::is_name_particle(ws[start - 1])) {
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
            ws[start - 1].to_lowercase().as_str(),
            "of" | "for" | "in" | "at" | "and" | "by" | "from" | "on" | "to" | "with"
        );
    if begin == 0 && after_preposition {
        return None;
    }
    personal_name(&run[begin.min(run.len())..].join(" "))
}

/// The name a speaker phrase gives, and what kind of speaker it is. Appositions are weighed
/// ("the agency's general manager, Rosa Delgado"), relative clauses dropped ("Jamal Hughes,
/// who leads the Riders Alliance"), titles removed, and "a report by X" taken as X.
pub fn name_of(phrase: &str) -> (String, SpeakerKind) {
    let parts: Vec<&str> = phrase
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let first = p.split_whitespace().next().unwrap_or("").to_lowercase();
            !matches!(first.as_str(), "who" | "which" | "whose" | "whom")
        })
        .collect();
    for part in &parts {
        if let Some(name) = personal_name(strip_determiner(part)) {
            return (name, SpeakerKind::Person);
        }
    }
    // "retired judge Helen Osei": a name after a description, in any part.
    if let Some(name) = parts.iter().find_map(|part| trailing_name(part)) {
        return (name, SpeakerKind::Person);
    }
    let first = parts.first().copied().unwrap_or(phrase).trim();
    // "a report by the state comptroller", "a statement from the ministry"
    let lower = first.to_lowercase();
    for link in [" by ", " from "] {
        if let Some(at) = lower.find(link) {
            let head = &lower[..at];
            if head.split_whitespace().any(|w| {
                matches!(
                    w,
                    "report" | "statement" | "study" | "letter" | "filing" | "audit" | "analysis" | "review" | "survey"
                )
            }) {
                return name_of(&first[at + link.len()..]);
            }
        }
    }
    let name = strip_determiner(first).to_string();
    // A capitalised word alone is a surname: "Ngata said".
    if name.split_whitespace().count() == 1 && capitalised(&name) && !lexicon::is_organisation_word(&name) {
        return (name, SpeakerKind::Person);
    }
    let last = name.split_whitespace().last().unwrap_or("").to_lowercase();
    let kind = if matches!(
        last.as_str(),
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "lawyer"
            | "director"
            | "manager"
            | "minister"
            | "official"
            | "president"
            | "chief"
            | "head"
            | "secretary"
            | "mayor"
            | "governor"
            | "senator"
            | "judge"
            | "analyst"
            | "expert"
            | "doctor"
            | "coach"
            | "witness"
            | "resident"
            | "envoy"
            | "diplomat"
            | "leader"
            | "attorney"
            | "comptroller"
            | "auditor"
            | "prosecutor"
            | "executive"
            | "founder"
            | "owner"
            | "member"
    ) {
        SpeakerKind::Person
    } else if last.ends_with('s') && !lexicon::is_organisation_word(&last) || last == "officials" {
        SpeakerKind::Group
    } else {
        SpeakerKind::Organisation
    };
    (name, kind)
}

/// The people a sentence names ("led by Dr. Aroha Ngata of the University"), for a later
/// "Ngata said": runs of two to five capitalised words that read as a personal name.
pub fn people_named(sentence: &str) -> Vec<String> {
    let ws = words(sentence);
    let mut found = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !capitalised(ws[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < ws.len() && (capitalised(ws[j]) || lexicon::is_name_particle(ws[j])) {
            j += 1;
            if ws[j - 1].ends_with([',', '.', ';', ':']) {
                break;
            }
        }
        let run: Vec<&str> =
            ws[i..j].iter().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')).collect();
        // "the University of the South Pacific" names a place, not a person.
        let placed =
            i > 0 && matches!(ws[i - 1].to_lowercase().as_str(), "of" | "the" | "in" | "at" | "from" | "to" | "on");
        if let Some(name) = trailing_name(&run.join(" ")).filter(|_| !placed) {
            found.push(name);
        }
        i = j.max(i + 1);
    }
    found
}

/// What a pronoun, a bare surname or a definite description ("the official") refers to: the
/// nearest earlier speaker that fits. None when the phrase names someone itself.
pub fn resolve(phrase: &str, known: &[Known]) -> Option<Known> {
    let trimmed = phrase.trim();
    let lower = trimmed.to_lowercase();
    if let Some(pronoun) = lexicon::pronoun(&lower) {
        let wanted: &[SpeakerKind] = match pronoun {
            Pronoun::Person => &[SpeakerKind::Person],
            Pronoun::Group => &[SpeakerKind::Group, SpeakerKind::Organisation],
            Pronoun::Thing => &[SpeakerKind::Organisation],
        };
        return known.iter().rev().find(|k| wanted.contains(&k.kind)).cloned();
    }
    let ws = words(trimmed);
    // A surname alone: "Delgado said".
    if ws.len() == 1 && capitalised(ws[0]) {
        return known
            .iter()
            .rev()
            .find(|k| {
                k.kind == SpeakerKind::Person
                    && k.name.split_whitespace().count() > 1
                    && k.name.split_whitespace().last() == Some(ws[0])
            })
            .cloned();
    }
    // "the official", "the spokeswoman", "the ministry": the nearest speaker described so.
    if ws.len() == 2 && matches!(ws[0].to_lowercase().as_str(), "the" | "this") && !capitalised(ws[1]) {
        let noun = ws[1].to_lowercase();
        let named = |k: &&Known| k.name.to_lowercase().split_whitespace().last() == Some(noun.as_str());
        // "the manager" is the person described as one; "the council" is not its chief executive.
        let role = lexicon::is_title(&noun) && !lexicon::is_organisation_word(&noun);
        let described = |k: &&Known| {
            role && k.kind == SpeakerKind::Person
                && k.phrase.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w == noun)
        };
        if let Some(found) = known.iter().rev().find(named).or_else(|| known.iter().rev().find(described)) {
            return Some(found.clone());
        }
        if matches!(noun.as_str(), "official" | "spokesman" | "spokeswoman" | "spokesperson" | "minister" | "lawyer") {
            return known.iter().rev().find(|k| k.kind == SpeakerKind::Person).cloned();
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
        let known = vec![
            Known {
                name: "city transit agency".into(),
                phrase: "The city transit agency".into(),
                kind: SpeakerKind::Organisation,
            },
            Known {
                name: "Rosa Delgado".into(),
                phrase: "the agency's general manager, Rosa Delgado".into(),
                kind: SpeakerKind::Person,
            },
            Known { name: "Rider advocates".into(), phrase: "Rider advocates".into(), kind: SpeakerKind::Group },
        ];
        assert_eq!(resolve("She", &known).unwrap().name, "Rosa Delgado");
        assert_eq!(resolve("they", &known).unwrap().name, "Rider advocates");
        assert_eq!(resolve("it", &known).unwrap().name, "city transit agency");
        assert_eq!(resolve("Delgado", &known).unwrap().name, "Rosa Delgado");
        assert_eq!(resolve("the manager", &known).unwrap().name, "Rosa Delgado");
        assert_eq!(resolve("the agency", &known).unwrap().name, "city transit agency");
        assert_eq!(resolve("Jamal Hughes", &known), None);
        assert_eq!(
            people_named(
                "The team, led by Dr. Aroha Ngata of the University of the South Pacific, surveyed 120 sites."
            ),
            ["Aroha Ngata"]
        );
    }
}
