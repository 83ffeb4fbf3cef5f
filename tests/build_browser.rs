//! A real browser on the built example site, opened from disk (`file://`): home → service →
//! FAQ → tag → status and back home, each page loading with its title. Headless Chromium dumps
//! each page's DOM; the walk follows hrefs found in that DOM, as a reader's clicks would.

mod common;

use common::{chromium_or_skip, copy_example_site, faqbook, walk_example_site};

#[test]
fn walk_the_site_from_disk() {
    let Some(chromium) = chromium_or_skip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_example_site(tmp.path());
    let dest = tmp.path().join("out");
    faqbook().arg("--root").arg(&site).arg("build").arg("--dest").arg(&dest).assert().success();

    walk_example_site(&chromium, &dest.join("index.html"));
}
