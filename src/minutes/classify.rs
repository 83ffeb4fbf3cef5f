//! Classify: what a case is about and how it ended — status, tags and title.
//!
//! Status follows the outcome statements in the order the minutes record them, the last one
//! winning, so a comment saying an escalated case was later solved makes it resolved. Within one
//! statement, "unclear" (`よくわからず`) is only a reason when another outcome is named beside it
//! (`よくわからなかったので担当に回した` is an escalation; `お返事がないので結末はよくわからず` is no
//! reply); it is the outcome only when it stands alone.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::segment::Case;
use crate::config::Tag;

/// How a case ended: the page model's status, so import and build share one definition.
pub use crate::content::Status;

/// What one phrase says about the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Resolved,
    Escalated,
    Unresolved,
    /// "The user never replied": the outcome is unknown.
    NoReply,
    /// "We could not tell": unresolved, unless the statement names another outcome.
    Unclear,
    /// A phrase that contains an outcome word without stating an outcome (`解決策`, `回答事例`,
    /// `できたら`). Listed so it takes the place of the shorter word it contains.
    Neutral,
}

/// Outcome phrases, compared with NFKC-folded, lower-cased text. Longer phrases come before the
/// shorter ones they contain: at one position the first listed phrase wins.
const PHRASES: &[(&str, Outcome)] = &[
    // Neutral uses of outcome words.
    ("解決策", Outcome::Neutral),
    ("解決方法", Outcome::Neutral),
    ("解決法", Outcome::Neutral),
    ("回答事例", Outcome::Neutral),
    ("回答例", Outcome::Neutral),
    ("回答をお待ち", Outcome::Neutral),
    ("回答を待", Outcome::Neutral),
    ("回答待ち", Outcome::Neutral),
    ("返答を待", Outcome::Neutral),
    ("返答待ち", Outcome::Neutral),
    // Confirming what happened is an observation, not an outcome.
    ("確認できた", Outcome::Neutral),
    ("確認できました", Outcome::Neutral),
    ("確認ができた", Outcome::Neutral),
    ("できたら", Outcome::Neutral),
    ("できたか", Outcome::Neutral),
    ("できたとしても", Outcome::Neutral),
    ("if resolved", Outcome::Neutral),
    ("how to fix", Outcome::Neutral),
    // No reply.
    ("お返事がな", Outcome::NoReply),
    ("お返事がこな", Outcome::NoReply),
    ("返事がな", Outcome::NoReply),
    ("返事なし", Outcome::NoReply),
    ("返信がな", Outcome::NoReply),
    ("返信なし", Outcome::NoReply),
    ("返答がな", Outcome::NoReply),
    ("返答なし", Outcome::NoReply),
    ("回答がな", Outcome::NoReply),
    ("回答なし", Outcome::NoReply),
    ("連絡がな", Outcome::NoReply),
    ("音沙汰", Outcome::NoReply),
    ("no reply", Outcome::NoReply),
    ("no response", Outcome::NoReply),
    ("no answer", Outcome::NoReply),
    ("never replied", Outcome::NoReply),
    ("never answered", Outcome::NoReply),
    ("did not reply", Outcome::NoReply),
    ("didn't reply", Outcome::NoReply),
    ("has not replied", Outcome::NoReply),
    ("hasn't replied", Outcome::NoReply),
    ("did not respond", Outcome::NoReply),
    ("didn't respond", Outcome::NoReply),
    ("not heard back", Outcome::NoReply),
    // Unresolved.
    ("未解決", Outcome::Unresolved),
    ("解決しな", Outcome::Unresolved),
    ("解決せず", Outcome::Unresolved),
    ("解決できな", Outcome::Unresolved),
    ("解決できず", Outcome::Unresolved),
    ("解決に至らな", Outcome::Unresolved),
    ("解決に至らず", Outcome::Unresolved),
    ("解決していな", Outcome::Unresolved),
    ("解決には至らな", Outcome::Unresolved),
    ("unresolved", Outcome::Unresolved),
    ("not resolved", Outcome::Unresolved),
    ("not solved", Outcome::Unresolved),
    ("not fixed", Outcome::Unresolved),
    ("could not be resolved", Outcome::Unresolved),
    ("couldn't be resolved", Outcome::Unresolved),
    ("could not be fixed", Outcome::Unresolved),
    ("couldn't be fixed", Outcome::Unresolved),
    ("still not working", Outcome::Unresolved),
    ("still does not work", Outcome::Unresolved),
    ("still doesn't work", Outcome::Unresolved),
    ("gave up", Outcome::Unresolved),
    // Unclear.
    ("よく分からな", Outcome::Unclear),
    ("よくわからな", Outcome::Unclear),
    ("よく分からず", Outcome::Unclear),
    ("よくわからず", Outcome::Unclear),
    ("分からなかった", Outcome::Unclear),
    ("わからなかった", Outcome::Unclear),
    ("原因不明", Outcome::Unclear),
    ("unclear", Outcome::Unclear),
    ("not sure", Outcome::Unclear),
    ("no idea", Outcome::Unclear),
    ("do not know", Outcome::Unclear),
    ("don't know", Outcome::Unclear),
    ("did not understand", Outcome::Unclear),
    // Escalated.
    ("担当に回", Outcome::Escalated),
    ("担当部署に回", Outcome::Escalated),
    ("担当者に回", Outcome::Escalated),
    ("割り振", Outcome::Escalated),
    ("割振", Outcome::Escalated),
    ("起票", Outcome::Escalated),
    ("エスカレ", Outcome::Escalated),
    ("引き継", Outcome::Escalated),
    ("escalated", Outcome::Escalated),
    ("escalate", Outcome::Escalated),
    ("forwarded", Outcome::Escalated),
    ("handed over", Outcome::Escalated),
    ("handed it over", Outcome::Escalated),
    ("passed it to", Outcome::Escalated),
    ("passed the case", Outcome::Escalated),
    ("assigned to", Outcome::Escalated),
    ("opened a ticket", Outcome::Escalated),
    ("filed a ticket", Outcome::Escalated),
    ("raised a ticket", Outcome::Escalated),
    ("referred to", Outcome::Escalated),
    // Resolved.
    ("解決", Outcome::Resolved),
    ("解消", Outcome::Resolved),
    ("できました", Outcome::Resolved),
    ("できた", Outcome::Resolved),
    ("できるようになった", Outcome::Resolved),
    ("使えるようになった", Outcome::Resolved),
    ("返答", Outcome::Resolved),
    ("回答", Outcome::Resolved),
    ("resolved", Outcome::Resolved),
    ("solved", Outcome::Resolved),
    ("fixed", Outcome::Resolved),
    ("works now", Outcome::Resolved),
    ("worked", Outcome::Resolved),
    ("was able to", Outcome::Resolved),
    ("were able to", Outcome::Resolved),
    ("succeeded", Outcome::Resolved),
    ("answered", Outcome::Resolved),
    ("replied", Outcome::Resolved),
];

struct PhraseMatcher {
    regex: Regex,
    outcomes: HashMap<&'static str, Outcome>,
}

static MATCHER: LazyLock<PhraseMatcher> = LazyLock::new(|| {
    let pattern = PHRASES.iter().map(|(phrase, _)| regex::escape(phrase)).collect::<Vec<_>>().join("|");
    PhraseMatcher {
        regex: Regex::new(&pattern).unwrap_or_else(|e| unreachable!("{e}")),
        outcomes: PHRASES.iter().copied().collect(),
    }
});

/// Text folded for matching: NFKC (full-width → half-width), lower case, curly apostrophes
/// straightened.
pub fn fold(text: &str) -> String {
    text.nfkc().collect::<String>().to_lowercase().replace(['’', '‘'], "'")
}

/// The outcome one statement records, if any.
fn statement_outcome(statement: &str) -> Option<Outcome> {
    let folded = fold(statement);
    let mut last = None;
    let mut unclear = false;
    for found in MATCHER.regex.find_iter(&folded) {
        if !at_word_boundaries(&folded, found.start(), found.end()) {
            continue;
        }
        match MATCHER.outcomes.get(found.as_str()) {
            Some(Outcome::Unclear) => unclear = true,
            Some(Outcome::Neutral) | None => {}
            Some(&outcome) => last = Some(outcome),
        }
    }
    last.or(unclear.then_some(Outcome::Unclear))
}

/// English phrases must be whole words (`fixed` is not in `prefixed`); Japanese has no spaces.
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let word_char = |c: char| c.is_ascii_alphanumeric();
    let starts_word = text[start..].chars().next().is_some_and(word_char);
    let ends_word = text[..end].chars().next_back().is_some_and(word_char);
    let before_ok = !starts_word || !text[..start].chars().next_back().is_some_and(word_char);
    let after_ok = !ends_word || !text[end..].chars().next().is_some_and(word_char);
    before_ok && after_ok
}

/// The case's statements in the order the minutes record them: responses, follow-ups, comments.
fn statements(case: &Case) -> impl Iterator<Item = &str> {
    let answers = case.answers.iter().flat_map(|item| item.lines.iter());
    let follow_ups = case.follow_ups.iter().flat_map(|item| item.lines.iter());
    let comments = case.comments.iter().flat_map(|c| std::iter::once(&c.text).chain(c.quote.iter()));
    answers.chain(follow_ups).chain(comments).map(String::as_str)
}

/// The status of a case: the outcome of its last statement that records one.
pub fn status(case: &Case) -> Status {
    let last = statements(case).filter_map(statement_outcome).last();
    match last {
        Some(Outcome::Resolved) => Status::Resolved,
        Some(Outcome::Escalated) => Status::Escalated,
        Some(Outcome::Unresolved | Outcome::Unclear) => Status::Unresolved,
        Some(Outcome::NoReply | Outcome::Neutral) | None => Status::Unknown,
    }
}

/// Every text of the case, for tag matching.
pub fn case_text(case: &Case) -> String {
    let mut text = case.inquiry.join("\n");
    for line in statements(case) {
        text.push('\n');
        text.push_str(line);
    }
    text
}

/// The tag vocabulary with its match terms folded once, for matching many cases.
#[derive(Debug, Clone)]
pub struct TagMatcher {
    tags: Vec<(String, Vec<String>)>,
}

impl TagMatcher {
    pub fn new(vocabulary: &[Tag]) -> Self {
        let tags = vocabulary
            .iter()
            .map(|tag| (tag.name.clone(), tag.match_terms.iter().map(|t| fold(t)).collect()));
        TagMatcher { tags: tags.collect() }
    }

    /// Names of the tags whose match terms occur in the case, in vocabulary order. Terms are
    /// compared folded; ASCII terms must be whole words (`POP` does not match `popular`).
    pub fn tags(&self, case: &Case) -> Vec<String> {
        let text = fold(&case_text(case));
        self.tags
            .iter()
            .filter(|(_, terms)| terms.iter().any(|term| contains_term(&text, term)))
            .map(|(name, _)| name.clone())
            .collect()
    }
}

fn contains_term(text: &str, term: &str) -> bool {
    !term.is_empty() && text.match_indices(term).any(|(at, m)| at_word_boundaries(text, at, at + m.len()))
}

// ---------------------------------------------------------------------------------------------
// Title

/// Titles are cut at clause boundaries to about this many characters.
pub const TITLE_CHARS: usize = 60;

/// A whole sentence a little over the limit reads better than a cut one.
const WHOLE_SENTENCE_CHARS: usize = TITLE_CHARS + TITLE_CHARS / 10;

/// Words that state a problem or a wish; the title is the sentence that has one.
const PROBLEM_CUES: &[&str] = &[
    "できない",
    "できなく",
    "できず",
    "できません",
    "れない",
    "れなく",
    "届かない",
    "進めな",
    "使えな",
    "エラー",
    "失敗",
    "不具合",
    "困って",
    "たい",
    "ほしい",
    "欲しい",
    "希望",
    "わからない",
    "分からない",
    "か?",
    "?",
    "error",
    "cannot",
    "can't",
    "unable",
    "fails",
    "failed",
    "not working",
    "doesn't",
    "does not",
    "won't",
    "will not",
    "how ",
    "want",
    "would like",
    "wrong",
];

/// The inquiry's clauses, grouped into sentences. Line ends and `、`/`,` end clauses; `。`, `!`,
/// `?` and `. ` end sentences; nothing inside quotes or brackets ends anything.
fn sentences(lines: &[String]) -> Vec<Vec<String>> {
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut clauses: Vec<String> = Vec::new();
    let mut clause = String::new();
    for line in lines {
        let mut depth = 0usize;
        let mut in_quote = false;
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            // Circled numbers (①②) enumerate problems: each starts a clause.
            if ('\u{2460}'..='\u{2473}').contains(&c) && depth == 0 && !in_quote && !clause.trim().is_empty()
            {
                clauses.push(std::mem::take(&mut clause));
            }
            clause.push(c);
            match c {
                '「' | '『' | '(' | '（' | '【' | '“' => depth += 1,
                '」' | '』' | ')' | '）' | '】' => depth = depth.saturating_sub(1),
                '”' if depth > 0 => depth -= 1,
                '"' | '”' => in_quote = !in_quote,
                _ => {}
            }
            if depth > 0 || in_quote {
                continue;
            }
            let next = chars.get(i + 1).copied();
            let ends_sentence = matches!(c, '。' | '!' | '?' | '！' | '？')
                || (c == '.' && next.is_none_or(char::is_whitespace));
            if ends_sentence {
                clauses.push(std::mem::take(&mut clause));
                sentences.push(std::mem::take(&mut clauses));
            } else if matches!(c, '、' | ',' | '，' | ';' | '；') {
                clauses.push(std::mem::take(&mut clause));
            }
        }
        if !clause.trim().is_empty() {
            // A line end inside a sentence: join English words with a space, Japanese with none.
            let ascii_end = clause.trim_end().chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric());
            let mut finished = std::mem::take(&mut clause).trim().to_string();
            if ascii_end {
                finished.push(' ');
            }
            clauses.push(finished);
        }
    }
    if !clauses.is_empty() {
        sentences.push(clauses);
    }
    sentences
        .into_iter()
        .map(|s| s.into_iter().map(|c| c.trim_start().to_string()).filter(|c| !c.is_empty()).collect())
        .filter(|s: &Vec<String>| !s.is_empty())
        .collect()
}

fn has_problem_cue(text: &str) -> bool {
    let folded = fold(text);
    PROBLEM_CUES.iter().any(|cue| folded.contains(cue))
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// The title of a case: the inquiry sentence that states the problem (not a context sentence
/// such as who asked), cut to the clauses around the problem when it is long.
pub fn title(inquiry: &[String]) -> String {
    let sentences = sentences(inquiry);
    let Some(sentence) =
        sentences.iter().find(|s| s.iter().any(|c| has_problem_cue(c))).or_else(|| sentences.first())
    else {
        return String::new();
    };
    let full = tidy_title(&sentence.concat());
    if chars(&full) <= WHOLE_SENTENCE_CHARS { full } else { tidy_title(&clause_window(sentence)) }
}

/// The clauses around the first one with a problem cue, growing towards the context before it
/// first (`…を有効にしたところ、` explains the problem), then after it, while within the limit.
fn clause_window(sentence: &[String]) -> String {
    let cue = sentence.iter().position(|c| has_problem_cue(c)).unwrap_or(0);
    let (mut first, mut last) = (cue, cue);
    let mut length = chars(&sentence[cue]);
    loop {
        if first > 0 && length + chars(&sentence[first - 1]) <= TITLE_CHARS {
            first -= 1;
            length += chars(&sentence[first]);
        } else if last + 1 < sentence.len() && length + chars(&sentence[last + 1]) <= TITLE_CHARS {
            last += 1;
            length += chars(&sentence[last]);
        } else {
            break;
        }
    }
    let mut window: String = sentence[first..=last].concat();
    // Quoted messages go first: the words around them say what the problem is.
    for quote_chars in [24, 12] {
        if chars(&window) > WHOLE_SENTENCE_CHARS {
            window = shorten_quotes(&window, quote_chars);
        }
    }
    if chars(&window) > WHOLE_SENTENCE_CHARS {
        window = cut(&window, TITLE_CHARS);
    }
    if last + 1 < sentence.len() && !window.ends_with('…') {
        window = format!("{}…", trim_clause_end(&window));
    }
    window
}

/// Long quoted messages (`”Google couldn’t verify … for help.”`) shortened to their first words.
fn shorten_quotes(text: &str, max_chars: usize) -> String {
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(["“”「『])([^"“”「」『』]+)(["”」』])"#).unwrap_or_else(|e| unreachable!("{e}"))
    });
    QUOTED
        .replace_all(text, |caps: &regex::Captures<'_>| {
            format!("{}{}{}", &caps[1], cut(caps[2].trim_end_matches('…'), max_chars), &caps[3])
        })
        .into_owned()
}

/// `text` cut to at most `limit` characters plus `…`, at a space when there is one near the end.
fn cut(text: &str, limit: usize) -> String {
    if chars(text) <= limit {
        return text.to_string();
    }
    let head: String = text.chars().take(limit).collect();
    let at_space = head.rfind(' ').filter(|&at| chars(&head[..at]) > limit / 2);
    let head = at_space.map_or(head.as_str(), |at| &head[..at]);
    format!("{}…", trim_clause_end(head))
}

fn trim_clause_end(text: &str) -> &str {
    text.trim_end().trim_end_matches(['、', ',', '，', ';', '；', ' ']).trim_end()
}

/// One line, no trailing clause or sentence punctuation.
fn tidy_title(title: &str) -> String {
    let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
    trim_clause_end(&one_line).trim_end_matches(['。', '.']).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Service;
    use crate::minutes::segment::{Comment, Item};

    fn case(answers: &[&str], comments: &[&str]) -> Case {
        Case {
            service: Service { name: "S".into(), slug: "s".into(), aliases: vec![] },
            inquiry: vec!["問い合わせ".into()],
            answers: answers
                .iter()
                .map(|a| Item { label: None, colon: false, lines: vec![a.to_string()] })
                .collect(),
            follow_ups: vec![],
            comments: comments
                .iter()
                .map(|c| Comment { depth: 0, text: c.to_string(), quote: vec![] })
                .collect(),
            first_line: 1,
            last_line: 1,
        }
    }

    #[test]
    fn no_outcome_is_unknown() {
        assert_eq!(status(&case(&["設定を確認していただきました。"], &["よくある。"])), Status::Unknown);
    }

    #[test]
    fn the_last_outcome_wins() {
        assert_eq!(status(&case(&["担当に回しました。"], &["その後解決。"])), Status::Resolved);
        assert_eq!(status(&case(&["解決しました。"], &["別件は未解決。"])), Status::Unresolved);
        assert_eq!(status(&case(&["起票しました。"], &[])), Status::Escalated);
        assert_eq!(
            status(&case(&["Forwarded to the account team."], &["It was fixed later."])),
            Status::Resolved
        );
    }

    #[test]
    fn unclear_is_a_reason_beside_another_outcome() {
        let no_reply = case(&[], &["その後お返事がないので結末はよくわからず。"]);
        assert_eq!(status(&no_reply), Status::Unknown);
        let escalated = case(&["状況がよくわからなかったので担当に回しました。"], &[]);
        assert_eq!(status(&escalated), Status::Escalated);
        let unclear = case(&["結論:よく分からなかった。"], &[]);
        assert_eq!(status(&unclear), Status::Unresolved);
        assert_eq!(status(&case(&["No reply, so it is unclear what happened."], &[])), Status::Unknown);
    }

    #[test]
    fn outcome_words_inside_other_words_do_not_count() {
        assert_eq!(
            status(&case(&["回答事例がありました。メールでの回答をお待ちください。"], &[])),
            Status::Unknown
        );
        assert_eq!(status(&case(&["解決策を調べています。"], &[])), Status::Unknown);
        assert_eq!(status(&case(&["アラートが管理者から確認できた。"], &[])), Status::Unknown);
        assert_eq!(status(&case(&["The prefixed path."], &[])), Status::Unknown);
        assert_eq!(status(&case(&["It is not resolved."], &[])), Status::Unresolved);
        assert_eq!(
            status(&case(&["The user couldn’t be resolved… no, couldn't be resolved."], &[])),
            Status::Unresolved
        );
        assert_eq!(status(&case(&["管理者から返答。"], &[])), Status::Resolved);
        assert_eq!(status(&case(&["返答がない。"], &[])), Status::Unknown);
    }

    #[test]
    fn tags_match_folded_terms_and_whole_ascii_words() {
        let vocabulary = vec![
            Tag { name: "VPN".into(), slug: "vpn".into(), match_terms: vec!["VPN".into()] },
            Tag {
                name: "メール".into(),
                slug: "mail".into(),
                match_terms: vec!["POP".into(), "メーラー".into()],
            },
            Tag { name: "MFA".into(), slug: "mfa".into(), match_terms: vec!["多要素認証".into()] },
        ];
        let matcher = TagMatcher::new(&vocabulary);
        let mut c = case(&["ＶＰＮを変えました。popularな方法です。"], &[]);
        assert_eq!(matcher.tags(&c), ["VPN"]);
        c.comments.push(Comment { depth: 0, text: "多要素認証".into(), quote: vec![] });
        assert_eq!(matcher.tags(&c), ["VPN", "MFA"]);
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn title_skips_context_sentences() {
        let t = title(&lines(
            "Zendeskから来た方。VPNを使うため多要素認証を有効にしたところ、メールの接続ができなくなった",
        ));
        assert_eq!(t, "VPNを使うため多要素認証を有効にしたところ、メールの接続ができなくなった");
    }

    #[test]
    fn long_titles_keep_the_clauses_around_the_problem() {
        let t = title(&lines(
            "利用者の方が大学のVPNを使うために多要素認証を有効にしてみたところ、①事務用のシンクライアントへの接続ができなくなった②職員用のメールサーバーへの接続もできなくなった",
        ));
        assert_eq!(
            t,
            "利用者の方が大学のVPNを使うために多要素認証を有効にしてみたところ、①事務用のシンクライアントへの接続ができなくなった…"
        );
        assert!(chars(&t) <= TITLE_CHARS + 1);
        let t = title(&lines(
            "案内ページに書かれていた要件を満たす古い版のOSで公式サイトからダウンロードしたアプリが,新しい版でないと\n動かないといわれインストールできない",
        ));
        assert_eq!(t, "新しい版でないと動かないといわれインストールできない");
    }

    #[test]
    fn long_quotes_are_shortened() {
        let t = title(&lines(
            "海外からメールにログインしようとすると”Google couldn’t verify this account belongs to you. Try again later.”のエラーが出る。",
        ));
        assert_eq!(t, "海外からメールにログインしようとすると”Google couldn’t verify…”のエラーが出る");
        let t = title(&lines(
            "SMSもしくは電話による確認を求められたのですが、\nその画面に表示されている番号(+XX XXXXXXXXX91)の下2桁には身に覚えがありません\n自身のスマートフォンにもSMSが届かないため、多要素認証のリセットを希望します",
        ));
        assert_eq!(t, "自身のスマートフォンにもSMSが届かないため、多要素認証のリセットを希望します");
    }

    #[test]
    fn english_quotes_are_shortened_before_the_sentence_is_cut() {
        let t = title(&lines(
            "Outlook on macOS shows \"Your account has been locked for security reasons\" after the password change.",
        ));
        assert_eq!(t, "Outlook on macOS shows \"Your account…\" after the password change");
    }

    #[test]
    fn english_titles_join_lines_with_spaces() {
        let t = title(&lines("A student asked us.\nOutlook on Windows cannot\nsend mail since the update."));
        assert_eq!(t, "Outlook on Windows cannot send mail since the update");
    }

    #[test]
    fn short_inquiry_is_its_own_title() {
        assert_eq!(title(&lines("パスワードを忘れた。")), "パスワードを忘れた");
        assert_eq!(title(&[]), "");
    }
}
