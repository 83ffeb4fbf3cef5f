//! Status by meaning: the case is read sentence by sentence in the order the minutes record it
//! (responses, follow-ups, comments, by line), each sentence's signals (`signals`) move a small
//! state machine, and the last outcome wins. The sentence that set the final state is kept as
//! the status's evidence (`status-reason` in the page).
//!
//! The meanings (DESIGN.md): a definite answer — the cause explained and the user told what to
//! do — is resolved without the user's confirmation; a suggestion the minutes call a guess is
//! not, so with no reply it stays unknown; a hand-over with no later answer is escalated, a later
//! answer from that team resolves it; "still fails" or an unclear conclusion after an answer is
//! unresolved. Silence (no reply, waiting) never changes a status.

use super::fold;
use super::signals::{
    CONDITION_AFTER, EXPECTATION_BEFORE, NEGATION_BEFORE, NO_CAUSE_AFTER, QUESTION_BEFORE, Signal, hedges,
    suggests_without_cause, tables,
};
use crate::content::Status;
use crate::minutes::line::{MarkerKind, label_kind};
use crate::minutes::segment::Case;

/// The sentence that decided a status, with its input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub sentence: String,
    pub line: usize,
}

/// A status and the evidence for it (`None` when nothing in the case states an outcome).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub status: Status,
    pub reason: Option<Reason>,
}

/// Where a statement stands in the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// A response or a follow-up: what the helpdesk did and what happened.
    /// `cause`: a `原因:`/`Cause:` line, which explains the cause whatever its words.
    Response { hedged: bool, complaint: bool, conclusion: bool, cause: bool },
    /// A comment of the meeting: only outcomes count, not advice or speculation.
    Comment,
}

/// One line of the case to read, in input order.
struct Statement<'a> {
    line: usize,
    text: &'a str,
    source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing decided yet.
    Open,
    /// A hedged suggestion was given.
    Suggested,
    /// Only details were asked for.
    Asked,
    /// A definite answer or instruction was given.
    Answered,
    /// It works now, or the other team answered.
    Resolved,
    Escalated,
    /// It still fails, or the conclusion was unclear or unsolved.
    Unresolved,
}

impl State {
    fn status(self) -> Status {
        match self {
            State::Open | State::Suggested | State::Asked => Status::Unknown,
            State::Answered | State::Resolved => Status::Resolved,
            State::Escalated => Status::Escalated,
            State::Unresolved => Status::Unresolved,
        }
    }

    fn undecided(self) -> bool {
        matches!(self, State::Open | State::Suggested | State::Asked)
    }
}

/// The status of a case and the sentence that decided it.
pub fn decide(case: &Case) -> Decision {
    let mut state = State::Open;
    let mut reason: Option<Reason> = None;
    for statement in statements(case) {
        for sentence in sentences(statement.text) {
            let masked = fold(&mask_quotes(sentence));
            let signals = sentence_signals(&masked, statement.source);
            let about_cause = ["なぜ", "原因", "why", "cause", "reason"].iter().any(|w| masked.contains(w));
            for signal in signals {
                let next = transition(state, signal, statement.source, about_cause);
                // The reason is the last sentence that stated the final outcome (a conclusion
                // repeating it included), or the silence that left it open.
                let stated = next.is_some() || (signal == Signal::NoReply && state.undecided());
                if stated {
                    reason = Some(Reason { sentence: sentence.trim().to_string(), line: statement.line });
                }
                state = next.unwrap_or(state);
            }
        }
    }
    Decision { status: state.status(), reason }
}

/// The state one signal sets, `None` when it leaves the state as it is.
fn transition(state: State, signal: Signal, source: Source, about_cause: bool) -> Option<State> {
    let response = match source {
        Source::Response { hedged, conclusion, .. } => Some((hedged, conclusion)),
        Source::Comment => None,
    };
    match signal {
        Signal::Resolved | Signal::TeamAnswered => Some(State::Resolved),
        Signal::Unresolved | Signal::StillFailing => Some(State::Unresolved),
        Signal::HandedOver => Some(State::Escalated),
        Signal::Unclear => match response {
            // Why it broke may stay unknown after it was fixed; a conclusion still counts.
            Some((_, false)) if about_cause && matches!(state, State::Answered | State::Resolved) => None,
            Some(_) => Some(State::Unresolved),
            None => None,
        },
        Signal::Instruction => match response {
            Some((false, _)) => Some(State::Answered),
            // A guess of the helpdesk's own after a hand-over is its later, uncertain answer.
            Some((true, _))
                if matches!(state, State::Open | State::Asked | State::Unresolved | State::Escalated) =>
            {
                Some(State::Suggested)
            }
            _ => None,
        },
        Signal::AskedDetails if state.undecided() => Some(State::Asked),
        Signal::AskedDetails | Signal::NoReply | Signal::Neutral => None,
    }
}

/// The case's lines with a role, in input order (segment keeps responses, follow-ups and
/// comments apart; the line numbers restore their order).
fn statements(case: &Case) -> Vec<Statement<'_>> {
    let mut statements = Vec::new();
    for item in case.answers.iter().chain(&case.follow_ups) {
        let label = item.label.as_deref().unwrap_or_default();
        let masked: Vec<String> = item.lines.iter().map(|l| fold(&mask_quotes(l))).collect();
        // `原因?(確証なし):` hedges its lines in the label itself.
        let folded_label = fold(label);
        let hedged_label = folded_label.contains('?') || hedges().is_match(&folded_label);
        let source = Source::Response {
            hedged: hedged_label
                || masked.iter().any(|l| hedges().is_match(l))
                || suggests_without_cause(&masked),
            complaint: label_kind(label) == Some(MarkerKind::Inquiry),
            conclusion: is_conclusion_label(label),
            cause: is_cause_label(label),
        };
        for (at, text) in item.lines.iter().enumerate() {
            let line = item.numbers.get(at).copied().unwrap_or_default();
            statements.push(Statement { line, text, source });
        }
    }
    for comment in &case.comments {
        // Lines quoted under a bullet cite documentation: they are not the case's history.
        statements.push(Statement { line: comment.line, text: &comment.text, source: Source::Comment });
    }
    statements.sort_by_key(|s| s.line);
    statements
}

/// `原因:` / `Cause:`-style labels: their lines state the cause.
fn is_cause_label(label: &str) -> bool {
    let folded = fold(label);
    ["原因", "cause", "reason"].iter().any(|w| folded.starts_with(w))
}

/// `結論:` / `Conclusion:`-style labels: what they say is the case's outcome.
fn is_conclusion_label(label: &str) -> bool {
    let folded = fold(label);
    ["結論", "結果", "conclusion", "result", "outcome"].iter().any(|w| folded.starts_with(w))
}

/// The signals of one folded, quote-masked sentence, in order, after negation, questions and
/// conditions have been taken into account.
fn sentence_signals(text: &str, source: Source) -> Vec<Signal> {
    let mut found: Vec<(usize, usize, Signal)> = Vec::new();
    for (signal, regex) in tables() {
        found.extend(regex.find_iter(text).map(|m| (m.start(), m.end(), *signal)));
    }
    // The longest form at the leftmost position wins; overlapped shorter forms are dropped.
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut kept: Vec<(usize, usize, Signal)> = Vec::new();
    for m in found {
        if kept.last().is_none_or(|last| m.0 >= last.1) {
            kept.push(m);
        }
    }
    let mut signals: Vec<Signal> =
        kept.into_iter().filter_map(|(start, end, signal)| adjust(text, start, end, signal)).collect();
    if text.trim_end().ends_with('?') {
        // A question (`…成功したみたい?`, `did that fix it?`) states no outcome.
        signals.retain(|s| !matches!(s, Signal::Resolved | Signal::TeamAnswered | Signal::Instruction));
    }
    if let Source::Response { complaint: true, .. } = source
        && states_a_problem(text)
    {
        // The user's complaint after an answer (`訴え: …できない`): it still fails.
        signals.push(Signal::StillFailing);
    }
    let stated = |s: &Signal| !matches!(s, Signal::Unclear | Signal::Neutral);
    if let Source::Response { cause: true, .. } = source
        && !signals.iter().any(stated)
        && !signals.contains(&Signal::Unclear)
    {
        // `原因: 証明書の期限切れ`: the cause found and stated is a definite answer.
        signals.push(Signal::Instruction);
    }
    if signals.iter().any(stated) {
        // "We could not tell, so we handed it over": unclear is only the reason.
        signals.retain(|s| *s != Signal::Unclear);
    }
    if signals.contains(&Signal::AskedDetails) {
        // `詳しい状況を教えていただくようお伝えしました` asks; it answers nothing.
        signals.retain(|s| *s != Signal::Instruction);
    }
    if source == Source::Comment {
        // Comments are the meeting's remarks: advice in them (`…と案内するとよい`) is no answer.
        signals.retain(|s| *s != Signal::Instruction);
    }
    signals.retain(|s| *s != Signal::Neutral);
    signals
}

/// A match as it reads in its place: a condition (`…できない場合は`) or a question
/// (`解決したかどうか`, `whether it helped`) states nothing; a negation (`never worked`) flips.
fn adjust(text: &str, start: usize, end: usize, signal: Signal) -> Option<Signal> {
    if matches!(signal, Signal::Neutral | Signal::NoReply) {
        return Some(signal);
    }
    let after = &text[end..];
    let before = &text[..start];
    let before_tail: String = before.chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
    if CONDITION_AFTER.iter().any(|c| after.starts_with(c)) {
        return None;
    }
    if is_question_after(after) || QUESTION_BEFORE.iter().any(|q| before_tail.contains(q)) {
        return None;
    }
    let guessed =
        ["みたい", "らしい", "ようだ", "ような", "かも", "はず", "と思"].iter().any(|h| after.starts_with(h));
    if signal == Signal::Resolved && guessed {
        // `成功したみたい`, `解決したはず`: a guessed outcome is no outcome.
        return None;
    }
    if signal == Signal::Resolved && after.chars().next().is_some_and(is_noun_char) {
        // `成功した記録`, `解決した事例`: a verb qualifying a noun states no outcome.
        return None;
    }
    if signal == Signal::Resolved && EXPECTATION_BEFORE.iter().any(|e| before.ends_with(e)) {
        // `should be fixed now`: an expected outcome is no outcome.
        return None;
    }
    if signal == Signal::Instruction && states_no_cause(&text[start..end], after) {
        // `原因は不明です`, `the cause was not found`: no cause was explained.
        return Some(Signal::Unclear);
    }
    let negated = NEGATION_BEFORE.iter().any(|n| before.ends_with(n));
    match (signal, negated) {
        (Signal::Resolved, true) => Some(Signal::StillFailing),
        (Signal::Instruction | Signal::TeamAnswered, true) => None,
        _ => Some(signal),
    }
}

/// Whether a stated cause (`原因は…です`, `the cause was`) says that none was found.
fn states_no_cause(matched: &str, after: &str) -> bool {
    let unclear = tables().iter().any(|(s, regex)| *s == Signal::Unclear && regex.is_match(matched));
    unclear || NO_CAUSE_AFTER.iter().any(|n| after.starts_with(n))
}

/// Kanji and katakana: what a Japanese noun starts with.
fn is_noun_char(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{30a0}'..='\u{30ff}').contains(&c)
}

/// `…したかどうか`, `…できたかは`, `…したか?`: the words before are asked, not stated.
fn is_question_after(after: &str) -> bool {
    let head: String = after.chars().take(8).collect();
    let Some(at) = head.find('か') else { return false };
    let (lead, rest) = (&head[..at], &head[at + 'か'.len_utf8()..]);
    let short_lead = lead.chars().count() <= 4 && !lead.contains(['、', '。', ',']);
    let particle = rest.is_empty()
        || ["どうか", "は", "も", "を", "、", "。", "?", "が分", "が不明", "わか", "分か"]
            .iter()
            .any(|p| rest.starts_with(p));
    short_lead && particle && !rest.starts_with('ら')
}

/// Whether a complaint states a failure (a negative or an error), not a new question.
fn states_a_problem(text: &str) -> bool {
    const CUES: [&str; 12] = [
        "ない",
        "ません",
        "なく",
        "ず、",
        "エラー",
        "error",
        "fail",
        "cannot",
        "can't",
        "not ",
        "n't",
        "出る",
    ];
    CUES.iter().any(|c| text.contains(c))
}

/// Quoted messages (`「…」`, `"…"`) emptied: an error text or a quoted reply is no statement of
/// the helpdesk's (`「ログインできませんでした」と表示される`).
pub fn mask_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut straight = false;
    for c in text.chars() {
        match c {
            '「' | '『' | '“' => {
                if depth == 0 && !straight {
                    out.push(c);
                }
                depth += 1;
            }
            '」' | '』' | '”' if depth > 0 => {
                depth -= 1;
                if depth == 0 && !straight {
                    out.push(c);
                }
            }
            '"' if depth == 0 => {
                straight = !straight;
                out.push(c);
            }
            _ if depth == 0 && !straight => out.push(c),
            _ => {}
        }
    }
    out
}

/// The sentences of one line: `。`, `!`, `?` and `. ` end them outside quotes and brackets.
pub fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '「' | '『' | '(' | '（' | '【' | '“' => depth += 1,
            '」' | '』' | ')' | '）' | '】' | '”' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let next = chars.peek().map(|&(_, n)| n);
        let ends = depth == 0
            && (matches!(c, '。' | '！' | '？' | '!' | '?')
                || (c == '.' && next.is_none_or(char::is_whitespace)));
        if ends {
            let end = at + c.len_utf8();
            out.push(&line[start..end]);
            start = end;
        }
    }
    if !line[start..].trim().is_empty() {
        out.push(&line[start..]);
    }
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_outside_quotes() {
        assert_eq!(sentences("「エラー。です」と出る。次です"), ["「エラー。です」と出る。", "次です"]);
        assert_eq!(sentences("It failed. Then x"), ["It failed.", " Then x"]);
    }

    #[test]
    fn quotes_are_masked() {
        assert_eq!(mask_quotes("「解決しました」と表示"), "「」と表示");
        assert_eq!(mask_quotes("says \"fixed\" here"), "says \"\" here");
    }

    #[test]
    fn questions_and_conditions_state_nothing() {
        let response = Source::Response { hedged: false, complaint: false, conclusion: false, cause: false };
        assert_eq!(sentence_signals(&fold("解決したかどうかは不明"), response), [Signal::Unclear]);
        assert_eq!(sentence_signals(&fold("接続できない場合は再起動"), response), []);
        assert_eq!(sentence_signals(&fold("it never worked"), response), [Signal::StillFailing]);
        assert!(is_question_after("かは不明"));
        assert!(!is_question_after("から返信"));
    }
}

/// Small cases in wordings other than the development set's, so the signals stay general.
#[cfg(test)]
mod wording_tests;
