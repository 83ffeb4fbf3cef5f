//! `faqbook build` on small fixture sites (tests/fixtures/build/<case>/, and the bad-input sites
//! of tests/fixtures/check/ that `check` is tested on too), one feature or one
//! kind of bad input each, through the real binary. Diagnostics are asserted exactly.

mod common;

use std::path::Path;

use common::site_test::{SiteTest, assert_has_line, stderr_of};

/// Builds a fixture that must fail; asserts the exit code, that stderr has exactly `line`
/// among its diagnostics, and that no output (or leftover staging folder) was written.
fn assert_fails(name: &str, code: i32, line: &str) {
    let case = SiteTest::fixture(name);
    let before = case.site_entries();
    let assert = case.build().code(code);
    assert_has_line(&stderr_of(&assert), line);
    assert_eq!(case.site_entries(), before, "a failed build writes nothing");
}

#[test]
fn malformed_yaml() {
    assert_fails(
        "check/yaml-syntax",
        1,
        "site/content/faq.md:6:7: error: front matter is not valid YAML: did not find expected ',' or ']' [FB005]",
    );
}

#[test]
fn unknown_status() {
    assert_fails(
        "check/unknown-status",
        1,
        "site/content/faq.md:6:1: error: unknown status `done`: use resolved, escalated, unresolved or unknown [FB009]",
    );
}

#[test]
fn missing_title() {
    assert_fails(
        "build/missing-title",
        1,
        "site/content/bad.md:1:1: error: missing required front-matter key `title` [FB007]",
    );
}

#[test]
fn duplicate_ids() {
    assert_fails(
        "check/duplicate-id",
        1,
        "site/content/b.md:2:1: error: id `utokyo-account-0001` is also used by site/content/a.md [FB012]",
    );
}

#[test]
fn dotdot_in_id() {
    assert_fails(
        "build/dotdot-id",
        1,
        "site/content/bad.md:2:1: error: id `../../etc/passwd` must be 1-100 characters of a-z, 0-9, `-` or `_` (it becomes a file name) [FB011]",
    );
}

#[test]
fn absolute_path_as_id() {
    assert_fails(
        "build/absolute-id",
        1,
        "site/content/bad.md:2:1: error: id `/tmp/evil` must be 1-100 characters of a-z, 0-9, `-` or `_` (it becomes a file name) [FB011]",
    );
}

#[test]
fn dotdot_in_service_slug_is_a_config_error() {
    assert_fails(
        "build/dotdot-slug",
        2,
        "site/book.toml:3:8: error: service slug `../zoom` must be 1-100 characters of a-z, 0-9, `-` or `_` [FB902]",
    );
}

#[test]
fn binary_page() {
    assert_fails(
        "check/binary",
        1,
        "site/content/faq.md:18:1: error: binary file (contains a NUL byte); pages must be UTF-8 text [FB002]",
    );
}

#[test]
fn non_utf8_page() {
    assert_fails(
        "check/not-utf8",
        1,
        "site/content/faq.md:17:4: error: not valid UTF-8; save the page as UTF-8 (faqbook import converts other encodings) [FB002]",
    );
}

#[test]
fn empty_page() {
    assert_fails(
        "check/empty-file",
        1,
        "site/content/faq.md:1:1: error: empty page: it needs front matter and a body [FB003]",
    );
}

#[test]
fn unknown_config_key() {
    assert_fails(
        "build/unknown-config-key",
        2,
        "site/book.toml:9:1: error: unknown field `base-uri`, expected `base-url` or `feedback-url` [FB901]",
    );
}

#[test]
fn broken_link() {
    assert_fails(
        "check/broken-link",
        1,
        "site/content/faq.md:17:27: error: link to a page that does not exist: `setup.md` (looked for content/setup.md) [FB020]",
    );
}

#[test]
fn missing_image() {
    assert_fails(
        "check/missing-image",
        1,
        "site/content/faq.md:19:1: error: image not found: `img/settings.png` (looked for content/img/settings.png) [FB022]",
    );
}

#[test]
fn template_rendering_error_names_template_and_line() {
    assert_fails(
        "build/template-error",
        1,
        "site/themes/default/templates/faq.html:3:16: error: template `faq.html`: Unknown filter `no_such_filter` [FB030]",
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    assert_fails(
        "check/template-syntax",
        1,
        "site/themes/default/templates/404.html:3:7: error: template `404.html`: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(` [FB030]",
    );
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_content_folder() {
    let case = SiteTest::fixture("build/symlink-outside");
    let outside = case.dir().join("secret.md");
    std::fs::write(&outside, "---\ntitle: secret\nservice: Zoom\nstatus: resolved\n---\nsecret\n").unwrap();
    std::os::unix::fs::symlink(&outside, case.site().join("content/evil.md")).unwrap();
    let assert = case.build().code(1);
    let stderr = stderr_of(&assert);
    let expected = format!(
        "site/content/evil.md:1:1: error: symlink points outside the content folder (to {}) [FB015]",
        outside.canonicalize().unwrap().display()
    );
    assert!(stderr.lines().any(|l| l == expected), "{stderr}");
    assert!(!case.site().join("public").exists());
}

#[test]
fn script_in_title_tag_and_body_is_escaped() {
    let case = SiteTest::fixture("build/script-injection");
    let assert = case.build().success();
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains(
            "site/content/xss.md:11:54: warning: `javascript:` links are removed unless [build] allow-html = true [FB023]"
        ),
        "{stderr}"
    );
    let tree = common::read_tree(&case.site().join("public"));
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(!html.contains("<script>alert"), "{path} has a live script");
        assert!(!html.contains("<img src=x"), "{path} has a live img");
        assert!(!html.contains("javascript:"), "{path} has a javascript: link");
    }
    let faq = case.output("faq/xss.html");
    assert!(
        faq.contains("<h1 id=\"faq-title\">&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;</h1>"),
        "{faq}"
    );
    assert!(faq.contains("&lt;script&gt;alert(&quot;body&quot;)"), "{faq}");
    assert!(tree.keys().all(|p| p.is_ascii()), "output paths are ASCII: {:?}", tree.keys());
}

#[test]
fn allow_html_lets_raw_html_through() {
    let case = SiteTest::fixture("build/allow-html");
    case.build().success();
    assert!(case.output("faq/a.html").contains("<details><summary>More</summary>"));
}

#[test]
fn sitemap_and_feed_only_with_base_url() {
    let case = SiteTest::fixture("build/base-url");
    case.build().success();
    let sitemap = case.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://faq.example.org/help/faq/a.html</loc>"), "{sitemap}");
    let atom = case.output("atom.xml");
    assert!(atom.contains("<id>https://faq.example.org/help/faq/a.html</id>"), "{atom}");
    assert!(atom.contains("<updated>2025-01-01T00:00:00Z</updated>"), "{atom}");
    let not_found = case.output("404.html");
    assert!(not_found.contains("href=\"https://faq.example.org/help/static/style.css\""), "{not_found}");

    let without = SiteTest::fixture("build/english");
    without.build().success();
    assert!(!without.site().join("public/sitemap.xml").exists());
    assert!(!without.site().join("public/atom.xml").exists());
}

#[test]
fn english_ui() {
    let case = SiteTest::fixture("build/english");
    case.build().success();
    let index = case.output("index.html");
    assert!(index.contains("<html lang=\"en\">"), "{index}");
    assert!(index.contains("Skip to content") && index.contains("Recently added"), "{index}");
}

#[test]
fn theme_files_override_one_by_one() {
    let case = SiteTest::fixture("build/theme-override");
    case.build().success();
    assert_eq!(case.output("static/style.css"), "body { background: rebeccapurple; }\n");
    let page = case.output("faq/a.html");
    assert!(page.contains("Custom footer for Fixture theme-override"), "{page}");
    assert!(page.contains("class=\"skip-link\""), "base.html stays built in");
}

#[test]
fn a_site_without_book_toml_builds() {
    let case = SiteTest::fixture("build/no-config");
    case.build().success().stdout(predicates::str::contains("built 1 pages"));
    assert!(case.site().join("public/services/whatever-service.html").is_file());
}

#[test]
fn rich_page_features_render() {
    let case = SiteTest::fixture("build/rich-page");
    case.build().success();
    let page = case.output("faq/mfa-setup.html");
    for needle in [
        "<table>",
        "<del>SMS</del>",
        "type=\"checkbox\"",
        "class=\"footnote-definition\"",
        "hl-",
        "src=\"../assets/guide/img/screen.png\"",
        "href=\"other-page.html#",
    ] {
        assert!(page.contains(needle), "missing {needle}");
    }
    assert!(case.site().join("public/assets/guide/img/screen.png").is_file());
    assert!(!page.contains("class=\"unreviewed-note\""), "reviewed pages have no mark");
    assert!(case.output("faq/other-page.html").contains("class=\"unreviewed-note\""));
}

#[test]
fn stdout_says_what_to_open() {
    let case = SiteTest::fixture("build/english");
    let out = case.build().success().get_output().stdout.clone();
    let text = String::from_utf8_lossy(&out);
    let expected = Path::new("site").join("public").join("index.html");
    assert!(text.lines().any(|l| l == format!("open {}", expected.display())), "{text}");
}

#[test]
fn huge_page_is_refused() {
    let case = SiteTest::fixture("build/english");
    let mut text = String::from("---\ntitle: huge\nservice: Zoom\nstatus: resolved\n---\n");
    text.push_str(&"あいうえお\n".repeat(700_000));
    case.write("content/huge.md", text);
    let assert = case.build().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("site/content/huge.md:1:1: error: page is ") && l.ends_with("[FB016]")),
        "{stderr}"
    );
}

#[test]
fn unreviewed_pages_can_be_left_out() {
    let case = SiteTest::fixture("build/rich-page");
    case.write("book.toml", format!("{}\n[build]\ninclude-unreviewed = false\n", case.read("book.toml")));
    // The reviewed page links to the unreviewed one, which is no longer published.
    let assert = case.build().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("site/content/guide/setup.md:32:6: error: link to a page that does not exist"),
        "{stderr}"
    );
    case.write(
        "content/guide/setup.md",
        case.read("content/guide/setup.md").replace("../other.md#対応", "#対応"),
    );
    case.build().success();
    assert!(case.site().join("public/faq/mfa-setup.html").is_file());
    assert!(!case.site().join("public/faq/other-page.html").exists(), "unreviewed page left out");
}

#[test]
fn template_and_page_errors_are_reported_together() {
    let case = SiteTest::fixture("check/template-syntax");
    case.write("content/bad.md", "---\ntitle: x\nservice: Zoom\nstatus: done\n---\n");
    let assert = case.build().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("[FB030]") && stderr.contains("site/content/bad.md:4:1: error: unknown status"),
        "{stderr}"
    );
}
