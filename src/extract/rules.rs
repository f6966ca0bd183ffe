//! The patterns of attribution, read off one sentence.

use super::lexicon::{self, VerbKind};
use super::sentence::{PREPOSITIONS, SAY_LIKE, Sentence, TIME_WORDS};
use super::speakers::Known;
use super::tokens::T;

/// A claim found in a sentence, before its speaker is resolved.
pub(super) struct Found {
    pub(super) speaker: (usize, usize),
    pub(super) cue: (usize, usize),
    pub(super) content: (usize, usize),
    pub(super) rule: &'static str,
    pub(super) confidence: f32,
    /// The speaker is the sentence's subject found by the participle rule, or a quotation's.
    pub(super) speaker_override: Option<Known>,
}

impl Found {
    pub(super) fn new(
        speaker: (usize, usize),
        cue: (usize, usize),
        content: (usize, usize),
        rule: &'static str,
        confidence: f32,
    ) -> Found {
        Found { speaker, cue, content, rule, confidence, speaker_override: None }
    }
}

impl Sentence<'_> {
    /// `X, S said, Y.`: a speech tag between commas inside what was said.
    pub(super) fn parenthetical(&self, v: usize, subject: Option<(usize, usize)>) -> Option<Found> {
        let (start, _) = subject?;
        let n = self.toks.len();
        if start == 0 || self.toks[start - 1].t != T::Comma || v + 1 >= n || self.toks[v + 1].t != T::Comma {
            return None;
        }
        if !self.is_speakerish(subject?) || self.words_in(subject?) > 6 {
            return None;
        }
        let before = (self.past_opening_words(0, start - 1), start - 1);
        let after = (v + 2, self.clause_end(v + 2));
        if self.words_in(before) < 2
            || self.words_in(after) < 2
            || (before.0..before.1).any(|i| self.reporting_verb(i).is_some())
        {
            return None;
        }
        Some(Found::new(subject?, (v, v + 1), self.trimmed((before.0, after.1)), "parenthetical-speaker", 0.8))
    }

    /// Read the sentence. `quote_speaker` is who spoke the quotation just before, in this or
    /// the previous paragraph, for quotations that run on without a speech tag.
    pub(super) fn read(&self, quote_speaker: Option<&Known>) -> Vec<Found> {
        let n = self.toks.len();
        if n == 0 || self.is_question() {
            return Vec::new();
        }
        let mut found = Vec::new();

        // A quotation first: "Q," S said. / "Q," said S. / a quotation running on.
        if self.toks[0].t == T::Open {
            let close = (1..n).find(|&i| self.toks[i].t == T::Close);
            let quote_end = close.unwrap_or(n);
            let content = self.trimmed((1, quote_end));
            let mut tag_at = close.map_or(n, |c| c + 1);
            while tag_at < n && self.toks[tag_at].t == T::Comma {
                tag_at += 1;
            }
            let tag_end = (tag_at..n).find(|&i| self.toks[i].t == T::Stop || self.toks[i].t == T::Open).unwrap_or(n);
            if self.words_in(content) >= 2 {
                let tag = (tag_at < tag_end && self.words_in((tag_at, tag_end)) <= 30)
                    .then(|| self.speech_tag((tag_at, tag_end)))
                    .flatten();
                if let Some((speaker, cue)) = tag {
                    let rule = "quote-then-speaker";
                    found.push(Found::new(speaker, cue, content, rule, 0.95));
                    // "Part one," she said, "part two."
                    if tag_end < n && self.toks[tag_end].t == T::Open {
                        let close2 = (tag_end + 1..n).find(|&i| self.toks[i].t == T::Close).unwrap_or(n);
                        let second = self.trimmed((tag_end + 1, close2));
                        if self.words_in(second) >= 2 {
                            found.push(Found::new(speaker, cue, second, rule, 0.9));
                        }
                    }
                    return found;
                }
                let only_quote = (tag_at..n).all(|i| matches!(self.toks[i].t, T::Stop | T::Close));
                if only_quote {
                    if let Some(known) = quote_speaker {
                        found.push(Found {
                            speaker: (0, 0),
                            cue: (0, 0),
                            content,
                            rule: "quote-runs-on",
                            confidence: 0.75,
                            speaker_override: Some(known.clone()),
                        });
                    }
                    return found;
                }
            }
        }

        // A few words, then a quotation and its speech tag: Inflation "remains high," the governor said.
        let lead_in = (1..n.min(6))
            .find(|&i| self.toks[i].t == T::Open)
            .filter(|&o| (0..o).all(|i| self.is_free_word(i) && self.reporting_verb(i).is_none()));
        let lead_close = lead_in.and_then(|open| (open + 1..n).find(|&i| self.toks[i].t == T::Close));
        if let Some(close) = lead_close {
            let mut tag_at = close + 1;
            while tag_at < n && self.toks[tag_at].t == T::Comma {
                tag_at += 1;
            }
            let quote_ends_with_comma = self.toks[close - 1].t == T::Comma || tag_at > close + 1;
            let tag_end = (tag_at..n).find(|&i| self.toks[i].t == T::Stop).unwrap_or(n);
            let tag = (quote_ends_with_comma && tag_at < tag_end && self.words_in((tag_at, tag_end)) <= 30)
                .then(|| self.speech_tag((tag_at, tag_end)))
                .flatten();
            let content = self.trimmed((0, close));
            if let Some((speaker, cue)) = tag.filter(|_| self.words_in(content) >= 3) {
                let rule = "lead-quote-then-speaker";
                found.push(Found::new(speaker, cue, content, rule, 0.85));
                return found;
            }
        }

        // "According to S, C" and "C, according to S".
        for i in 0..n.saturating_sub(2) {
            if self.is_free_word(i) && self.lower(i) == "according" && self.lower(i + 1) == "to" {
                let opening = (0..i).all(|j| {
                    self.is_free_word(j) && lexicon::is_sentence_adverb(self.word(j)) || self.toks[j].t == T::Comma
                });
                if opening {
                    let comma = (i + 2..n).find(|&j| self.toks[j].t == T::Comma && !self.toks[j].quoted);
                    if let Some(comma) = comma {
                        let speaker = (i + 2, comma);
                        let content = self.trimmed((comma + 1, self.clause_end(comma + 1)));
                        if self.is_speakerish(speaker) && self.words_in(content) >= 3 {
                            found.push(Found::new(speaker, (i, i + 2), content, "according-to", 0.85));
                        }
                    }
                } else if i > 0 && self.toks[i - 1].t == T::Comma {
                    let end =
                        (i + 2..n).find(|&j| matches!(self.toks[j].t, T::Stop | T::Comma | T::Semicolon)).unwrap_or(n);
                    let speaker = (i + 2, end);
                    let a = self.past_opening_words(0, i);
                    let content = self.trimmed((a, i - 1));
                    if self.is_speakerish(speaker) && self.words_in(content) >= 3 {
                        found.push(Found::new(speaker, (i, i + 2), content, "according-to", 0.85));
                    }
                }
                return found;
            }
        }

        // Reporting verbs.
        let mut consumed = 0;
        for v in 0..n {
            if v < consumed {
                continue;
            }
            let Some((lemma, kind)) = self.reporting_verb(v) else {
                continue;
            };
            let word = self.lower(v);
            let after_comma = v > 0 && self.toks[v - 1].t == T::Comma;

            // "..., saying (that) C": the speaker is the sentence's subject.
            if lexicon::is_participle(word) {
                if !(after_comma && lexicon::is_reporting_participle(word)) {
                    continue;
                }
                // Who said the rest of the sentence, if anyone; else its subject.
                let earlier = found.iter().rev().find(|f: &&Found| f.speaker.0 < f.speaker.1).map(|f| f.speaker);
                let Some(speaker) = earlier.or_else(|| self.main_subject(v)) else { continue };
                let Some((start, with_that)) = self.complement_start(v, lemma, VerbKind::Speech) else {
                    continue;
                };
                let content = self.trimmed((start, self.clause_end(start)));
                if self.is_speakerish(speaker)
                    && self.words_in(content) >= 3
                    && (with_that || self.reads_as_clause(content))
                {
                    found.push(Found::new(speaker, (v, v + 1), content, "participle", 0.8));
                    consumed = content.1;
                }
                continue;
            }

            // "S said C and accused X of Y", "S welcomed the decision and said C": a verb after
            // "and" or "but" shares the subject of the verb before it.
            let coordinated = v > 0 && self.is_free_word(v - 1) && matches!(self.lower(v - 1), "and" | "but");
            let shared = coordinated
                .then(|| found.last().map(|f: &Found| f.speaker).filter(|s| s.0 < s.1).or_else(|| self.main_subject(v)))
                .flatten();
            let subject = shared.or_else(|| self.subject_before(v, 0));
            let normal = subject.filter(|s| self.is_speakerish(*s)).and_then(|speaker| {
                let (start, with_that) = self.complement_start(v, lemma, kind)?;
                let content = self.trimmed((start, self.clause_end(start)));
                (self.words_in(content) >= 2).then_some((speaker, content, with_that))
            });
            // "did not say how much ...": a denial of speech is no claim.
            let negated =
                subject.is_some_and(|(_, end)| (end..v).any(|i| matches!(self.lower(i), "not" | "n't" | "never")));
            if negated {
                continue;
            }
            // "The plan, he said, would only frighten importers away.": the tag sits inside.
            if let Some(found_inside) = self.parenthetical(v, subject) {
                found.push(found_inside);
                consumed = found.last().expect("just pushed").content.1;
                continue;
            }
            let Some((speaker, content, with_that)) = normal else {
                // "C, S said." / "C, said S.": what was said comes first.
                if let Some(found_inverted) = self.inverted(v, subject) {
                    found.push(found_inverted);
                    consumed = v + 1;
                }
                continue;
            };
            let rule_and_confidence = match kind {
                VerbKind::Evaluative => {
                    let evaluates = (content.0..content.1)
                        .any(|i| self.is_free_word(i) && matches!(self.lower(i), "as" | "of" | "for" | "on"))
                        || lemma == "call"
                            && !matches!(self.lower(content.0), "for" | "on" | "off" | "out" | "up" | "it" | "in");
                    if !evaluates || lemma == "call" && self.lower(content.0) == "for" {
                        continue;
                    }
                    ("evaluation", 0.75)
                }
                _ if with_that => ("speaker-verb-that", 0.9),
                _ if self.toks[content.0].t == T::Open => ("speaker-verb-quote", 0.9),
                _ if self.reads_as_clause(content) => ("speaker-verb-clause", 0.8),
                _ if SAY_LIKE.contains(&lemma) && self.could_be_said(content) => ("speaker-verb-clause", 0.7),
                _ if matches!(lemma, "claim" | "deny" | "confirm" | "admit" | "acknowledge")
                    && self.words_in(content) >= 2
                    && !PREPOSITIONS.contains(&self.lower(content.0)) =>
                {
                    ("verb-object", 0.6)
                }
                _ => {
                    if let Some(found_inverted) = self.inverted(v, subject) {
                        found.push(found_inverted);
                        consumed = v + 1;
                    }
                    continue;
                }
            };
            let (rule, confidence) = rule_and_confidence;
            found.push(Found::new(speaker, (v, v + 1 + usize::from(lemma == "point out")), content, rule, confidence));
            consumed = content.1;
        }
        found
    }

    /// A speech tag after a quotation: `S said [to X]` or `said S[, title]`.
    pub(super) fn speech_tag(&self, (a, b): (usize, usize)) -> Option<((usize, usize), (usize, usize))> {
        let leading_verb =
            self.reporting_verb(a).or_else(|| lexicon::verb(self.word(a)).filter(|_| self.is_free_word(a)));
        if leading_verb.is_some_and(|(_, kind)| kind != VerbKind::Evaluative) {
            let speaker = self.trimmed((a + 1, b));
            return self.is_speakerish(speaker).then_some((speaker, (a, a + 1)));
        }
        let v = (a..b).find(|&i| self.reporting_verb(i).is_some_and(|(_, k)| k != VerbKind::Evaluative))?;
        let speaker = self.subject_before(v, a)?;
        self.is_speakerish(speaker).then_some((speaker, (v, v + 1)))
    }

    /// `C, S said [adverbials].` or `C, said S.`: the verb's clause ends the sentence and what
    /// was said is everything before its comma.
    pub(super) fn inverted(&self, v: usize, subject: Option<(usize, usize)>) -> Option<Found> {
        let n = self.toks.len();
        let stop = (v + 1..n).find(|&i| self.toks[i].t == T::Stop).unwrap_or(n);
        let subject_reads = subject.is_some_and(|s| self.is_speakerish(s));
        let (speaker, comma) = if v > 0 && self.toks[v - 1].t == T::Comma && !subject_reads {
            // ", said S." — the speaker follows.
            let speaker = self.trimmed((v + 1, stop));
            (speaker, v - 1)
        } else {
            let subject = subject?;
            let comma = subject.0.checked_sub(1)?;
            if self.toks[comma].t != T::Comma {
                return None;
            }
            // Nothing said after the verb: only adverbials ("on Tuesday", "in a statement"), perhaps
            // a participle clause after a comma (", putting 1,200 jobs at risk").
            let comma_after = (v + 1..stop).find(|&i| self.toks[i].t == T::Comma).unwrap_or(stop);
            let rest = (v + 1, comma_after);
            let adverbial = self.words_in(rest) <= 6
                && (rest.0 == rest.1
                    || PREPOSITIONS.contains(&self.lower(rest.0))
                    || TIME_WORDS.contains(&self.lower(rest.0))
                    || lexicon::is_auxiliary(self.word(rest.0)))
                && (rest.0..rest.1).all(|i| self.toks[i].t == T::Word && self.lower(i) != "that");
            if !adverbial {
                return None;
            }
            (subject, comma)
        };
        if !self.is_speakerish(speaker) || self.words_in(speaker) > 10 {
            return None;
        }
        let a = self.past_opening_words(0, comma);
        let content = self.trimmed((a, comma));
        if self.words_in(content) < 4 || !self.reads_as_clause(content) && self.toks[a].t != T::Open {
            return None;
        }
        Some(Found::new(speaker, (v, v + 1), content, "claim-then-speaker", 0.8))
    }
}
