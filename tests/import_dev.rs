//! The importer's development set (`tests/fixtures/minutes-dev/`, copied from the project's
//! shared data): 27 labelled cases in four minutes files (UTF-8 and CP932, plain text and
//! Markdown, Japanese and English). Imported once with the set's `book.toml` and once on a site
//! whose `book.toml` names no service; the figures (cases found, services, statuses, titles)
//! are printed (`cargo test --test import_dev -- --nocapture`) and must stay above the bars the
//! import-accuracy issue set.

mod import_common;

use std::fs;
use std::path::{Path, PathBuf};

use import_common::labelled::{Expected, Score, score};
use import_common::{faqbook, front_matter_value, pages, repo, stderr};

const MINUTES: [&str; 4] =
    ["2026-04-15-meeting.txt", "minutes-2026-05.txt", "2026-06-03.md", "2026-06-10-en.md"];

fn dev_set() -> PathBuf {
    repo().join("tests/fixtures/minutes-dev")
}

fn expected() -> Vec<Expected> {
    import_common::labelled::expected(&dev_set(), &MINUTES)
}

/// A site in a temporary folder with `book_toml` and the four minutes files, imported.
fn imported(book_toml: &str) -> (tempfile::TempDir, std::process::Output) {
    import_common::labelled::imported(&dev_set(), &MINUTES, book_toml)
}

fn report(label: &str, score: &Score, total: usize) {
    import_common::labelled::report("minutes-dev", label, score, total);
}

#[test]
fn dev_set_with_its_book_toml() {
    let cases = expected();
    assert_eq!(cases.len(), 27, "expected.json lists 27 cases");
    let book = fs::read_to_string(dev_set().join("book.toml")).unwrap_or_else(|e| panic!("{e}"));
    let (dir, output) = imported(&book);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let score = score(dir.path(), &cases);
    report("configured services", &score, cases.len());
    assert_eq!(score.pages, cases.len(), "one page per case");
    assert_eq!(score.found, cases.len(), "every case found in exactly one page");
    assert_eq!(score.services, cases.len(), "every service right");
    assert!(score.statuses >= 25, "statuses right: {}/{}", score.statuses, cases.len());
    assert_eq!(score.titles, cases.len(), "every title holds its title_has");
    let titles_ok = pages(dir.path()).iter().all(|(_, p)| {
        let title = front_matter_value(p, "title").unwrap_or_default();
        title.chars().count() <= 82
    });
    assert!(titles_ok, "titles at most 80 characters (plus quotes)");
}

#[test]
fn verbose_import_prints_the_sentence_that_decided_each_status() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let book = fs::read_to_string(dev_set().join("book.toml")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("book.toml"), book).unwrap_or_else(|e| panic!("{e}"));
    fs::copy(dev_set().join("2026-06-10-en.md"), dir.path().join("m.md")).unwrap_or_else(|e| panic!("{e}"));
    let output = faqbook(dir.path(), &["-v", "import", "--dry-run", "m.md"]);
    let out = import_common::stdout(&output);
    assert!(
        out.contains("status unresolved: \"Conclusion: Not solved")
            || out.contains("status unresolved: \"Not solved"),
        "{out}"
    );
    assert!(out.contains("status escalated: \"") && out.contains("(line "), "{out}");
}

const NO_SERVICES: &str = "[book]\ntitle = \"t\"\nlanguage = \"ja\"\n";

/// Services of the imported pages, each once, sorted.
fn services(site: &Path) -> Vec<String> {
    let mut services: Vec<String> = pages(site)
        .iter()
        .map(|(_, p)| front_matter_value(p, "service").unwrap_or_default().trim_matches('"').to_string())
        .collect();
    services.sort();
    services.dedup();
    services
}

#[test]
fn dev_set_without_services_finds_every_case_by_the_minutes_shape() {
    let cases = expected();
    let (dir, output) = imported(NO_SERVICES);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let score = score(dir.path(), &cases);
    report("no services, by shape", &score, cases.len());
    assert_eq!(score.found, cases.len(), "every case found in exactly one page");
    assert!(services(dir.path()).contains(&"図書館システム".to_string()));
    let build = faqbook(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
}

#[test]
fn seed_without_services_keeps_its_plain_text_headings() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("book.toml"), NO_SERVICES).unwrap_or_else(|e| panic!("{e}"));
    let seeds = repo().join("seeds");
    let minutes = dir.path().join("minutes");
    fs::create_dir_all(&minutes).unwrap_or_else(|e| panic!("{e}"));
    for entry in fs::read_dir(&seeds).unwrap_or_else(|e| panic!("{e}")).flatten() {
        if entry.path().extension().is_some_and(|e| e == "txt") {
            fs::copy(entry.path(), minutes.join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let output = faqbook(dir.path(), &["import", "minutes/"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(pages(dir.path()).len(), 6, "{}", stderr(&output));
    assert_eq!(
        services(dir.path()),
        ["ECCSクラウドメール (Google Workspace)", "Microsoft 365 (Office)", "UTokyo Account", "その他"]
    );
}
