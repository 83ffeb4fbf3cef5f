//! `faqbook build` on small fixture sites (tests/fixtures/build/<case>/), one feature or one
//! kind of bad input each, through the real binary. Diagnostics are asserted exactly.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, faqbook, repo_root};

/// A fixture copied into a temp dir as `<tmp>/site`; the build runs from `<tmp>` so paths in
/// diagnostics read `site/...`.
struct Case {
    tmp: tempfile::TempDir,
}

impl Case {
    fn new(name: &str) -> Case {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(&repo_root().join("tests/fixtures/build").join(name), &tmp.path().join("site"));
        Case { tmp }
    }

    fn site(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    fn build(&self) -> assert_cmd::assert::Assert {
        faqbook().current_dir(self.tmp.path()).args(["--root", "site", "build"]).assert()
    }

    fn output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.site().join("public").join(rel)).unwrap()
    }

    /// Entries of the site folder: a failed build must not leave anything behind.
    fn site_entries(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.site())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Builds a fixture that must fail; asserts the exit code, that stderr has exactly `line`
/// among its diagnostics, and that no output (or leftover staging folder) was written.
fn assert_fails(name: &str, code: i32, line: &str) {
    let case = Case::new(name);
    let before = case.site_entries();
    let assert = case.build().code(code);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.lines().any(|l| l == line), "expected line:\n{line}\nin stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(case.site_entries(), before, "a failed build writes nothing");
}

#[test]
fn malformed_yaml() {
    assert_fails(
        "malformed-yaml",
        1,
        "site/content/bad.md:4:7: error: front matter is not valid YAML: did not find expected ',' or ']' [FB005]",
    );
}

#[test]
fn unknown_status() {
    assert_fails(
        "unknown-status",
        1,
        "site/content/bad.md:4:1: error: unknown status `done`: use resolved, escalated, unresolved or unknown [FB009]",
    );
}

#[test]
fn missing_title() {
    assert_fails(
        "missing-title",
        1,
        "site/content/bad.md:1:1: error: missing required front-matter key `title` [FB007]",
    );
}

#[test]
fn duplicate_ids() {
    assert_fails(
        "duplicate-ids",
        1,
        "site/content/b.md:2:1: error: id `a` is also used by site/content/a.md [FB012]",
    );
}

#[test]
fn dotdot_in_id() {
    assert_fails(
        "dotdot-id",
        1,
        "site/content/bad.md:2:1: error: id `../../etc/passwd` must be 1-100 characters of a-z, 0-9, `-` or `_` (it becomes a file name) [FB011]",
    );
}

#[test]
fn absolute_path_as_id() {
    assert_fails(
        "absolute-id",
        1,
        "site/content/bad.md:2:1: error: id `/tmp/evil` must be 1-100 characters of a-z, 0-9, `-` or `_` (it becomes a file name) [FB011]",
    );
}

#[test]
fn dotdot_in_service_slug_is_a_config_error() {
    assert_fails(
        "dotdot-slug",
        2,
        "site/book.toml:3:8: error: service slug `../zoom` must be 1-100 characters of a-z, 0-9, `-` or `_` [FB902]",
    );
}

#[test]
fn binary_page() {
    assert_fails(
        "binary-page",
        1,
        "site/content/bad.md:2:9: error: binary file (contains a NUL byte); pages must be UTF-8 text [FB002]",
    );
}

#[test]
fn non_utf8_page() {
    assert_fails(
        "non-utf8-page",
        1,
        "site/content/bad.md:2:8: error: not valid UTF-8; save the page as UTF-8 (faqbook import converts other encodings) [FB002]",
    );
}

#[test]
fn empty_page() {
    assert_fails(
        "empty-page",
        1,
        "site/content/empty.md:1:1: error: empty page: it needs front matter and a body [FB003]",
    );
}

#[test]
fn unknown_config_key() {
    assert_fails(
        "unknown-config-key",
        2,
        "site/book.toml:9:1: error: unknown field `base-uri`, expected `base-url` or `feedback-url` [FB901]",
    );
}

#[test]
fn broken_link() {
    assert_fails(
        "broken-link",
        1,
        "site/content/a.md:8:5: error: link to a page that does not exist: `missing.md` (looked for content/missing.md) [FB020]",
    );
}

#[test]
fn missing_image() {
    assert_fails(
        "missing-image",
        1,
        "site/content/a.md:8:1: error: image not found: `img/screen.png` (looked for content/img/screen.png) [FB022]",
    );
}

#[test]
fn template_rendering_error_names_template_and_line() {
    assert_fails(
        "template-error",
        1,
        "site/themes/default/templates/faq.html:3:16: error: template `faq.html`: Unknown filter `no_such_filter` [FB030]",
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    assert_fails(
        "template-syntax",
        1,
        "site/themes/default/templates/404.html:2:7: error: template `404.html`: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(` [FB030]",
    );
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_content_folder() {
    let case = Case::new("symlink-outside");
    let outside = case.tmp.path().join("secret.md");
    std::fs::write(&outside, "---\ntitle: secret\nservice: Zoom\nstatus: resolved\n---\nsecret\n").unwrap();
    std::os::unix::fs::symlink(&outside, case.site().join("content/evil.md")).unwrap();
    let assert = case.build().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let expected = format!(
        "site/content/evil.md:1:1: error: symlink points outside the content folder (to {}) [FB015]",
        outside.canonicalize().unwrap().display()
    );
    assert!(stderr.lines().any(|l| l == expected), "{stderr}");
    assert!(!case.site().join("public").exists());
}

#[test]
fn script_in_title_tag_and_body_is_escaped() {
    let case = Case::new("script-injection");
    let assert = case.build().success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
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
    let case = Case::new("allow-html");
    case.build().success();
    assert!(case.output("faq/a.html").contains("<details><summary>More</summary>"));
}

#[test]
fn sitemap_and_feed_only_with_base_url() {
    let case = Case::new("base-url");
    case.build().success();
    let sitemap = case.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://faq.example.org/help/faq/a.html</loc>"), "{sitemap}");
    let atom = case.output("atom.xml");
    assert!(atom.contains("<id>https://faq.example.org/help/faq/a.html</id>"), "{atom}");
    assert!(atom.contains("<updated>2025-01-01T00:00:00Z</updated>"), "{atom}");
    let not_found = case.output("404.html");
    assert!(not_found.contains("href=\"https://faq.example.org/help/static/style.css\""), "{not_found}");

    let without = Case::new("english");
    without.build().success();
    assert!(!without.site().join("public/sitemap.xml").exists());
    assert!(!without.site().join("public/atom.xml").exists());
}

#[test]
fn english_ui() {
    let case = Case::new("english");
    case.build().success();
    let index = case.output("index.html");
    assert!(index.contains("<html lang=\"en\">"), "{index}");
    assert!(index.contains("Skip to content") && index.contains("Recently added"), "{index}");
}

#[test]
fn theme_files_override_one_by_one() {
    let case = Case::new("theme-override");
    case.build().success();
    assert_eq!(case.output("static/style.css"), "body { background: rebeccapurple; }\n");
    let page = case.output("faq/a.html");
    assert!(page.contains("Custom footer for Fixture theme-override"), "{page}");
    assert!(page.contains("class=\"skip-link\""), "base.html stays built in");
}

#[test]
fn a_site_without_book_toml_builds() {
    let case = Case::new("no-config");
    case.build().success().stdout(predicates::str::contains("built 1 pages"));
    assert!(case.site().join("public/services/whatever-service.html").is_file());
}

#[test]
fn rich_page_features_render() {
    let case = Case::new("rich-page");
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
    let case = Case::new("english");
    let out = case.build().success().get_output().stdout.clone();
    let text = String::from_utf8_lossy(&out);
    let expected = Path::new("site").join("public").join("index.html");
    assert!(text.lines().any(|l| l == format!("open {}", expected.display())), "{text}");
}

#[test]
fn huge_page_is_refused() {
    let case = Case::new("english");
    let mut text = String::from("---\ntitle: huge\nservice: Zoom\nstatus: resolved\n---\n");
    text.push_str(&"あいうえお\n".repeat(700_000));
    std::fs::write(case.site().join("content/huge.md"), text).unwrap();
    let assert = case.build().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("site/content/huge.md:1:1: error: page is ") && l.ends_with("[FB016]")),
        "{stderr}"
    );
}

#[test]
fn unreviewed_pages_can_be_left_out() {
    let case = Case::new("rich-page");
    let toml = std::fs::read_to_string(case.site().join("book.toml")).unwrap();
    std::fs::write(case.site().join("book.toml"), format!("{toml}\n[build]\ninclude-unreviewed = false\n"))
        .unwrap();
    // The reviewed page links to the unreviewed one, which is no longer published.
    let assert = case.build().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("site/content/guide/setup.md:32:6: error: link to a page that does not exist"),
        "{stderr}"
    );
    std::fs::write(
        case.site().join("content/guide/setup.md"),
        std::fs::read_to_string(case.site().join("content/guide/setup.md"))
            .unwrap()
            .replace("../other.md#対応", "#対応"),
    )
    .unwrap();
    case.build().success();
    assert!(case.site().join("public/faq/mfa-setup.html").is_file());
    assert!(!case.site().join("public/faq/other-page.html").exists(), "unreviewed page left out");
}

#[test]
fn template_and_page_errors_are_reported_together() {
    let case = Case::new("template-syntax");
    std::fs::write(case.site().join("content/bad.md"), "---\ntitle: x\nservice: Zoom\nstatus: done\n---\n")
        .unwrap();
    let assert = case.build().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("[FB030]") && stderr.contains("site/content/bad.md:4:1: error: unknown status"),
        "{stderr}"
    );
}
