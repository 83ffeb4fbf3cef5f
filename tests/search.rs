//! The search index and page end to end, on the hand-made pages of tests/fixtures/search/.
//!
//! `docs.json` is the input; `index/` is the golden output of `build_search_index` (re-bless
//! with `UPDATE_GOLDEN=1 cargo test --test search`), which the Node ranking tests also load.
//! The browser test builds a site in a temp dir and opens `search.html?q=…` via `file://`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use faqbook::config::Language;
use faqbook::render::templates::default_static_files;
use faqbook::search::index::{SearchDoc, build_search_index};
use faqbook::site::urls::SEARCH_PARTS;

#[derive(serde::Deserialize)]
struct FixtureDoc {
    id: String,
    title: String,
    service: String,
    service_slug: String,
    status: String,
    tags: Vec<String>,
    body_text: String,
}

/// The theme's search scripts: the helper parts (the product's list), then `search.js`.
fn search_scripts() -> Vec<&'static str> {
    SEARCH_PARTS.iter().copied().chain(["search.js"]).collect()
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search")
}

fn fixture_docs() -> Vec<SearchDoc> {
    let path = fixture_dir().join("docs.json");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs: Vec<FixtureDoc> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    docs.into_iter()
        .map(|d| SearchDoc {
            url: format!("faq/{}.html", d.id),
            id: d.id,
            title: d.title,
            service: d.service,
            service_slug: d.service_slug,
            status: d.status,
            tags: d.tags,
            body_text: d.body_text,
        })
        .collect()
}

fn fixture_index() -> Vec<(String, Vec<u8>)> {
    build_search_index(&fixture_docs(), Language::Ja).unwrap_or_else(|e| panic!("{e}"))
}

fn write_files(root: &Path, files: &[(String, Vec<u8>)]) {
    for (path, contents) in files {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        fs::write(&target, contents).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}

fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
            (rel, fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

#[test]
fn index_of_the_fixture_pages_matches_the_golden_files() {
    let golden_dir = fixture_dir().join("index");
    let files = fixture_index();
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        let _ = fs::remove_dir_all(&golden_dir);
        write_files(&golden_dir, &files);
    }
    let built: BTreeMap<String, Vec<u8>> = files.into_iter().collect();
    let golden = read_tree(&golden_dir);
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        golden.keys().collect::<Vec<_>>(),
        "file list differs from {} (UPDATE_GOLDEN=1 to re-bless)",
        golden_dir.display()
    );
    for (path, contents) in &built {
        assert!(
            golden.get(path) == Some(contents),
            "{path} differs from the golden file:\n{}",
            String::from_utf8_lossy(contents)
        );
    }
}

/// The `href`s of the result links in a dumped DOM, in order.
fn result_links(dom: &str) -> Vec<String> {
    let Some(start) = dom.find("data-search-results") else { return Vec::new() };
    let list = &dom[start..];
    let list = &list[..list.find("</ol>").unwrap_or(list.len())];
    list.split("<a ")
        .skip(1)
        .filter_map(|a| a.split("href=\"").nth(1).and_then(|h| h.split('"').next()).map(String::from))
        .collect()
}

/// A site in a temp dir: the fixture's index, `search.html` and the theme's search scripts as
/// the binary ships them (minified), plus `interaction.html`, the same page driven by
/// `interaction.js`.
fn fixture_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    write_files(site.path(), &fixture_index());
    let read =
        |path: PathBuf| fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let page = read(fixture_dir().join("search.html"));
    let driven = page.replace("</body>", "<script src=\"interaction.js\"></script>\n</body>");
    // The fixture page loads only search.js, which then loads its helper parts itself.
    let scripts = search_scripts();
    let mut files: Vec<(String, String)> = default_static_files()
        .iter()
        .filter(|(name, _)| scripts.contains(name))
        .map(|(name, bytes)| (format!("static/{name}"), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    assert_eq!(files.len(), scripts.len(), "theme scripts missing");
    files.extend(
        [
            ("interaction.js", read(fixture_dir().join("interaction.js"))),
            ("interaction.html", driven),
            ("search.html", page),
        ]
        .map(|(p, c)| (p.to_string(), c)),
    );
    let files: Vec<(String, Vec<u8>)> = files.into_iter().map(|(p, c)| (p, c.into_bytes())).collect();
    write_files(site.path(), &files);
    site
}

#[test]
fn search_page_from_file_url_ranks_the_expected_faq_first() {
    let Some(chromium) = common::chromium() else { return };
    let site = fixture_site();
    let page_path = site.path().join("search.html");

    let cases = [
        ("多要素認証 メール", "faq/utokyo-account-mfa-mail.html"),
        ("Thunderbird", "faq/microsoft-365-thunderbird.html"),
        ("ＴＨＵＮＤＥＲＢＩＲＤ", "faq/microsoft-365-thunderbird.html"),
        ("ｳｪﾋﾞﾅｰ", "faq/zoom-webinar-recording.html"),
        ("password reset", "faq/utokyo-account-password-reset.html"),
    ];
    for (query, expected) in cases {
        let url = common::file_url(&page_path, &format!("q={}", common::encode_component(query)));
        let dom = common::dump_dom(&chromium, &url);
        let links = result_links(&dom);
        assert_eq!(links.first().map(String::as_str), Some(expected), "query {query:?}: results {links:?}");
        assert!(dom.contains("<mark>"), "query {query:?}: no <mark> in results");
    }

    let url = common::file_url(&page_path, "q=img%20onerror");
    let dom = common::dump_dom(&chromium, &url);
    assert_eq!(result_links(&dom).first().map(String::as_str), Some("faq/other-html-title.html"));
    let results = &dom[dom.find("data-search-results").unwrap_or(0)..];
    let results = &results[..results.find("</ol>").unwrap_or(results.len())];
    assert!(results.contains("&lt;"), "the HTML-like title is not shown as text: {results}");
    assert!(
        !results.contains("<img") && !results.contains("<script") && !results.contains("<b>"),
        "{results}"
    );

    let url = common::file_url(&page_path, "q=Thunderbird&status=resolved");
    let links = result_links(&common::dump_dom(&chromium, &url));
    assert_eq!(links, ["faq/microsoft-365-outlook-send.html"], "status filter");

    let url = common::file_url(&page_path, "q=xyzzy");
    let dom = common::dump_dom(&chromium, &url);
    assert!(result_links(&dom).is_empty());
    assert!(dom.contains("tags/index.html"), "no-results message should link the tag index");

    // A query of which only a generic word matches: the closest pages, under "nothing answers".
    let url = common::file_url(&page_path, &format!("q={}", common::encode_component("設定 xyzzy")));
    let dom = common::dump_dom(&chromium, &url);
    assert!(dom.contains("data-search-confidence=\"low\""), "{dom}");
    assert!(dom.contains("該当する FAQ は見つかりませんでした。近いページ:"), "{dom}");
    let url = common::file_url(&page_path, &format!("q={}", common::encode_component("多要素認証 メール")));
    assert!(common::dump_dom(&chromium, &url).contains("data-search-confidence=\"high\""));
}

#[test]
fn typing_searches_updates_the_url_and_the_keyboard_reaches_the_results() {
    let Some(chromium) = common::chromium() else { return };
    let site = fixture_site();
    let dom = common::dump_dom(&chromium, &common::file_url(&site.path().join("interaction.html"), ""));
    let log = dom.split("<pre id=\"interaction-log\">").nth(1).and_then(|s| s.split("</pre>").next());
    assert_eq!(
        log,
        Some(
            "slash-focuses=true\nurl-query=ｳｪﾋﾞﾅｰ\nfirst=faq/zoom-webinar-recording.html\n\
             arrow-focuses-first=true\nfacets-before-filter=false\nstatus-options=すべての状態 (2)|解決済み (0)|担当部署へ引き継ぎ (1)|未解決 (1)|結果不明 (0)\n"
        ),
        "{dom}"
    );
}
