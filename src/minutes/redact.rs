//! Redact: personal data never reaches a page. Names from the minutes' roster (anywhere in the
//! text), e-mail addresses and phone numbers become placeholders in the site language. URLs and
//! host names stay as they are, and so do masked numbers such as `+XX XXXXXXXXX91`.
//! `[import] redact = false` in book.toml turns this stage off.

use std::sync::LazyLock;

use regex::Regex;

use super::segment::Case;
use crate::config::Language;

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"https?://[^\s<>"「」『』（）、。，]+"#).unwrap_or_else(|e| unreachable!("{e}"))
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
/// A run of digits with the separators phone numbers are written with; checked further below.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[+＋(（]?[0-9０-９][0-9０-９\-‐－ー ()（）]{7,}[0-9０-９]")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// Replaces personal data in text.
#[derive(Debug, Clone)]
pub struct Redactor {
    /// Roster names, longest first so `Alice Smith` wins over `Alice`.
    names: Vec<String>,
    placeholders: Placeholders,
}

#[derive(Debug, Clone, Copy)]
struct Placeholders {
    name: &'static str,
    email: &'static str,
    phone: &'static str,
}

impl Redactor {
    pub fn new(names: &[String], language: Language) -> Self {
        let mut names: Vec<String> = names.iter().filter(|n| !n.trim().is_empty()).cloned().collect();
        names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        names.dedup();
        let placeholders = match language {
            Language::Ja => {
                Placeholders { name: "(氏名)", email: "(メールアドレス)", phone: "(電話番号)" }
            }
            Language::En => {
                Placeholders { name: "(name)", email: "(e-mail address)", phone: "(phone number)" }
            }
        };
        Redactor { names, placeholders }
    }

    /// The text with e-mail addresses, phone numbers and roster names replaced; URLs untouched.
    pub fn redact(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest_start = 0;
        for url in URL.find_iter(text) {
            out.push_str(&self.redact_prose(&text[rest_start..url.start()]));
            out.push_str(url.as_str());
            rest_start = url.end();
        }
        out.push_str(&self.redact_prose(&text[rest_start..]));
        out
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

    fn redact_prose(&self, text: &str) -> String {
        if text.is_empty() {
            return String::new();
        }
        let text = EMAIL.replace_all(text, self.placeholders.email);
        let text = replace_phones(&text, self.placeholders.phone);
        self.names.iter().fold(text, |text, name| replace_name(&text, name, self.placeholders.name))
    }
}

fn replace_phones(text: &str, placeholder: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for found in PHONE.find_iter(text) {
        let candidate = found.as_str().trim_end_matches([' ', '-', '‐', '－', 'ー']);
        let digits = candidate.chars().filter(char::is_ascii_digit).count()
            + candidate.chars().filter(|c| ('０'..='９').contains(c)).count();
        let first = candidate.chars().next().unwrap_or(' ');
        let looks_like_phone =
            (10..=15).contains(&digits) && matches!(first, '+' | '＋' | '0' | '０' | '(' | '（');
        let glued =
            text[..found.start()].chars().next_back().is_some_and(|c| c.is_alphanumeric() && c.is_ascii());
        if looks_like_phone && !glued {
            out.push_str(&text[last..found.start()]);
            out.push_str(placeholder);
            last = found.start() + candidate.len();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Replaces every occurrence of `name`; a Latin-script name only as a whole word (`Al` is not
/// redacted inside `Also`), a Japanese name anywhere (`竹内さん`).
fn replace_name(text: &str, name: &str, placeholder: &str) -> String {
    if !text.contains(name) {
        return text.to_string();
    }
    let latin = name.chars().any(|c| c.is_ascii_alphabetic());
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in text.match_indices(name) {
        if at < last {
            continue;
        }
        let end = at + name.len();
        let word_char = |c: char| c.is_ascii_alphanumeric();
        let whole_word = !text[..at].chars().next_back().is_some_and(word_char)
            && !text[end..].chars().next().is_some_and(word_char);
        if latin && !whole_word {
            continue;
        }
        out.push_str(&text[last..at]);
        out.push_str(placeholder);
        last = end;
    }
    out.push_str(&text[last..]);
    out
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
}
