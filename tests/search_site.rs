//! Search on the real example site: `faqbook build` writes the index, and `search.html?q=…`
//! opened via `file://` in headless Chromium ranks the expected FAQ first. Expected pages are
//! found by what their titles say, not by id, so re-importing the seed cannot break the test
//! silently.

mod common;

use std::fs;
use std::path::Path;

use faqbook::site::urls::{SEARCH_PARTS, SEARCH_PARTS_JOINED};

use common::{attribute_values, chromium_or_skip, copy_dir, dump_dom, encode_component, faqbook, file_url};

/// Copies the example site (book.toml, content/) into a temp dir, adds `extra` pages, builds.
fn build_example_site(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = common::repo_root();
    fs::copy(root.join("book.toml"), dir.path().join("book.toml")).unwrap();
    copy_dir(&root.join("content"), &dir.path().join("content"));
    for (name, text) in extra {
        fs::write(dir.path().join("content").join(name), text).unwrap();
    }
    faqbook().arg("--root").arg(dir.path()).args(["build", "--quiet"]).assert().success();
    dir
}

/// `faq/<id>.html` of the one content page whose title contains every fragment.
fn page_titled(site: &Path, fragments: &[&str]) -> String {
    let mut found = Vec::new();
    for entry in fs::read_dir(site.join("content")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let title = text.lines().find_map(|l| l.strip_prefix("title: ")).unwrap_or_default();
        if fragments.iter().all(|f| title.contains(f)) {
            found.push(format!("faq/{}.html", path.file_stem().unwrap().to_string_lossy()));
        }
    }
    assert_eq!(found.len(), 1, "exactly one page should have a title containing {fragments:?}: {found:?}");
    found.remove(0)
}

fn results(chromium: &Path, site: &Path, query: &str) -> (String, Vec<String>) {
    let url = file_url(&site.join("public/search.html"), &format!("q={}", encode_component(query)));
    let dom = dump_dom(chromium, &url);
    let list_start = dom.find("data-search-results").unwrap_or_else(|| panic!("no results list for {query}"));
    let list = &dom[list_start..dom[list_start..].find("</ol>").map_or(dom.len(), |end| list_start + end)];
    let links = attribute_values(list, "href").into_iter().filter(|h| h.starts_with("faq/")).collect();
    (dom, links)
}

#[test]
fn example_site_search_ranks_the_expected_faq_first_from_file_url() {
    let Some(chromium) = chromium_or_skip() else { return };
    let site = build_example_site(&[]);
    let thin_client = page_titled(site.path(), &["シンクライアント"]);
    let mfa_mail = page_titled(site.path(), &["多要素認証", "メールアドレス"]);
    let web_meeting = page_titled(site.path(), &["Web会議"]);
    let cases = [
        ("多要素認証 メール", &mfa_mail),
        ("Thunderbird", &thin_client),
        ("ＴＨＵＮＤＥＲＢＩＲＤ", &thin_client),
        ("ｳｪﾋﾞﾅｰ", &web_meeting),
    ];
    for (query, expected) in cases {
        let (_, links) = results(&chromium, site.path(), query);
        assert_eq!(links.first(), Some(expected), "query {query:?} ranked {links:?}");
    }
}

#[test]
fn titles_from_the_index_are_shown_as_text_never_as_html() {
    let Some(chromium) = chromium_or_skip() else { return };
    let page = "---\nid: other-xss\ntitle: \"<img src=x onerror=alert(1)> ウェビナーの罠\"\nservice: その他\n\
                status: unknown\n---\n\n## 問い合わせ\n<script>alert(2)</script> ウェビナー\n";
    let site = build_example_site(&[("other-xss.md", page)]);
    let (dom, links) = results(&chromium, site.path(), "ウェビナーの罠");
    assert_eq!(links.first().map(String::as_str), Some("faq/other-xss.html"), "{links:?}");
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "title must be escaped text");
    assert!(!dom.contains("<img src=\"x\""), "no live <img> from the index");
    assert!(!dom.contains("<script>alert(2)"), "no live <script> from the index");
}

#[test]
fn build_writes_the_index_and_every_page_loads_search_js() {
    let site = build_example_site(&[]);
    let public = site.path().join("public");
    assert!(public.join("search/meta.js").is_file());
    let search = fs::read_to_string(public.join("search.html")).unwrap();
    assert!(search.contains("data-faqbook-search-index"), "search.html loads the index");
    // The helper parts are published one by one (a theme's own search.html may link them) and
    // joined in order, byte for byte, into the one file the search page loads before search.js:
    // one request instead of six, and not one byte more.
    let mut joined = Vec::new();
    for part in SEARCH_PARTS {
        assert!(public.join("static").join(part).is_file(), "{part} is published");
        assert!(
            !search.contains(&format!("static/{part}")),
            "search.html loads {part} inside {SEARCH_PARTS_JOINED}"
        );
        joined.extend(fs::read(public.join("static").join(part)).unwrap());
    }
    assert_eq!(fs::read(public.join("static").join(SEARCH_PARTS_JOINED)).unwrap(), joined);
    let at = search.find(&format!("static/{SEARCH_PARTS_JOINED}")).unwrap_or(usize::MAX);
    assert!(
        at < search.find("static/search.js").unwrap_or(0),
        "search.html loads the parts before search.js"
    );
    for page in ["index.html", &page_titled(site.path(), &["Web会議"])] {
        let html = fs::read_to_string(public.join(page)).unwrap();
        assert!(html.contains("static/search.js"), "{page} loads search.js for the `/` shortcut");
    }
}

/// The JSON payload of a data script (`(self.FAQBOOK_SEARCH_DATA=…).push([kind, …]);`).
fn data_record(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap();
    let json = text.split_once(".push(").map(|(_, rest)| rest.trim_end().trim_end_matches(");")).unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn search_labels_and_format_version_come_from_the_build_not_from_search_js() {
    let dir = build_example_site(&[]);
    let public = dir.path().join("public");
    let meta = data_record(&public.join("search/meta.js"));
    let meta = &meta[1];
    // Every status a result can show has the label its FAQ pages show.
    let labels = meta["statusLabels"].as_object().unwrap();
    assert_eq!(labels.len(), meta["statuses"].as_array().unwrap().len());
    for entry in fs::read_dir(public.join("faq")).unwrap() {
        let html = fs::read_to_string(entry.unwrap().path()).unwrap();
        let status = ["resolved", "escalated", "unresolved", "unknown"]
            .into_iter()
            .find(|s| html.contains(&format!("status/{s}.html")))
            .unwrap();
        let label = labels[status].as_str().unwrap();
        assert!(html.contains(label), "page of status {status} does not show {label:?}");
    }
    // The page names the format version meta.js was written with.
    let search_page = fs::read_to_string(public.join("search.html")).unwrap();
    let version = meta["version"].as_u64().unwrap();
    assert!(search_page.contains(&format!("data-faqbook-search-version=\"{version}\"")), "{search_page}");
    // The search scripts restate none of them.
    let script: String = SEARCH_PARTS
        .iter()
        .chain(&["search.js"])
        .map(|name| fs::read_to_string(public.join("static").join(name)).unwrap())
        .collect();
    for label in labels.values() {
        assert!(!script.contains(label.as_str().unwrap()), "search.js restates {label}");
    }
    assert!(!script.contains("version !=="), "search.js compares the version with a number of its own");
    assert!(!script.contains("maxTokenChars ||"), "search.js has a token limit of its own");
}
