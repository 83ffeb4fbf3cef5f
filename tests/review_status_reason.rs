//! The importer's evidence for each status (`status-reason`, issue 12) reaches reviewers and
//! only them: `review.html` shows it beside each page under review; the FAQ pages readers see
//! do not. Minutes → import → build with the real binary (fixture `tests/fixtures/import-services`).
//! Re-bless the snapshot with `INSTA_UPDATE=always cargo test --test review_status_reason`.

mod import_common;

use std::fs;

use import_common::{faqbook, front_matter_value, pages, repo, stderr};

#[test]
fn review_queue_shows_each_pages_status_reason_and_faq_pages_do_not() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fixture = repo().join("tests/fixtures/import-services");
    for file in ["book.toml", "2026-07-01.txt", "2026-07-15.txt"] {
        fs::copy(fixture.join(file), dir.path().join(file)).unwrap_or_else(|e| panic!("{e}"));
    }
    let import = faqbook(dir.path(), &["import", "2026-07-01.txt", "2026-07-15.txt"]);
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    let build = faqbook(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let read = |file: String| fs::read_to_string(dir.path().join("public").join(file)).unwrap_or_default();

    let review = read("review.html".to_string());
    let list_start = review.find("<ul class=\"page-list\">").unwrap_or(0);
    let list_end = review[list_start..].find("</ul>").map_or(review.len(), |end| list_start + end + 5);
    let list = &review[list_start..list_end];
    insta::assert_snapshot!("review_unreviewed_list", list);

    let written = pages(dir.path());
    assert_eq!(written.len(), 6);
    for (name, page) in &written {
        let id = name.trim_end_matches(".md");
        let reason = front_matter_value(page, "status-reason").unwrap_or_default();
        let reason = reason.trim_matches('\'').replace("''", "'");
        assert!(reason.contains("(line "), "{name}: {reason}");
        // Beside its page: in the same list item as the link.
        let item =
            list.split("<li>").find(|item| item.contains(&format!("faq/{id}.html"))).unwrap_or_default();
        let shown =
            reason.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(item.contains(&format!("状態の根拠:</span> {shown}")), "{id}: {item}");
        let faq = read(format!("faq/{id}.html"));
        assert!(!faq.is_empty(), "{id}");
        assert!(
            !faq.contains("状態の根拠") && !faq.contains("(line "),
            "{id} shows the status reason to readers"
        );
    }
}
