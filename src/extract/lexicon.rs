//! The words the extractor knows: reporting verbs in every form, auxiliaries, titles,
//! abbreviations, pronouns and the nouns that name speakers.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// How a reporting verb takes what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbKind {
    /// S (that) C; C, S said.
    Speech,
    /// S told X (that) C: an addressee comes first.
    Tell,
    /// S criticized X as Y, accused X of Y: the claim is the evaluation.
    Evaluative,
}

/// (lemma, kind, forms). The forms cover every tense: base, third person, past, participles.
const VERBS: &[(&str, VerbKind, &[&str])] = &[
    ("say", VerbKind::Speech, &["say", "says", "said", "saying"]),
    ("tell", VerbKind::Tell, &["tell", "tells", "told", "telling"]),
    ("state", VerbKind::Speech, &["state", "states", "stated", "stating"]),
    ("opine", VerbKind::Speech, &["opine", "opines", "opined", "opining"]),
    ("claim", VerbKind::Speech, &["claim", "claims", "claimed", "claiming"]),
    (
        "emphasize",
        VerbKind::Speech,
        &[
            "emphasize", "emphasizes", "emphasized", "emphasizing", "emphasise", "emphasises", "emphasised",
            "emphasising",
        ],
    ),
    ("clarify", VerbKind::Speech, &["clarify", "clarifies", "clarified", "clarifying"]),
    ("assert", VerbKind::Speech, &["assert", "asserts", "asserted", "asserting"]),
    ("insist", VerbKind::Speech, &["insist", "insists", "insisted", "insisting"]),
    ("deny", VerbKind::Speech, &["deny", "denies", "denied", "denying"]),
    ("warn", VerbKind::Speech, &["warn", "warns", "warned", "warning"]),
    ("argue", VerbKind::Speech, &["argue", "argues", "argued", "arguing"]),
    ("add", VerbKind::Speech, &["add", "adds", "added", "adding"]),
    ("confirm", VerbKind::Speech, &["confirm", "confirms", "confirmed", "confirming"]),
    ("testify", VerbKind::Speech, &["testify", "testifies", "testified", "testifying"]),
    ("write", VerbKind::Speech, &["write", "writes", "wrote", "written", "writing"]),
    ("announce", VerbKind::Speech, &["announce", "announces", "announced", "announcing"]),
    ("explain", VerbKind::Speech, &["explain", "explains", "explained", "explaining"]),
    ("note", VerbKind::Speech, &["note", "notes", "noted", "noting"]),
    ("acknowledge", VerbKind::Speech, &["acknowledge", "acknowledges", "acknowledged", "acknowledging"]),
    ("admit", VerbKind::Speech, &["admit", "admits", "admitted", "admitting"]),
    ("allege", VerbKind::Speech, &["allege", "alleges", "alleged", "alleging"]),
    ("maintain", VerbKind::Speech, &["maintain", "maintains", "maintained", "maintaining"]),
    ("contend", VerbKind::Speech, &["contend", "contends", "contended", "contending"]),
    ("report", VerbKind::Speech, &["report", "reports", "reported", "reporting"]),
    ("suggest", VerbKind::Speech, &["suggest", "suggests", "suggested", "suggesting"]),
    ("predict", VerbKind::Speech, &["predict", "predicts", "predicted", "predicting"]),
    ("promise", VerbKind::Speech, &["promise", "promises", "promised", "promising"]),
    ("pledge", VerbKind::Speech, &["pledge", "pledges", "pledged", "pledging"]),
    ("declare", VerbKind::Speech, &["declare", "declares", "declared", "declaring"]),
    ("stress", VerbKind::Speech, &["stress", "stresses", "stressed", "stressing"]),
    ("reiterate", VerbKind::Speech, &["reiterate", "reiterates", "reiterated", "reiterating"]),
    ("concede", VerbKind::Speech, &["concede", "concedes", "conceded", "conceding"]),
    ("complain", VerbKind::Speech, &["complain", "complains", "complained", "complaining"]),
    ("estimate", VerbKind::Speech, &["estimate", "estimates", "estimated", "estimating"]),
    ("conclude", VerbKind::Speech, &["conclude", "concludes", "concluded", "concluding"]),
    ("believe", VerbKind::Speech, &["believe", "believes", "believed"]),
    ("find", VerbKind::Speech, &["find", "finds", "found"]),
    ("rule", VerbKind::Speech, &["rule", "rules", "ruled", "ruling"]),
    ("show", VerbKind::Speech, &["show", "shows", "showed", "shown"]),
    ("recall", VerbKind::Speech, &["recall", "recalls", "recalled", "recalling"]),
    ("reply", VerbKind::Speech, &["reply", "replies", "replied", "replying"]),
    ("respond", VerbKind::Speech, &["respond", "responds", "responded", "responding"]),
    ("disclose", VerbKind::Speech, &["disclose", "discloses", "disclosed", "disclosing"]),
    ("reveal", VerbKind::Speech, &["reveal", "reveals", "revealed", "revealing"]),
    ("counter", VerbKind::Speech, &["counter", "counters", "countered", "countering"]),
    ("caution", VerbKind::Speech, &["caution", "cautions", "cautioned", "cautioning"]),
    ("observe", VerbKind::Speech, &["observe", "observes", "observed", "observing"]),
    ("remark", VerbKind::Speech, &["remark", "remarks", "remarked", "remarking"]),
    ("signal", VerbKind::Speech, &["signal", "signals", "signaled", "signalled", "signaling", "signalling"]),
    ("hint", VerbKind::Speech, &["hint", "hints", "hinted", "hinting"]),
    ("indicate", VerbKind::Speech, &["indicate", "indicates", "indicated", "indicating"]),
    ("boast", VerbKind::Speech, &["boast", "boasts", "boasted", "boasting"]),
    ("lament", VerbKind::Speech, &["lament", "laments", "lamented", "lamenting"]),
    ("quip", VerbKind::Speech, &["quip", "quips", "quipped", "quipping"]),
    ("recount", VerbKind::Speech, &["recount", "recounts", "recounted", "recounting"]),
    ("retort", VerbKind::Speech, &["retort", "retorts", "retorted", "retorting"]),
    ("interject", VerbKind::Speech, &["interject", "interjects", "interjected", "interjecting"]),
    ("vow", VerbKind::Speech, &["vow", "vows", "vowed", "vowing"]),
    ("agree", VerbKind::Speech, &["agree", "agrees", "agreed", "agreeing"]),
    ("object", VerbKind::Speech, &["object", "objects", "objected", "objecting"]),
    ("protest", VerbKind::Speech, &["protest", "protests", "protested", "protesting"]),
    ("mention", VerbKind::Speech, &["mention", "mentions", "mentioned", "mentioning"]),
    ("affirm", VerbKind::Speech, &["affirm", "affirms", "affirmed", "affirming"]),
    ("reaffirm", VerbKind::Speech, &["reaffirm", "reaffirms", "reaffirmed", "reaffirming"]),
    ("forecast", VerbKind::Speech, &["forecast", "forecasts", "forecasted", "forecasting"]),
    ("reckon", VerbKind::Speech, &["reckon", "reckons", "reckoned", "reckoning"]),
    ("answer", VerbKind::Speech, &["answer", "answers", "answered", "answering"]),
    ("swear", VerbKind::Speech, &["swear", "swears", "swore", "sworn", "swearing"]),
    ("post", VerbKind::Speech, &["post", "posts", "posted", "posting"]),
    ("tweet", VerbKind::Speech, &["tweet", "tweets", "tweeted", "tweeting"]),
    ("point out", VerbKind::Speech, &["point", "points", "pointed", "pointing"]),
    ("cut in", VerbKind::Speech, &["cut", "cuts", "cutting"]),
    ("chime in", VerbKind::Speech, &["chime", "chimes", "chimed", "chiming"]),
    ("shoot back", VerbKind::Speech, &["shoot", "shoots", "shot", "shooting"]),
    ("inform", VerbKind::Tell, &["inform", "informs", "informed", "informing"]),
    ("assure", VerbKind::Tell, &["assure", "assures", "assured", "assuring"]),
    ("reassure", VerbKind::Tell, &["reassure", "reassures", "reassured", "reassuring"]),
    ("remind", VerbKind::Tell, &["remind", "reminds", "reminded", "reminding"]),
    ("notify", VerbKind::Tell, &["notify", "notifies", "notified", "notifying"]),
    ("brief", VerbKind::Tell, &["brief", "briefs", "briefed", "briefing"]),
    ("advise", VerbKind::Tell, &["advise", "advises", "advised", "advising"]),
    (
        "criticize",
        VerbKind::Evaluative,
        &[
            "criticize", "criticizes", "criticized", "criticizing", "criticise", "criticises", "criticised",
            "criticising",
        ],
    ),
    ("accuse", VerbKind::Evaluative, &["accuse", "accuses", "accused", "accusing"]),
    ("call", VerbKind::Evaluative, &["call", "calls", "called", "calling"]),
    ("describe", VerbKind::Evaluative, &["describe", "describes", "described", "describing"]),
    ("condemn", VerbKind::Evaluative, &["condemn", "condemns", "condemned", "condemning"]),
    ("dismiss", VerbKind::Evaluative, &["dismiss", "dismisses", "dismissed", "dismissing"]),
    ("denounce", VerbKind::Evaluative, &["denounce", "denounces", "denounced", "denouncing"]),
    ("label", VerbKind::Evaluative, &["label", "labels", "labeled", "labelled", "labeling", "labelling"]),
    ("brand", VerbKind::Evaluative, &["brand", "brands", "branded", "branding"]),
    ("praise", VerbKind::Evaluative, &["praise", "praises", "praised", "praising"]),
    ("blame", VerbKind::Evaluative, &["blame", "blames", "blamed", "blaming"]),
    ("hail", VerbKind::Evaluative, &["hail", "hails", "hailed", "hailing"]),
    ("slam", VerbKind::Evaluative, &["slam", "slams", "slammed", "slamming"]),
    ("decry", VerbKind::Evaluative, &["decry", "decries", "decried", "decrying"]),
    ("deride", VerbKind::Evaluative, &["deride", "derides", "derided", "deriding"]),
];

/// What the lexicon knows of a word: whether it is a form of a reporting verb, and the classes
/// it belongs to. Each word of a sentence is looked up once, in lower case, and the rules ask
/// the answer as often as they like.
#[derive(Debug, Clone, Copy, Default)]
pub struct Entry {
    /// The verb's lemma and kind, and whether this is its base form.
    verb: Option<(&'static str, VerbKind, bool)>,
    classes: u16,
}

/// The word lists a word can belong to: one bit each in `Entry::classes`.
#[derive(Debug, Clone, Copy)]
enum Class {
    FiniteForm,
    NotPastForm,
    Auxiliary,
    NotAdverb,
    SentenceAdverb,
    SpeakerNoun,
    NameParticle,
    Title,
    OrganisationWord,
    PersonNoun,
    TitleAbbreviation,
    MonthAbbreviation,
    OtherAbbreviation,
}

impl Class {
    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// Every word the lexicon knows, in lower case, for one lookup in constant time: the
/// extractor asks about each word of each article.
static WORDS: LazyLock<HashMap<&'static str, Entry>> = LazyLock::new(|| {
    let mut words: HashMap<&'static str, Entry> = HashMap::default();
    for (lemma, kind, forms) in VERBS {
        for (i, form) in forms.iter().enumerate() {
            words.entry(form).or_default().verb = Some((lemma, *kind, i == 0));
        }
    }
    let classes: [(&[&'static str], Class); 14] = [
        (FINITE, Class::FiniteForm),
        (IRREGULAR_PAST, Class::FiniteForm),
        (NOT_PAST, Class::NotPastForm),
        (AUXILIARIES, Class::Auxiliary),
        (NOT_ADVERBS, Class::NotAdverb),
        (SENTENCE_ADVERBS, Class::SentenceAdverb),
        (SPEAKER_NOUNS, Class::SpeakerNoun),
        (NAME_PARTICLES, Class::NameParticle),
        (TITLES, Class::Title),
        (ORGANISATION_WORDS, Class::OrganisationWord),
        (PERSON_NOUNS, Class::PersonNoun),
        (TITLE_ABBREVIATIONS, Class::TitleAbbreviation),
        (MONTH_ABBREVIATIONS, Class::MonthAbbreviation),
        (OTHER_ABBREVIATIONS, Class::OtherAbbreviation),
    ];
    for (list, class) in classes {
        for word in list {
            words.entry(word).or_default().classes |= class.bit();
        }
    }
    // `entry` skips what cannot be here: a word added that is longer, or a number, would never match.
    assert!(words.keys().all(|w| w.len() <= LONGEST_WORD && !w.starts_with(|c: char| c.is_ascii_digit())));
    words
});

/// What the lexicon knows of a word already in lower case.
pub fn entry(lower: &str) -> Entry {
    // Numbers and long words are never in it: no need to hash them.
    if lower.len() > LONGEST_WORD || lower.as_bytes().first().is_none_or(u8::is_ascii_digit) {
        return Entry::default();
    }
    WORDS.get(lower).copied().unwrap_or_default()
}

/// The length in bytes of the longest word the lexicon knows (15: "representatives").
const LONGEST_WORD: usize = 15;

impl Entry {
    fn is(self, class: Class) -> bool {
        self.classes & class.bit() != 0
    }

    /// The reporting verb this is a form of.
    pub fn verb(self) -> Option<(&'static str, VerbKind)> {
        self.verb.map(|(lemma, kind, _)| (lemma, kind))
    }

    /// Is this the bare base form of a reporting verb (`say`, `claim`), which is a verb only
    /// after a subject or an auxiliary?
    pub fn is_base_form(self) -> bool {
        self.verb.is_some_and(|(_, _, base)| base)
    }

    /// `looks_finite` of this word, given in lower case.
    pub fn looks_finite(self, lower: &str) -> bool {
        lower.ends_with("ed") && lower.len() > 3 && !self.is(Class::NotPastForm) || self.is(Class::FiniteForm)
    }

    /// `is_auxiliary` of this word, given in lower case.
    pub fn is_auxiliary(self, lower: &str) -> bool {
        self.is(Class::Auxiliary) || lower.ends_with("ly") && lower.len() > 4 && !self.is(Class::NotAdverb)
    }

    /// `is_name_particle` of this word, given in lower case.
    pub fn is_name_particle(self, lower: &str) -> bool {
        self.is(Class::NameParticle) || PARTICLE_PREFIXES.iter().any(|p| lower.starts_with(p))
    }

    pub fn is_sentence_adverb(self) -> bool {
        self.is(Class::SentenceAdverb)
    }

    pub fn is_speaker_noun(self) -> bool {
        self.is(Class::SpeakerNoun)
    }

    pub fn is_title(self) -> bool {
        self.is(Class::Title)
    }

    pub fn is_organisation_word(self) -> bool {
        self.is(Class::OrganisationWord)
    }

    /// `is_person_noun` of this word, given in lower case.
    pub fn is_person_noun(self, lower: &str) -> bool {
        self.is(Class::PersonNoun) || gender_of_word(lower).is_some()
    }
}

/// A word in lower case: the word itself when it already is, a copy on the stack when it is
/// short and ASCII (most capitalised words), else a new string. Every word of every article is
/// looked up this way, so it should not allocate.
pub enum Lower<'a> {
    Same(&'a str),
    Short([u8; 24], u8),
    Long(String),
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Lower::Same(word) => word,
            Lower::Short(bytes, len) => std::str::from_utf8(&bytes[..*len as usize]).expect("ASCII"),
            Lower::Long(word) => word,
        }
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

/// The word in lower case, without allocating.
pub fn lowercase(word: &str) -> Lower<'_> {
    // One pass: is it ASCII, and has it a capital?
    let (ascii, upper) =
        word.bytes().fold((true, false), |(ascii, upper), b| (ascii & (b < 0x80), upper | b.is_ascii_uppercase()));
    if ascii {
        if !upper {
            return Lower::Same(word);
        }
        if word.len() <= 24 {
            let mut bytes = [0u8; 24];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            bytes[..word.len()].make_ascii_lowercase();
            return Lower::Short(bytes, word.len() as u8);
        }
    } else if !word.chars().any(char::is_uppercase) {
        return Lower::Same(word);
    }
    Lower::Long(word.to_lowercase())
}

/// The particle a phrasal reporting verb needs after it: "out" for "point out".
pub fn particle(lemma: &str) -> Option<&str> {
    lemma.split_once(' ').map(|(_, particle)| particle)
}

/// Speech verbs that may name who was spoken to before what was said ("warned investors that").
pub fn takes_addressee(lemma: &str) -> bool {
    matches!(lemma, "warn" | "promise" | "caution" | "pledge" | "vow" | "swear" | "signal" | "answer" | "reply")
}

/// Is this form a present participle (`saying`, `stating`)?
pub fn is_participle(word: &str) -> bool {
    lowercase(word).ends_with("ing")
}

/// Participles that report speech after a comma: ", saying that ...". Evaluative and
/// fact-stating participles (", blaming", ", raising") only end a clause.
pub fn is_reporting_participle(word: &str) -> bool {
    matches!(
        lowercase(word).as_ref(),
        "saying"
            | "stating"
            | "asserting"
            | "adding"
            | "arguing"
            | "insisting"
            | "warning"
            | "claiming"
            | "noting"
            | "explaining"
            | "maintaining"
            | "contending"
            | "alleging"
            | "acknowledging"
            | "stressing"
            | "emphasizing"
            | "emphasising"
            | "declaring"
            | "suggesting"
            | "reiterating"
            | "telling"
            | "conceding"
            | "ruling"
            | "cautioning"
            | "countering"
            | "predicting"
            | "recalling"
            | "replying"
            | "promising"
            | "vowing"
            | "confirming"
            | "denying"
            | "announcing"
            | "disclosing"
            | "revealing"
            | "writing"
            | "estimating"
    )
}

const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would", "can", "could", "may",
    "might", "shall", "should", "must", "do", "does", "did", "also", "not", "never", "repeatedly", "again", "further",
    "previously", "later", "earlier", "publicly", "privately", "recently", "already", "still", "often", "once", "then",
    "reportedly", "allegedly", "first", "initially", "separately", "subsequently", "n't", "long", "just", "ever",
    "even", "both", "all", "since", "yet", "now", "today", "yesterday", "tonight",
];

/// Words in -ly that are not adverbs ("her family said", "the assembly said").
const NOT_ADVERBS: &[&str] = &[
    "family", "assembly", "supply", "rally", "ally", "reply", "july", "italy", "anomaly", "monopoly", "belly", "bully",
    "jelly", "lily", "butterfly", "elderly", "only", "early", "daily", "weekly", "monthly", "quarterly", "likely",
    "costly", "friendly", "holy", "lonely", "deadly", "lovely", "orderly", "assembly's", "family's", "kelly", "emily",
    "beverly", "sicily", "shelly", "molly", "polly", "sally", "billy", "holly", "dolly",
];

/// Words that head a line without naming a speaker: "BREAKING:", "Update:", "OUR VERDICT:".
pub fn is_label(word: &str) -> bool {
    const LABELS: &[&str] = &[
        "breaking", "news", "update", "updated", "live", "watch", "editor's", "editors", "note", "correction", "read",
        "more", "warning", "alert", "exclusive", "analysis", "opinion", "comment", "video", "photos", "latest", "fact",
        "check", "claim", "verdict", "source", "sources", "updates", "transcript", "summary", "key", "background",
        "result", "results",
    ];
    LABELS.contains(&lowercase(word).as_ref())
}

/// Verbs of manner that tag a quotation as a speech verb would: `"...," she laughs.`
pub fn is_manner_verb(word: &str) -> bool {
    matches!(
        lowercase(word).as_ref(),
        "laughs"
            | "laughed"
            | "smiles"
            | "smiled"
            | "grins"
            | "grinned"
            | "sighs"
            | "sighed"
            | "shrugs"
            | "shrugged"
            | "jokes"
            | "joked"
            | "quips"
            | "quipped"
            | "muses"
            | "mused"
            | "beams"
            | "beamed"
            | "chuckles"
            | "chuckled"
            | "laments"
            | "lamented"
    )
}

/// Auxiliaries and the adverbs that sit between a subject and its verb.
pub fn is_auxiliary(word: &str) -> bool {
    let lower = lowercase(word);
    entry(&lower).is_auxiliary(&lower)
}

/// A finite verb form that makes a clause a clause (for "S said C" without "that").
pub fn looks_finite(word: &str) -> bool {
    let lower = lowercase(word);
    entry(&lower).looks_finite(&lower)
}

const FINITE: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "should",
    "must", "do", "does", "did", "shall", "cannot", "won't", "can't", "didn't", "doesn't", "don't", "isn't", "wasn't",
    "aren't", "weren't", "hasn't", "haven't", "wouldn't", "couldn't", "shouldn't",
];

/// Words in -ed that are no past tense: "Several hundred workers rallied".
const NOT_PAST: &[&str] = &[
    "hundred", "speed", "seed", "need", "feed", "breed", "greed", "deed", "weed", "creed", "steed", "tweed", "sacred",
    "naked", "wicked", "kindred", "hatred", "ahmed", "mohammed", "muhammed", "mohamed",
];

/// Past tenses that do not end in -ed, so that "his nets came up empty" reads as a clause.
const IRREGULAR_PAST: &[&str] = &[
    "came", "went", "took", "made", "gave", "got", "saw", "knew", "thought", "became", "left", "felt", "brought",
    "began", "kept", "held", "stood", "ran", "paid", "met", "lost", "sent", "fell", "spent", "won", "built", "rose",
    "drove", "broke", "chose", "grew", "led", "meant", "sold", "bought", "caught", "taught", "fought", "sought", "hid",
    "shot", "struck", "threw", "wore", "ate", "drank", "flew", "forgot", "froze", "hung", "lay", "rode", "rang",
    "sang", "sank", "shook", "slept", "spoke", "stole", "swam", "swore", "tore", "woke", "wrote", "understood",
    "withdrew", "overtook", "undertook", "became", "arose", "bore", "burnt", "dealt", "dug", "fed", "fled", "forbade",
    "forgave", "lent", "lit", "mistook", "overcame", "proved", "sat", "shone", "slid", "spun", "split", "spread",
    "stuck", "stung", "sworn", "swept", "wept", "wound", "swung", "sprang", "sprung", "sung", "sank", "sunk", "stank",
    "shrank", "shrunk", "begun", "bitten", "blew", "blown", "bred", "bent", "bound", "bled", "clung", "crept", "drew",
    "drawn", "driven", "dove", "flung", "forbidden", "forgotten", "forgiven", "fought", "ground", "hidden", "hurt",
    "kept", "knelt", "laid", "leapt", "lent", "lost", "meant", "mistaken", "overseen", "paid", "ridden", "risen",
    "sought", "shaken", "shed", "shone", "shut", "slung", "smelt", "sped", "spent", "spilt", "spoken", "stolen",
    "strove", "struck", "strung", "swore", "taken", "thrust", "trod", "underwent", "upheld", "withheld", "woven",
    "wrung", "written", "fell", "fallen", "grew", "grown", "knew", "known", "saw", "seen", "shot", "slept", "told",
    "sold", "won", "went", "gone", "given", "eaten", "flown", "frozen", "chose", "chosen", "broke", "broken", "spoke",
    "woke", "woken", "rode", "rose", "wrote", "drove", "struck", "cost", "cut", "hit", "let", "put", "quit", "set",
    "spread", "offset", "beat", "beaten", "bet", "bid", "cast", "forecast", "upset",
];

const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "cmdr", "maj", "sgt", "sen", "rep", "gov", "pres",
    "st", "mt", "ft", "rev", "hon", "adm", "brig", "cpl", "pvt", "supt", "insp", "amb", "atty", "messrs", "mme",
    "mlle", "sr", "jr",
];
const MONTH_ABBREVIATIONS: &[&str] =
    &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
/// With the abbreviations of American states that are no English word or name ("PINE HOLLOW,
/// Calif."; not "Penn." or "Mont.", which end "Sean Penn.").
const OTHER_ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "co", "corp", "no", "vs", "etc", "approx", "dept", "est", "fig", "vol", "calif", "fla", "ariz",
    "colo", "minn", "wis", "tenn", "okla", "wyo", "ky",
];

pub fn is_title_abbreviation(lower: &str) -> bool {
    entry(lower).is(Class::TitleAbbreviation)
}

pub fn is_month_abbreviation(lower: &str) -> bool {
    entry(lower).is(Class::MonthAbbreviation)
}

pub fn is_other_abbreviation(lower: &str) -> bool {
    entry(lower).is(Class::OtherAbbreviation)
}

/// Words that usually open a sentence, to tell "in the U.S. The talks" from "U.S. officials".
pub fn starts_sentences(word: &str) -> bool {
    const STARTERS: &[&str] = &[
        "The", "A", "An", "It", "He", "She", "They", "We", "I", "You", "This", "That", "These", "Those", "In", "On",
        "At", "But", "However", "And", "Yet", "So", "If", "When", "While", "After", "Before", "Since", "As", "There",
        "Its", "His", "Her", "Their", "Our", "Some", "Many", "Most", "Officials", "Meanwhile", "Still", "Although",
    ];
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STARTERS.iter().copied().collect());
    SET.contains(word)
}

/// Titles and offices that come before a name ("Prime Minister Mohammed Shia al-Sudani").
pub fn is_title(word: &str) -> bool {
    entry(&lowercase(word)).is_title()
}

const TITLES: &[&str] = &[
    "president", "vice", "prime", "minister", "secretary", "general", "gen", "gen.", "colonel", "col.", "major",
    "lieutenant", "captain", "commander", "admiral", "sergeant", "senator", "sen.", "representative", "rep.",
    "governor", "gov.", "mayor", "judge", "justice", "chief", "spokesman", "spokeswoman", "spokesperson", "ambassador",
    "king", "queen", "prince", "princess", "sheikh", "pope", "cardinal", "bishop", "rabbi", "imam", "dr.", "dr", "mr.",
    "mr", "mrs.", "mrs", "ms.", "ms", "prof.", "professor", "chancellor", "premier", "deputy", "foreign", "defense",
    "defence", "interior", "finance", "health", "economy", "speaker", "chairman", "chairwoman", "chair", "director",
    "ceo", "coach", "detective", "officer", "inspector", "superintendent", "sir", "dame", "lord", "lady", "emir",
    "ayatollah", "sultan", "crown", "state", "attorney", "former", "acting", "interim", "senior", "leader", "head",
    "founder", "executive", "manager", "lawyer", "analyst", "brigadier", "corporal", "marshal", "commodore",
    "constable", "councillor", "councilor", "alderman", "pastor", "father", "sister", "brother", "kc", "qc", "adm",
    "adm.", "lt", "lt.", "capt", "capt.", "cmdr", "cmdr.", "maj", "maj.", "sgt", "sgt.", "rep", "gov", "rev", "rev.",
    "hon", "brig", "brig.", "cpl", "pvt", "supt", "supt.", "insp", "insp.", "amb", "cllr", "col", "det", "det.", "fr",
    "sen", "substitute", "striker", "midfielder", "defender", "goalkeeper", "winger", "skipper", "boss", "veteran",
    "td", "mp", "mep", "msp", "mla",
    // Occupations written before a name ("Novelist Anna Berg", "state broadcaster Nile TV"), none
    // of them a common surname; a broadcaster is an organisation's word too.
    "novelist", "author", "poet", "pianist", "actress", "musician", "composer", "playwright", "filmmaker",
    "photographer", "historian", "economist", "scientist", "researcher", "journalist", "columnist", "critic",
    "activist", "campaigner", "entrepreneur", "businessman", "businesswoman", "academic", "lecturer", "broadcaster",
    "comedian",
];

/// Lower-case particles inside Arabic, Dutch, German, Spanish, ... names ("al-Sudani", "van der").
pub fn is_name_particle(word: &str) -> bool {
    if word.len() > 5 && !word.contains('-') {
        return false;
    }
    let lower = lowercase(word);
    entry(&lower).is_name_particle(&lower)
}

const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "del", "della", "di", "da", "das", "dos", "du", "van", "von",
    "der", "den", "ter", "la", "le", "y", "ben",
];

/// "al-Sudani", "bin-Salman": a particle joined to the name by a hyphen.
const PARTICLE_PREFIXES: &[&str] = &["al-", "el-", "ad-", "an-", "as-", "ash-", "at-", "az-", "bin-", "abu-", "abd-"];

/// "Monday", "March": adverbials of time ("announced Monday that").
pub fn is_day_or_month(word: &str) -> bool {
    const DAYS: &[&str] = &[
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
        "April", "May", "June", "July", "August", "September", "October", "November", "December", "yesterday", "today",
        "tonight", "earlier", "later", "last", "late", "overnight", "again", "also", "publicly", "privately",
    ];
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| DAYS.iter().copied().collect());
    SET.contains(word)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she
    Person(Gender),
    /// they
    Group,
    /// it
    Thing,
}

impl Pronoun {
    /// The gender a pronoun shows: "she" is a woman.
    pub fn gender(self) -> Option<Gender> {
        match self {
            Pronoun::Person(gender) => Some(gender),
            _ => None,
        }
    }
}

pub fn pronoun(word: &str) -> Option<Pronoun> {
    // Mostly asked of whole speaker phrases: no pronoun is longer than four letters.
    if word.len() > 4 {
        return None;
    }
    match lowercase(word).as_ref() {
        "he" | "him" => Some(Pronoun::Person(Gender::Male)),
        "she" | "her" => Some(Pronoun::Person(Gender::Female)),
        "they" | "them" => Some(Pronoun::Group),
        "it" => Some(Pronoun::Thing),
        _ => None,
    }
}

/// A pronoun of any person, which names no one by itself: "he", "We", "you".
pub fn is_pronoun_like(word: &str) -> bool {
    let word = word.trim();
    pronoun(word).is_some()
        || word.len() <= 3 && matches!(lowercase(word).as_ref(), "we" | "i" | "you" | "us" | "me" | "one")
}

/// What a word before or in a name says of a person's gender: a title ("Ms", "Sir"), a role
/// ("spokeswoman", "father"), or a common given name.
pub fn gender_of_word(word: &str) -> Option<Gender> {
    GENDERED.get(lowercase(word.trim_end_matches('.')).as_ref()).copied()
}

/// Common given names that are almost always a woman's or a man's, across the languages news
/// reports name people in, and the titles and roles that show a gender.
static GENDERED: LazyLock<HashMap<&'static str, Gender>> = LazyLock::new(|| {
    const FEMALE: &str = "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa \
        betty margaret sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie \
        rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha \
        katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce \
        victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline \
        frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia judy grace denise \
        amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose \
        alexis kayla claire sophie chloe lucy ellie alison fiona siobhan niamh aoife \
        sinead bridget eileen maureen sheila pauline jane janet tracey joanne elaine gillian \
        ana ines lucia carmen rosa isabel elena pilar marta beatriz raquel lorena camila valentina gabriela \
        daniela mariana fernanda juliana leticia adriana paula patricia claudia veronica silvia marina \
        francoise isabelle nathalie sylvie catherine veronique celine aurelie juliette camille manon \
        chloe amelie brigitte martine monique nadine helene margot ingrid astrid sigrid birgit greta \
        ursula heike petra sabine katrin anja annika maja karin ingeborg solveig liv freya frida \
        olga natalia irina svetlana tatiana ekaterina anastasia yulia oksana ludmila agnieszka katarzyna \
        magdalena malgorzata ewa zofia jana petra ivana milena dragana yasmin yasmine fatima aisha ayesha \
        khadija amina mariam maryam layla leila nadia noura huda samira rania dina lina zainab salma \
        hana hanna amal rasha reem farah yara nasrin shirin parisa priya anjali sunita lakshmi \
        deepika pooja neha kavita meera radha sita asha rekha shanthi indira chiamaka adaeze ngozi \
        chioma amara folake funmilayo yetunde abena akosua ama efua adwoa wanjiru njeri achieng \
        thandiwe nomvula zanele lindiwe mei yuki keiko akiko yoko hiroko naomi aiko sakura \
        mina jiyeon soo-jin li-na xiu ying juana guadalupe esperanza dolores consuelo concepcion \
        mercedes rocio alba nuria montserrat sofia giulia francesca chiara alessandra federica \
        valeria martina aurora beatrice ilaria silvana rosaria emily abby becky kate katie jenny \
        debbie sue liz beth meg jo";
    const MALE: &str = "james robert john michael william david richard joseph thomas charles christopher \
        daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy \
        ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott \
        brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron \
        jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold keith christian \
        roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy \
        bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell \
        elijah louis bobby philip johnny tom ben sam steve dave mike bob jim tim nick dan matt chris \
        graham ian colin neil nigel trevor gordon hamish callum angus alasdair iain fraser ewan \
        rory declan liam sean ciaran padraig eoin cormac kenny owen gareth rhys dafydd \
        carlos luis miguel jorge pedro manuel antonio francisco javier rafael sergio fernando pablo \
        alejandro diego andres ricardo eduardo roberto alberto enrique ramon felipe joao \
        tiago rodrigo marcelo gustavo bruno lucas mateus thiago tomas raul hector \
        jean pierre jacques michel philippe alain francois nicolas olivier laurent thierry didier \
        pascal luc yves eric benoit guillaume mathieu antoine julien hans klaus jurgen wolfgang \
        dieter uwe stefan thomas matthias markus tobias lars sven nils erik olaf bjorn magnus \
        henrik anders jens per viktor ivan dmitri sergei alexei vladimir mikhail nikolai andrei \
        yuri oleg pavel boris piotr pawel krzysztof tomasz marek jan karel milan dusan goran \
        mohammed muhammad mohamed ahmed ahmad ali omar hassan hussein hamid mahmoud khalid \
        ibrahim youssef yusuf abdullah abdul karim rami nabil samir tariq faisal walid ziad \
        bassam fadi hani majid rashid saleh salim jamal jamil kamal nasser amir reza \
        hamed mehdi hossein mustafa murat mehmet emre burak kemal rajesh rahul amit sanjay \
        vijay anil sunil ravi arjun vikram suresh ramesh prakash deepak kwame kofi kwesi \
        yaw kojo chinedu emeka obinna chukwuma oluwaseun tunde babatunde olumide musa \
        thabo sipho jabulani themba hiroshi takeshi kenji haruto yuto akira satoshi kazuki \
        wei jun ming hao jian zhang marco giovanni giuseppe luca matteo andrea alessandro \
        lorenzo francesco stefano massimo roberto fabio davide simone enzo salvatore \
        roland rolf kurt heinz gunter werner ulrich helmut fritz otto";
    // Titles and roles that say it too.
    const FEMALE_ROLES: &[&str] = &[
        "ms", "mrs", "miss", "mme", "madame", "dame", "lady", "queen", "princess", "sister", "madam", "spokeswoman",
        "chairwoman", "businesswoman", "congresswoman", "councilwoman", "mother", "grandmother", "wife", "widow",
        "daughter", "actress", "policewoman", "sportswoman", "granddaughter", "aunt", "niece", "girl", "woman",
        "duchess", "baroness", "countess", "nun", "stepmother",
    ];
    const MALE_ROLES: &[&str] = &[
        "mr", "sir", "lord", "king", "prince", "father", "brother", "monsignor", "spokesman", "chairman",
        "businessman", "congressman", "councilman", "grandfather", "husband", "widower", "son", "actor", "policeman",
        "sportsman", "grandson", "uncle", "nephew", "boy", "man", "duke", "baron", "count", "sheikh", "emir", "sultan",
        "stepfather",
    ];
    let mut names = HashMap::default();
    names.extend(MALE.split_whitespace().map(|n| (n, Gender::Male)));
    names.extend(FEMALE.split_whitespace().map(|n| (n, Gender::Female)));
    // Names given to both, or that are surnames as often: no evidence either way.
    for both in ["andrea", "jean", "jo", "jordan", "kelly", "sasha", "alex", "sam", "robin", "jamie"] {
        names.remove(both);
    }
    names.extend(MALE_ROLES.iter().map(|n| (*n, Gender::Male)));
    names.extend(FEMALE_ROLES.iter().map(|n| (*n, Gender::Female)));
    names
});

/// Nouns that name someone who can make a claim, for subjects without a capitalised name.
const SPEAKER_NOUNS: &[&str] = &[
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "ministry", "agency",
    "government", "president", "lawyer", "attorney", "director", "manager", "advocates", "advocate", "council",
    "union", "group", "groups", "federation", "company", "firm", "police", "military", "army", "report", "study",
    "statement", "source", "sources", "analyst", "analysts", "expert", "experts", "residents", "resident", "witness",
    "witnesses", "researchers", "scientists", "doctors", "doctor", "teachers", "workers", "leader", "leaders",
    "authorities", "authority", "department", "office", "committee", "commission", "court", "judge", "prosecutors",
    "prosecutor", "investigators", "critics", "opponents", "supporters", "activists", "campaigners", "organizers",
    "organisers", "board", "regulator", "regulators", "exporters", "importers", "farmers", "traders", "producers",
    "residents", "parents", "students", "economists", "lawmakers", "legislators", "members", "member", "chief", "head",
    "secretary", "mayor", "governor", "senator", "candidate", "party", "coalition", "militia", "movement",
    "association", "institute", "bank", "ministers", "diplomats", "diplomat", "envoy", "observers", "monitors",
    "representatives", "representative", "executives", "executive", "owner", "owners", "operator", "operators",
    "manufacturer", "manufacturers", "employees", "staff", "team", "teammates", "coach", "player", "players", "fans",
    "voters", "citizens", "people", "survey", "poll", "filing", "document", "documents", "comptroller", "auditor",
    "inspector", "watchdog", "spokespeople", "administration", "cabinet", "parliament", "senate", "congress",
];

/// Nouns for one person, by role or relation ("lawyer", "partner", "son"), so "the cyclist's
/// partner" is someone a later "she" can mean; a title or role that shows a gender counts too.
pub fn is_person_noun(word: &str) -> bool {
    let lower = lowercase(word);
    entry(&lower).is_person_noun(&lower)
}

const PERSON_NOUNS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "lawyer", "director", "manager", "minister", "official", "president",
    "chief", "head", "secretary", "mayor", "governor", "senator", "judge", "analyst", "expert", "doctor", "coach",
    "witness", "resident", "envoy", "diplomat", "leader", "attorney", "comptroller", "auditor", "prosecutor",
    "executive", "founder", "owner", "member", "partner", "friend", "neighbour", "neighbor", "colleague", "relative",
    "cousin", "parent", "child", "sibling", "fiancé", "fiancée", "spouse", "officer", "detective", "inspector",
    "sergeant", "constable", "coroner", "teacher", "nurse", "surgeon", "physician", "researcher", "professor",
    "lecturer", "pilot", "driver", "farmer", "worker", "student", "victim", "survivor", "captain", "player", "striker",
    "defender", "goalkeeper", "forward", "midfielder", "winger", "champion", "chairperson", "chair", "ceo",
    "economist", "scientist", "journalist", "activist", "campaigner", "organiser", "organizer", "candidate",
    "lawmaker", "legislator", "councillor", "councilor", "ambassador", "commander", "general", "colonel", "soldier",
    "fighter", "commissioner", "administrator", "trustee", "treasurer", "chancellor", "deputy", "adviser", "advisor",
    "consultant", "engineer", "architect", "designer", "author", "writer", "editor", "reporter", "host", "presenter",
    "interpreter", "translator", "mediator", "negotiator", "shopkeeper", "landlord", "tenant", "patient", "customer",
    "passenger", "traveller", "traveler", "voter", "fan", "supporter", "critic", "opponent", "rival", "veteran", "mp",
    "mep", "senator", "representative",
];

/// Nouns that make a name an organisation rather than a person.
pub fn is_organisation_word(word: &str) -> bool {
    entry(lowercase(word).trim_end_matches(',')).is(Class::OrganisationWord)
}

const ORGANISATION_WORDS: &[&str] = &[
    "council", "union", "ministry", "agency", "federation", "association", "committee", "commission", "party", "group",
    "forces", "force", "army", "police", "government", "department", "office", "company", "corporation", "bank",
    "institute", "university", "court", "resistance", "alliance", "front", "movement", "coalition", "organization",
    "organisation", "authority", "board", "league", "society", "fund", "church", "parliament", "congress", "senate",
    "states", "nations", "officials", "inc", "ltd", "times", "post", "news", "reuters", "press", "service", "network",
    "council's", "brigade", "brigades", "mobilization", "hezbollah", "hamas", "firm", "utility", "operator", "airline",
    "trust", "foundation", "hospital", "clinic", "school", "college", "club", "centre", "center", "academy", "museum",
    "broadcaster", "charity", "insurer", "retailer", "carrier",
];

/// Nouns for writings that say things: "a statement saying that", "a report by".
pub fn is_document(word: &str) -> bool {
    matches!(
        word,
        "statement"
            | "report"
            | "study"
            | "letter"
            | "filing"
            | "audit"
            | "analysis"
            | "review"
            | "survey"
            | "note"
            | "email"
            | "memo"
            | "message"
            | "post"
            | "notice"
            | "sign"
            | "banner"
            | "leaflet"
            | "document"
            | "documents"
            | "figures"
            | "data"
            | "estimates"
            | "records"
            | "paper"
            | "poll"
            | "assessment"
            | "investigation"
            | "inquiry"
            | "ruling"
            | "judgment"
            | "verdict"
            | "communique"
            | "release"
    )
}

/// Words that hedge a passive report: "is understood to have told", "are said to have warned".
pub fn is_hedge(word: &str) -> bool {
    matches!(
        word,
        "understood"
            | "said"
            | "believed"
            | "reported"
            | "thought"
            | "known"
            | "alleged"
            | "rumoured"
            | "rumored"
            | "reputed"
    )
}

/// Words that open a subordinate clause before the main one ("After talks failed, the union said").
pub fn is_subordinator(word: &str) -> bool {
    matches!(
        word,
        "after"
            | "before"
            | "when"
            | "while"
            | "as"
            | "although"
            | "though"
            | "if"
            | "despite"
            | "unlike"
            | "like"
            | "following"
            | "since"
            | "because"
            | "once"
            | "until"
            | "amid"
            | "whether"
            | "whereas"
            | "unless"
    )
}

/// Nouns of time after "last", "this", "next": "last week", "this morning".
pub fn is_time_noun(word: &str) -> bool {
    matches!(
        word,
        "week"
            | "month"
            | "year"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "weekend"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "time"
            | "season"
            | "quarter"
            | "decade"
            | "term"
            | "session"
    )
}

/// Words that open a sentence before its subject ("However, U.S. officials said").
const SENTENCE_ADVERBS: &[&str] = &[
    "however", "but", "and", "meanwhile", "still", "yet", "also", "instead", "separately", "earlier", "later",
    "previously", "then", "now", "so", "moreover", "furthermore", "nevertheless", "indeed", "separately",
    "additionally", "similarly", "likewise", "today", "yesterday", "overnight", "though", "although", "while",
    "whereas", "because", "as", "when", "or", "nor", "afterwards", "afterward", "finally",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(word: &str) -> Option<(&'static str, VerbKind)> {
        entry(&lowercase(word)).verb()
    }

    #[test]
    fn verbs_are_known_in_every_form() {
        for form in
            ["said", "says", "say", "saying", "told", "emphasized", "emphasised", "testified", "wrote", "denied"]
        {
            assert!(verb(form).is_some(), "{form}");
        }
        assert_eq!(verb("Criticized").unwrap(), ("criticize", VerbKind::Evaluative));
        assert!(verb("walked").is_none());
    }
}
