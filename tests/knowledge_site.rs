//! Knowledge-base pages of the built site (tests/fixtures/knowledge): known issues and the
//! open-case counts on the home page. Re-bless the snapshot with
//! `INSTA_UPDATE=always cargo test --test knowledge_site` after a reviewed change.

mod common;

use std::path::Path;

use common::{copy_dir, faqbook, repo_root};

fn built_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("tests/fixtures/knowledge"), &tmp.path().join("site"));
    faqbook().current_dir(tmp.path()).args(["--root", "site", "build"]).assert().success();
    tmp
}

fn read(site: &Path, file: &str) -> String {
    std::fs::read_to_string(site.join("site/public").join(file)).unwrap()
}

/// The page's `<main>` element: what the template under test produces.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap() + "</main>".len();
    &html[start..end]
}

#[test]
fn known_issues_page() {
    let tmp = built_site();
    let html = read(tmp.path(), "known-issues.html");
    insta::assert_snapshot!("known_issues_html", main_of(&html));
    // Oldest first within a service; resolved and unknown cases are not listed.
    let order: Vec<usize> =
        ["account-mfa-reset", "account-password-mail", "m365-teams-guest", "m365-onedrive-sync"]
            .iter()
            .map(|id| html.find(&format!("faq/{id}.html")).unwrap())
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!html.contains("account-lockout") && !html.contains("other-printer"));
    // Ages count to the newest page (2025-12-10), not to the clock.
    assert!(html.contains("91日経過"), "2025-09-10 → 2025-12-10");
}

#[test]
fn home_links_known_issues_and_counts_open_cases() {
    let tmp = built_site();
    let home = read(tmp.path(), "index.html");
    assert!(home.contains("href=\"known-issues.html\""));
    let open = &home[home.find("open-heading").unwrap()..];
    let open = &open[..open.find("</section>").unwrap()];
    assert!(open.contains("UTokyo Account</a> <span class=\"count\">2件"), "{open}");
    assert!(open.contains("Microsoft 365</a> <span class=\"count\">2件"), "{open}");
    assert!(!open.contains("その他"), "{open}");
}
