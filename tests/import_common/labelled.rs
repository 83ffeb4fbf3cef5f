//! Labelled minutes sets (`expected.json` beside the minutes, the schema of
//! `tests/fixtures/minutes-dev/README.md`): import them with the real binary and score the
//! pages against the labels (cases found, services, statuses, titles holding `title_has`).

use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{faqbook, front_matter_value, pages};

/// One labelled case of `expected.json`.
pub struct Expected {
    pub file: String,
    pub service: String,
    pub key: String,
    pub status: String,
    pub title_has: String,
    /// The meeting date the file's label gives (`date`), if it gives one.
    pub date: Option<String>,
}

/// The labelled cases of `files` in `set/expected.json`, in file order.
pub fn expected(set: &Path, files: &[&str]) -> Vec<Expected> {
    let text = fs::read_to_string(set.join("expected.json")).unwrap_or_else(|e| panic!("{e}"));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let field = |case: &Value, key: &str| case[key].as_str().unwrap_or_default().to_string();
    files
        .iter()
        .flat_map(|file| {
            let cases = json[*file]["cases"].as_array().cloned().unwrap_or_default();
            let date = json[*file]["date"].as_str().map(str::to_string);
            cases.into_iter().map(move |case| Expected {
                file: file.to_string(),
                service: field(&case, "service"),
                key: field(&case, "key"),
                status: field(&case, "status"),
                title_has: field(&case, "title_has"),
                date: date.clone(),
            })
        })
        .collect()
}

/// A site in a temporary folder with `book_toml` and the set's `files` under `minutes/`, imported.
pub fn imported(set: &Path, files: &[&str], book_toml: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("book.toml"), book_toml).unwrap_or_else(|e| panic!("{e}"));
    let minutes = dir.path().join("minutes");
    fs::create_dir_all(&minutes).unwrap_or_else(|e| panic!("{e}"));
    for file in files {
        fs::copy(set.join(file), minutes.join(file)).unwrap_or_else(|e| panic!("{e}"));
    }
    let output = faqbook(dir.path(), &["import", "minutes/"]);
    (dir, output)
}

/// Figures of one import against the labels, with what was wrong.
#[derive(Debug, Default)]
pub struct Score {
    pub pages: usize,
    pub found: usize,
    pub services: usize,
    pub statuses: usize,
    pub titles: usize,
    /// Cases whose file labels a date, and of those, pages with that date.
    pub dated: usize,
    pub dates: usize,
    pub wrong: Vec<String>,
}

/// Scores the pages of `site`: a case is found when exactly one page holds its key.
pub fn score(site: &Path, cases: &[Expected]) -> Score {
    let pages = pages(site);
    let mut score = Score { pages: pages.len(), ..Score::default() };
    for case in cases {
        // Markdown escapes removed, so keys can be found in the page text.
        let holding: Vec<&(String, String)> =
            pages.iter().filter(|(_, page)| page.replace('\\', "").contains(&case.key)).collect();
        let [(name, page)] = holding.as_slice() else {
            score.wrong.push(format!("{}: `{}` is in {} pages", case.file, case.key, holding.len()));
            continue;
        };
        score.found += 1;
        let value =
            |key: &str| front_matter_value(page, key).unwrap_or_default().trim_matches('"').to_string();
        if value("service") == case.service {
            score.services += 1;
        } else {
            score.wrong.push(format!("{name}: service {} (expected {})", value("service"), case.service));
        }
        if value("status") == case.status {
            score.statuses += 1;
        } else {
            score.wrong.push(format!(
                "{name}: status {} (expected {}) {}",
                value("status"),
                case.status,
                value("status-reason")
            ));
        }
        if value("title").contains(&case.title_has) {
            score.titles += 1;
        } else {
            score.wrong.push(format!("{name}: title {:?} lacks {:?}", value("title"), case.title_has));
        }
        if let Some(date) = &case.date {
            score.dated += 1;
            if value("date") == *date {
                score.dates += 1;
            } else {
                score.wrong.push(format!("{name}: date {} (expected {date})", value("date")));
            }
        }
    }
    score
}

/// Prints the figures (`cargo test --test <name> -- --nocapture`).
pub fn report(set: &str, label: &str, score: &Score, total: usize) {
    eprintln!(
        "{set} ({label}): {} pages; cases found {}/{total}, services {}/{total}, statuses {}/{total}, titles {}/{total}, dates {}/{}",
        score.pages, score.found, score.services, score.statuses, score.titles, score.dates, score.dated
    );
    for wrong in &score.wrong {
        eprintln!("  {wrong}");
    }
}
