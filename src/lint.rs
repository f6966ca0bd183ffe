//! The desk's check before publication: rules over a loaded story, each finding naming its rule,
//! its severity, the claims involved and how to fix it. Pure code: `commands::lint` loads the
//! story and prints; the HTML report shows the same findings as "needs attention".
//!
//! A desk accepts a finding once by tagging one of its claims `lint-ok:RULE`, or for a whole run
//! with `--allow RULE`.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{ClaimRecord, Mode, RelationKind, Verdict};
use crate::names::{name_words, near_duplicate_words};
use crate::quotes::appears_in;
use crate::render::shorten;
use crate::story::Story;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Wrong as it stands: a misquotation, a claim without a source, verdicts that disagree.
    Error,
    /// Worth an editor's look before publication.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

pub struct Rule {
    pub name: &'static str,
    pub severity: Severity,
    /// What the rule looks for, for `lint --help` and the README.
    pub looks_for: &'static str,
}

pub const QUOTE_NOT_IN_SOURCE: &str = "quote-not-in-source";
pub const DIRECT_WITHOUT_QUOTE: &str = "direct-without-quote";
pub const NO_SOURCE: &str = "no-source";
pub const SOURCE_UNIDENTIFIED: &str = "source-unidentified";
pub const VERDICTS_DISAGREE: &str = "verdicts-disagree";
pub const ACTOR_ON_BOTH_SIDES: &str = "actor-on-both-sides";
pub const NEAR_DUPLICATE_ACTORS: &str = "near-duplicate-actors";
pub const NEAR_DUPLICATE_CLAIMS: &str = "near-duplicate-claims";
pub const SUPERSEDED_IN_DISPUTE: &str = "superseded-in-dispute";
pub const UNDATED_IN_DISPUTE: &str = "undated-in-dispute";
pub const ANONYMOUS_NAMED: &str = "anonymous-named";
pub const ANONYMOUS_UNDESCRIBED: &str = "anonymous-undescribed";

/// Every rule, in the order findings are listed.
pub const RULES: &[Rule] = &[
    Rule {
        name: QUOTE_NOT_IN_SOURCE,
        severity: Severity::Error,
        looks_for: "a direct quotation not in its source's stored text",
    },
    Rule {
        name: DIRECT_WITHOUT_QUOTE,
        severity: Severity::Error,
        looks_for: "a claim in direct mode with no quotation",
    },
    Rule { name: NO_SOURCE, severity: Severity::Error, looks_for: "a claim with no source" },
    Rule {
        name: ANONYMOUS_NAMED,
        severity: Severity::Error,
        looks_for: "an anonymous claim whose published fields name its actor",
    },
    Rule {
        name: VERDICTS_DISAGREE,
        severity: Severity::Error,
        looks_for: "contradicting claims both rated true, or both false",
    },
    Rule {
        name: SOURCE_UNIDENTIFIED,
        severity: Severity::Warning,
        looks_for: "a source with neither a URL nor a title",
    },
    Rule { name: ACTOR_ON_BOTH_SIDES, severity: Severity::Warning, looks_for: "an actor on both sides of one dispute" },
    Rule {
        name: NEAR_DUPLICATE_ACTORS,
        severity: Severity::Warning,
        looks_for: "two actors whose names look like one",
    },
    Rule {
        name: NEAR_DUPLICATE_CLAIMS,
        severity: Severity::Warning,
        looks_for: "two claims by one actor in nearly the same words",
    },
    Rule {
        name: SUPERSEDED_IN_DISPUTE,
        severity: Severity::Warning,
        looks_for: "a superseded claim in a dispute its successor is not in",
    },
    Rule { name: UNDATED_IN_DISPUTE, severity: Severity::Warning, looks_for: "a claim in a dispute with no date" },
    Rule {
        name: ANONYMOUS_UNDESCRIBED,
        severity: Severity::Warning,
        looks_for: "an anonymous claim whose actor has no public name",
    },
];

/// The tag that accepts a rule's findings on a claim: `lint-ok:undated-in-dispute`.
pub const ACCEPT_TAG_PREFIX: &str = "lint-ok:";

/// The rules, one a line, for `lint --help`.
pub fn rules_help() -> String {
    let mut help = String::from("Rules:\n");
    for rule in RULES {
        help.push_str(&format!("  {:<22} {:<8} {}\n", rule.name, rule.severity.as_str(), rule.looks_for));
    }
    help.push_str(&format!("\nAccept a finding for good by tagging one of its claims {ACCEPT_TAG_PREFIX}RULE.\n"));
    help
}

pub fn rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.name.eq_ignore_ascii_case(name.trim()))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// The claims involved, ascending.
    pub claims: Vec<i64>,
    pub message: String,
    pub fix: String,
}

/// What the rules found, less what the desk accepted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Findings left out by `--allow` or a claim's `lint-ok:` tag.
    pub accepted: usize,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// Run every rule over the story. `allowed` names rules turned off for this run.
pub fn check(story: &Story, allowed: &[&'static Rule]) -> Outcome {
    let mut found = Vec::new();
    quotes(story, &mut found);
    sources(story, &mut found);
    verdicts(story, &mut found);
    disputes(story, &mut found);
    near_duplicate_actors(story, &mut found);
    near_duplicate_claims(story, &mut found);
    anonymous_sources(story, &mut found);

    let order = |name: &str| RULES.iter().position(|rule| rule.name == name).unwrap_or(usize::MAX);
    found.sort_by(|a, b| (a.severity, order(a.rule), &a.claims).cmp(&(b.severity, order(b.rule), &b.claims)));
    let total = found.len();
    found.retain(|finding| {
        !allowed.iter().any(|rule| rule.name == finding.rule)
            && !finding.claims.iter().any(|&id| story.claim(id).is_some_and(|c| accepts(c, finding.rule)))
    });
    Outcome { accepted: total - found.len(), findings: found }
}

/// Does the claim carry the tag that accepts this rule's findings?
fn accepts(claim: &ClaimRecord, rule: &str) -> bool {
    claim.tags.iter().any(|tag| {
        tag.trim().get(..ACCEPT_TAG_PREFIX.len()).is_some_and(|p| p.eq_ignore_ascii_case(ACCEPT_TAG_PREFIX))
            && tag.trim()[ACCEPT_TAG_PREFIX.len()..].trim().eq_ignore_ascii_case(rule)
    })
}

fn finding(rule: &'static str, mut claims: Vec<i64>, message: String, fix: String) -> Finding {
    claims.sort_unstable();
    claims.dedup();
    let severity = self::rule(rule).map_or(Severity::Warning, |r| r.severity);
    Finding { rule, severity, claims, message, fix }
}

/// A name or text as a shell argument in a suggested command.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"").replace('$', "\\$").replace('`', "\\`"))
}

fn quotes(story: &Story, found: &mut Vec<Finding>) {
    for claim in story.claims.iter().filter(|c| c.fields.mode == Mode::Direct) {
        let quote = claim.fields.quote.as_deref().filter(|q| !q.trim().is_empty());
        let Some(quote) = quote else {
            found.push(finding(
                DIRECT_WITHOUT_QUOTE,
                vec![claim.id],
                format!("#{} is a direct quotation with no quoted words", claim.id),
                format!(
                    "give the verbatim words (`claimtrack edit {} --quote \"...\"`) or another mode (`--mode paraphrase`)",
                    claim.id
                ),
            ));
            continue;
        };
        let Some(source) = claim.source.as_deref().and_then(|key| story.source(key)) else { continue };
        let Some(text) = source.body.as_deref() else { continue };
        if !appears_in(quote, text) {
            let closest = crate::quotes::closest_passage(quote, text)
                .map(|passage| format!(" (closest: \"{}\")", shorten(&passage, 80)))
                .unwrap_or_default();
            found.push(finding(
                QUOTE_NOT_IN_SOURCE,
                vec![claim.id],
                format!("#{}'s quotation is not in source {} word for word{closest}", claim.id, quoted(&source.key)),
                format!("correct the quotation (`claimtrack edit {} --quote \"...\"`) against the source", claim.id),
            ));
        }
    }
}

fn sources(story: &Story, found: &mut Vec<Finding>) {
    for claim in story.claims.iter().filter(|c| c.source.is_none()) {
        found.push(finding(
            NO_SOURCE,
            vec![claim.id],
            format!("#{} has no source", claim.id),
            format!("say where it was found: `claimtrack edit {} --source KEY`", claim.id),
        ));
    }
    let unidentified: HashSet<&str> = story
        .sources
        .iter()
        .filter(|s| s.url.as_deref().is_none_or(blank) && s.title.as_deref().is_none_or(blank))
        .map(|s| s.key.as_str())
        .collect();
    for source in story.sources.iter().filter(|s| unidentified.contains(s.key.as_str())) {
        let citing = story.claims.iter().filter(|c| c.source.as_deref() == Some(&source.key)).map(|c| c.id).collect();
        found.push(finding(
            SOURCE_UNIDENTIFIED,
            citing,
            format!("source {} has neither a URL nor a title: a reader cannot find it", quoted(&source.key)),
            format!("`claimtrack source edit {} --url URL --title TITLE`", quoted(&source.key)),
        ));
    }
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Which way a verdict leans: true and mostly-true are "rated true", false and mostly-false
/// "rated false"; the others take no side.
fn leaning(verdict: Verdict) -> Option<bool> {
    match verdict {
        Verdict::True | Verdict::MostlyTrue => Some(true),
        Verdict::False | Verdict::MostlyFalse => Some(false),
        _ => None,
    }
}

fn verdicts(story: &Story, found: &mut Vec<Finding>) {
    for edge in story.relations.iter().filter(|e| e.kind == RelationKind::Contradicts) {
        let (Some(a), Some(b)) = (story.claim(edge.from), story.claim(edge.to)) else { continue };
        match (leaning(a.fields.verdict), leaning(b.fields.verdict)) {
            (Some(x), Some(y)) if x == y => found.push(finding(
                VERDICTS_DISAGREE,
                vec![a.id, b.id],
                format!(
                    "#{} ({}) and #{} ({}) contradict each other but are both rated {}",
                    a.id,
                    a.fields.verdict,
                    b.id,
                    b.fields.verdict,
                    if x { "true" } else { "false" }
                ),
                format!(
                    "review the verdicts (`claimtrack edit ID --verdict ...`), or the link if they do not contradict (`claimtrack unlink {} contradicts {}`)",
                    a.id, b.id
                ),
            )),
            _ => {}
        }
    }
}

fn disputes(story: &Story, found: &mut Vec<Finding>) {
    let successors: HashMap<i64, Vec<i64>> =
        story.relations.iter().filter(|e| e.kind == RelationKind::Supersedes).fold(HashMap::new(), |mut map, e| {
            map.entry(e.to).or_default().push(e.from);
            map
        });
    for (index, dispute) in story.disputes.iter().enumerate() {
        let number = index + 1;
        let in_dispute: HashSet<i64> = dispute.claims.iter().copied().collect();
        let actor_of = |id: i64| story.claim(id).map(|c| story.actor_shown(c));

        // An actor on both sides: by side when the dispute splits, else by contradicting pair.
        let mut twice: Vec<(&str, Vec<i64>)> = Vec::new();
        match &dispute.sides {
            Some([a, b]) => {
                for &x in a {
                    let Some(actor) = actor_of(x) else { continue };
                    if twice.iter().any(|(seen, _)| *seen == actor) {
                        continue;
                    }
                    let other: Vec<i64> = b.iter().copied().filter(|&y| actor_of(y) == Some(actor)).collect();
                    if !other.is_empty() {
                        let mine = a.iter().copied().filter(|&y| actor_of(y) == Some(actor));
                        twice.push((actor, mine.chain(other).collect()));
                    }
                }
            }
            None => {
                for &(x, y) in &dispute.pairs {
                    match (actor_of(x), actor_of(y)) {
                        (Some(p), Some(q)) if p == q => match twice.iter_mut().find(|(seen, _)| *seen == p) {
                            Some((_, ids)) => ids.extend([x, y]),
                            None => twice.push((p, vec![x, y])),
                        },
                        _ => {}
                    }
                }
            }
        }
        for (actor, ids) in twice {
            found.push(finding(
                ACTOR_ON_BOTH_SIDES,
                ids,
                format!("{} is on both sides of dispute {number}", quoted(actor)),
                "check the attributions; if the actor did change its position, link the later claim with `claimtrack link NEW supersedes OLD`".into(),
            ));
        }

        for &id in &dispute.claims {
            let Some(claim) = story.claim(id) else { continue };
            if claim.fields.stated_on.is_none() {
                found.push(finding(
                    UNDATED_IN_DISPUTE,
                    vec![id],
                    format!("#{id} in dispute {number} has no date, so the timeline cannot place it"),
                    format!("`claimtrack edit {id} --on DATE` (a day, a month or a year)"),
                ));
            }
            for &newer in successors.get(&id).into_iter().flatten() {
                if !in_dispute.contains(&newer) {
                    found.push(finding(
                        SUPERSEDED_IN_DISPUTE,
                        vec![id, newer],
                        format!("#{id} in dispute {number} is superseded by #{newer}, which is not in the dispute"),
                        format!(
                            "relate #{newer} to the dispute as #{id} is (`claimtrack link {newer} contradicts ID`), or unlink #{id}"
                        ),
                    ));
                }
            }
        }
    }
}

fn near_duplicate_actors(story: &Story, found: &mut Vec<Finding>) {
    let counts = story.claims_by_actor();
    // Names of different word counts are never near-duplicates: compare within each count only.
    let mut by_length: HashMap<usize, Vec<(&str, Vec<String>)>> = HashMap::new();
    for actor in &story.actors {
        let words = name_words(&actor.name);
        by_length.entry(words.len()).or_default().push((&actor.name, words));
    }
    let mut lengths: Vec<&usize> = by_length.keys().collect();
    lengths.sort();
    for length in lengths {
        let group = &by_length[length];
        for (i, (a, a_words)) in group.iter().enumerate() {
            for (b, b_words) in &group[i + 1..] {
                if !near_duplicate_words(a_words, b_words) {
                    continue;
                }
                // Suggest merging the actor with fewer claims into the one with more.
                let count = |name: &str| counts.get(name).copied().unwrap_or(0);
                let (from, into) = if count(a) < count(b) { (a, b) } else { (b, a) };
                let claims =
                    story.claims.iter().filter(|c| c.actor == *a || c.actor == *b).map(|c| c.id).collect::<Vec<_>>();
                found.push(finding(
                    NEAR_DUPLICATE_ACTORS,
                    claims,
                    format!("actors {} and {} look like one", quoted(a), quoted(b)),
                    format!("if they are: `claimtrack actor merge {} {}`", quoted(from), quoted(into)),
                ));
            }
        }
    }
}

/// How alike two texts must be, as the Sørensen-Dice coefficient of their letter pairs, to be
/// called the same claim logged twice.
const SAME_CLAIM: f64 = 0.85;

fn near_duplicate_claims(story: &Story, found: &mut Vec<Finding>) {
    // Pairs already recorded as the same claim, or as a revision, are known.
    let known: HashSet<(i64, i64)> = story
        .relations
        .iter()
        .filter(|e| matches!(e.kind, RelationKind::SameAs | RelationKind::Supersedes))
        .map(|e| (e.from.min(e.to), e.from.max(e.to)))
        .collect();
    let mut by_actor: HashMap<&str, Vec<(Vec<u64>, i64)>> = HashMap::new();
    for claim in &story.claims {
        by_actor.entry(&claim.actor).or_default().push((letter_pairs(&claim.fields.text), claim.id));
    }
    let mut actors: Vec<&&str> = by_actor.keys().collect();
    actors.sort();
    for actor in actors {
        let mut claims = by_actor[*actor].clone();
        claims.sort_by_key(|(pairs, id)| (pairs.len(), *id));
        for (i, (pairs, id)) in claims.iter().enumerate() {
            for (other_pairs, other_id) in &claims[i + 1..] {
                // Texts this different in length cannot reach the threshold: stop looking.
                if (pairs.len() as f64) < (other_pairs.len() as f64) * SAME_CLAIM / (2.0 - SAME_CLAIM) {
                    break;
                }
                let pair = (*id.min(other_id), *id.max(other_id));
                if known.contains(&pair) || dice(pairs, other_pairs) < SAME_CLAIM {
                    continue;
                }
                found.push(finding(
                    NEAR_DUPLICATE_CLAIMS,
                    vec![pair.0, pair.1],
                    format!("#{} and #{} by {} say nearly the same", pair.0, pair.1, quoted(actor)),
                    format!(
                        "if it is one claim logged twice, remove one (`claimtrack rm {}`) or link them (`claimtrack link {} same-as {}`)",
                        pair.1, pair.0, pair.1
                    ),
                ));
            }
        }
    }
}

/// A text's letter pairs (lower case, white space left out), sorted: what the Sørensen-Dice coefficient
/// counts. Computed once a claim, so comparing a claim with many others costs no allocation
/// (strsim's `sorensen_dice` builds them afresh for every pair, and counts bytes rather than
/// letters, which matters for Arabic and Hebrew; it is the reference in the tests for English).
fn letter_pairs(text: &str) -> Vec<u64> {
    let letters: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    // A pair of letters as one number, which sorts faster than a pair of chars.
    let mut pairs: Vec<u64> = letters.windows(2).map(|w| (u64::from(w[0]) << 32) | u64::from(w[1])).collect();
    pairs.sort_unstable();
    pairs
}

/// The Sørensen-Dice coefficient of two sorted lists of letter pairs: twice the pairs they share
/// over the pairs they have.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Redaction hides an anonymous claim's actor, not words: a name left in what is published of
/// the claim (see `ops::redact::fields_naming`) is published as written.
fn anonymous_sources(story: &Story, found: &mut Vec<Finding>) {
    let actors: HashMap<&str, &crate::model::Actor> = story.actors.iter().map(|a| (a.name.as_str(), a)).collect();
    for claim in story.claims.iter().filter(|c| c.fields.mode == Mode::Anonymous) {
        // A redacted story names no identity, so there is nothing to look for.
        let Some(actor) = actors.get(claim.actor.as_str()) else { continue };
        if actor.public_name.as_deref().is_none_or(|p| p.trim().is_empty()) {
            found.push(finding(
                ANONYMOUS_UNDESCRIBED,
                vec![claim.id],
                format!(
                    "#{} is anonymous and its actor has no public name: it is published as \"an unnamed source\"",
                    claim.id
                ),
                format!("`claimtrack actor edit {} --public-name \"a senior official\"`", quoted(&actor.name)),
            ));
        }
        let fields = crate::ops::redact::fields_naming(claim, actor);
        if !fields.is_empty() {
            found.push(finding(
                ANONYMOUS_NAMED,
                vec![claim.id],
                format!(
                    "#{} is anonymous but its {} name its actor, and are published as written",
                    claim.id,
                    fields.join(", ")
                ),
                format!(
                    "take the name out (`claimtrack edit {} ...`), or keep it in private notes (`--private-notes`)",
                    claim.id
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disputes::group;
    use crate::model::{Actor, ClaimFields, Edge, Source};

    fn claim(id: i64, actor: &str, text: &str) -> ClaimRecord {
        ClaimRecord {
            id,
            actor: actor.into(),
            fields: ClaimFields { text: text.into(), stated_on: Some("2024-01-27".into()), ..ClaimFields::default() },
            source: Some("ap".into()),
            ..ClaimRecord::default()
        }
    }

    fn source(key: &str) -> Source {
        Source { key: key.into(), title: Some("A title".into()), ..Source::default() }
    }

    fn story(claims: Vec<ClaimRecord>, relations: Vec<Edge>, sources: Vec<Source>) -> Story {
        let mut names: Vec<String> = claims.iter().map(|c| c.actor.clone()).collect();
        names.sort();
        names.dedup();
        let actors = names.into_iter().map(|name| Actor { name, ..Actor::default() }).collect();
        let disputes = group(&relations);
        Story::new(claims, relations, disputes, actors, sources)
    }

    fn edge(from: i64, kind: RelationKind, to: i64) -> Edge {
        Edge { from, kind, to }
    }

    fn rules_found(story: &Story) -> Vec<(&'static str, Vec<i64>)> {
        check(story, &[]).findings.into_iter().map(|f| (f.rule, f.claims)).collect()
    }

    #[test]
    fn a_clean_story_has_no_findings() {
        let s = story(
            vec![
                claim(1, "U.S. officials", "The timing is unrelated"),
                claim(2, "Islamic Resistance", "Attacks forced it"),
            ],
            vec![edge(1, RelationKind::Contradicts, 2)],
            vec![source("ap")],
        );
        assert_eq!(check(&s, &[]), Outcome::default());
    }

    #[test]
    fn direct_quotes_are_checked_against_the_source_text() {
        let mut quoted_right = claim(1, "A", "x");
        quoted_right.fields.mode = Mode::Direct;
        quoted_right.fields.quote = Some("“we will rebuild the bridge”".into());
        let mut misquoted = claim(2, "B", "y");
        misquoted.fields.mode = Mode::Direct;
        misquoted.fields.quote = Some("we will rebuild the tunnel".into());
        let mut no_words = claim(3, "C", "z");
        no_words.fields.mode = Mode::Direct;
        let mut ap = source("ap");
        ap.body = Some("The minister said \"we will  rebuild the bridge\" on Monday.".into());
        let s = story(vec![quoted_right, misquoted, no_words], vec![], vec![ap]);
        let outcome = check(&s, &[]);
        assert_eq!(
            outcome.findings.iter().map(|f| (f.rule, f.claims.clone())).collect::<Vec<_>>(),
            [(QUOTE_NOT_IN_SOURCE, vec![2]), (DIRECT_WITHOUT_QUOTE, vec![3])]
        );
        assert!(outcome.findings[0].message.contains("closest: \"we will rebuild the bridge\""), "{:?}", outcome);
        assert_eq!(outcome.errors(), 2);
    }

    #[test]
    fn a_source_without_text_checks_no_quote() {
        let mut direct = claim(1, "A", "x");
        direct.fields.mode = Mode::Direct;
        direct.fields.quote = Some("anything at all".into());
        assert!(rules_found(&story(vec![direct], vec![], vec![source("ap")])).is_empty());
    }

    #[test]
    fn claims_without_sources_and_sources_without_names() {
        let mut unsourced = claim(1, "A", "x");
        unsourced.source = None;
        let mut bare = source("ap");
        bare.title = Some("  ".into());
        let s = story(vec![unsourced, claim(2, "B", "y"), claim(3, "C", "z")], vec![], vec![bare]);
        assert_eq!(rules_found(&s), [(NO_SOURCE, vec![1]), (SOURCE_UNIDENTIFIED, vec![2, 3])]);
    }

    #[test]
    fn contradicting_claims_rated_alike_are_an_error() {
        let mut a = claim(1, "A", "It rained");
        a.fields.verdict = Verdict::True;
        let mut b = claim(2, "B", "It was dry");
        b.fields.verdict = Verdict::MostlyTrue;
        let mut c = claim(3, "C", "Snow fell");
        c.fields.verdict = Verdict::False;
        let mut d = claim(4, "D", "No snow fell");
        d.fields.verdict = Verdict::Misleading;
        let s = story(
            vec![a, b, c, d],
            vec![edge(1, RelationKind::Contradicts, 2), edge(3, RelationKind::Contradicts, 4)],
            vec![source("ap")],
        );
        let outcome = check(&s, &[]);
        assert_eq!(outcome.findings.len(), 1, "{outcome:?}");
        assert_eq!((outcome.findings[0].rule, outcome.findings[0].severity), (VERDICTS_DISAGREE, Severity::Error));
        assert!(outcome.findings[0].message.contains("both rated true"));
    }

    #[test]
    fn an_actor_on_both_sides_is_a_warning() {
        let s = story(
            vec![claim(1, "A", "Yes"), claim(2, "B", "No"), claim(3, "A", "Well, no"), claim(4, "C", "Indeed")],
            vec![
                edge(1, RelationKind::Contradicts, 2),
                edge(3, RelationKind::Supports, 2),
                edge(4, RelationKind::Supports, 1),
            ],
            vec![source("ap")],
        );
        let outcome = check(&s, &[]);
        assert_eq!(outcome.findings.len(), 1, "{outcome:?}");
        assert_eq!(outcome.findings[0].rule, ACTOR_ON_BOTH_SIDES);
        assert_eq!(outcome.findings[0].severity, Severity::Warning);
        assert_eq!(outcome.findings[0].claims, [1, 3]);
    }

    #[test]
    fn an_actor_contradicting_itself_in_an_unsplittable_dispute() {
        let s = story(
            vec![claim(1, "A", "Yes"), claim(2, "A", "No"), claim(3, "B", "Maybe")],
            vec![
                edge(1, RelationKind::Contradicts, 2),
                edge(2, RelationKind::Contradicts, 3),
                edge(1, RelationKind::Contradicts, 3),
            ],
            vec![source("ap")],
        );
        assert_eq!(rules_found(&s), [(ACTOR_ON_BOTH_SIDES, vec![1, 2])]);
    }

    #[test]
    fn near_duplicate_actors_and_claims() {
        let s = story(
            vec![
                claim(1, "U.S. officials", "The timing of the talks is unrelated to the recent attacks."),
                claim(2, "US officals", "Talks began before October 7"),
                claim(3, "U.S. officials", "The timing of the talks is unrelated to recent attacks"),
                claim(4, "U.S. officials", "Plans were already in progress"),
                claim(5, "UK officials", "The timing of the talks is unrelated to the recent attacks."),
            ],
            vec![],
            vec![source("ap")],
        );
        assert_eq!(rules_found(&s), [(NEAR_DUPLICATE_ACTORS, vec![1, 2, 3, 4]), (NEAR_DUPLICATE_CLAIMS, vec![1, 3])]);
        let fix = &check(&s, &[]).findings[0].fix;
        assert_eq!(fix, "if they are: `claimtrack actor merge \"US officals\" \"U.S. officials\"`");
    }

    #[test]
    fn dice_agrees_with_strsim() {
        for (a, b) in [
            ("the timing is unrelated to the attacks", "the timing is unrelated to recent attacks"),
            ("aaaa", "aa"),
            ("night", "nacht"),
        ] {
            let ours = dice(&letter_pairs(a), &letter_pairs(b));
            assert!((ours - strsim::sorensen_dice(a, b)).abs() < 1e-9, "{a:?} {b:?}: {ours}");
        }
        // strsim divides by bytes, which undercounts letters outside ASCII; this counts letters.
        let (a, b) = ("المقاومة الإسلامية", "المقاومة الاسلامية");
        assert!((dice(&letter_pairs(a), &letter_pairs(b)) - 28.0 / 32.0).abs() < 1e-9);
    }

    #[test]
    fn claims_known_to_be_the_same_are_not_reported_again() {
        let s = story(
            vec![claim(1, "A", "The bridge will reopen in May."), claim(2, "A", "The bridge will reopen in May")],
            vec![edge(1, RelationKind::SameAs, 2)],
            vec![source("ap")],
        );
        assert!(rules_found(&s).is_empty());
    }

    #[test]
    fn superseded_and_undated_claims_in_disputes() {
        let mut undated = claim(2, "B", "No");
        undated.fields.stated_on = None;
        let s = story(
            vec![claim(1, "A", "Yes"), undated, claim(3, "A", "Yes, but later"), claim(4, "C", "Unrelated")],
            vec![edge(1, RelationKind::Contradicts, 2), edge(3, RelationKind::Supersedes, 1)],
            vec![source("ap")],
        );
        assert_eq!(rules_found(&s), [(SUPERSEDED_IN_DISPUTE, vec![1, 3]), (UNDATED_IN_DISPUTE, vec![2])]);
    }

    #[test]
    fn findings_are_accepted_per_run_or_per_claim() {
        let mut undated = claim(2, "B", "No");
        undated.fields.stated_on = None;
        let mut unsourced = claim(3, "C", "Maybe");
        unsourced.source = None;
        let s = story(
            vec![claim(1, "A", "Yes"), undated.clone(), unsourced.clone()],
            vec![edge(1, RelationKind::Contradicts, 2)],
            vec![source("ap")],
        );
        assert_eq!(check(&s, &[]).findings.len(), 2);
        let outcome = check(&s, &[rule("UNDATED-in-dispute").unwrap()]);
        assert_eq!((outcome.findings.len(), outcome.accepted), (1, 1));

        undated.tags = vec!["lint-ok:undated-in-dispute".into()];
        unsourced.tags = vec!["Lint-OK: no-source".into(), "lint-ok:other-rule".into()];
        let s = story(
            vec![claim(1, "A", "Yes"), undated, unsourced],
            vec![edge(1, RelationKind::Contradicts, 2)],
            vec![source("ap")],
        );
        assert_eq!(check(&s, &[]), Outcome { findings: vec![], accepted: 2 });
    }

    #[test]
    fn errors_come_first_and_every_rule_is_named_once() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        let severities: Vec<Severity> = RULES.iter().map(|r| r.severity).collect();
        assert!(severities.is_sorted(), "errors are listed before warnings");
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        assert!(rule("no-such-rule").is_none());
    }
}
