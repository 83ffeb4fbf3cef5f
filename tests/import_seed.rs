//! The example site: `content/` is the output of `faqbook import seeds/`. Golden pages for the
//! seed minutes (insta snapshots, reviewed by eye) and a re-import that must change nothing.

mod import_common;

use std::fs;

use import_common::{copy_into, faqbook, front_matter_value, pages, repo, site, stderr, stdout};

fn imported_seed() -> (tempfile::TempDir, std::process::Output) {
    let dir = site(&repo().join("book.toml"), &[&repo().join("seeds")]);
    let output = faqbook(dir.path(), &["import", "seeds/"]);
    (dir, output)
}

#[test]
fn seed_gives_the_six_expected_cases() {
    let (dir, output) = imported_seed();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "the seed should import without warnings");
    let mut found: Vec<(String, String)> = pages(dir.path())
        .iter()
        .map(|(_, page)| {
            let service = front_matter_value(page, "service").unwrap_or_default().to_string();
            let status = front_matter_value(page, "status").unwrap_or_default().to_string();
            (service, status)
        })
        .collect();
    found.sort();
    let expected = [
        ("ECCS クラウドメール (Google Workspace)", "unknown"),
        ("Microsoft 365 (Office)", "resolved"),
        ("UTokyo Account", "resolved"),
        ("UTokyo Account", "resolved"),
        ("UTokyo Account", "unresolved"),
        ("その他", "resolved"),
    ];
    let expected: Vec<(String, String)> =
        expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(found, expected);
}

#[test]
fn seed_titles_state_the_problem() {
    let (dir, _) = imported_seed();
    let titles: Vec<String> = pages(dir.path())
        .iter()
        .map(|(_, p)| front_matter_value(p, "title").unwrap_or_default().to_string())
        .collect();
    // The thin-client case: not the context sentence about who asked.
    assert!(
        titles.iter().any(|t| t.contains("シンクライアント") && t.contains("多要素認証を有効にした")),
        "{titles:?}"
    );
    assert!(!titles.iter().any(|t| t.contains("Zendeskにて問い合わせられていた方")), "{titles:?}");
    assert!(titles.iter().all(|t| t.chars().count() <= 90), "{titles:?}");
}

#[test]
fn no_seed_line_appears_twice_in_a_page() {
    let (dir, _) = imported_seed();
    for (name, page) in pages(dir.path()) {
        let body = page.split("\n---\n").nth(1).unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        for line in body.lines().filter(|l| l.chars().count() > 8) {
            assert!(seen.insert(line), "{name}: repeated line {line:?}");
        }
    }
}

#[test]
fn seed_pages_match_the_golden_snapshots() {
    let (dir, _) = imported_seed();
    let pages = pages(dir.path());
    assert_eq!(pages.len(), 6);
    for (name, page) in pages {
        insta::assert_snapshot!(name.trim_end_matches(".md").to_string(), page);
    }
}

#[test]
fn reimporting_the_seeds_into_the_example_site_changes_nothing() {
    let dir = site(&repo().join("book.toml"), &[&repo().join("seeds"), &repo().join("content")]);
    let before = pages(dir.path());
    assert_eq!(before.len(), 6, "content/ should hold the six imported pages");
    let output = faqbook(dir.path(), &["import", "seeds/"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("pages: 0 written, 6 unchanged, 0 skipped"), "{}", stdout(&output));
    assert_eq!(pages(dir.path()), before, "re-import changed content/");
}

#[test]
fn importing_twice_is_byte_identical_and_reports_unchanged() {
    let (dir, _) = imported_seed();
    let first = pages(dir.path());
    let again = faqbook(dir.path(), &["import", "seeds/"]);
    assert!(stdout(&again).contains("0 written, 6 unchanged"), "{}", stdout(&again));
    assert_eq!(pages(dir.path()), first);
    // A copy of the seed elsewhere gives the same ids: they come from the cases, not the run.
    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::copy(repo().join("book.toml"), other.path().join("book.toml")).unwrap_or_else(|e| panic!("{e}"));
    copy_into(&repo().join("seeds"), other.path());
    faqbook(other.path(), &["import", "seeds"]);
    let names = |p: Vec<(String, String)>| p.into_iter().map(|(n, _)| n).collect::<Vec<_>>();
    assert_eq!(names(pages(other.path())), names(first));
}

#[test]
fn seed_page_bodies_have_only_the_section_headings_and_no_html() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (dir, _) = imported_seed();
    for (name, page) in pages(dir.path()) {
        let body = page.splitn(3, "---\n").nth(2).unwrap_or_default();
        let mut headings = Vec::new();
        let mut in_heading = false;
        for event in Parser::new(body) {
            match event {
                Event::Html(html) | Event::InlineHtml(html) => panic!("{name}: raw HTML {html:?}"),
                Event::Start(Tag::Heading { .. }) => {
                    in_heading = true;
                    headings.push(String::new());
                }
                Event::End(TagEnd::Heading(_)) => in_heading = false,
                Event::Text(text) if in_heading => {
                    if let Some(h) = headings.last_mut() {
                        h.push_str(&text);
                    }
                }
                _ => {}
            }
        }
        let allowed = ["問い合わせ", "対応", "経過", "ミーティングでのコメント"];
        assert!(headings.iter().all(|h| allowed.contains(&h.as_str())), "{name}: {headings:?}");
        assert_eq!(headings.first().map(String::as_str), Some("問い合わせ"), "{name}");
    }
}
