//! `faqbook build` on a copy of the repository's example site (book.toml, content/, themes/):
//! every page is produced, every relative link resolves to a file, two builds are identical,
//! a failed build leaves the previous output intact, and nothing is written outside the output.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{attribute_values, copy_dir, faqbook, read_tree, repo_root};

/// A copy of the example site in `<tmp>/site`.
fn example_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::copy(repo_root().join("book.toml"), site.join("book.toml")).unwrap();
    for folder in ["content", "themes"] {
        if repo_root().join(folder).is_dir() {
            copy_dir(&repo_root().join(folder), &site.join(folder));
        }
    }
    tmp
}

fn build(tmp: &Path, dest: &Path) -> assert_cmd::assert::Assert {
    faqbook().current_dir(tmp).arg("--root").arg("site").arg("build").arg("--dest").arg(dest).assert()
}

#[test]
fn every_page_kind_is_produced() {
    let tmp = example_site();
    let dest = tmp.path().join("out");
    build(tmp.path(), &dest).success();
    let tree = read_tree(&dest);
    let pages = std::fs::read_dir(tmp.path().join("site/content")).unwrap().count();
    assert_eq!(tree.keys().filter(|p| p.starts_with("faq/")).count(), pages);
    for required in [
        "index.html",
        "search.html",
        "404.html",
        "tags/index.html",
        "static/style.css",
        "static/highlight.css",
    ] {
        assert!(tree.contains_key(required), "{required} missing");
    }
    for status in ["resolved", "escalated", "unresolved", "unknown"] {
        assert!(tree.contains_key(&format!("status/{status}.html")), "{status}");
    }
    for service in ["eccs-cloud-mail", "utokyo-account", "microsoft-365", "other"] {
        assert!(tree.contains_key(&format!("services/{service}.html")), "{service}");
    }
    assert!(tree.keys().all(|p| p.is_ascii()), "output paths are ASCII");
    let search = String::from_utf8_lossy(&tree["search.html"]).into_owned();
    assert!(
        search.contains("name=\"q\"")
            && search.contains("data-search-results")
            && search.contains("<noscript>")
    );
}

/// Resolves a relative URL found in `from` (a path relative to the site root) to a file path.
fn resolve(site: &Path, from: &str, url: &str) -> Option<PathBuf> {
    let path = url.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    let mut target = site.join(from);
    target.pop();
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                target.pop();
            }
            other => target.push(other),
        }
    }
    Some(target)
}

#[test]
fn every_relative_link_resolves_to_a_file() {
    let tmp = example_site();
    let dest = tmp.path().join("out");
    build(tmp.path(), &dest).success();
    let mut checked = 0;
    for (path, bytes) in read_tree(&dest).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for url in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
            .chain(attribute_values(&html, "action"))
        {
            if url.contains("://") || url.starts_with("mailto:") || url.starts_with('#') {
                continue;
            }
            assert!(!url.starts_with('/'), "{path}: absolute link {url}");
            assert!(
                !url.split(['#', '?']).next().unwrap_or("").ends_with('/'),
                "{path}: link to a folder {url}"
            );
            let target = resolve(&dest, path, &url).unwrap();
            assert!(target.starts_with(&dest), "{path}: {url} leaves the site");
            assert!(target.is_file(), "{path}: {url} does not resolve to a file");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = example_site();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(tmp.path(), &a).success();
    build(tmp.path(), &b).success();
    let (first, second) = (read_tree(&a), read_tree(&b));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let tmp = example_site();
    let dest = tmp.path().join("out");
    build(tmp.path(), &dest).success();
    let before = read_tree(&dest);
    let page = std::fs::read_dir(tmp.path().join("site/content")).unwrap().next().unwrap().unwrap().path();
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen("status: ", "status: not-a-status-", 1)).unwrap();
    build(tmp.path(), &dest).code(1).stderr(predicates::str::contains("[FB009]"));
    assert_eq!(read_tree(&dest), before);
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no staging folder left behind: {names:?}");
}

/// Every entry under `dir` except those under `skip`; files with size and modification time.
/// (Folder times are left out: the final rename beside the output changes its parent's.)
fn snapshot_except(dir: &Path, skip: &Path) -> BTreeMap<PathBuf, Option<(u64, std::time::SystemTime)>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| !e.path().starts_with(skip))
        .map(Result::unwrap)
        .map(|e| {
            let meta = e.metadata().unwrap();
            let stamp = meta.is_file().then(|| (meta.len(), meta.modified().unwrap()));
            (e.path().to_path_buf(), stamp)
        })
        .collect()
}

#[test]
fn nothing_is_written_outside_the_output_folder() {
    let tmp = example_site();
    let dest = tmp.path().join("nested/out");
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    let before = snapshot_except(tmp.path(), &dest);
    build(tmp.path(), &dest).success();
    build(tmp.path(), &dest).success();
    assert_eq!(snapshot_except(tmp.path(), &dest), before);
}

#[test]
fn output_folder_may_not_overlap_the_site() {
    let tmp = example_site();
    build(tmp.path(), Path::new("site")).code(2).stderr(predicates::str::contains("[FB033]"));
    build(tmp.path(), Path::new("site/content/out")).code(2).stderr(predicates::str::contains("[FB033]"));
    let foreign = tmp.path().join("mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "keep me").unwrap();
    build(tmp.path(), &foreign).code(2).stderr(predicates::str::contains("was not made by faqbook"));
    assert_eq!(std::fs::read_to_string(foreign.join("notes.txt")).unwrap(), "keep me");
}

#[test]
fn verbose_build_gives_each_stage_its_time_cpu_time_and_peak() {
    let tmp = example_site();
    let dest = tmp.path().join("out");
    let output = faqbook()
        .current_dir(tmp.path())
        .args(["--root", "site", "-v", "build", "--dest"])
        .arg(&dest)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stage = regex::Regex::new(r"(?m)^  (\w+): \d+\.\d\ds \(\d+\.\d\ds CPU\), peak \d+ MiB$").unwrap();
    let stages: Vec<&str> = stage.captures_iter(&stdout).map(|c| c.get(1).unwrap().as_str()).collect();
    assert_eq!(stages, ["load", "model", "listings", "pages", "index", "assets", "swap"], "{stdout}");
}
