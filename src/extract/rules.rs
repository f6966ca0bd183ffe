//! The patterns of attribution, read off one sentence.

use super::lexicon::{self, VerbKind};
use super::sentence::{DETERMINERS, PREPOSITIONS, SAY_LIKE, Sentence, TIME_WORDS};
use super::speakers::Known;
use super::tokens::T;

/// A stretch of a sentence's tokens, `start..end`.
type Tokens = (usize, usize);

/// A claim found in a sentence, before its speaker is resolved.
pub(super) struct Found {
    pub(super) speaker: (usize, usize),
    pub(super) cue: (usize, usize),
    pub(super) content: (usize, usize),
    pub(super) rule: &'static str,
    pub(super) confidence: f32,
    /// The speaker is the sentence's subject found by the participle rule, or a quotation's.
    pub(super) speaker_override: Option<Known>,
    /// Who relays the claim, and the phrase that says so: "X told the committee that C,
    /// according to two lawmakers".
    pub(super) outer: Option<((usize, usize), (usize, usize))>,
}

impl Found {
    pub(super) fn new(
        speaker: (usize, usize),
        cue: (usize, usize),
        content: (usize, usize),
        rule: &'static str,
        confidence: f32,
    ) -> Found {
        Found { speaker, cue, content, rule, confidence, speaker_override: None, outer: None }
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
        // "C, the UN said, though aid workers warned that D": the tag ends C, and D is another's.
        let another_follows = self.is_free_word(v + 2)
            && matches!(self.lower(v + 2), "though" | "although" | "while" | "whereas" | "but" | "and")
            && self.new_attribution_after(v + 3);
        // "Recount under way, the returning officer says, after the margin fell": the writer's
        // context follows, not more of what was said.
        let context = matches!(self.lower(v + 2), "after" | "amid" | "following" | "despite" | "ahead");
        let another_follows = another_follows || context && self.is_free_word(v + 2);
        let after = if another_follows { (v + 2, v + 2) } else { (v + 2, self.clause_end(v + 2)) };
        if self.words_in(before) < 2
            || self.words_in(after) < 2 && !another_follows
            || (before.0..before.1).any(|i| self.reporting_verb(i).is_some())
        {
            return None;
        }
        let content = if another_follows { self.trimmed(before) } else { self.trimmed((before.0, after.1)) };
        Some(Found::new(subject?, (v, v + 1), content, "parenthetical-speaker", 0.8))
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
            let mut tag_end =
                (tag_at..n).find(|&i| self.toks[i].t == T::Stop || self.toks[i].t == T::Open).unwrap_or(n);
            // "..., said Pierre Lemaire, a forecaster, who said gusts could reach 160km/h."
            let relative = (tag_at..tag_end).find(|&i| self.relative_report(i).is_some());
            if let Some(who) = relative {
                tag_end = who - 1;
            }
            if self.words_in(content) >= 2 {
                let tag = (tag_at < tag_end && self.words_in((tag_at, tag_end)) <= 30)
                    .then(|| self.speech_tag((tag_at, tag_end)))
                    .flatten();
                if let Some((speaker, cue)) = tag {
                    let rule = "quote-then-speaker";
                    found.push(Found::new(speaker, cue, content, rule, 0.95));
                    if let Some(said) = relative.and_then(|who| self.relative_report(who)) {
                        found.extend(self.relative_claim(speaker, said));
                        return found;
                    }
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
                if let Some(speaker) = close.and_then(|c| self.dash_attribution(c)) {
                    found.push(Found::new(speaker, (speaker.0 - 1, speaker.0), content, "quote-then-dash", 0.75));
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
                            outer: None,
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
                let opening = (0..i)
                    .all(|j| self.is_free_word(j) && self.entry(j).is_sentence_adverb() || self.toks[j].t == T::Comma);
                let (speaker, content) = if opening {
                    let comma_after =
                        |from: usize| (from..n).find(|&j| self.toks[j].t == T::Comma && !self.toks[j].quoted);
                    let Some(mut comma) = comma_after(i + 2) else {
                        return found;
                    };
                    // "According to a statement signed by the party's General Secretary, Mrs Abena
                    // Serwaa Ofori, C": the name in apposition belongs to the source.
                    if let Some(next) = comma_after(comma + 1).filter(|&next| self.names_the_role(comma, next)) {
                        comma = next;
                    }
                    ((i + 2, comma), self.trimmed((comma + 1, self.clause_end(comma + 1))))
                } else if i > 0 && self.toks[i - 1].t == T::Comma {
                    let part_end =
                        |from: usize| (from..n).find(|&j| matches!(self.toks[j].t, T::Stop | T::Comma | T::Semicolon));
                    let mut end = part_end(i + 2).unwrap_or(n);
                    // "according to the returning officer, Graham Sewell, who says ...": the name too.
                    if end < n && self.toks[end].t == T::Comma {
                        let name_end = part_end(end + 1).unwrap_or(n);
                        if self.names_the_role(end, name_end) {
                            end = name_end;
                        }
                    }
                    ((i + 2, end), self.trimmed((self.past_opening_words(0, i), i - 1)))
                } else {
                    return found;
                };
                if !self.is_speakerish(speaker) || self.words_in(content) < 3 {
                    return found;
                }
                // "X told the committee that C, according to two lawmakers": X's claim, relayed.
                let mut inner = Vec::new();
                self.reporting_verbs(content, &mut inner);
                if inner.first().is_some_and(|f| f.speaker.0 == content.0) {
                    for f in inner {
                        found.push(Found { outer: Some((speaker, (i, i + 2))), rule: "according-to-report", ..f });
                    }
                } else {
                    found.push(Found::new(speaker, (i, i + 2), content, "according-to", 0.85));
                }
                // "..., who says ballot boxes should be at the count by 23:30": the same source.
                if let Some(v) = self.relative_report(speaker.1 + 1) {
                    found.extend(self.relative_claim(speaker, v));
                }
                return found;
            }
        }

        // Reporting verbs.
        self.reporting_verbs((0, n), &mut found);
        if found.is_empty() {
            found.extend(self.colon_quote());
        }
        found
    }

    /// Read the reporting verbs between `from` and `to`, adding what they attribute to `found`.
    fn reporting_verbs(&self, (from, to): (usize, usize), found: &mut Vec<Found>) {
        let mut consumed = from;
        for v in from..to {
            if v < consumed {
                continue;
            }
            let Some((lemma, kind)) = self.reporting_verb(v) else {
                continue;
            };
            let word = self.lower(v);
            let after_comma = v > 0 && self.toks[v - 1].t == T::Comma;

            // "..., saying (that) C", "with forecasters warning that C", "was quoted as saying
            // that C", "left the ground insisting that C".
            if lexicon::is_participle(word) {
                if !lexicon::is_reporting_participle(word) {
                    continue;
                }
                let Some((speaker, needs_that)) = self.participle_speaker(v, found) else { continue };
                let Some((start, with_that)) = self.complement_start(v, lemma, kind) else {
                    continue;
                };
                let content = self.trimmed((start, self.clause_end(start)));
                if self.is_speakerish(speaker)
                    && self.words_in(content) >= 3
                    && (with_that || !needs_that && self.reads_as_clause(content))
                {
                    found.push(Found::new(speaker, (v, v + 1), content, "participle", 0.8));
                    consumed = self.more_clauses(content.1, found);
                }
                continue;
            }

            // "S said C and accused X of Y", "S welcomed the decision and said C": a verb after
            // "and" or "but" shares the subject of the verb before it.
            let coordinated = v > 0 && self.is_free_word(v - 1) && matches!(self.lower(v - 1), "and" | "but");
            let shared = coordinated
                .then(|| found.last().map(|f: &Found| f.speaker).filter(|s| s.0 < s.1).or_else(|| self.main_subject(v)))
                .flatten()
                // "Lumen unveils folding phone, says battery lasts two days"
                .or_else(|| (self.headline && after_comma).then(|| self.headline_subject()).flatten());
            let subject = shared.or_else(|| self.subject_before(v, from));
            // "a CT scan showed signs of a bleed", "It shows a screenshot", "posted a photo of
            // the flood": to show is to report only for a document or figures, and to show,
            // post or write is to report only a clause or a quotation.
            let shows = lemma == "show";
            let publishes = matches!(lemma, "show" | "post" | "tweet" | "write" | "publish" | "share");
            let normal =
                subject.filter(|s| self.is_speakerish(*s) && (!shows || self.shows_findings(*s))).and_then(|speaker| {
                    let (start, with_that) = self.complement_start(v, lemma, kind)?;
                    let content = self.trimmed((start, self.clause_end(start)));
                    let said = !publishes || with_that || self.toks[start].t == T::Open || self.opens_clause(start);
                    (self.words_in(content) >= 2 && said).then_some((speaker, content, with_that))
                });
            // "did not say how much ...": a denial of speech is no claim.
            let negated = (self.before_auxiliaries(v, 0)..v).any(|i| matches!(self.lower(i), "not" | "n't" | "never"));
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
            // "blamed a shortage of housing, rising rents and ...": a list, not a participle.
            let content =
                if kind == VerbKind::Evaluative { (content.0, self.evaluation_end(content.0)) } else { content };
            // "over what it called \"repeated violations\" at the holy sites": the quotation alone.
            let what = speaker.0 > 0 && self.is_free_word(speaker.0 - 1) && self.lower(speaker.0 - 1) == "what";
            let content = match (content.0..content.1).find(|&i| self.toks[i].t == T::Open) {
                Some(open) if what && open <= content.0 + 2 => {
                    let close = (open + 1..content.1).find(|&i| self.toks[i].t == T::Close).unwrap_or(content.1);
                    (open, (close + 1).min(content.1))
                }
                _ => content,
            };
            let rule_and_confidence = match kind {
                VerbKind::Evaluative => {
                    // "dismissed critics who had called her music a betrayal of tradition": the
                    // "of" of a relative clause is not the evaluation's.
                    let relative = (content.0..content.1)
                        .find(|&i| self.is_free_word(i) && matches!(self.lower(i), "who" | "which" | "whose"))
                        .unwrap_or(content.1);
                    let evaluates = (content.0..relative)
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
                // "claimed to have shot down a drone", "denied having seen the letter"
                _ if matches!(lemma, "claim" | "deny" | "admit" | "acknowledge" | "insist")
                    && (self.lower(content.0) == "to" && matches!(self.lower(content.0 + 1), "have" | "be")
                        || self.lower(content.0) == "having")
                    && self.words_in(content) >= 3 =>
                {
                    ("speaker-verb-infinitive", 0.7)
                }
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
            let cue = (v, v + 1 + usize::from(lexicon::particle(lemma).is_some()));
            found.push(Found::new(speaker, cue, content, rule, confidence));
            consumed = self.more_clauses(content.1, found);
        }
    }

    /// The "and that Y" clauses after the claim just found, ending at `end`: each a claim of the
    /// same speaker by the same verb and rule. Where the last ends.
    fn more_clauses(&self, mut end: usize, found: &mut Vec<Found>) -> usize {
        let Some(first) = found.last() else { return end };
        let (speaker, cue, rule, confidence) = (first.speaker, first.cue, first.rule, first.confidence);
        while let Some(start) = self.and_that(end) {
            let next = self.trimmed((start, self.clause_end(start)));
            if self.words_in(next) < 2 {
                break;
            }
            found.push(Found::new(speaker, cue, next, rule, confidence));
            end = next.1;
        }
        end
    }

    /// `S was blunt: "Q"`, `with the caption: "Q"`, `Transport minister Luc Ferrand, speaking in
    /// Paris: "Q"`: a quotation after a colon that no speech verb introduces, spoken by the
    /// sentence's subject or by the noun phrase before the colon.
    fn colon_quote(&self) -> Option<Found> {
        let n = self.toks.len();
        let colon = (1..n).find(|&i| self.toks[i].t == T::Colon && !self.toks[i].quoted)?;
        if self.toks.get(colon + 1).is_none_or(|t| t.t != T::Open) {
            return self.put_it_colon(colon);
        }
        let close = (colon + 2..n).find(|&i| self.toks[i].t == T::Close).unwrap_or(n);
        let content = self.trimmed((colon + 2, close));
        if let Some(speaker) = self.dash_attribution(close) {
            return (self.words_in(content) >= 2)
                .then(|| Found::new(speaker, (close + 1, close + 2), content, "quote-then-dash", 0.75));
        }
        if !(close + 1..n).all(|i| matches!(self.toks[i].t, T::Stop | T::Close)) {
            return None;
        }
        let clause = (0..colon).any(|i| self.is_finite_verb(i));
        // "A reader, Nguyễn Văn Hùng, sends us this from his balcony:": a verb in the present
        // after the speaker's apposition.
        let present = (2..colon).find(|&i| {
            let w = self.lower(i);
            self.toks[i - 1].t == T::Comma
                && self.is_free_word(i)
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !self.capital(i)
        });
        let speaker = if clause {
            self.main_subject(colon)
        } else if let Some(verb) = present {
            self.subject_before(verb, 0)
        } else {
            self.speaker_line().map(|(s, _)| s)
        }?;
        (self.is_speakerish(speaker) && self.words_in(content) >= 2)
            .then(|| Found::new(speaker, (colon, colon + 1), content, "colon-quote", 0.75))
    }

    /// `"Q" – Cllr Dominic Fairbairn, speaking on Radio Estuary`: the name after a dash that
    /// follows the quotation closing at `close`.
    fn dash_attribution(&self, close: usize) -> Option<(usize, usize)> {
        let n = self.toks.len();
        let mut dash = close + 1;
        while dash < n && self.toks[dash].t == T::Stop {
            dash += 1;
        }
        if self.toks.get(dash).is_none_or(|t| t.t != T::Dash) || !self.capital(dash + 1) {
            return None;
        }
        let end = (dash + 1..n).find(|&i| !self.is_free_word(i)).unwrap_or(n);
        let speaker = (dash + 1, end);
        (self.is_speakerish(speaker) && self.words_in(speaker) <= 6).then_some(speaker)
    }

    /// `One former economist put it bluntly: the rule survives only because ...`: what follows
    /// the colon of "put it" is what was said, quoted or not.
    fn put_it_colon(&self, colon: usize) -> Option<Found> {
        let put = (colon.saturating_sub(3)..colon)
            .find(|&i| self.is_free_word(i) && self.lower(i) == "put" && self.lower(i + 1) == "it")?;
        if !(put + 2..colon).all(|i| self.is_free_word(i) && self.is_auxiliary(i)) {
            return None;
        }
        let speaker = self.subject_before(put, 0).filter(|s| self.is_speakerish(*s))?;
        let content = self.trimmed((colon + 1, self.clause_end(colon + 1)));
        (self.words_in(content) >= 3 && self.reads_as_clause(content))
            .then(|| Found::new(speaker, (put, put + 2), content, "colon-quote", 0.7))
    }

    /// A line opened by a speaker's name and a colon: "Osei:", "Q:", "Transport minister Luc
    /// Ferrand, speaking in Paris:". The speaker (without the participle phrase) and the colon.
    pub(super) fn speaker_line(&self) -> Option<((usize, usize), usize)> {
        let colon = (1..self.toks.len().min(16)).find(|&i| self.toks[i].t == T::Colon)?;
        let words_only = (0..colon).all(|i| self.is_free_word(i) || self.toks[i].t == T::Comma);
        if !words_only || colon + 1 >= self.toks.len() {
            return None;
        }
        let head_end = (0..colon).find(|&i| self.toks[i].t == T::Comma).unwrap_or(colon);
        let head = (0, head_end);
        let rest_describes = head_end == colon || self.opens_participle_phrase(head_end + 1);
        let verb = (0..head_end).any(|i| self.reporting_verb(i).is_some() || self.is_finite_verb(i));
        let one_letter = head_end == 1 && matches!(self.word(0), "Q" | "A");
        let named = self.capital(0) && self.words_in(head) <= 6 && self.is_speakerish(head);
        (rest_describes && !verb && (one_letter || named)).then_some((head, colon))
    }

    /// The first attribution inside a stretch that opens with its speaker: "the general had
    /// assured him that C" gives the general, "assured" and C.
    pub(super) fn report_within(&self, (a, b): (usize, usize)) -> Option<(Tokens, Tokens, Tokens)> {
        for v in a + 1..b {
            let Some((lemma, kind)) = self.reporting_verb(v) else { continue };
            if kind == VerbKind::Evaluative || lexicon::is_participle(self.lower(v)) {
                return None;
            }
            let speaker = self.subject_before(v, a).filter(|s| s.0 == a && self.is_speakerish(*s))?;
            let (start, with_that) = self.complement_start(v, lemma, kind)?;
            let end = self.clause_end(start).min(b);
            return (with_that && start < end).then_some((speaker, (v, v + 1), self.trimmed((start, end))));
        }
        None
    }

    /// Every attribution nested in a claim, outermost first: the minister's claim "the
    /// general had assured him that the troops would leave" holds the general's.
    pub(super) fn inner_reports(&self, (a, b): (usize, usize)) -> Vec<((usize, usize), (usize, usize))> {
        let mut reports = Vec::new();
        let mut from = a;
        while reports.len() < 3 {
            let Some((speaker, cue, said)) = self.report_within((from, b)) else { break };
            reports.push((speaker, cue));
            from = said.0;
        }
        reports
    }

    /// A speech tag after a quotation: `S said [to X]` or `said S[, title]`.
    pub(super) fn speech_tag(&self, (a, b): (usize, usize)) -> Option<((usize, usize), (usize, usize))> {
        let leading_verb = self.reporting_verb(a).or_else(|| self.verb(a).filter(|_| self.is_free_word(a)));
        if let Some((lemma, _)) = leading_verb.filter(|(_, kind)| *kind != VerbKind::Evaluative) {
            // "cut in Ms Sorensen": past the particle.
            let cue_end = a + 1 + usize::from(lexicon::particle(lemma).is_some());
            let speaker = self.trimmed((cue_end, b));
            return self.is_speakerish(speaker).then_some((speaker, (a, cue_end)));
        }
        let reporting = (a..b).find(|&i| self.reporting_verb(i).is_some_and(|(_, k)| k != VerbKind::Evaluative));
        // `"...," she laughs.`: a verb of manner in a short tag after a quotation.
        let manner = || {
            (a + 1..b)
                .find(|&i| self.is_free_word(i) && self.words_in((a, b)) <= 4 && lexicon::is_manner_verb(self.lower(i)))
        };
        let v = reporting.or_else(manner)?;
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
            // ", said the people, who asked not to be identified": the relative clause is about them.
            let relative = (v + 2..stop).find(|&i| {
                self.toks[i - 1].t == T::Comma && matches!(self.lower(i), "who" | "which") && self.is_free_word(i)
            });
            let speaker = self.trimmed((v + 1, relative.unwrap_or(stop)));
            (speaker, v - 1)
        } else {
            let subject = subject?;
            let comma = subject.0.checked_sub(1)?;
            if self.toks[comma].t != T::Comma {
                return None;
            }
            // Nothing said after the verb: only adverbials ("on Tuesday", "in a statement"), perhaps
            // a participle clause after a comma (", putting 1,200 jobs at risk").
            // "..., the institute warned on Wednesday as it published its review."
            let comma_after = (v + 1..stop)
                .find(|&i| {
                    self.toks[i].t == T::Comma || self.is_free_word(i) && lexicon::is_subordinator(self.lower(i))
                })
                .unwrap_or(stop);
            // "..., a person familiar with the matter told Meridian.": past whom they told.
            let mut after_verb = v + 1;
            if matches!(self.lower(v), "told" | "tells") {
                while after_verb < comma_after.min(v + 5)
                    && self.is_free_word(after_verb)
                    && !PREPOSITIONS.contains(&self.lower(after_verb))
                    && !TIME_WORDS.contains(&self.lower(after_verb))
                    && !lexicon::is_day_or_month(self.word(after_verb))
                {
                    after_verb += 1;
                }
            }
            let rest = (after_verb, comma_after);
            // "..., the company said in a filing with the Oslo Stock Exchange."
            let prepositional = PREPOSITIONS.contains(&self.lower(rest.0));
            let adverbial = (self.words_in(rest) <= 6 || prepositional && self.words_in(rest) <= 10)
                && (rest.0 == rest.1
                    || prepositional
                    || TIME_WORDS.contains(&self.lower(rest.0))
                    // "..., federal regulators said Wednesday."
                    || lexicon::is_day_or_month(self.word(rest.0))
                    || self.is_auxiliary(rest.0))
                && (rest.0..rest.1).all(|i| self.toks[i].t == T::Word && self.lower(i) != "that");
            if !adverbial {
                return None;
            }
            (subject, comma)
        };
        // "..., a charge which the civic body has denied.": the verb is the relative clause's.
        let relative =
            (speaker.0..speaker.1).any(|i| self.is_free_word(i) && matches!(self.lower(i), "which" | "that"));
        // "..., a charge Ms Rath denied.": the verb's object is the claim before it, not a speaker.
        let charge = matches!(self.lower(speaker.0), "a" | "an" | "the")
            && matches!(
                self.lower(speaker.0 + 1),
                "charge" | "claim" | "allegation" | "accusation" | "assertion" | "suggestion" | "account"
            );
        if !self.is_speakerish(speaker) || self.words_in(speaker) > 10 || relative || charge {
            return None;
        }
        let a = self.past_opening_words(0, comma);
        let content = self.trimmed((a, comma));
        // A headline need not be a clause: "Prices to climb into next year, central bank warns".
        // What comes before its speaker is a clause, however long its subject: "Records of more
        // than 40,000 patients at ..., including ..., were accessible ..., people familiar with
        // the matter said."
        let clause = self.reads_as_clause_within(content, 60) || self.toks[a].t == T::Open || self.headline;
        if self.words_in(content) < 3 || self.words_in(content) < 4 && !self.headline || !clause {
            return None;
        }
        Some(Found::new(speaker, (v, v + 1), content, "claim-then-speaker", 0.8))
    }

    /// Who says what a participle reports, and whether a "that" must follow to be sure. After a
    /// comma, whoever said the rest of the sentence, else its subject; "with forecasters
    /// warning", the noun phrase after "with"; "was quoted by a newspaper as saying", the subject
    /// of "quoted"; "left the ground insisting that", the subject, when "that" follows.
    fn participle_speaker(&self, v: usize, found: &[Found]) -> Option<((usize, usize), bool)> {
        if v == 0 {
            return None;
        }
        if self.toks[v - 1].t == T::Comma {
            let earlier = found.iter().rev().find(|f| f.speaker.0 < f.speaker.1).map(|f| f.speaker);
            return earlier.or_else(|| self.main_subject(v)).map(|s| (s, false));
        }
        if !self.is_free_word(v - 1) {
            return None;
        }
        if self.lower(v - 1) == "as" {
            let quoted =
                (v.saturating_sub(12)..v - 1).rev().find(|&i| self.lower(i) == "quoted" && self.is_free_word(i))?;
            return self.subject_before(quoted, 0).map(|s| (s, false));
        }
        // The noun phrase right before the participle, back to "with" (or to "and" inside an
        // absolute clause: "with each side blaming the other and the mediator warning that").
        let opener = (v.saturating_sub(7)..v - 1)
            .rev()
            .take_while(|&i| self.is_free_word(i))
            .find(|&i| matches!(self.lower(i), "with" | "and"));
        if let Some(k) = opener {
            let absolute = self.lower(k) == "with"
                || (k.saturating_sub(14)..k).any(|i| self.is_free_word(i) && self.lower(i) == "with");
            if absolute && k + 1 < v {
                return Some(((k + 1, v), false));
            }
        }
        // "a statement saying that": the document says it, unless someone issued it.
        let noun = self.lower(v - 1);
        if lexicon::is_document(noun) {
            let issued = (v.saturating_sub(5)..v - 1)
                .any(|i| matches!(self.lower(i), "issued" | "released" | "published" | "posted" | "sent" | "put"));
            if !issued {
                let start = (v.saturating_sub(4)..v - 1)
                    .rev()
                    .find(|&i| !self.is_free_word(i) || DETERMINERS.contains(&self.lower(i)))
                    .unwrap_or(v - 1);
                return Some(((start, v), true));
            }
        }
        self.main_subject(v).map(|s| (s, true))
    }

    /// Does the part between the comma at `comma` and `end` name the person whose role ends just
    /// before the comma ("the party's General Secretary, Mrs Abena Serwaa Ofori,")? Not after
    /// "police" or "the lawsuit": "According to police, John Smith, a farmer, was arrested".
    fn names_the_role(&self, comma: usize, end: usize) -> bool {
        let role = comma > 0 && (self.entry(comma - 1).is_title() || self.is_person_noun(comma - 1));
        role && self.is_name_part((comma + 1, end))
    }

    /// `, who said C` at token `who` (the comma before it at `who - 1`): the reporting verb.
    fn relative_report(&self, who: usize) -> Option<usize> {
        if who == 0
            || who >= self.toks.len()
            || self.toks[who - 1].t != T::Comma
            || self.lower(who) != "who"
            || !self.is_free_word(who)
        {
            return None;
        }
        let v = self.before_verb(who + 1);
        self.reporting_verb(v).filter(|(_, kind)| *kind != VerbKind::Evaluative).map(|_| v)
    }

    /// The claim of a relative clause whose verb is at `v`, spoken by `speaker`.
    fn relative_claim(&self, speaker: (usize, usize), v: usize) -> Option<Found> {
        let (lemma, kind) = self.reporting_verb(v)?;
        let (start, with_that) = self.complement_start(v, lemma, kind)?;
        let content = self.trimmed((start, self.clause_end(start)));
        let reads =
            with_that || self.reads_as_clause(content) || SAY_LIKE.contains(&lemma) && self.could_be_said(content);
        (reads && self.words_in(content) >= 3).then(|| Found::new(speaker, (v, v + 1), content, "relative-clause", 0.8))
    }

    /// The first token from `i` that is not an auxiliary or adverb.
    fn before_verb(&self, mut i: usize) -> usize {
        while self.is_free_word(i) && self.is_auxiliary(i) {
            i += 1;
        }
        i
    }

    /// Where an evaluation ("accused X of Y", "blamed A, B and C") ends: like any clause, except
    /// that only a reporting participle after a comma ends it.
    /// Where an evaluation ("accused X of Y", "called the plan a fraud") ends: like any clause,
    /// and before a second verb of the speaker's ("and demanded that ...").
    fn evaluation_end(&self, from: usize) -> usize {
        let end = self.clause_end(from);
        let second_verb = (from + 1..end).find(|&i| {
            self.is_free_word(i) && matches!(self.lower(i), "and" | "but") && self.is_coordinated_verb(i + 1)
        });
        self.trimmed((from, second_verb.unwrap_or(end))).1
    }

    /// A headline's subject: the capitalised words it opens with ("Halden Foods cuts outlook").
    fn headline_subject(&self) -> Option<(usize, usize)> {
        let end = (0..self.toks.len()).find(|&i| !(self.is_free_word(i) && self.capital(i)))?;
        (end > 0).then_some((0, end))
    }
}
