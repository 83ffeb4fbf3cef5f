//! `faqbook export --single-file` in a real browser: headless Chromium opens the one file from
//! `file://` (no network flags, as everywhere) and the home page shows, a FAQ opens by clicking
//! its fragment link and the back button returns, `#faq/<id>` opens that FAQ directly, and a
//! Japanese and an English `#q=` query rank their page first. Also: the file refers to nothing
//! outside itself except links written in page bodies.

mod common;

use std::path::{Path, PathBuf};

use common::site_test::SiteTest;
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

/// Raw HTML of a trusted page is rendered with the single file's links, whatever its quotes,
/// attribute order or line breaks: a page link becomes its route, a content file its `data:` URL;
/// the built site keeps it as written.
#[test]
fn raw_html_links_are_routes_and_inline_files_in_the_single_file() {
    let site = SiteTest::fixture("export/english");
    let config = site.read("book.toml");
    site.write("book.toml", format!("[build]\nallow-html = true\n\n{config}"));
    let page = site.read("content/vpn-drops.md");
    let raw = "\n<p class=raw><a title='t' href='printer-driver.html#step'>printer</a>\n<img alt=''\n src=\"../assets/dot.png\"></p>\n\nInline <a href=vpn-password.html>password</a>.\n";
    site.write("content/vpn-drops.md", format!("{page}{raw}"));
    site.build().success();
    let built = site.output("faq/vpn-drops.html");
    assert!(built.contains("href='printer-driver.html#step'") && built.contains("src=\"../assets/dot.png\""));

    site.run(["export", "--single-file", "copy.html"]).success();
    let html = std::fs::read_to_string(site.beside("copy.html")).unwrap();
    // Pages are JSON strings inside the compressed blobs: read them as written.
    let html = unpacked(&html).replace("\\\"", "\"").replace("<\\/", "</").replace("\\n", "\n");
    assert!(html.contains("<a title='t' href=\"#faq/printer-driver\">printer</a>"), "raw block link");
    assert!(html.contains("<img alt='' src=\"data:image/png;base64,"), "raw image inline");
    assert!(html.contains("<a href=\"#faq/vpn-password\">password</a>"), "raw inline link");
    assert!(!html.contains("href='printer-driver.html") && !html.contains("../assets/dot.png"));
}

/// Every URL `html` refers to that leaves the file, read by an HTML parser (any quoting and
/// attribute order): anything but fragments and `data:` URLs, and the `https:`/`mailto:`
/// links authors wrote in page bodies (`bodies`; links, not resources).
fn urls_leaving(html: &str, bodies: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let mut leaving = Vec::new();
    for element in document.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        for (name, value) in element.value().attrs() {
            if !matches!(name, "href" | "src" | "action" | "srcset" | "poster" | "data" | "formaction") {
                continue;
            }
            let inside = value.starts_with('#') || value.starts_with("data:") || value.is_empty();
            let link = element.value().name() == "a"
                && (value.starts_with("mailto:")
                    || ((value.starts_with("https://") || value.starts_with("http://"))
                        && bodies.contains(value.trim_end_matches('/').split('%').next().unwrap())));
            if !inside && !link {
                leaving.push(format!("<{} {name}={value}>", element.value().name()));
            }
        }
    }
    leaving
}

/// The Markdown of every page of `site`.
fn page_sources(site: &Path) -> String {
    walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
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
        assert_eq!(urls_leaving(&html, &page_sources(&site)), Vec::<String>::new());
        assert!(attribute_values(&html, "href").iter().any(|h| h.starts_with("#faq/")), "page links");
        let lower = html.to_ascii_lowercase();
        for resource in ["@import", "url(http", "url(//", "type=\"module\"", "fetch("] {
            assert!(!lower.contains(resource), "{resource} in the single file");
        }
    }
}

/// A theme's own templates may write their links with single quotes, in any attribute order and
/// with static files of their own: they get their URLs from the build (`root`, `paths`,
/// `assets`), so the single file still refers to nothing outside itself, and its search (whose
/// script the theme loads its own way) still answers.
#[test]
fn a_theme_with_its_own_markup_still_makes_a_self_contained_file() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(&english_fixture(), &site);
    let theme = site.join("themes/default");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::write(theme.join("static/logo.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap();
    std::fs::write(theme.join("templates/base.html"), OWN_BASE).unwrap();
    let copy = tmp.path().join("copy.html");
    let html = export_single(&site, &copy);
    let unpacked = unpacked(&html).replace("\\\"", "\"").replace("<\\/", "</");
    assert_eq!(urls_leaving(&unpacked, &page_sources(&site)), Vec::<String>::new());
    assert!(
        html.contains("<link media='all' href='data:text/css;charset=utf-8;base64,"),
        "stylesheet inline"
    );
    assert!(html.contains("<img alt='' src='data:image/svg+xml;charset=utf-8;base64,"), "theme image inline");
    assert!(html.contains("<a class='home' href='#home'>"), "links are routes");

    let Some(chromium) = chromium_or_skip() else { return };
    let dom = dump_dom(&chromium, &format!("{}#q=printer%20driver", file_url(&copy, "")));
    assert_eq!(result_links(&dom).first().map(String::as_str), Some("#faq/printer-driver"), "search runs");
}

/// A base template written its own way: single quotes, attributes in another order, a static
/// file of its own, the search script without `defer`, an output file name after `root`.
const OWN_BASE: &str = r#"<!DOCTYPE html>
<html lang='{{ site.lang }}'>
<head>
<meta charset='utf-8'>
<title>{% block title %}{{ site.title }}{% endblock title %}</title>
<meta content='{% block description %}{{ site.description }}{% endblock description %}' name='description'>
<link media='all' href='{{ assets["style.css"] }}' rel='stylesheet'>
<link type='text/css' href='{{ assets["highlight.css"] }}' rel='stylesheet'>
<link href='{{ assets["logo.svg"] }}' rel='icon'>
</head>
<body>
<nav><a class='home' href='{{ root }}{{ paths.home }}'>{{ t.home }}</a> <a href='{{ root }}tags/index.html'>{{ t.all_tags }}</a></nav>
<form method='get' action='{{ root }}{{ paths.search }}' role='search'><input name='q' type='search'></form>
<main tabindex='-1' id='main'>
{% block content %}{% endblock content %}
</main>
<footer><img alt='' src='{{ assets["logo.svg"] }}'></footer>
{% block scripts %}{% endblock scripts %}
<script src='{{ assets["search.js"] }}'></script>
</body>
</html>
"#;

/// A theme page template may use a static file of its own inside `<main>` (here every FAQ page
/// shows a badge): the single file holds the file once, whichever pages use it, and a page
/// shown from the pack has its `data:` URL.
#[test]
fn a_static_file_used_inside_a_page_reaches_the_single_file_once() {
    let site = SiteTest::fixture("export/english");
    let badge = "<svg xmlns='http://www.w3.org/2000/svg' data-badge='1'/>";
    site.write("themes/default/static/badge.svg", badge);
    let faq = std::fs::read_to_string(repo_root().join("themes/default/templates/faq.html")).unwrap();
    let h1 = "<h1 id=\"faq-title\">{{ faq.title }}</h1>";
    assert!(faq.contains(h1), "the default FAQ template's heading");
    let with_badge =
        faq.replace(h1, &format!("{h1}<img class='badge' alt='' src='{{{{ assets[\"badge.svg\"] }}}}'>"));
    site.write("themes/default/templates/faq.html", with_badge);
    site.run(["export", "--single-file", "copy.html"]).success();
    let copy = site.beside("copy.html");
    let html = std::fs::read_to_string(&copy).unwrap();
    let badge_url = {
        use base64::Engine;
        format!(
            "data:image/svg+xml;charset=utf-8;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(badge)
        )
    };
    assert_eq!(html.matches(&badge_url).count(), 1, "three FAQ pages use the badge; the file holds it once");

    let Some(chromium) = chromium_or_skip() else { return };
    let dom = dump_dom(&chromium, &format!("{}#faq/vpn-drops", file_url(&copy, "")));
    assert!(dom.contains(&format!("<img class=\"badge\" alt=\"\" src=\"{badge_url}\">")), "badge shown");
}
