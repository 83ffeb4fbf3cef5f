//! Redact: personal data never reaches a page. Names from the minutes' roster (anywhere in the
//! text), e-mail addresses and phone numbers become placeholders in the site language. URLs and
//! host names stay as they are, and so do masked numbers such as `+XX XXXXXXXXX91`.
//! `[import] redact = false` in book.toml turns this stage off.
//!
//! Matching runs on a folded copy of the text (NFKC per character, every dash to `-`), so
//! `ｈａｎａｋｏ＠example.jp` and `03−1234−5678` are found as their ASCII spellings are; the
//! replacements are made in the original text, which keeps its own spelling everywhere else.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::segment::Case;
use crate::config::Language;

/// A URL is ASCII: it ends at the first character that cannot be in one (a space, a kana,
/// `まで`), so Japanese text right after it is not swallowed with it.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+").unwrap_or_else(|e| unreachable!("{e}"))
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
/// A run of digits with the separators phone numbers are written with (in the folded text,
/// where every dash is `-`); checked further below.
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[+(]?[0-9][0-9\-ー ().]{7,}[0-9]").unwrap_or_else(|e| unreachable!("{e}")));

/// Honorifics after a name: a family or given name alone is redacted when one follows it.
const HONORIFICS: [&str; 6] = ["さん", "先生", "氏", "様", "くん", "君"];

/// Every dash-like character, folded to `-` for matching phone numbers.
const DASHES: [char; 9] = ['‐', '‑', '‒', '–', '—', '―', '−', '－', '﹣'];

/// Replaces personal data in text.
#[derive(Debug, Clone)]
pub struct Redactor {
    /// Folded names to find, longest first so `Alice Smith` wins over `Alice`.
    names: Vec<NamePattern>,
    placeholders: Placeholders,
}

/// A name to redact, folded, and whether it counts only before an honorific (one kanji such
/// as `林`, or the family or given part of a full name such as `山田` of `山田太郎`: alone,
/// they are too often ordinary words).
#[derive(Debug, Clone, PartialEq, Eq)]
struct NamePattern {
    folded: String,
    needs_honorific: bool,
    latin: bool,
}

#[derive(Debug, Clone, Copy)]
struct Placeholders {
    name: &'static str,
    email: &'static str,
    phone: &'static str,
}

/// Kanji (and the repetition mark): the script of Japanese family and given names.
fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '々')
}

/// The patterns one roster entry gives: `佐藤と鈴木` is two people; `山田太郎` is also
/// `山田さん` and `太郎さん`; a one-kanji name counts only before an honorific.
fn name_patterns(name: &str) -> Vec<NamePattern> {
    let folded = fold(name).text;
    let kanji = |s: &str| !s.is_empty() && s.chars().all(is_kanji);
    let parts: Vec<&str> = folded.split('と').collect();
    if parts.len() > 1 && parts.iter().all(|p| kanji(p)) {
        return parts.iter().flat_map(|p| name_patterns(p)).collect();
    }
    let latin = folded.chars().any(|c| c.is_ascii_alphabetic());
    let count = folded.chars().count();
    let mut patterns = vec![NamePattern { folded: folded.clone(), needs_honorific: count == 1, latin }];
    if kanji(&folded) && count >= 3 {
        let chars: Vec<char> = folded.chars().collect();
        for cut in 1..count {
            for part in [&chars[..cut], &chars[cut..]] {
                patterns.push(NamePattern {
                    folded: part.iter().collect(),
                    needs_honorific: true,
                    latin: false,
                });
            }
        }
    }
    patterns
}

/// Text folded for matching, with the original byte range of the character each folded byte
/// came from.
struct Folded {
    text: String,
    origin: Vec<(usize, usize)>,
}

fn fold(text: &str) -> Folded {
    let mut folded =
        Folded { text: String::with_capacity(text.len()), origin: Vec::with_capacity(text.len()) };
    for (at, c) in text.char_indices() {
        let range = (at, at + c.len_utf8());
        let before = folded.text.len();
        if c.is_ascii() {
            folded.text.push(c);
        } else if DASHES.contains(&c) {
            folded.text.push('-');
        } else {
            folded.text.extend(std::iter::once(c).nfkc());
        }
        folded.origin.extend(std::iter::repeat_n(range, folded.text.len() - before));
    }
    folded
}

impl Folded {
    /// The original byte range of the folded range `start..end` (whole characters).
    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin[start].0, self.origin[end - 1].1)
    }
}

impl Redactor {
    pub fn new(names: &[String], language: Language) -> Self {
        let mut patterns: Vec<NamePattern> =
            names.iter().filter(|n| !n.trim().is_empty()).flat_map(|n| name_patterns(n.trim())).collect();
        patterns.sort_by(|a, b| {
            b.folded
                .chars()
                .count()
                .cmp(&a.folded.chars().count())
                .then(a.needs_honorific.cmp(&b.needs_honorific))
        });
        // One pattern per name: the one that needs no honorific wins (it sorts first).
        let mut seen = std::collections::HashSet::new();
        patterns.retain(|p| !p.folded.is_empty() && seen.insert(p.folded.clone()));
        let placeholders = match language {
            Language::Ja => {
                Placeholders { name: "(氏名)", email: "(メールアドレス)", phone: "(電話番号)" }
            }
            Language::En => {
                Placeholders { name: "(name)", email: "(e-mail address)", phone: "(phone number)" }
            }
        };
        Redactor { names: patterns, placeholders }
    }

    /// The text with e-mail addresses, phone numbers and roster names replaced; URLs untouched.
    pub fn redact(&self, text: &str) -> String {
        if text.is_empty() {
            return String::new();
        }
        let folded = fold(text);
        let mut spans = Spans::default();
        for url in URL.find_iter(&folded.text) {
            let end =
                url.start() + url.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', ')']).len();
            spans.claim(url.start(), end, None);
        }
        for email in EMAIL.find_iter(&folded.text) {
            spans.claim(email.start(), email.end(), Some(self.placeholders.email));
        }
        for (start, end) in phones(&folded.text) {
            spans.claim(start, end, Some(self.placeholders.phone));
        }
        for name in &self.names {
            for (start, end) in name_matches(&folded.text, name) {
                spans.claim(start, end, Some(self.placeholders.name));
            }
        }
        spans.apply(text, &folded)
    }

    /// Every text of a case redacted.
    pub fn redact_case(&self, case: &Case) -> Case {
        let lines = |lines: &[String]| lines.iter().map(|l| self.redact(l)).collect::<Vec<_>>();
        let mut case = case.clone();
        case.inquiry = lines(&case.inquiry);
        for item in case.answers.iter_mut().chain(case.follow_ups.iter_mut()) {
            item.lines = lines(&item.lines);
        }
        for comment in &mut case.comments {
            comment.text = self.redact(&comment.text);
            comment.quote = lines(&comment.quote);
        }
        case
    }
}

/// Found ranges of the folded text, first come first served: a URL protects what it holds, an
/// address found first is not searched again for names.
#[derive(Default)]
struct Spans {
    taken: Vec<(usize, usize, Option<&'static str>)>,
}

impl Spans {
    fn claim(&mut self, start: usize, end: usize, placeholder: Option<&'static str>) {
        if start < end && !self.taken.iter().any(|&(s, e, _)| start < e && s < end) {
            self.taken.push((start, end, placeholder));
        }
    }

    fn apply(mut self, text: &str, folded: &Folded) -> String {
        self.taken.sort_unstable();
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (start, end, placeholder) in self.taken {
            let Some(placeholder) = placeholder else { continue };
            let (from, to) = folded.original(start, end);
            if from < last {
                continue;
            }
            out.push_str(&text[last..from]);
            out.push_str(placeholder);
            last = to;
        }
        out.push_str(&text[last..]);
        out
    }
}

/// Phone numbers: 10–15 digits starting with `+`, `0` or `(`, not glued to a word before.
fn phones(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for candidate in PHONE.find_iter(text) {
        let trimmed = candidate.as_str().trim_end_matches([' ', '-', 'ー', '.']);
        let digits = trimmed.chars().filter(char::is_ascii_digit).count();
        let first = trimmed.chars().next().unwrap_or(' ');
        let looks_like_phone = (10..=15).contains(&digits) && matches!(first, '+' | '0' | '(');
        let glued = text[..candidate.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() && c.is_ascii());
        if looks_like_phone && !glued {
            found.push((candidate.start(), candidate.start() + trimmed.len()));
        }
    }
    found
}

/// Where a name occurs: a Latin-script name only as a whole word (`Al` is not found inside
/// `Also`), a Japanese name anywhere (`竹内さん`), a pattern that needs one only before an
/// honorific.
fn name_matches(text: &str, name: &NamePattern) -> Vec<(usize, usize)> {
    let word_char = |c: char| c.is_ascii_alphanumeric();
    text.match_indices(name.folded.as_str())
        .map(|(at, m)| (at, at + m.len()))
        .filter(|&(at, end)| {
            let whole_word = !text[..at].chars().next_back().is_some_and(word_char)
                && !text[end..].chars().next().is_some_and(word_char);
            let honorific = HONORIFICS.iter().any(|h| text[end..].starts_with(h));
            (!name.latin || whole_word) && (!name.needs_honorific || honorific)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ja(names: &[&str]) -> Redactor {
        Redactor::new(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>(), Language::Ja)
    }

    #[test]
    fn roster_names_anywhere() {
        let r = ja(&["竹内", "金子"]);
        assert_eq!(r.redact("竹内さんと金子さんが対応"), "(氏名)さんと(氏名)さんが対応");
    }

    #[test]
    fn latin_names_only_as_words() {
        let r =
            Redactor::new(&["Alice Smith".to_string(), "Alice".to_string(), "Al".to_string()], Language::En);
        assert_eq!(r.redact("Alice Smith said Also, Alice agreed."), "(name) said Also, (name) agreed.");
    }

    #[test]
    fn emails_and_phone_numbers() {
        let r = ja(&[]);
        assert_eq!(r.redact("連絡先 taro.yamada@example.ac.jp まで"), "連絡先 (メールアドレス) まで");
        assert_eq!(r.redact("電話 03-1234-5678 か 090-1234-5678"), "電話 (電話番号) か (電話番号)");
        assert_eq!(r.redact("tel: +81 90 1234 5678."), "tel: (電話番号).");
        assert_eq!(r.redact("電話(０３)１２３４－５６７８"), "電話(電話番号)");
    }

    #[test]
    fn masked_numbers_urls_hosts_dates_and_versions_stay() {
        let r = ja(&["Smith"]);
        for text in [
            "番号(+XX XXXXXXXXX91)の下2桁",
            "https://support.example.com/ja-jp/12345678901/Smith",
            "サーバー mail.u-tokyo.ac.jp と メールアドレス@mail.u-tokyo.ac.jp",
            "2025-12-10 10:00 に macOS 10.13.6 を 10.15 へ",
            "注文番号 1234567890123",
        ] {
            assert_eq!(r.redact(text), text);
        }
    }
    #[test]
    fn redaction_url_ends_at_the_first_non_url_character_including_cjk() {
        let r = ja(&[]);
        assert_eq!(
            r.redact("https://example.com/ja/まで連絡:hanako.suzuki@example.ac.jp"),
            "https://example.com/ja/まで連絡:(メールアドレス)"
        );
        assert_eq!(r.redact("(https://example.com/a).を参照"), "(https://example.com/a).を参照");
    }

    #[test]
    fn redaction_one_kanji_roster_names_before_honorifics() {
        let r = ja(&["林"]);
        assert_eq!(r.redact("林さんが森林の写真を送付"), "(氏名)さんが森林の写真を送付");
        assert_eq!(r.redact("林先生に確認"), "(氏名)先生に確認");
    }

    #[test]
    fn redaction_family_and_given_names_of_a_full_roster_name_with_honorifics() {
        let r = ja(&["山田太郎"]);
        assert_eq!(
            r.redact("山田太郎が対応し、山田さんと太郎様に連絡"),
            "(氏名)が対応し、(氏名)さんと(氏名)様に連絡"
        );
        assert_eq!(r.redact("山田氏と太郎先生"), "(氏名)氏と(氏名)先生");
        assert_eq!(r.redact("山田線の駅"), "山田線の駅", "a family name alone is an ordinary word");
    }

    #[test]
    fn redaction_roster_lists_split_on_to() {
        let r = ja(&["佐藤と鈴木"]);
        assert_eq!(r.redact("佐藤さんが担当、鈴木が補足"), "(氏名)さんが担当、(氏名)が補足");
    }

    #[test]
    fn redaction_full_width_at_addresses_and_dashed_phones() {
        let r = ja(&[]);
        assert_eq!(
            r.redact("連絡先 ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ まで"),
            "連絡先 (メールアドレス) まで"
        );
        assert_eq!(r.redact("電話 03−1234−5678 へ"), "電話 (電話番号) へ");
        assert_eq!(r.redact("電話 03–1234–5678 へ"), "電話 (電話番号) へ");
        assert_eq!(r.redact("電話 03.1234.5678 へ"), "電話 (電話番号) へ");
    }

    #[test]
    fn redaction_matches_names_nfkc_aware_and_keeps_other_text_as_written() {
        let r = Redactor::new(&["Ｓｍｉｔｈ".to_string()], Language::En);
        assert_eq!(r.redact("Smith sent ＡＢＣ"), "(name) sent ＡＢＣ");
    }
}
