//! Names and paths an adversarial run tried (issue 16): Windows device names and case-only
//! twins among assets and ids, and a `--dest` symlinked into `content/`. Each is refused with
//! its code before anything is written.

mod common;

use common::{copy_example_site, faqbook};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

#[test]
fn windows_reserved_asset_names_and_case_twins_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    std::fs::write(site.join("content/aux.png"), "x").unwrap();
    std::fs::write(site.join("content/Logo.png"), "x").unwrap();
    std::fs::write(site.join("content/logo.png"), "x").unwrap();
    faqbook()
        .arg("--root")
        .arg(&site)
        .arg("build")
        .assert()
        .code(1)
        .stderr(contains("content/aux.png").and(contains("[FB018]")))
        .stderr(contains("only in case"));
    assert!(!site.join("public").exists());
}

#[test]
fn windows_reserved_id_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let page = "---\nid: con\ntitle: t\nservice: Other\nstatus: resolved\n---\n## 問い合わせ\n\nx\n";
    std::fs::write(site.join("content/con.md"), page).unwrap();
    faqbook()
        .arg("--root")
        .arg(&site)
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("content/con.md:2:1").and(contains("[FB011]")));
}

#[cfg(unix)]
#[test]
fn build_dest_through_a_symlink_is_canonicalised() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let link = tmp.path().join("out");
    std::os::unix::fs::symlink(site.join("content"), &link).unwrap();
    faqbook()
        .arg("--root")
        .arg(&site)
        .args(["build", "--dest"])
        .arg(link.join("public"))
        .assert()
        .code(2)
        .stderr(contains("[FB033]"));
    assert!(!site.join("content/public").exists(), "nothing was written inside content/");
}
