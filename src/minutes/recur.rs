//! Recur: which imported cases repeat a question an earlier page already answers.
//!
//! A case recurs an earlier page when both belong to the same service, the page is earlier, and
//! their similarity (`crate::similar`) reaches the threshold. "Earlier" is decided so that
//! re-running an import gives the same answer (`Earlier`): by the meeting dates when both have
//! one; else a page imported before from another minutes file is earlier (unless it already
//! names the case as its own original), and within one import a case of a file listed before.
//! With `--merge` the case is appended to the page it repeats instead of becoming a page of its
//! own (`merge_into`).

use chrono::NaiveDate;

use super::write::{escape_inline, escape_line};
use crate::config::Language;
use crate::content::{Headings, headings};
use crate::similar::{Corpus, Document};

/// Most earlier pages named in one case's `recurs`.
pub const MAX_RECURS: usize = 5;

/// What recurrence detection needs to know about a page or a case.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub id: &'a str,
    pub service: &'a str,
    pub date: Option<NaiveDate>,
    pub document: Document<'a>,
    /// The minutes file it came from (the `source` without its line range).
    pub file: &'a str,
    /// A case of this import: the position of its file among the inputs. `None` for a page
    /// already in `content/`.
    pub input: Option<usize>,
    /// Ids the page itself names in `recurs` (its own originals).
    pub recurs: &'a [String],
}

/// Which rule made the other page the earlier one (the import summary names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Earlier {
    /// Its meeting date is earlier.
    Date,
    /// A date is missing; it was imported before, from another minutes file.
    ImportedBefore,
    /// A date is missing; its file comes before the case's file in this import.
    ListedBefore,
}

impl Earlier {
    pub fn describe(self) -> &'static str {
        match self {
            Earlier::Date => "earlier meeting date",
            Earlier::ImportedBefore => "no date; imported before from another file",
            Earlier::ListedBefore => "no date; earlier file in this import",
        }
    }
}

/// An earlier page a case repeats.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    pub id: String,
    pub score: f64,
    pub earlier: Earlier,
}

/// Whether `other` counts as earlier than `case`, and by which rule.
fn earlier(other: &Candidate, case: &Candidate) -> Option<Earlier> {
    if let (Some(other_date), Some(date)) = (other.date, case.date) {
        return (other_date < date).then_some(Earlier::Date);
    }
    if other.file == case.file {
        return None;
    }
    match (other.input, case.input) {
        // A page that names this case as its original is the later one, whatever the order.
        (None, _) => (!other.recurs.iter().any(|id| id == case.id)).then_some(Earlier::ImportedBefore),
        (Some(other_input), Some(input)) => (other_input < input).then_some(Earlier::ListedBefore),
        (Some(_), None) => None,
    }
}

/// For each of `cases`, the earlier pages (among `pages` and the other cases) it repeats, most
/// similar first.
pub fn find_recurrences(pages: &[Candidate], cases: &[Candidate], threshold: f64) -> Vec<Vec<Repeat>> {
    let all: Vec<&Candidate> = pages.iter().chain(cases).collect();
    let docs: Vec<Document> = all.iter().map(|c| c.document).collect();
    let corpus = Corpus::new(&docs);
    (pages.len()..all.len())
        .map(|index| {
            let case = all[index];
            corpus
                .neighbours(index, threshold)
                .into_iter()
                .filter_map(|(other, score)| {
                    let other = all[other];
                    if other.service != case.service || other.id == case.id {
                        return None;
                    }
                    let earlier = earlier(other, case)?;
                    Some(Repeat { id: other.id.to_string(), score, earlier })
                })
                .take(MAX_RECURS)
                .collect()
        })
        .collect()
}

/// One later occurrence of a case, as appended to the page it repeats.
pub struct Occurrence<'a> {
    pub date: Option<NaiveDate>,
    /// `path:first-last`, also how a second merge of the same occurrence is recognised.
    pub source: &'a str,
    pub inquiry: &'a [String],
    /// Answer lines, in order.
    pub answers: Vec<String>,
}

/// The page text with the occurrence appended to its follow-up section (created before the
/// meeting comments when missing). `None` when the page already records this occurrence.
pub fn merge_into(text: &str, occurrence: &Occurrence, language: Language) -> Option<String> {
    if text.contains(&escape_inline(occurrence.source)) {
        return None;
    }
    let Headings { answer, follow_up, comments, asked_again, .. } = headings(language);
    let date = occurrence.date.map(|d| format!("{}, ", d.format("%Y-%m-%d"))).unwrap_or_default();
    let mut lines = vec![format!("**{asked_again} ({date}{}):**", escape_inline(occurrence.source))];
    lines.extend(occurrence.inquiry.iter().map(|l| escape_line(l)));
    lines.extend(occurrence.answers.iter().map(|l| format!("**{answer}:** {}", escape_inline(l.trim()))));
    let block = lines.join("\\\n");
    let follow_up_heading = format!("## {follow_up}\n");
    let merged = if let Some(start) = find_heading(text, &follow_up_heading) {
        let after = start + follow_up_heading.len();
        let end = text[after..].find("\n## ").map_or(text.len(), |i| after + i + 1);
        let section = text[..end].trim_end_matches('\n');
        format!("{section}\n\n{block}\n{}{}", if end < text.len() { "\n" } else { "" }, &text[end..])
    } else if let Some(start) = find_heading(text, &format!("## {comments}\n")) {
        format!("{}{follow_up_heading}\n{block}\n\n{}", &text[..start], &text[start..])
    } else {
        format!("{}\n\n{follow_up_heading}\n{block}\n", text.trim_end_matches('\n'))
    };
    Some(merged)
}

/// Byte offset of a heading line (at the start of a line).
fn find_heading(text: &str, heading: &str) -> Option<usize> {
    if text.starts_with(heading) {
        return Some(0);
    }
    text.find(&format!("\n{heading}")).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate<'a>(id: &'a str, service: &'a str, day: u32, text: &'a str) -> Candidate<'a> {
        Candidate {
            id,
            service,
            date: NaiveDate::from_ymd_opt(2025, 11, day),
            document: Document { title: text, inquiry: text },
            file: "minutes/a.txt",
            input: None,
            recurs: &[],
        }
    }

    const MAIL: &str =
        "ECCSクラウドメールで送ったメールが相手に届かず、「Message blocked」というエラーが返ってくる";
    const MAIL_AGAIN: &str = "学外の相手に送ったメールが「Message blocked」というエラーで戻ってきて届かない";
    const PRINTER: &str = "研究室のプリンターで両面印刷ができない";

    #[test]
    fn only_earlier_pages_of_the_same_service_count() {
        let pages = [
            candidate("mail-1", "mail", 5, MAIL),
            candidate("other-1", "other", 5, MAIL),
            candidate("mail-later", "mail", 30, MAIL),
            candidate("printer", "other", 5, PRINTER),
        ];
        let cases =
            [candidate("mail-2", "mail", 19, MAIL_AGAIN), candidate("printer-2", "other", 19, PRINTER)];
        let found = find_recurrences(&pages, &cases, 0.3);
        assert_eq!(found[0].iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["mail-1"]);
        assert_eq!(found[1].iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["printer"]);
        assert!(found[0].iter().all(|r| r.earlier == Earlier::Date));
        // Undated and from the same file: nothing says which came first.
        let undated = Candidate { date: None, input: Some(0), ..cases[0] };
        assert!(find_recurrences(&pages, &[undated], 0.3)[0].is_empty());
    }

    #[test]
    fn without_dates_a_page_imported_before_from_another_file_is_earlier() {
        let page = Candidate { date: None, file: "minutes/old.txt", ..candidate("mail-1", "mail", 5, MAIL) };
        let case = Candidate {
            date: None,
            file: "minutes/new.txt",
            input: Some(0),
            ..candidate("mail-2", "mail", 19, MAIL_AGAIN)
        };
        let found = find_recurrences(&[page], &[case], 0.3);
        assert_eq!(
            found[0].iter().map(|r| (r.id.as_str(), r.earlier)).collect::<Vec<_>>(),
            [("mail-1", Earlier::ImportedBefore)]
        );
        // Re-importing the first file later: the page that names it as its original stays later.
        let names_it = ["mail-1".to_string()];
        let later_page = Candidate { recurs: &names_it, file: "minutes/new.txt", ..case };
        let first_again = Candidate { input: Some(0), file: "minutes/old.txt", ..page };
        assert!(
            find_recurrences(&[Candidate { input: None, ..later_page }], &[first_again], 0.3)[0].is_empty()
        );
        // In one import, the file listed first is earlier.
        let a = Candidate { input: Some(0), ..page };
        let b = Candidate { input: Some(1), ..case };
        let found = find_recurrences(&[], &[a, b], 0.3);
        assert!(found[0].is_empty());
        assert_eq!(found[1].iter().map(|r| r.earlier).collect::<Vec<_>>(), [Earlier::ListedBefore]);
    }

    #[test]
    fn merge_appends_to_the_follow_up_section_once() {
        let occurrence = Occurrence {
            date: NaiveDate::from_ymd_opt(2025, 11, 19),
            source: "minutes/b.txt:3-4",
            inquiry: &["また届かない".to_string()],
            answers: vec!["共有リンクを案内".into()],
        };
        let page =
            "---\nid: a\n---\n\n## 問い合わせ\n\nq\n\n## 経過\n\nold\n\n## ミーティングでのコメント\n\n- c\n";
        let merged = merge_into(page, &occurrence, Language::Ja).unwrap_or_default();
        assert!(merged.contains("## 経過\n\nold\n\n**再び問い合わせ (2025-11-19, minutes/b.txt:3-4):**\\\nまた届かない\\\n**対応:** 共有リンクを案内\n\n## ミーティングでのコメント\n"), "{merged}");
        assert_eq!(merge_into(&merged, &occurrence, Language::Ja), None);
        assert_eq!(crate::content::merged_occurrences(&merged), [NaiveDate::from_ymd_opt(2025, 11, 19)]);
        let no_follow_up = "---\nid: a\n---\n\n## 問い合わせ\n\nq\n\n## ミーティングでのコメント\n\n- c\n";
        let merged = merge_into(no_follow_up, &occurrence, Language::Ja).unwrap_or_default();
        assert!(merged.contains("q\n\n## 経過\n\n**再び"), "{merged}");
        let last = merge_into("## Question\n\nq\n", &occurrence, Language::En).unwrap_or_default();
        assert!(last.ends_with("q\n\n## Follow-up\n\n**Asked again (2025-11-19, minutes/b.txt:3-4):**\\\nまた届かない\\\n**Answer:** 共有リンクを案内\n"), "{last}");
    }
}
