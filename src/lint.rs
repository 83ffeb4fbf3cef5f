//! Lint: content rules over loaded pages, shared by `build` and `check`; it sits below both, so
//! neither depends on the other. What a page that loaded fine can still get wrong (empty
//! sections, no inquiry section, raw HTML, review state), as pure functions over `Page`s.
//!
//! Front matter is not looked at again here: `content::load_site` is the one validator of it.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Key, Page};
use crate::diagnostics::{Diagnostic, codes, line_col};
use crate::outline::{Outline, outline};

/// Longest raw-HTML excerpt quoted in a message.
const HTML_EXCERPT_CHARS: usize = 40;

/// Runs every content rule on every page. `today` decides which pages are stale; it is a
/// parameter so CI runs and tests are reproducible.
pub fn lint_pages(config: &Config, pages: &[Page], today: NaiveDate) -> Vec<Diagnostic> {
    pages.par_iter().flat_map_iter(|page| lint_page(config, page, today)).collect()
}

/// Runs every content rule on one page.
pub fn lint_page(config: &Config, page: &Page, today: NaiveDate) -> Vec<Diagnostic> {
    let outline = outline(&page.body);
    let mut found = structure_rules(page, &outline);
    if !config.build.allow_html {
        found.extend(raw_html_rule(page, &outline));
    }
    found.extend(review_rules(config, page, today));
    found
}

/// File line and column of a byte offset in the page body.
fn body_position(page: &Page, offset: usize) -> (usize, usize) {
    let (line, col) = line_col(&page.body, offset);
    (page.body_line + line - 1, col)
}

/// Empty page, empty sections, missing inquiry section.
fn structure_rules(page: &Page, outline: &Outline) -> Vec<Diagnostic> {
    if !outline.has_content {
        // Every section would be empty and there is no inquiry: one message says it all.
        return vec![Diagnostic::error(
            codes::EMPTY_BODY,
            &page.path,
            page.body_line,
            1,
            "page has no content below its front matter",
        )];
    }
    let mut found: Vec<Diagnostic> = outline
        .sections
        .iter()
        .filter(|section| !section.has_content)
        .map(|section| {
            let (line, col) = body_position(page, section.offset);
            Diagnostic::error(
                codes::EMPTY_SECTION,
                &page.path,
                line,
                col,
                format!(
                    "section `{}` is empty: write its content or remove the heading",
                    section.title.trim()
                ),
            )
        })
        .collect();
    if outline.inquiry().is_none() {
        found.push(Diagnostic::warning(
            codes::NO_INQUIRY_SECTION,
            &page.path,
            page.body_line,
            1,
            "page has no inquiry section (a `## 問い合わせ` or `## Question` heading)",
        ));
    }
    found
}

/// One warning per line holding raw HTML (an inline `<b>x</b>` is two tags on one line).
fn raw_html_rule(page: &Page, outline: &Outline) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = Vec::new();
    for (offset, source) in &outline.raw_html {
        let (line, col) = body_position(page, *offset);
        if found.last().is_some_and(|previous| previous.line == line) {
            continue;
        }
        found.push(Diagnostic::warning(
            codes::RAW_HTML,
            &page.path,
            line,
            col,
            format!(
                "raw HTML `{}` is shown as text because [build] allow-html is off in book.toml",
                excerpt(source)
            ),
        ));
    }
    found
}

/// First line of `source`, shortened for a message.
fn excerpt(source: &str) -> String {
    let first_line = source.lines().next().unwrap_or_default().trim();
    let mut short: String = first_line.chars().take(HTML_EXCERPT_CHARS).collect();
    if first_line.chars().count() > HTML_EXCERPT_CHARS {
        short.push('…');
    }
    short
}

/// Unreviewed and stale pages.
fn review_rules(config: &Config, page: &Page, today: NaiveDate) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if !page.front.reviewed {
        let message = if page.key_lines.get(Key::Reviewed).is_some() {
            "page is not reviewed yet (`reviewed: false`); set `reviewed: true` once someone has checked it"
        } else {
            "page is not reviewed: add `reviewed: true` to the front matter once someone has checked it"
        };
        found.push(Diagnostic::warning(
            codes::UNREVIEWED,
            &page.path,
            page.key_line(Key::Reviewed),
            1,
            message,
        ));
    }
    if let (Some(limit), Some(date)) = (config.check.stale_after_days, page.front.date) {
        let age = today.signed_duration_since(date).num_days();
        if age > i64::from(limit) {
            found.push(Diagnostic::warning(
                codes::STALE,
                &page.path,
                page.key_line(Key::Date),
                1,
                format!(
                    "page date {date} is {age} days old (more than [check] stale-after-days = {limit}); \
                     check it is still true and update `date`"
                ),
            ));
        }
    }
    if let Some(days) = review_overdue(config, page, today) {
        let (key, since) = match (page.front.reviewed_on, page.front.date) {
            (Some(on), _) => (Key::ReviewedOn, format!("last reviewed on {on}")),
            (None, Some(date)) => (Key::Date, format!("no `reviewed-on`, dated {date}")),
            (None, None) => (Key::Reviewed, String::new()),
        };
        found.push(Diagnostic::warning(
            codes::REVIEW_DUE,
            &page.path,
            page.key_line(key),
            1,
            format!(
                "review is due: {since}, {days} days ago (more than [review] after-days = {}); \
                 check the answer and update `reviewed-on`",
                config.review.after_days.unwrap_or_default()
            ),
        ));
    }
    found
}

/// Days since a reviewed page's last review (`reviewed-on`, else its `date`) when that is more
/// than `[review] after-days`; `None` when not due, not configured, or never reviewed (an
/// unreviewed page is reported as such).
pub fn review_overdue(config: &Config, page: &Page, today: NaiveDate) -> Option<i64> {
    let limit = i64::from(config.review.after_days?);
    let since = page.front.reviewed_on.or(page.front.date)?;
    let days = today.signed_duration_since(since).num_days();
    (page.front.reviewed && days > limit).then_some(days)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::parse_page;

    fn config(extra: &str) -> Config {
        let text = format!("[[services]]\nname = \"UTokyo Account\"\n{extra}");
        Config::parse(Path::new("site"), Path::new("site/book.toml"), &text).unwrap()
    }

    const HEAD: &str =
        "---\ntitle: t\nservice: UTokyo Account\nstatus: resolved\ndate: 2025-01-10\nreviewed: true\n---\n";

    fn lint_with(config: &Config, body: &str) -> Vec<Diagnostic> {
        let text = format!("{HEAD}{body}");
        let page = parse_page(config, Path::new("content/p.md"), "p.md", &text).unwrap();
        lint_page(config, &page, NaiveDate::from_ymd_opt(2025, 2, 1).unwrap())
    }

    fn lint(body: &str) -> Vec<Diagnostic> {
        lint_with(&config(""), body)
    }

    /// (code, line, col) of each diagnostic, for compact assertions.
    fn found(diagnostics: &[Diagnostic]) -> Vec<(crate::diagnostics::Code, usize, usize)> {
        diagnostics.iter().map(|d| (d.code, d.line, d.col)).collect()
    }

    #[test]
    fn a_complete_page_has_no_problems() {
        assert_eq!(lint("\n## 問い合わせ\n本文\n\n## 対応\n=> 回答\n"), vec![]);
    }

    #[test]
    fn english_question_heading_counts_as_inquiry_on_a_japanese_site() {
        assert_eq!(lint("## Question:\nWhat?\n"), vec![]);
    }

    #[test]
    fn empty_body_is_one_error_at_the_body_line() {
        assert_eq!(found(&lint("\n\n")), [(codes::EMPTY_BODY, 8, 1)]);
        assert_eq!(found(&lint("## 問い合わせ\n\n## 対応\n")), [(codes::EMPTY_BODY, 8, 1)]);
    }

    #[test]
    fn empty_section_is_located_at_its_heading() {
        let d = lint("## 問い合わせ\n本文\n\n## 対応\n\n## 経過\n続き\n");
        assert_eq!(found(&d), [(codes::EMPTY_SECTION, 11, 1)]);
        assert!(d[0].message.contains("`対応`"), "{}", d[0]);
    }

    #[test]
    fn a_heading_whose_subsections_have_content_is_not_empty() {
        assert_eq!(lint("## 問い合わせ\n### 詳細\n本文\n"), vec![]);
        // The last section of a page can be empty too.
        assert_eq!(found(&lint("## 問い合わせ\n本文\n### 詳細\n")), [(codes::EMPTY_SECTION, 10, 1)]);
    }

    #[test]
    fn a_section_holding_only_an_html_comment_is_empty() {
        let d =
            lint_with(&config("[build]\nallow-html = true\n"), "## 問い合わせ\nq\n## 対応\n<!-- todo -->\n");
        assert_eq!(found(&d), [(codes::EMPTY_SECTION, 10, 1)]);
    }

    #[test]
    fn missing_inquiry_section_is_a_warning() {
        let d = lint("## 対応\n回答\n");
        assert_eq!(found(&d), [(codes::NO_INQUIRY_SECTION, 8, 1)]);
        assert!(!d[0].is_error());
    }

    #[test]
    fn raw_html_is_located_in_the_file_once_per_line() {
        let d = lint("## 問い合わせ\n本文 <b>太字</b> と <i>x</i>\n\n<div>\nblock\n</div>\n");
        assert_eq!(found(&d), [(codes::RAW_HTML, 9, 4), (codes::RAW_HTML, 11, 1)]);
        assert!(d[0].message.contains("`<b>`"), "{}", d[0]);
        assert!(d[1].message.contains("`<div>`"), "{}", d[1]);
    }

    #[test]
    fn raw_html_is_allowed_when_configured() {
        let d = lint_with(&config("[build]\nallow-html = true\n"), "## 問い合わせ\n<b>x</b>\n");
        assert_eq!(d, vec![]);
    }

    #[test]
    fn autolinks_and_code_are_not_raw_html() {
        assert_eq!(lint("## 問い合わせ\n<https://example.org> and `<b>`\n\n    <div>\n"), vec![]);
    }

    #[test]
    fn unreviewed_page_is_a_warning_at_the_reviewed_key() {
        let text = format!("{}## 問い合わせ\nq\n", HEAD.replace("reviewed: true", "reviewed: false"));
        let config = config("");
        let page = parse_page(&config, Path::new("content/p.md"), "p.md", &text).unwrap();
        let d = lint_page(&config, &page, NaiveDate::from_ymd_opt(2025, 2, 1).unwrap());
        assert_eq!(found(&d), [(codes::UNREVIEWED, 6, 1)]);
    }

    #[test]
    fn stale_after_days_counts_from_today() {
        let config = config("[check]\nstale-after-days = 21\n");
        let text = format!("{HEAD}## 問い合わせ\nq\n");
        let page = parse_page(&config, Path::new("content/p.md"), "p.md", &text).unwrap();
        let on = |y, m, d| lint_page(&config, &page, NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(on(2025, 1, 31), vec![], "21 days old is not stale yet");
        let d = on(2025, 2, 1);
        assert_eq!(found(&d), [(codes::STALE, 5, 1)]);
        assert!(d[0].message.contains("22 days old"), "{}", d[0]);
    }

    #[test]
    fn review_is_due_after_days_from_reviewed_on_or_date() {
        let config = config("[review]\nafter-days = 30\n");
        let dated =
            parse_page(&config, Path::new("content/p.md"), "p.md", &format!("{HEAD}## 問い合わせ\nq\n"))
                .unwrap();
        let on = |page: &Page, y, m, d| lint_page(&config, page, NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(review_overdue(&config, &dated, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()), None);
        let d = on(&dated, 2025, 3, 1);
        assert_eq!(found(&d), [(codes::REVIEW_DUE, 5, 1)], "no reviewed-on: counted from `date`");
        let text = format!(
            "{}## 問い合わせ\nq\n",
            HEAD.replace("reviewed: true", "reviewed: true\nreviewed-on: 2025-02-20")
        );
        let reviewed = parse_page(&config, Path::new("content/p.md"), "p.md", &text).unwrap();
        assert_eq!(on(&reviewed, 2025, 3, 1), vec![]);
        let d = on(&reviewed, 2025, 3, 23);
        assert_eq!(found(&d), [(codes::REVIEW_DUE, 7, 1)]);
        assert!(d[0].message.contains("last reviewed on 2025-02-20, 31 days ago"), "{}", d[0]);
        let unreviewed = parse_page(
            &config,
            Path::new("content/p.md"),
            "p.md",
            &text.replace("reviewed: true", "reviewed: false"),
        )
        .unwrap();
        assert_eq!(
            found(&on(&unreviewed, 2026, 1, 1)),
            [(codes::UNREVIEWED, 6, 1)],
            "reported once, as unreviewed"
        );
    }

    #[test]
    fn excerpt_keeps_the_first_line_and_shortens() {
        assert_eq!(excerpt("<div>\nx\n</div>"), "<div>");
        assert_eq!(excerpt(&"a".repeat(50)).chars().count(), HTML_EXCERPT_CHARS + 1);
    }
}
