//! Shared helpers for integration tests: copying fixture sites, running the binary, reading
//! output folders, and driving headless Chromium. Each test crate uses only some of them.
#![allow(dead_code)]

pub mod site_test;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Copies this repository's example site (book.toml and content/) to `<dir>/site`; returns it.
pub fn copy_example_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::copy(repo_root().join("book.toml"), site.join("book.toml")).unwrap();
    copy_dir(&repo_root().join("content"), &site.join("content"));
    site
}

/// A `faqbook` command for the binary under test.
pub fn faqbook() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("faqbook").unwrap()
}

/// Every file under `dir` by `/`-separated relative path, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Chromium to drive (`$CHROMIUM`, else `chromium` on PATH), or `None` after printing a visible
/// skip line. Under `CI=true` a missing browser fails the test instead, so CI cannot pass
/// without running it.
pub fn chromium_or_skip() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM").map(PathBuf::from).filter(|p| p.is_file()) {
        return Some(path);
    }
    require_tool("chromium", "sudo apt-get install -y chromium")
}

/// Same as `chromium_or_skip` (the name the search tests use).
pub fn chromium() -> Option<PathBuf> {
    chromium_or_skip()
}

/// Finds `program` on PATH, or reports it missing: `None` locally (after printing the SKIPPED
/// line with `install_hint`), a panic under `CI=true`.
pub fn require_tool(program: &str, install_hint: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|dir| dir.join(program)).find(|p| p.is_file()));
    match found.flatten() {
        Some(path) => Some(path),
        None if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("{program} not found (required under CI=true); install with: {install_hint}")
        }
        None => {
            // Written to the stderr handle, not with eprintln!, which the test harness captures
            // (and hides) for passing tests.
            let _ = writeln!(std::io::stderr(), "SKIPPED: {program} not found; install with: {install_hint}");
            None
        }
    }
}

/// The DOM of `url` after scripts ran, as serialised by headless Chromium.
pub fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=5000", "--dump-dom", url])
        .output()
        .unwrap();
    assert!(output.status.success(), "chromium failed on {url}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Values of every `attr="…"` in an HTML text (double-quoted attributes, as the theme writes).
pub fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

/// What a URL path keeps as it is: the unreserved characters and `/`.
const PATH_KEEPS: &percent_encoding::AsciiSet = &faqbook::site::urls::UNRESERVED_ONLY.remove(b'/');

/// A `file://` URL for an absolute path, percent-encoding what a URL cannot hold.
pub fn file_url(path: &Path, query: &str) -> String {
    let path = path.to_string_lossy();
    let mut url = format!("file://{}", percent_encoding::utf8_percent_encode(&path, PATH_KEEPS));
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    url
}

/// Percent-encodes a query parameter value (UTF-8), keeping only the unreserved characters.
pub fn encode_component(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, faqbook::site::urls::UNRESERVED_ONLY).to_string()
}

/// The text of a page's `<title>`.
pub fn title_of(dom: &str) -> String {
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

/// Walks the example site (this repository's book.toml and content/) built or extracted with
/// `index` as its home page, from disk: home → service → FAQ → tag → FAQ → status → home, each
/// page loading with its title. Links are followed as found in each page's DOM, as a reader's
/// clicks would.
pub fn walk_example_site(chromium: &Path, index: &Path) {
    let site_title = "ヘルプデスク FAQ";
    let visit = |path: &Path, expected_title: &dyn Fn(&str) -> bool| -> String {
        let dom = dump_dom(chromium, &format!("file://{}", path.display()));
        let title = title_of(&dom);
        assert!(expected_title(&title), "unexpected title {title:?} on {}", path.display());
        assert!(dom.contains("<main id=\"main\""), "{} has no main landmark", path.display());
        dom
    };

    let home = index.canonicalize().unwrap();
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

/// Every XML file of a built folder parses; no output file holds a control character.
pub fn assert_clean_outputs(dir: &Path) {
    for (name, bytes) in read_tree(dir) {
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".png") {
            continue;
        }
        assert!(
            !text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
            "{name} has a control character"
        );
        if name.ends_with(".xml") {
            let mut reader = quick_xml::Reader::from_str(&text);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{name} is not well-formed XML: {e}"),
                }
            }
        }
    }
}
