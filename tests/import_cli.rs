//! `faqbook import` through the real binary: encodings, Markdown, empty and binary inputs,
//! exit codes, dry runs, hand-edited pages.

mod import_common;

use std::fs;
use std::path::Path;

use import_common::{faqbook, fixtures, front_matter_value, pages, site, stderr, stdout};

/// The same minutes in every supported encoding and line-end style.
const ENCODED: [&str; 6] =
    ["ja_minutes.txt", "sjis_crlf.txt", "eucjp.txt", "utf16le_bom.txt", "utf16be_bom.txt", "utf8_bom_cr.txt"];

fn import_fixture(name: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = site(&fixtures().join("book.toml"), &[&fixtures().join(name)]);
    let output = faqbook(dir.path(), &["import", name]);
    (dir, output)
}

/// A page without the lines that name its source file (which differs per fixture).
fn without_source(page: &str) -> String {
    page.lines()
        .filter(|l| !l.starts_with("source: ") && !l.starts_with("import-fingerprint: "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_encoding_gives_the_same_four_pages() {
    let (_reference_dir, reference) = import_fixture("ja_minutes.txt");
    assert!(reference.status.success(), "{}", stderr(&reference));
    let reference_pages = pages(_reference_dir.path());
    assert_eq!(reference_pages.len(), 4);
    for name in ENCODED {
        let (dir, output) = import_fixture(name);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        assert_eq!(stderr(&output), "", "{name} gave warnings");
        let out = stdout(&output);
        assert!(out.contains("status: resolved 2, escalated 1, unresolved 1"), "{name}: {out}");
        let got = pages(dir.path());
        let names: Vec<_> = got.iter().map(|(n, _)| n.as_str()).collect();
        let expected: Vec<_> = reference_pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, expected, "{name}");
        for ((_, page), (_, reference)) in got.iter().zip(&reference_pages) {
            assert_eq!(without_source(page), without_source(reference), "{name}");
            assert_eq!(front_matter_value(page, "source").map(|s| s.starts_with(name)), Some(true));
        }
    }
}

#[test]
fn japanese_fixture_pages_are_redacted_escaped_and_classified() {
    let (dir, output) = import_fixture("sjis_crlf.txt");
    assert!(output.status.success());
    let all: String = pages(dir.path()).into_iter().map(|(_, text)| text).collect();
    for personal in ["山本", "佐々木", "yamamoto@example.ac.jp", "03-1234-5678"] {
        assert!(!all.contains(personal), "{personal} leaked");
    }
    assert!(all.contains("(氏名)さんより") && all.contains("(メールアドレス)") && all.contains("(電話番号)"));
    assert!(all.contains("\\<script>alert(1)\\</script>"), "HTML not escaped");
    assert!(all.contains("- \\# 見出しではない"), "heading in a comment not escaped");
    // In the pages' bodies: the front matter's status-reason may quote the same sentence.
    let bodies: String = pages(dir.path())
        .into_iter()
        .map(|(_, text)| text.split("\n---\n").nth(1).unwrap_or_default().to_string())
        .collect();
    assert_eq!(bodies.matches("再設定できました").count(), 1, "repeated response kept");
    assert_eq!(all.matches("date: 2026-01-14").count(), 4);
}

#[test]
fn english_markdown_minutes() {
    let en = fixtures().join("en");
    let dir = site(&en.join("book.toml"), &[&en.join("2025-11-05.md")]);
    let output = faqbook(dir.path(), &["import", "2025-11-05.md"]);
    assert_eq!(output.status.code(), Some(0));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("2025-11-05.md:29:1: warning: heading `Printing`") && err.contains("[FB207]"),
        "{err}"
    );
    let out = stdout(&output);
    // Handed over, and the user's silence after it records no outcome: still escalated.
    assert!(out.contains("  Microsoft 365: 2 (escalated 2)"), "{out}");
    // A heading the configuration does not know is a service of its own.
    assert!(out.contains("  Printing: 1 (unresolved 1)"), "{out}");
    assert!(out.contains("  UTokyo Account: 1 (resolved 1)"), "{out}");
    let all: String = pages(dir.path()).into_iter().map(|(_, text)| text).collect();
    assert!(all.contains("## Question") && all.contains("## Notes from the meeting"));
    assert!(all.contains("- (name) noted") && all.contains("  - Contact (e-mail address) for"), "{all}");
    for personal in ["Alice", "Smith", "alice.smith@example.org", "90-1234-5678"] {
        assert!(!all.contains(personal), "{personal} leaked");
    }
}

#[test]
fn empty_file_is_a_warning_with_zero_cases() {
    let (dir, output) = import_fixture("empty.txt");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "empty.txt:1:1: warning: empty file: 0 cases [FB204]\n");
    assert!(stdout(&output).contains("0 cases"));
    assert!(pages(dir.path()).is_empty());
}

#[test]
fn binary_file_is_an_error_naming_it() {
    let (dir, output) = import_fixture("binary.txt");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("binary.txt:1:1: error: binary file"), "{}", stderr(&output));
    assert!(pages(dir.path()).is_empty());
}

#[test]
fn huge_file_is_refused_before_reading() {
    let dir = site(&fixtures().join("book.toml"), &[]);
    let file = fs::File::create(dir.path().join("huge.txt")).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(65 * 1024 * 1024).unwrap_or_else(|e| panic!("{e}"));
    let output = faqbook(dir.path(), &["import", "huge.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("at most 64 MiB"), "{}", stderr(&output));
}

#[test]
fn usage_errors_exit_2_and_missing_inputs_exit_1() {
    let dir = site(&fixtures().join("book.toml"), &[&fixtures().join("ja_minutes.txt")]);
    assert_eq!(faqbook(dir.path(), &["import"]).status.code(), Some(2));
    assert_eq!(
        faqbook(dir.path(), &["import", "--date", "2025-13-01", "ja_minutes.txt"]).status.code(),
        Some(2)
    );
    fs::write(dir.path().join("book.toml"), "[book]\ntitel = 1\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(faqbook(dir.path(), &["import", "ja_minutes.txt"]).status.code(), Some(2));
    let dir = site(&fixtures().join("book.toml"), &[]);
    let output = faqbook(dir.path(), &["import", "nowhere.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("nowhere.txt"));
}

#[test]
fn help_explains_with_an_example() {
    let output = faqbook(Path::new("."), &["import", "--help"]);
    let help = stdout(&output);
    assert!(help.contains("--dry-run") && help.contains("--force") && help.contains("--date"));
    assert!(help.contains("faqbook import seeds/"), "{help}");
}

#[test]
fn date_option_overrides_the_minutes() {
    let dir = site(&fixtures().join("book.toml"), &[&fixtures().join("ja_minutes.txt")]);
    let output = faqbook(dir.path(), &["import", "--date", "2026-02-01", "ja_minutes.txt"]);
    assert!(output.status.success());
    assert!(pages(dir.path()).iter().all(|(_, p)| front_matter_value(p, "date") == Some("2026-02-01")));
}

#[test]
fn dry_run_lists_pages_and_writes_nothing() {
    let dir = site(&fixtures().join("book.toml"), &[&fixtures().join("ja_minutes.txt")]);
    let output = faqbook(dir.path(), &["import", "--dry-run", "ja_minutes.txt"]);
    assert!(output.status.success());
    let out = stdout(&output);
    assert_eq!(out.matches("would create: ").count(), 4, "{out}");
    assert!(!dir.path().join("content").exists());
}

#[test]
fn hand_edited_pages_are_skipped_unless_forced() {
    let dir = site(&fixtures().join("book.toml"), &[&fixtures().join("ja_minutes.txt")]);
    assert!(faqbook(dir.path(), &["import", "ja_minutes.txt"]).status.success());
    let (name, text) = pages(dir.path()).remove(0);
    let path = dir.path().join("content").join(&name);
    let edited = text.replace("reviewed: false", "reviewed: true");
    fs::write(&path, &edited).unwrap_or_else(|e| panic!("{e}"));

    let again = faqbook(dir.path(), &["import", "ja_minutes.txt"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        stderr(&again).contains("warning: page was edited by hand") && stderr(&again).contains("[FB209]")
    );
    assert!(stdout(&again).contains("pages: 0 written, 3 unchanged, 1 skipped"), "{}", stdout(&again));
    assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some(edited.as_str()));

    let forced = faqbook(dir.path(), &["import", "--force", "ja_minutes.txt"]);
    assert!(stdout(&forced).contains("pages: 1 written, 3 unchanged, 0 skipped"), "{}", stdout(&forced));
    assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some(text.as_str()));
}

#[test]
fn folders_are_walked_for_minutes_files() {
    let dir = site(&fixtures().join("book.toml"), &[]);
    let minutes = dir.path().join("minutes");
    fs::create_dir_all(&minutes).unwrap_or_else(|e| panic!("{e}"));
    fs::copy(fixtures().join("eucjp.txt"), minutes.join("a.txt")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(minutes.join("notes.pdf"), b"%PDF").unwrap_or_else(|e| panic!("{e}"));
    let output = faqbook(dir.path(), &["import", "minutes"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pages = pages(dir.path());
    assert_eq!(pages.len(), 4);
    assert!(
        pages
            .iter()
            .all(|(_, p)| front_matter_value(p, "source").is_some_and(|s| s.starts_with("minutes/a.txt:")))
    );
}

#[test]
fn walking_the_site_root_skips_its_own_pages() {
    let dir = site(&fixtures().join("book.toml"), &[&fixtures().join("ja_minutes.txt")]);
    assert!(faqbook(dir.path(), &["import", "ja_minutes.txt"]).status.success());
    fs::create_dir_all(dir.path().join("public")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("public/notes.md"), "UTokyo Account\n生成物\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let output = faqbook(dir.path(), &["import", "."]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.starts_with("1 file read: 4 cases"), "{out}");
    assert!(out.contains("pages: 0 written, 4 unchanged, 0 skipped"), "{out}");
}
