//! Golden output: the HTML of one FAQ page of the rich-page fixture (tables, task list,
//! footnote, highlighted code, image, links rewritten to `.html`, Japanese heading anchors).
//! Re-bless with `INSTA_UPDATE=always cargo test --test build_snapshot` after a reviewed change.

mod common;

use common::site_test::SiteTest;

#[test]
fn faq_page_html() {
    let site = SiteTest::fixture("build/rich-page");
    site.build().success();
    let html = site.output("faq/mfa-setup.html");
    insta::assert_snapshot!("faq_page_html", html);
}
