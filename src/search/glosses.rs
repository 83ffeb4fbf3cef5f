//! Other words a site's own pages give for their terms: a term followed by another name for it
//! in brackets, the way Japanese IT writing glosses a term once — 画面共有（スクリーンシェア）,
//! 多要素認証（MFA）, Wi-Fi（無線 LAN）, Cisco Secure Client（旧 AnyConnect）. Each pair is a synonym
//! group of that site (written into `search/synonyms/` like Sudachi's groups), so a query with
//! either word finds the pages with the other. No dictionary lists a site's own names and
//! abbreviations; its pages do.
//!
//! A gloss is a bracket holding one term — kanji, katakana and Latin words, no hiragana (a
//! phrase: 長辺とじ, Web 版のチャット), no list (Word・Excel, 、) and no number (10 桁, 16 GB
//! 推奨) — after a term written without hiragana: the run of kanji, katakana and Latin
//! characters just before the bracket, with the Latin words before it when the term is Latin
//! (Cisco Secure Client). Neither is an English phrase (a function word: install the Gmail app)
//! or an address (u-tokyo.ac.jp, a dot or @). A marker of a former or short name before the gloss (旧, 略称, 通称,
//! 以下) is not part of it. Pairs of which one word contains the other (ID（共通 ID）) say
//! nothing new and are left out.

use std::collections::BTreeSet;

use super::synonyms::Word;
use super::tokenizer::{FUNCTION_WORDS, is_cjk, normalize, tokenize};

/// Words that introduce a gloss (a former name, an abbreviation, "hereafter") and are not part of it.
const GLOSS_MARKERS: [&str; 4] = ["旧", "略称", "通称", "以下"];
/// Longest term or gloss, in characters: a longer bracket is a remark, not another name.
const MAX_TERM_CHARS: usize = 30;
/// Most Latin words in a term or gloss (Campus-Wide License, Trend Micro Apex One).
const MAX_LATIN_WORDS: usize = 4;

/// The (term, gloss) pairs of `text`, normalised as the index is ([`normalize`]), into `pairs`.
/// Only the text around each bracket is normalised: most of a page has none.
pub fn glosses_into(text: &str, pairs: &mut BTreeSet<(String, String)>) {
    if !text.contains(['(', '（']) {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    for (open, _) in chars.iter().enumerate().filter(|&(_, &c)| c == '(' || c == '（') {
        let after = &chars[open + 1..];
        let Some(len) = after.iter().take(MAX_TERM_CHARS + 8).position(|&c| c == ')' || c == '）') else {
            continue;
        };
        // Most brackets hold no gloss (a number, a phrase, a list): the text before is read only
        // for those that do.
        let Some(gloss) = gloss_of(&normalize(&after[..len].iter().collect::<String>())) else { continue };
        let before: Vec<char> =
            normalize(&chars[open.saturating_sub(MAX_TERM_CHARS * 2)..open].iter().collect::<String>())
                .chars()
                .collect();
        let Some(term) = term_before(&before) else { continue };
        if !is_name(&term) || !is_name(&gloss) || pairs.contains(&(term.clone(), gloss.clone())) {
            continue;
        }
        let (a, b) = (tokenize(&term), tokenize(&gloss));
        let contains = |x: &[String], y: &[String]| y.iter().all(|t| x.contains(t));
        if !a.is_empty() && !b.is_empty() && !contains(&a, &b) && !contains(&b, &a) {
            pairs.insert((term, gloss));
        }
    }
}

/// [`glosses_into`] a new set.
pub fn glosses(text: &str) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    glosses_into(text, &mut pairs);
    pairs
}

/// The pairs as synonym groups of two words (both occur in the site: they were found there).
pub fn gloss_groups(pairs: &BTreeSet<(String, String)>) -> Vec<Vec<Word>> {
    let word = |text: &String| Word { text: text.clone(), trigger: true, anchor: false, loose: false };
    pairs.iter().map(|(a, b)| vec![word(a), word(b)]).collect()
}

/// Whether a term or gloss names something: no English phrase (a function word) and no address.
fn is_name(text: &str) -> bool {
    !text.contains(['.', '@']) && !text.split(' ').any(|w| FUNCTION_WORDS.contains(&w))
}

/// The bracket's text as a term, without a leading marker or quotes, if it is one term.
fn gloss_of(inner: &str) -> Option<String> {
    let mut text = inner.trim();
    if let Some(rest) = GLOSS_MARKERS.iter().find_map(|m| text.strip_prefix(m)) {
        text = rest.trim();
    }
    let text = text.trim_matches(|c| matches!(c, '「' | '」' | '"' | '\'' | '『' | '』')).trim();
    let words: Vec<&str> = text.split(' ').collect();
    let numeric = words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()));
    let latin_words = words.iter().filter(|w| w.chars().any(|c| c.is_ascii_alphabetic())).count();
    let ok = text.chars().count() >= 2
        && text.chars().count() <= MAX_TERM_CHARS
        && text.chars().all(|c| term_char(c) || c == ' ')
        && !numeric
        && latin_words <= MAX_LATIN_WORDS
        && !words.iter().any(|w| w.is_empty());
    ok.then(|| text.to_string())
}

/// The term that ends just before a bracket (`before` is the text up to it), if there is one.
fn term_before(before: &[char]) -> Option<String> {
    let end = before.len() - before.iter().rev().take_while(|&&c| c == ' ').count().min(1);
    let mut start = end;
    while start > 0 && term_char(before[start - 1]) {
        start -= 1;
    }
    // A Latin term takes the Latin words before it (Cisco Secure Client).
    let latin = |s: usize| before[s..end].iter().all(|c| !is_cjk(*c));
    let mut words = 1;
    while latin(start) && words < MAX_LATIN_WORDS && start >= 2 && before[start - 1] == ' ' {
        let mut s = start - 1;
        while s > 0 && term_char(before[s - 1]) && !is_cjk(before[s - 1]) {
            s -= 1;
        }
        if s == start - 1 {
            break;
        }
        start = s;
        words += 1;
    }
    let term: String = before[start..end].iter().collect();
    let letters = term.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2 && term.chars().count() <= MAX_TERM_CHARS).then_some(term)
}

/// A character of a term: kanji, katakana (with ー), a Latin letter or digit, or a joiner inside
/// a Latin word (wi-fi, office.com). Not hiragana: it joins a term to the sentence.
fn term_char(c: char) -> bool {
    let hiragana = matches!(c as u32, 0x3041..=0x309F);
    (is_cjk(c) && !hiragana) || c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        glosses(text).into_iter().collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn a_term_and_its_gloss_in_brackets_are_a_pair() {
        assert_eq!(
            pairs("Zoom の画面共有（スクリーンシェア）が使えます。"),
            [pair("画面共有", "スクリーンシェア")]
        );
        assert_eq!(pairs("多要素認証 (MFA) を設定"), [pair("多要素認証", "mfa")]);
        assert_eq!(pairs("学内の Wi-Fi（無線 LAN）に接続"), [pair("wi-fi", "無線 lan")]);
        assert_eq!(pairs("SPSS（統計ソフト）を使いたい"), [pair("spss", "統計ソフト")]);
        assert_eq!(
            pairs("Cisco Secure Client（旧 AnyConnect）をインストール"),
            [pair("cisco secure client", "anyconnect")]
        );
        assert_eq!(
            pairs("包括ライセンス（Campus-Wide License）を契約"),
            [pair("包括ライセンス", "campus-wide license")]
        );
    }

    #[test]
    fn phrases_lists_numbers_and_repeats_are_no_gloss() {
        for text in [
            "「両面印刷（長辺とじ）」を選ぶ",
            "Microsoft Copilot（Web 版のチャット）",
            "Office（Word・Excel）を入れたい",
            "共通 ID（10 桁）",
            "メモリ 8 GB 以上（16 GB 推奨）",
            "IMAP（imap.gmail.com、ポート 993）",
            "UTokyo Account の ID（共通 ID）",
            "用意してください（BYOD）",
            "Install the Gmail app (Android and iPhone)",
            "大学のドメイン（u-tokyo.ac.jp）",
            "注意（",
        ] {
            assert_eq!(pairs(text), [], "{text}");
        }
    }
}
