//! Names and paths an adversarial run tried (issue 16): Windows device names and case-only
//! twins among assets and ids, and a `--dest` symlinked into `content/`. Each is refused with
//! its code before anything is written.

mod common;

use common::assert_clean_outputs;

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

#[test]
fn control_bytes_in_pages_reach_no_output_and_no_raw_terminal_line() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let toml = std::fs::read_to_string(site.join("book.toml"))
        .unwrap()
        .replace("base-url = \"\"", "base-url = \"https://faq.example.org\"");
    std::fs::write(site.join("book.toml"), toml).unwrap();
    let page = "---\nid: esc\ntitle: \"\u{1b}[31mVPN\u{1b}[0m \u{1b}]0;owned\u{7}title\"\nservice: Other\nstatus: resolved\ndate: 2026-01-01\ntags: [\"\u{1b}[2Jtag\"]\n---\n## 問い合わせ\n\nbody \u{8}with\u{1b}[2J controls\n";
    std::fs::write(site.join("content/esc.md"), page).unwrap();
    std::fs::write(site.join("content/bad\u{1b}]0;x\u{7}\nfake.md:1:1: error: x.md"), "---\n").unwrap();
    let out = faqbook().arg("--root").arg(&site).arg("check").assert().code(1).get_output().clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}'), "{stdout}");
    assert!(
        !stdout.lines().any(|l| l.starts_with("fake.md")),
        "a file name faked a diagnostic line: {stdout}"
    );
    std::fs::remove_file(site.join("content/bad\u{1b}]0;x\u{7}\nfake.md:1:1: error: x.md")).unwrap();
    faqbook().arg("--root").arg(&site).arg("build").assert().success();
    assert!(site.join("public/atom.xml").is_file());
    assert_clean_outputs(&site.join("public"));
}
