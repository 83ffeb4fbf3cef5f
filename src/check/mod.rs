//! Check: everything that would break or mislead the site, for CI.
//!
//! `check_site` loads the site through the build's own front half (`site::Front`: the one
//! loader and front-matter validator, the content rules of `lint`, the theme, the link targets)
//! and renders it in memory through the build's own code (`site::render_check`: template errors
//! and link problems, each link resolved once), so `check` and `build` cannot disagree.
//! It sits beside `site::build_site` as the other orchestrator; `lint` is the leaf both share.
//! It never stops at the first problem and never prints: it returns every diagnostic, and
//! `report` turns them into text for people, JSON, or GitHub Actions annotations.
pub mod report;

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity, sort_diagnostics};
use crate::site::{BuildFailure, Front, render_check};

pub use crate::lint::{lint_page, lint_pages};

/// How to check, as plain values (the CLI maps its flags onto these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// Report warnings as errors, so a team can block e.g. unreviewed pages from publishing.
    pub strict: bool,
    /// The day staleness is measured from.
    pub today: NaiveDate,
}

/// Everything `check_site` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Every problem, sorted by path and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Page files read (valid or not).
    pub pages_checked: usize,
    /// Checking could not run as asked: the content folder cannot be read (wrong `--root` or
    /// `content-dir`) or the theme named in book.toml does not exist. A usage or configuration
    /// problem (exit 2) rather than a content problem.
    pub usage_error: bool,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Checks the whole site: loads every page, runs every rule, reports everything.
pub fn check_site(config: &Config, options: &CheckOptions) -> CheckReport {
    let mut front = match Front::load(config, options.today) {
        Ok(front) => front,
        Err(BuildFailure::Config(diagnostics) | BuildFailure::Content(diagnostics)) => {
            return CheckReport { diagnostics, pages_checked: 0, usage_error: true };
        }
    };
    let (found, usage_error) = render_check(&front);
    let mut diagnostics = std::mem::take(&mut front.loaded.diagnostics);
    diagnostics.extend(found);
    if options.strict {
        promote_warnings(&mut diagnostics);
    }
    sort_diagnostics(&mut diagnostics);
    CheckReport { diagnostics, pages_checked: front.loaded.page_files, usage_error }
}

/// `--strict`: every warning becomes an error, keeping its code and message.
pub fn promote_warnings(diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics {
        diagnostic.severity = Severity::Error;
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::diagnostics::codes;

    const BOOK: &str = "[[services]]\nname = \"UTokyo Account\"\n";
    const PAGE: &str =
        "---\ntitle: t\nservice: UTokyo Account\nstatus: resolved\nreviewed: false\n---\n## 問い合わせ\nq\n";

    fn site_with(pages: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("book.toml"), BOOK).unwrap();
        fs::create_dir(dir.path().join("content")).unwrap();
        for (name, bytes) in pages {
            fs::write(dir.path().join("content").join(name), bytes).unwrap();
        }
        dir
    }

    fn check(root: &Path, strict: bool) -> CheckReport {
        let config = Config::load(root).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        check_site(&config, &CheckOptions { strict, today })
    }

    #[test]
    fn loader_and_lint_problems_are_reported_together_and_sorted() {
        let bad = PAGE.replace("status: resolved", "status: done");
        let site = site_with(&[("a.md", PAGE.as_bytes()), ("b.md", bad.as_bytes())]);
        let report = check(site.path(), false);
        let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [codes::UNREVIEWED, codes::UNKNOWN_STATUS]);
        assert_eq!((report.errors(), report.warnings(), report.pages_checked), (1, 1, 2));
        assert!(!report.usage_error);
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        let site = site_with(&[("a.md", PAGE.as_bytes())]);
        assert_eq!(check(site.path(), false).errors(), 0);
        let report = check(site.path(), true);
        assert_eq!((report.errors(), report.warnings()), (1, 0));
        assert_eq!(report.diagnostics[0].code, codes::UNREVIEWED);
    }

    /// Each link is resolved once: a broken link is one diagnostic (check used to resolve links
    /// on its own and again while rendering, and relied on removing repeats).
    #[test]
    fn a_broken_link_is_reported_once() {
        let page = PAGE.replace("reviewed: false", "reviewed: true") + "\n[x](missing.md) ![i](gone.png)\n";
        let site = site_with(&[("a.md", page.as_bytes())]);
        let report = check(site.path(), false);
        let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [codes::BROKEN_LINK, codes::MISSING_IMAGE], "{:?}", report.diagnostics);
    }

    #[test]
    fn missing_content_folder_is_reported_as_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let report = check(dir.path(), false);
        assert!(report.usage_error);
        assert_eq!(report.errors(), 1);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Random bytes as a page, read from disk as `check` reads it: never a panic, and the file
        /// is counted as checked whether it loads or not.
        #[test]
        fn random_bytes_as_a_page_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let site = site_with(&[("r.md", &bytes)]);
            let report = check(site.path(), false);
            prop_assert_eq!(report.pages_checked, 1);
        }

        /// Markdown-shaped bodies exercise the outline (headings, HTML, lists) behind valid front
        /// matter.
        #[test]
        fn random_markdown_bodies_never_panic(body in "([#]{1,7} ?|<[a-z/!-]{0,4}>?|[-*>|`] |\\r?\\n|[ a-zあ問い合わせ]{0,8}){0,40}") {
            let page = format!("{PAGE}{body}");
            let site = site_with(&[("m.md", page.as_bytes())]);
            let report = check(site.path(), false);
            prop_assert!(report.diagnostics.iter().all(|d| d.line >= 1));
        }
    }
}
