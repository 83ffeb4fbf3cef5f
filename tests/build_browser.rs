//! A real browser on the built example site, opened from disk (`file://`): home → service →
//! FAQ → tag → status and back home, each page loading with its title. Headless Chromium dumps
//! each page's DOM; the walk follows hrefs found in that DOM, as a reader's clicks would.

mod common;

use std::path::{Path, PathBuf};

use common::{attribute_values, chromium_or_skip, copy_dir, dump_dom, faqbook, repo_root};

fn title_of(dom: &str) -> String {
    let start = dom.find("<title>").map(|i| i + "<title>".len()).unwrap_or(0);
    let end = dom[start..].find("</title>").map_or(start, |i| start + i);
    dom[start..end].to_string()
}

/// Follows the first link of `dom` (found in the page at `current`) whose href contains
/// `needle`, and returns the target file.
fn follow(current: &Path, dom: &str, needle: &str) -> PathBuf {
    let href = attribute_values(dom, "href")
        .into_iter()
        .find(|h| h.contains(needle))
        .unwrap_or_else(|| panic!("no link containing {needle} on {}", current.display()));
    let target = current.parent().unwrap().join(href.split('#').next().unwrap());
    let target = target.canonicalize().unwrap_or_else(|e| panic!("{href} from {}: {e}", current.display()));
    assert!(target.is_file(), "{href} is not a file");
    target
}

#[test]
fn walk_the_site_from_disk() {
    let Some(chromium) = chromium_or_skip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::copy(repo_root().join("book.toml"), site.join("book.toml")).unwrap();
    copy_dir(&repo_root().join("content"), &site.join("content"));
    let dest = tmp.path().join("out");
    faqbook().arg("--root").arg(&site).arg("build").arg("--dest").arg(&dest).assert().success();

    let site_title = "ヘルプデスク FAQ";
    let visit = |path: &Path, expected_title: &dyn Fn(&str) -> bool| -> String {
        let dom = dump_dom(&chromium, &format!("file://{}", path.display()));
        let title = title_of(&dom);
        assert!(expected_title(&title), "unexpected title {title:?} on {}", path.display());
        assert!(dom.contains("<main id=\"main\""), "{} has no main landmark", path.display());
        dom
    };

    let home = dest.join("index.html").canonicalize().unwrap();
    let dom = visit(&home, &|t| t == site_title);
    let service = follow(&home, &dom, "services/utokyo-account.html");
    let dom = visit(&service, &|t| t == format!("UTokyo Account | {site_title}"));
    let faq = follow(&service, &dom, "faq/");
    let dom = visit(&faq, &|t| t.ends_with(&format!(" | {site_title}")) && t.len() > site_title.len() + 3);
    let tag = follow(&faq, &dom, "tags/mfa.html");
    let dom = visit(&tag, &|t| t == format!("多要素認証 | {site_title}"));
    let faq_again = follow(&tag, &dom, "faq/");
    let dom = visit(&faq_again, &|t| t.ends_with(site_title));
    let status = follow(&faq_again, &dom, "status/");
    let dom = visit(&status, &|t| {
        ["解決済み", "担当部署へ引き継ぎ", "未解決", "結果不明"].iter().any(|s| t.starts_with(s))
    });
    let back = follow(&status, &dom, "index.html");
    assert_eq!(back, home, "the header leads back home");
    visit(&back, &|t| t == site_title);
}
