//! The preamble of minutes: the roster (whose names are redacted from every page) and the
//! meeting date, and a case written before the first service heading.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::{Case, Note, Phase, Segmenter, codes, other_service, shape};
use crate::minutes::line::{Block, Kind, Line, MarkerKind, fold_label};

/// Preamble labels whose values are people (compared after NFKC and lower-casing).
const ROSTER_LABELS: [&str; 16] = [
    "司会",
    "説明",
    "書記",
    "参加者",
    "出席者",
    "記録",
    "進行",
    "発表",
    "chair",
    "presenter",
    "presenters",
    "notes",
    "note taker",
    "minutes",
    "attendees",
    "participants",
];

impl Segmenter<'_> {
    pub(super) fn preamble(&mut self, line: &Line, kind: &Kind<'_>) {
        let text = match kind {
            Kind::Heading { text, .. } | Kind::Plain { text } | Kind::Bullet { text, .. } => *text,
            Kind::Marker { kind: MarkerKind::Response, text, .. } if !self.pending.is_empty() => {
                self.case_before_headings(line, text);
                return;
            }
            Kind::Marker { kind: MarkerKind::Response, .. } => {
                self.note(
                    line,
                    "a response before the first service section belongs to no case; not imported",
                );
                return;
            }
            _ => line.text.trim(),
        };
        let plain = matches!(kind, Kind::Plain { .. });
        if !plain || line.after_blank || shape::heading_like(text) {
            self.pending.clear();
        }
        if let Some(names) = roster_names(text) {
            self.minutes.roster.extend(names);
        } else if plain && !shape::heading_like(text) {
            self.pending.push((line.number, text.to_string()));
        }
        if self.minutes.date.is_none() {
            self.minutes.date = find_date(text);
        }
    }

    /// A response in the preamble after plain lines: a case before any service heading. It is
    /// filed under the other service (and reported) rather than dropped.
    pub(super) fn case_before_headings(&mut self, line: &Line, text: &str) {
        let service = other_service(self.config);
        let pending = std::mem::take(&mut self.pending);
        let Some(&(first, _)) = pending.first() else { return };
        self.minutes.notes.push(Note {
            line: first,
            code: codes::UNKNOWN_SECTION,
            message: format!(
                "a case before the first service heading; filed under `{}` (add a heading above it)",
                service.name
            ),
        });
        self.section = Some(service.clone());
        self.section_level = 0;
        self.case = Some(Case {
            service,
            inquiry: pending.iter().map(|(_, t)| t.clone()).collect(),
            answers: Vec::new(),
            follow_ups: Vec::new(),
            comments: Vec::new(),
            first_line: first,
            last_line: first,
        });
        self.phase = Phase::Inquiry;
        self.response(line, text);
    }
}

/// Numbers of the headings that title the meeting rather than name a service: a heading with a
/// roster line under it before any response or other heading (`第18回 定例会 議事録`, then
/// `日時: …`, `出席者: …`), as a document's title paragraph is written.
pub(super) fn meeting_titles(lines: &[Line]) -> HashSet<usize> {
    let mut titles = HashSet::new();
    for (at, line) in lines.iter().enumerate() {
        if !matches!(line.block, Block::Heading { .. }) {
            continue;
        }
        for next in &lines[at + 1..] {
            match next.kind() {
                Kind::Heading { .. } | Kind::Marker { kind: MarkerKind::Response, .. } => break,
                Kind::Plain { text } if roster_names(text).is_some() => {
                    titles.insert(line.number);
                    break;
                }
                _ => {}
            }
        }
    }
    titles
}

/// Names on a roster line such as `司会:竹内` or `Attendees: Alice Smith, Bob`. Counts
/// (`サポーター10名`) and lower-case phrases (`all supporters`) are not names. Each multi-word
/// name also yields its words, so `Alice` alone is redacted too.
pub fn roster_names(text: &str) -> Option<Vec<String>> {
    let (label, value) = text.split_once([':', '：'])?;
    let label = fold_label(label.trim().trim_matches(['*', '_']));
    if !ROSTER_LABELS.contains(&label.as_str()) {
        return None;
    }
    let mut names = Vec::new();
    for raw in value.split(['、', ',', '，', '/', '／', ';', '；', '+', '＋', '&', '・']) {
        let Some(name) = person_name(raw) else { continue };
        let parts: Vec<&str> = name.split_whitespace().collect();
        if parts.len() > 1 {
            names.extend(parts.iter().filter(|p| p.chars().count() >= 2).map(|p| p.to_string()));
        }
        names.push(name);
    }
    Some(names)
}

fn person_name(raw: &str) -> Option<String> {
    static PAREN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[(（][^)）]*[)）]").unwrap_or_else(|e| unreachable!("{e}")));
    let without_notes = PAREN.replace_all(raw, "");
    let mut name = without_notes.trim().trim_start_matches("and ").trim();
    for honorific in ["さん", "様", "先生", "氏", "くん", "君"] {
        name = name.strip_suffix(honorific).unwrap_or(name).trim();
    }
    // One kanji is a name too (`司会:林`); redact finds it only before an honorific.
    let one_kanji = name.chars().count() == 1 && name.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let is_name = (name.chars().count() >= 2 || one_kanji)
        && name.chars().count() <= 30
        && !name.chars().any(|c| c.is_numeric())
        && !name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    is_name.then(|| name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A meeting date written as `2025-12-10`, `2025/12/10`, `2025.12.10`, `2025年12月10日`, or
/// with an English month name: `10 December 2025`, `December 10, 2025`, `Dec. 10th 2025`.
pub fn find_date(text: &str) -> Option<NaiveDate> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    let normalized: String = text.nfkc().collect();
    DATE.captures_iter(&normalized)
        .find_map(|caps| {
            NaiveDate::from_ymd_opt(caps[1].parse().ok()?, caps[2].parse().ok()?, caps[3].parse().ok()?)
        })
        .or_else(|| era_date(&normalized))
        .or_else(|| english_date(&normalized))
}

/// A date in a Japanese era (`令和8年11月4日`, `令和元年…`, `平成31年…`), as university offices
/// date their documents: the era's first year plus the year in it, less one.
fn era_date(text: &str) -> Option<NaiveDate> {
    static ERA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(令和|平成)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    ERA.captures_iter(text).find_map(|caps| {
        let first_year = if &caps[1] == "令和" { 2019 } else { 1989 };
        let in_era: i32 = if &caps[2] == "元" { 1 } else { caps[2].parse().ok()? };
        NaiveDate::from_ymd_opt(first_year + in_era - 1, caps[3].parse().ok()?, caps[4].parse().ok()?)
    })
}

/// Month names as English minutes write them (full or abbreviated).
const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A date with an English month name, day first or month first.
fn english_date(text: &str) -> Option<NaiveDate> {
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+((?:19|20)\d{2})\b")
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    // Month names are capitalised; `12 may 2026` is the verb.
    let date = |day: &str, month: &str, year: &str| {
        let month = month.starts_with(|c: char| c.is_ascii_uppercase()).then(|| month_number(month))??;
        NaiveDate::from_ymd_opt(year.parse().ok()?, month, day.parse().ok()?)
    };
    DAY_FIRST
        .captures_iter(text)
        .find_map(|c| date(&c[1], &c[2], &c[3]))
        .or_else(|| MONTH_FIRST.captures_iter(text).find_map(|c| date(&c[2], &c[1], &c[3])))
}

/// 1–12 for a month name or its three-letter abbreviation (`Sept` too).
fn month_number(word: &str) -> Option<u32> {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    let index = MONTHS.iter().zip(FULL).position(|(short, full)| {
        word == *short || word == full || (word.len() >= 4 && full.starts_with(word.as_str()))
    })?;
    u32::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_numbers_and_with_english_month_names() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(find_date("2026/10/07 ITヘルプデスク定例"), date(2026, 10, 7));
        assert_eq!(find_date("２０２６年５月１３日 定例"), date(2026, 5, 13));
        assert_eq!(find_date("令和8年11月4日(水) サポーター会議"), date(2026, 11, 4));
        assert_eq!(find_date("令和元年５月７日"), date(2019, 5, 7));
        assert_eq!(find_date("平成31年4月1日"), date(2019, 4, 1));
        assert_eq!(find_date("Helpdesk weekly sync — 14 October 2026"), date(2026, 10, 14));
        assert_eq!(find_date("Minutes, October 14th, 2026"), date(2026, 10, 14));
        assert_eq!(find_date("Sync 3 Sept 2026"), date(2026, 9, 3));
        assert_eq!(find_date("31 February 2026"), None);
        assert_eq!(find_date("Room 12 may 2026 be booked"), None);
        assert_eq!(find_date("Printing 40 pages"), None);
    }
}
