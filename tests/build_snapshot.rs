//! Golden output: the HTML of one FAQ page of the rich-page fixture (tables, task list,
//! footnote, highlighted code, image, links rewritten to `.html`, Japanese heading anchors).
//! Re-bless with `INSTA_UPDATE=always cargo test --test build_snapshot` after a reviewed change.

mod common;

use common::{copy_dir, faqbook, repo_root};

#[test]
fn faq_page_html() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("tests/fixtures/build/rich-page"), &tmp.path().join("site"));
    faqbook().current_dir(tmp.path()).args(["--root", "site", "build"]).assert().success();
    let html = std::fs::read_to_string(tmp.path().join("site/public/faq/mfa-setup.html")).unwrap();
    insta::assert_snapshot!("faq_page_html", html);
}
