//! Knowledge-base pages of the built site (tests/fixtures/knowledge): known issues and the
//! open-case counts on the home page. Re-bless the snapshot with
//! `INSTA_UPDATE=always cargo test --test knowledge_site` after a reviewed change.

mod common;

use common::site_test::SiteTest;

fn built_site() -> SiteTest {
    let site = SiteTest::fixture("knowledge");
    site.build().success();
    site
}

/// The page's `<main>` element: what the template under test produces.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap() + "</main>".len();
    &html[start..end]
}

#[test]
fn known_issues_page() {
    let site = built_site();
    let html = site.output("known-issues.html");
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
    let site = built_site();
    let home = site.output("index.html");
    assert!(home.contains("href=\"known-issues.html\""));
    let open = &home[home.find("open-heading").unwrap()..];
    let open = &open[..open.find("</section>").unwrap()];
    assert!(open.contains("UTokyo Account</a> <span class=\"count\">2件"), "{open}");
    assert!(open.contains("Microsoft 365</a> <span class=\"count\">2件"), "{open}");
    assert!(!open.contains("その他"), "{open}");
}

/// Pages of the fixture nobody has reviewed yet.
const UNREVIEWED: [(&str, &str); 3] = [
    ("account-password-mail", "パスワード再設定のメールが届かない"),
    ("m365-onedrive-sync", "OneDrive の同期が止まる"),
    ("other-printer", "研究室のプリンターで両面印刷できない"),
];

#[test]
fn review_page_and_review_marks() {
    let site = built_site();
    let review = site.output("review.html");
    let due = &review[review.find("review-due-heading").unwrap()..review.find("unreviewed-heading").unwrap()];
    // Reviewed on 2025-07-01, 162 days before the newest page (after-days = 90); the other
    // reviewed pages are recent enough.
    assert!(due.contains("faq/m365-teams-guest.html") && due.contains("前回から162日"), "{due}");
    assert!(!due.contains("account-mfa-reset") && !due.contains("account-lockout"), "{due}");
    let unreviewed = &review[review.find("unreviewed-heading").unwrap()..];
    for (id, _) in UNREVIEWED {
        assert!(unreviewed.contains(&format!("faq/{id}.html")), "{id} not listed");
    }
    assert!(site.output("index.html").contains("href=\"review.html\""));
    let reviewed = site.output("faq/account-mfa-reset.html");
    assert!(reviewed.contains("レビュー済み: <time datetime=\"2025-10-01\">2025-10-01</time> (山田)"));
    assert!(!reviewed.contains("unreviewed-note"));
    assert!(site.output("faq/other-printer.html").contains("class=\"unreviewed-note\""));
}

#[test]
fn check_warns_about_due_reviews_and_fails_with_strict() {
    let site = SiteTest::fixture("knowledge");
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--today", "2025-12-10"];
        args.extend(extra);
        site.run(&args).get_output().clone()
    };
    let plain = run(&[]);
    assert_eq!(plain.status.code(), Some(0));
    let out = String::from_utf8_lossy(&plain.stdout);
    let due: Vec<&str> = out.lines().filter(|l| l.contains("[FB061]")).collect();
    assert_eq!(due.len(), 1, "{out}");
    assert!(due[0].starts_with("site/content/m365-teams-guest.md:8:1: warning: review is due"), "{out}");
    // Thirty days later the page reviewed on 2025-10-01 is due too.
    let later = site.run(["check", "--today", "2026-01-10"]).get_output().clone();
    assert_eq!(String::from_utf8_lossy(&later.stdout).matches("[FB061]").count(), 2);
    assert_eq!(run(&["--strict"]).status.code(), Some(1));
}

#[test]
fn unreviewed_pages_are_absent_everywhere_when_excluded() {
    let site = SiteTest::fixture("knowledge");
    let toml = site.read("book.toml").replace(
        "[review]",
        "[build]\ninclude-unreviewed = false\n\n[site]\nbase-url = \"https://faq.example\"\n\n[review]",
    );
    site.write("book.toml", toml);
    site.build().success();
    let public = site.site().join("public");
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        files += 1;
        let name = entry.path().to_string_lossy().into_owned();
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        for (id, title) in UNREVIEWED {
            assert!(!name.contains(id), "{name} written");
            assert!(!text.contains(id) && !text.contains(title), "{id} appears in {name}");
        }
    }
    assert!(public.join("atom.xml").exists() && public.join("faq/account-mfa-reset.html").exists());
    let search_files = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.path().to_string_lossy().contains("search") && e.path().extension().is_some_and(|x| x == "js")
        })
        .count();
    assert!(search_files > 0, "no search index written; {files} files");
}
