//! Classify: what a case is about and how it ended — status (with the sentence that decided
//! it), tags and title.
//!
//! `status` reads the case's sentences in order against the signal tables of `signals`;
//! `title` picks the sentence that states the problem. Both compare folded text (`fold`).

mod signals;
pub mod status;
pub mod title;

use unicode_normalization::UnicodeNormalization;

use super::segment::Case;
use crate::config::Tag;

/// How a case ended: the page model's status, so import and build share one definition.
pub use crate::content::Status;
pub use status::{Decision, Reason, decide};
pub use title::{TITLE_CHARS, title};

/// Text folded for matching: NFKC (full-width → half-width), lower case, curly apostrophes
/// straightened.
pub fn fold(text: &str) -> String {
    text.nfkc().collect::<String>().to_lowercase().replace(['’', '‘'], "'")
}

/// The status of a case (see `decide` for the evidence).
pub fn status(case: &Case) -> Status {
    decide(case).status
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
                .enumerate()
                .map(|(at, a)| Item {
                    label: None,
                    colon: false,
                    lines: vec![a.to_string()],
                    numbers: vec![at + 2],
                })
                .collect(),
            follow_ups: vec![],
            comments: comments
                .iter()
                .enumerate()
                .map(|(at, c)| Comment { depth: 0, text: c.to_string(), quote: vec![], line: 100 + at })
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
        c.comments.push(Comment { depth: 0, text: "多要素認証".into(), quote: vec![], line: 200 });
        assert_eq!(matcher.tags(&c), ["VPN", "MFA"]);
    }
}
