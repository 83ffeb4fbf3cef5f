//! The single-file copy's compressed pack in a real browser (headless Chromium from `file://`):
//! on a site big enough for many blobs, a page and a search result that live in late blobs
//! open, while the file itself holds no page text in the clear; and a browser without
//! `DecompressionStream` still shows the home page and says why other pages cannot open.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{chromium_or_skip, dump_dom, faqbook, file_url, title_of};

const PAGES: usize = 400;

/// A word only page `n` contains (letters only, so every tokenizer keeps it whole).
fn marker(n: usize) -> String {
    let letters: String = [n / 676, n / 26 % 26, n % 26].iter().map(|&d| (b'a' + d as u8) as char).collect();
    format!("zq{letters}")
}

/// An English site of [`PAGES`] pages of about 1.5 KB each.
fn big_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::write(
        site.join("book.toml"),
        "[book]\nlanguage = \"en\"\ntitle = \"Packed\"\n\n[[services]]\nname = \"VPN\"\nslug = \"vpn\"\n",
    )
    .unwrap();
    for n in 0..PAGES {
        let mut body = String::new();
        for line in 0..12 {
            writeln!(body, "Step {line}: restart the client {n} times and check the network settings again.")
                .unwrap();
        }
        let page = format!(
            "---\nid: page-{n:04}\ntitle: Client problem number {n}\nservice: VPN\ntags: [network]\nstatus: resolved\n\
             date: 2025-11-02\nreviewed: true\n---\n## Question\n\nThe client fails with code {m}.\n\n## Answer\n\n{body}",
            m = marker(n)
        );
        std::fs::write(site.join(format!("content/page-{n:04}.md")), page).unwrap();
    }
    site
}

fn export(site: &Path, out: &Path) -> String {
    faqbook().arg("--root").arg(site).args(["export", "--single-file"]).arg(out).assert().success();
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn pages_and_search_results_in_late_blobs_open_and_no_page_is_stored_in_the_clear() {
    let Some(chromium) = chromium_or_skip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("copy.html");
    let html = export(&big_site(tmp.path()), &copy);
    let last = PAGES - 1;
    assert!(!html.contains(&marker(last)) && !html.contains("restart the client"), "page text is compressed");

    let dom = dump_dom(&chromium, &format!("{}#faq/page-{last:04}", file_url(&copy, "")));
    assert_eq!(title_of(&dom), format!("Client problem number {last} | Packed"));
    assert!(dom.contains(&marker(last)), "the page's body is shown");

    let dom = dump_dom(&chromium, &format!("{}#services/vpn", file_url(&copy, "")));
    assert!(dom.contains("href=\"#faq/page-0000\""), "a listing opens");

    for n in [0, 217, last] {
        let dom = dump_dom(&chromium, &format!("{}#q={}", file_url(&copy, ""), marker(n)));
        let start = dom.find("data-search-results").expect("a results list");
        assert!(dom[start..].contains(&format!("href=\"#faq/page-{n:04}\"")), "search finds page {n}");
    }
}

#[test]
fn a_browser_without_decompression_stream_shows_home_and_says_why_pages_do_not_open() {
    let Some(chromium) = chromium_or_skip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("copy.html");
    let html = export(&common::repo_root().join("tests/fixtures/export/english"), &copy);
    let old = tmp.path().join("old.html");
    std::fs::write(
        &old,
        html.replacen("<head>", "<head><script>delete self.DecompressionStream;</script>", 1),
    )
    .unwrap();

    let dom = dump_dom(&chromium, &file_url(&old, ""));
    assert!(dom.contains("FAQ pages in this offline copy: 3"), "the home page needs no unpacking");
    let dom = dump_dom(&chromium, &format!("{}#faq/vpn-drops", file_url(&old, "")));
    let view = &dom[dom.find("data-offline-view=\"page\"").expect("the page view")..];
    // The view's content, not its data-unsupported attribute.
    let shown = &view[view.find('>').unwrap() + 1..];
    assert!(shown.starts_with("This browser cannot open the pages of this offline copy"), "{shown:.300}");
}
