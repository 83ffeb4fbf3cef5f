//! `faqbook export` through the real binary on the example site: the zip is byte-identical
//! across runs and walks from `file://` after extraction like the built folder; `--status` and
//! `--service` limit the copy; bad values are usage errors that write nothing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::site_test::SiteTest;
use common::{chromium_or_skip, walk_example_site};
use predicates::prelude::PredicateBooleanExt;

/// Every entry of the zip at `path`: name → bytes.
fn zip_entries(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn faq_pages(entries: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    entries
        .iter()
        .filter(|(n, _)| n.starts_with("faq/"))
        .map(|(_, b)| String::from_utf8_lossy(b).into())
        .collect()
}

#[test]
fn zip_is_deterministic_and_walks_from_disk_after_extraction() {
    let site = SiteTest::example();
    site.run(["export", "--zip", "first.zip"]).success();
    site.run(["export", "--zip", "out/second.zip"]).success();
    let (first, second) = (site.beside("first.zip"), site.beside("out/second.zip"));
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap(), "two exports differ");

    let entries = zip_entries(&first);
    let names: Vec<&String> = entries.keys().collect();
    assert!(names.iter().all(|n| n.is_ascii() && !n.contains('\\')), "{names:?}");
    let home = String::from_utf8_lossy(&entries["index.html"]).into_owned();
    assert!(home.contains("FAQ 6 件を収録"), "the home page says how many pages the copy holds");
    assert_eq!(faq_pages(&entries).len(), 6);
    assert!(entries.contains_key("search/meta.js"), "the search index is in the copy");

    let Some(chromium) = chromium_or_skip() else { return };
    let extracted = site.beside("extracted");
    zip::ZipArchive::new(std::fs::File::open(&first).unwrap()).unwrap().extract(&extracted).unwrap();
    walk_example_site(&chromium, &extracted.join("index.html"));
}

#[test]
fn status_and_service_filters_limit_the_copy() {
    let site = SiteTest::example();
    site.run(["export", "--status", "resolved,escalated", "--zip", "resolved.zip"]).success();
    let resolved = site.beside("resolved.zip");
    let pages = faq_pages(&zip_entries(&resolved));
    assert_eq!(pages.len(), 4, "the example site has 4 resolved pages and no escalated one");
    assert!(pages.iter().all(|p| p.contains("status status-resolved")));
    assert!(String::from_utf8_lossy(&zip_entries(&resolved)["index.html"]).contains("FAQ 4 件を収録"));

    site.run(["export", "--service", "utokyo-account", "--zip", "account.zip"]).success();
    let pages = faq_pages(&zip_entries(&site.beside("account.zip")));
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(|p| p.contains("UTokyo Account")));
}

#[test]
fn bad_filters_and_missing_format_are_usage_errors() {
    let site = SiteTest::example();
    let run = |args: &[&str]| site.run(["export"].iter().chain(args)).code(2);
    run(&["--status", "solved", "--zip", "x.zip"])
        .stderr(predicates::str::contains("unknown status `solved`; expected one of: resolved, escalated"));
    run(&["--service", "zom", "--zip", "x.zip"])
        .stderr(predicates::str::contains("unknown service `zom`; known service slugs:"))
        .stderr(predicates::str::contains("utokyo-account"));
    run(&[]).stderr(predicates::str::contains("--zip"));
    assert!(!site.beside("x.zip").exists(), "nothing is written on a usage error");
}

#[test]
fn both_copies_at_once_and_an_unwritable_path_is_a_located_error() {
    let site = SiteTest::example();
    let (zip, html) = (site.beside("c.zip"), site.beside("c.html"));
    site.run(["export", "--service", "utokyo-account", "--zip", "c.zip", "--single-file", "c.html"])
        .success()
        .stdout(predicates::str::contains("(3 pages,"));
    assert!(std::fs::read_to_string(&html).unwrap().contains("FAQ 3 件を収録"));
    assert_eq!(faq_pages(&zip_entries(&zip)).len(), 3);

    let folder = site.beside("a-folder");
    std::fs::create_dir_all(&folder).unwrap();
    site.run(["export".as_ref(), "--single-file".as_ref(), folder.as_os_str()])
        .code(1)
        .stderr(predicates::str::contains(format!("{}:", folder.display())))
        .stderr(predicates::str::contains("is not a regular file"));
}

/// One command writing both copies shares the bodies and the search index between the two
/// renders: each copy must still be byte for byte what it is when exported alone, on a site
/// whose bodies hold a relative link (rendered again per link style), an in-page anchor, an
/// absolute URL and an image.
#[test]
fn both_copies_at_once_are_each_the_copy_made_alone() {
    let site = SiteTest::fixture("export/english");
    site.run(["export", "--zip", "both.zip", "--single-file", "both.html"]).success();
    site.run(["export", "--zip", "alone.zip"]).success();
    site.run(["export", "--single-file", "alone.html"]).success();
    let out = |name: &str| site.beside(name);
    assert!(zip_entries(&out("both.zip")) == zip_entries(&out("alone.zip")), "the zips differ");
    assert_eq!(std::fs::read(out("both.zip")).unwrap(), std::fs::read(out("alone.zip")).unwrap());
    let (both, alone) = (std::fs::read(out("both.html")).unwrap(), std::fs::read(out("alone.html")).unwrap());
    assert!(both == alone, "the single files differ");
}

#[test]
fn export_refuses_site_files_as_targets() {
    let site = SiteTest::example();
    let page = std::fs::read_dir(site.site().join("content")).unwrap().next().unwrap().unwrap().path();
    for target in [site.site().join("book.toml"), page.clone(), site.site().join("content/new.html")] {
        let before = std::fs::read(&target).ok();
        site.run(["export".as_ref(), "--single-file".as_ref(), target.as_os_str()])
            .code(1)
            .stderr(predicates::str::contains("[FB033]"));
        assert_eq!(std::fs::read(&target).ok(), before, "{} was changed", target.display());
    }
    site.build().success();
}

#[test]
fn export_refuses_the_same_path_twice() {
    let site = SiteTest::example();
    let target = site.beside("copy.zip");
    site.run(["export", "--zip", "copy.zip", "--single-file", "copy.zip"])
        .code(1)
        .stderr(predicates::str::contains("the same path is given for two exports"));
    assert!(!target.exists());
}

#[test]
fn export_warns_on_a_wrong_extension() {
    let site = SiteTest::example();
    let target = site.beside("copy.html");
    site.run(["export", "--zip", "copy.html"]).success().stderr(
        predicates::str::contains("warning: this export is a .zip file")
            .and(predicates::str::contains("[FB035]")),
    );
    assert!(target.is_file());
}

#[cfg(unix)]
#[test]
fn export_refuses_fifos_and_other_non_regular_targets() {
    let site = SiteTest::example();
    let fifo = site.beside("pipe.zip");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    site.run(["export", "--zip", "pipe.zip"])
        .code(1)
        .stderr(predicates::str::contains("is not a regular file"));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
}
