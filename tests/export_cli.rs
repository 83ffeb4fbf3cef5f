//! `faqbook export` through the real binary on the example site: the zip is byte-identical
//! across runs and walks from `file://` after extraction like the built folder; `--status` and
//! `--service` limit the copy; bad values are usage errors that write nothing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{chromium_or_skip, copy_example_site, faqbook, walk_example_site};
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
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let first = tmp.path().join("first.zip");
    let second = tmp.path().join("out/second.zip");
    faqbook().arg("--root").arg(&site).args(["export", "--zip"]).arg(&first).assert().success();
    faqbook().arg("--root").arg(&site).args(["export", "--zip"]).arg(&second).assert().success();
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap(), "two exports differ");

    let entries = zip_entries(&first);
    let names: Vec<&String> = entries.keys().collect();
    assert!(names.iter().all(|n| n.is_ascii() && !n.contains('\\')), "{names:?}");
    let home = String::from_utf8_lossy(&entries["index.html"]).into_owned();
    assert!(home.contains("FAQ 6 件を収録"), "the home page says how many pages the copy holds");
    assert_eq!(faq_pages(&entries).len(), 6);
    assert!(entries.contains_key("search/meta.js"), "the search index is in the copy");

    let Some(chromium) = chromium_or_skip() else { return };
    let extracted = tmp.path().join("extracted");
    zip::ZipArchive::new(std::fs::File::open(&first).unwrap()).unwrap().extract(&extracted).unwrap();
    walk_example_site(&chromium, &extracted.join("index.html"));
}

#[test]
fn status_and_service_filters_limit_the_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let resolved = tmp.path().join("resolved.zip");
    faqbook()
        .arg("--root")
        .arg(&site)
        .args(["export", "--status", "resolved,escalated", "--zip"])
        .arg(&resolved)
        .assert()
        .success();
    let pages = faq_pages(&zip_entries(&resolved));
    assert_eq!(pages.len(), 4, "the example site has 4 resolved pages and no escalated one");
    assert!(pages.iter().all(|p| p.contains("status status-resolved")));
    assert!(String::from_utf8_lossy(&zip_entries(&resolved)["index.html"]).contains("FAQ 4 件を収録"));

    let account = tmp.path().join("account.zip");
    faqbook()
        .arg("--root")
        .arg(&site)
        .args(["export", "--service", "utokyo-account", "--zip"])
        .arg(&account)
        .assert()
        .success();
    let pages = faq_pages(&zip_entries(&account));
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(|p| p.contains("UTokyo Account")));
}

#[test]
fn bad_filters_and_missing_format_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let out = tmp.path().join("x.zip");
    let run = |args: &[&str]| faqbook().arg("--root").arg(&site).arg("export").args(args).assert().code(2);
    run(&["--status", "solved", "--zip", out.to_str().unwrap()])
        .stderr(predicates::str::contains("unknown status `solved`; expected one of: resolved, escalated"));
    run(&["--service", "zom", "--zip", out.to_str().unwrap()])
        .stderr(predicates::str::contains("unknown service `zom`; known service slugs:"))
        .stderr(predicates::str::contains("utokyo-account"));
    run(&[]).stderr(predicates::str::contains("--zip"));
    assert!(!out.exists(), "nothing is written on a usage error");
}

#[test]
fn both_copies_at_once_and_an_unwritable_path_is_a_located_error() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let (zip, html) = (tmp.path().join("c.zip"), tmp.path().join("c.html"));
    faqbook()
        .arg("--root")
        .arg(&site)
        .args(["export", "--service", "utokyo-account", "--zip"])
        .arg(&zip)
        .arg("--single-file")
        .arg(&html)
        .assert()
        .success()
        .stdout(predicates::str::contains("(3 pages,"));
    assert!(std::fs::read_to_string(&html).unwrap().contains("FAQ 3 件を収録"));
    assert_eq!(faq_pages(&zip_entries(&zip)).len(), 3);

    let folder = tmp.path().join("a-folder");
    std::fs::create_dir_all(&folder).unwrap();
    faqbook()
        .arg("--root")
        .arg(&site)
        .args(["export", "--single-file"])
        .arg(&folder)
        .assert()
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
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(&common::repo_root().join("tests/fixtures/export/english"), &site);
    let out = |name: &str| tmp.path().join(name);
    export(
        &site,
        &[
            "--zip".as_ref(),
            out("both.zip").as_os_str(),
            "--single-file".as_ref(),
            out("both.html").as_os_str(),
        ],
    )
    .success();
    export(&site, &["--zip".as_ref(), out("alone.zip").as_os_str()]).success();
    export(&site, &["--single-file".as_ref(), out("alone.html").as_os_str()]).success();
    assert!(zip_entries(&out("both.zip")) == zip_entries(&out("alone.zip")), "the zips differ");
    assert_eq!(std::fs::read(out("both.zip")).unwrap(), std::fs::read(out("alone.zip")).unwrap());
    let (both, alone) = (std::fs::read(out("both.html")).unwrap(), std::fs::read(out("alone.html")).unwrap());
    assert!(both == alone, "the single files differ");
}

fn export(site: &Path, args: &[&std::ffi::OsStr]) -> assert_cmd::assert::Assert {
    faqbook().arg("--root").arg(site).arg("export").args(args).assert()
}

#[test]
fn export_refuses_site_files_as_targets() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let page = std::fs::read_dir(site.join("content")).unwrap().next().unwrap().unwrap().path();
    for target in [site.join("book.toml"), page.clone(), site.join("content/new.html")] {
        let before = std::fs::read(&target).ok();
        export(&site, &["--single-file".as_ref(), target.as_os_str()])
            .code(1)
            .stderr(predicates::str::contains("[FB033]"));
        assert_eq!(std::fs::read(&target).ok(), before, "{} was changed", target.display());
    }
    faqbook().arg("--root").arg(&site).arg("build").assert().success();
}

#[test]
fn export_refuses_the_same_path_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let target = tmp.path().join("copy.zip");
    export(&site, &["--zip".as_ref(), target.as_os_str(), "--single-file".as_ref(), target.as_os_str()])
        .code(1)
        .stderr(predicates::str::contains("the same path is given for two exports"));
    assert!(!target.exists());
}

#[test]
fn export_warns_on_a_wrong_extension() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let target = tmp.path().join("copy.html");
    export(&site, &["--zip".as_ref(), target.as_os_str()]).success().stderr(
        predicates::str::contains("warning: this export is a .zip file")
            .and(predicates::str::contains("[FB035]")),
    );
    assert!(target.is_file());
}

#[cfg(unix)]
#[test]
fn export_refuses_fifos_and_other_non_regular_targets() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let fifo = tmp.path().join("pipe.zip");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    export(&site, &["--zip".as_ref(), fifo.as_os_str()])
        .code(1)
        .stderr(predicates::str::contains("is not a regular file"));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
}
