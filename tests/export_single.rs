//! `faqbook export --single-file` in a real browser: headless Chromium opens the one file from
//! `file://` (no network flags, as everywhere) and the home page shows, a FAQ opens by clicking
//! its fragment link and the back button returns, `#faq/<id>` opens that FAQ directly, and a
//! Japanese and an English `#q=` query rank their page first. Also: the file refers to nothing
//! outside itself except links written in page bodies.

mod common;

use std::path::{Path, PathBuf};

use common::{
    attribute_values, chromium_or_skip, copy_example_site, dump_dom, faqbook, file_url, repo_root, title_of,
};

fn export_single(site: &Path, out: &Path) -> String {
    faqbook().arg("--root").arg(site).args(["export", "--single-file"]).arg(out).assert().success();
    std::fs::read_to_string(out).unwrap()
}

fn english_fixture() -> PathBuf {
    repo_root().join("tests/fixtures/export/english")
}

/// Everything a single file holds, unpacked: its own text followed by the text of every
/// compressed blob of `self.FAQBOOK_OFFLINE_PACK` (base64 of zlib streams).
fn unpacked(html: &str) -> String {
    use base64::Engine;
    use std::io::Read;
    let start =
        html.find("self.FAQBOOK_OFFLINE_PACK = ").expect("a pack") + "self.FAQBOOK_OFFLINE_PACK = ".len();
    let end = start + html[start..].find(";</script>").expect("the pack's end");
    let pack: serde_json::Value = serde_json::from_str(&html[start..end]).expect("the pack is JSON");
    let mut text = html.to_string();
    for blob in pack["blobs"].as_array().expect("blobs") {
        let bytes = base64::engine::general_purpose::STANDARD.decode(blob.as_str().unwrap()).unwrap();
        flate2::read::ZlibDecoder::new(&bytes[..]).read_to_string(&mut text).expect("a zlib stream");
        text.push('\n');
    }
    text
}

/// The FAQ links of the search results list in `dom`, in rank order.
fn result_links(dom: &str) -> Vec<String> {
    let start = dom.find("data-search-results").expect("a results list");
    let list = &dom[start..dom[start..].find("</ol>").map_or(dom.len(), |end| start + end)];
    attribute_values(list, "href").into_iter().filter(|h| h.starts_with("#faq/")).collect()
}

#[test]
fn home_faq_link_back_button_and_search_work_from_file_url() {
    let Some(chromium) = chromium_or_skip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let copy = tmp.path().join("copy.html");
    let html = export_single(&site, &copy);

    let home = dump_dom(&chromium, &file_url(&copy, ""));
    assert_eq!(title_of(&home), "ヘルプデスク FAQ");
    assert!(home.contains("このオフライン版には FAQ 6 件を収録しています"), "copy note");

    // A reader's clicks: the first FAQ link of the home page, then the back button. The test
    // adds a script to its own copy of the file that clicks, goes back and writes what it saw.
    let walk = r##"<script>
      function step(fn) { setTimeout(fn, 300); }
      var seen = [];
      step(function () {
        document.querySelector('[data-offline-view="page"] a[href^="#faq/"]').click();
        step(function () {
          seen.push(location.hash, document.title, !!document.querySelector('#main #faq-title'));
          history.back();
          step(function () {
            seen.push(location.hash, document.title, !!document.querySelector('#main [data-copy-note]'));
            document.body.setAttribute('data-walk', JSON.stringify(seen));
          });
        });
      });
    </script></body>"##;
    let walked = tmp.path().join("walk.html");
    std::fs::write(&walked, html.replacen("</body>", walk, 1)).unwrap();
    let dom = dump_dom(&chromium, &file_url(&walked, ""));
    let seen =
        dom.split_once("data-walk=\"").map(|(_, rest)| rest.split('"').next().unwrap_or("")).unwrap_or("");
    let seen: Vec<serde_json::Value> =
        serde_json::from_str(&seen.replace("&quot;", "\"")).expect("the walk ran");
    assert!(seen[0].as_str().unwrap().starts_with("#faq/"), "{seen:?}");
    assert!(
        seen[1].as_str().unwrap().ends_with(" | ヘルプデスク FAQ") && seen[2] == true,
        "FAQ shown: {seen:?}"
    );
    assert_eq!(seen[3], "", "back returns to the home page: {seen:?}");
    assert_eq!(seen[4], "ヘルプデスク FAQ");
    assert_eq!(seen[5], true, "the home page's content is back");

    // A FAQ opened directly by its fragment.
    let id = "utokyo-account-719e3814";
    let dom = dump_dom(&chromium, &format!("{}#faq/{id}", file_url(&copy, "")));
    let title = std::fs::read_to_string(site.join(format!("content/{id}.md"))).unwrap();
    let title = title.lines().find_map(|l| l.strip_prefix("title: ")).unwrap().to_string();
    assert!(dom.contains(&format!("<h1 id=\"faq-title\">{title}</h1>")), "FAQ {id} is shown");
    assert_eq!(title_of(&dom), format!("{title} | ヘルプデスク FAQ"));

    // A Japanese query, kept in the fragment.
    let dom = dump_dom(
        &chromium,
        &format!("{}#q={}", file_url(&copy, ""), common::encode_component("多要素認証 メール")),
    );
    assert_eq!(result_links(&dom).first().map(String::as_str), Some("#faq/utokyo-account-719e3814"));
}

#[test]
fn english_copy_searches_and_keeps_body_links() {
    let Some(chromium) = chromium_or_skip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("copy.html");
    export_single(&english_fixture(), &copy);
    let dom = dump_dom(&chromium, &format!("{}#q=printer%20driver", file_url(&copy, "")));
    assert_eq!(result_links(&dom).first().map(String::as_str), Some("#faq/printer-driver"), "English query");
    assert!(dom.contains("FAQ pages in this offline copy: 3 (newest page: 2025-12-24)."));

    let dom = dump_dom(&chromium, &format!("{}#faq/vpn-drops", file_url(&copy, "")));
    assert!(dom.contains("href=\"#faq/printer-driver\""), "links between pages are fragments");
    assert!(dom.contains("src=\"data:image/png;base64,"), "images are inline");
    assert!(
        dom.contains("<code>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code>"),
        "code stays text"
    );
}

#[test]
fn a_page_left_out_by_a_filter_leads_to_the_not_found_page() {
    let Some(chromium) = chromium_or_skip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("resolved.html");
    faqbook()
        .arg("--root")
        .arg(english_fixture())
        .args(["export", "--status", "resolved", "--single-file"])
        .arg(&copy)
        .assert()
        .success();
    let html = unpacked(&std::fs::read_to_string(&copy).unwrap());
    assert!(html.contains("\"faq/vpn-drops\":[") && !html.contains("\"faq/printer-driver\":["));
    assert!(html.contains("FAQ pages in this offline copy: 1 (newest page: 2025-11-02)."));
    // vpn-drops links to printer-driver, which is not in this copy.
    let dom = dump_dom(&chromium, &format!("{}#faq/printer-driver", file_url(&copy, "")));
    assert!(title_of(&dom).starts_with("Page not found"), "{}", title_of(&dom));
}

/// Every URL the single file refers to stays inside it: fragments and `data:` URLs, plus the
/// `https:`/`mailto:` links authors wrote in page bodies (links, not resources). No stylesheet
/// or script is loaded from anywhere, nothing is fetched, no module script.
#[test]
fn single_file_refers_to_nothing_outside_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("copy.html");
    for site in [copy_example_site(tmp.path()), english_fixture()] {
        // Pages are JSON strings inside the file's compressed blobs: read their attributes as
        // written.
        let html = unpacked(&export_single(&site, &copy)).replace("\\\"", "\"").replace("<\\/", "</");
        let bodies: String = walkdir::WalkDir::new(site.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        for src in attribute_values(&html, "src") {
            assert!(src.starts_with("data:"), "resource {src}");
        }
        for action in attribute_values(&html, "action") {
            assert!(action.starts_with('#'), "form action {action}");
        }
        for href in attribute_values(&html, "href") {
            let inside = href.starts_with('#') || href.starts_with("mailto:");
            let body_link = (href.starts_with("https://") || href.starts_with("http://"))
                && bodies.contains(href.trim_end_matches('/').split('%').next().unwrap());
            assert!(inside || body_link, "{href} leaves the file");
        }
        let lower = html.to_ascii_lowercase();
        for resource in [
            "<link rel=\"stylesheet\"",
            "@import",
            "url(http",
            "url(//",
            "type=\"module\"",
            "fetch(",
            "<script src",
        ] {
            assert!(!lower.contains(resource), "{resource} in the single file");
        }
    }
}
